package reading

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"

	"github.com/margin-reader/margin/internal/binenc"
)

// snapshotMagic starts every snapshot; its last byte is the layout's
// version, changed whenever the layout does.
const snapshotMagic = "margin snapshot\x05"

// snapshot is a fully loaded reading in four parts, each in a plain layout
// (see package binenc and the enc and dec functions below): decoding it
// takes no reflection, which encoding/gob, used before, spent most of its
// time on. The text is decoded at once; the glossary, the notes and the
// prep stay encoded until first use, as Load would parse them then, so that
// a command which needs only the text (margin toc) pays for nothing else.
// On disk the parts follow snapshotMagic, each preceded by its length as a
// uvarint; decoding slices them out of the data without copying.
type snapshot struct {
	Text     []byte // snapText
	Glossary []byte // []*Entry
	Notes    []byte // []*Note
	Prep     []byte // []Prep, in section order so that encoding is deterministic
}

func (s *snapshot) parts() []*[]byte { return []*[]byte{&s.Text, &s.Glossary, &s.Notes, &s.Prep} }

func (s *snapshot) encode() []byte {
	out := []byte(snapshotMagic)
	for _, p := range s.parts() {
		out = binary.AppendUvarint(out, uint64(len(*p)))
		out = append(out, *p...)
	}
	return out
}

func (s *snapshot) decode(data []byte) error {
	rest, ok := bytes.CutPrefix(data, []byte(snapshotMagic))
	if !ok {
		return errors.New("decoding the snapshot: not a snapshot of this version")
	}
	for _, p := range s.parts() {
		n, size := binary.Uvarint(rest)
		if size <= 0 || n > uint64(len(rest)-size) {
			return errors.New("decoding the snapshot: truncated")
		}
		rest = rest[size:]
		*p, rest = rest[:n:n], rest[n:]
	}
	if len(rest) != 0 {
		return errors.New("decoding the snapshot: trailing data")
	}
	return nil
}

type snapText struct {
	Meta     Meta
	Sections []snapSection
	Endnotes []Endnote
}

type snapSection struct {
	Number, Slug, Title, File string
	Paragraphs                []Paragraph // Plain and Refs included: deriving them again took longer than reading them
}

// Snapshot loads everything in rd (glossary, notes, prep) and encodes it, so
// that a later FromSnapshot skips parsing YAML and resolving anchors. margin
// embeds a snapshot of its built-in reading to start quickly; a test keeps it
// in step with the content files.
func Snapshot(rd *Reading) ([]byte, error) {
	glossary, err := rd.Glossary()
	if err != nil {
		return nil, err
	}
	notes, err := rd.Notes()
	if err != nil {
		return nil, err
	}
	if _, _, err := rd.Prep(""); err != nil {
		return nil, err
	}
	text := snapText{Meta: rd.Meta, Endnotes: rd.Endnotes}
	var prep []Prep
	for _, sec := range rd.Sections {
		if p, ok := rd.prep[sec.Number]; ok {
			prep = append(prep, p)
		}
		ss := snapSection{Number: sec.Number, Slug: sec.Slug, Title: sec.Title, File: sec.File}
		ss.Paragraphs = sec.Paragraphs
		text.Sections = append(text.Sections, ss)
	}
	var s snapshot
	s.Text = encode(func(w *binenc.Writer) { encText(w, text) })
	s.Glossary = encode(func(w *binenc.Writer) { encEntries(w, glossary) })
	s.Notes = encode(func(w *binenc.Writer) { encNotes(w, notes) })
	s.Prep = encode(func(w *binenc.Writer) { encPreps(w, prep) })
	return s.encode(), nil
}

func encode(f func(*binenc.Writer)) []byte {
	var w binenc.Writer
	f(&w)
	return w.Buf
}

// decode decodes one part of a snapshot with f.
func decode[T any](data []byte, f func(*binenc.Reader) T) (T, error) {
	r := binenc.NewReader(data)
	v := f(r)
	if err := r.Done(); err != nil {
		var zero T
		return zero, fmt.Errorf("decoding the snapshot: %w", err)
	}
	return v, nil
}

// FromSnapshot decodes a reading encoded by Snapshot. fsys is the reading's
// file system, kept for anything the snapshot does not hold. The glossary,
// the notes and the prep are decoded when first asked for.
func FromSnapshot(data []byte, fsys fs.FS) (*Reading, error) {
	var s snapshot
	if err := s.decode(data); err != nil {
		return nil, err
	}
	text, err := decode(s.Text, decText)
	if err != nil {
		return nil, err
	}
	r := &Reading{Meta: text.Meta, Endnotes: text.Endnotes, fsys: fsys, byNumber: map[string]*Section{}, snap: &s}
	for _, ss := range text.Sections {
		sec := &Section{Number: ss.Number, Slug: ss.Slug, Title: ss.Title, File: ss.File}
		sec.Paragraphs = ss.Paragraphs
		r.Sections = append(r.Sections, sec)
		r.byNumber[sec.Number] = sec
	}
	return r, nil
}

// snapGlossary, snapNotes and snapPrep decode the snapshot's lazy parts.
func (r *Reading) snapGlossary() ([]*Entry, error) { return decode(r.snap.Glossary, decEntries) }

func (r *Reading) snapNotes() ([]*Note, error) { return decode(r.snap.Notes, decNotes) }

func (r *Reading) snapPrep() (map[string]Prep, error) {
	list, err := decode(r.snap.Prep, decPreps)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, nil
	}
	m := make(map[string]Prep, len(list))
	for _, p := range list {
		m[p.Section] = p
	}
	return m, nil
}
