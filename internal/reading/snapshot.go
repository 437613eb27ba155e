package reading

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/margin-reader/margin/internal/binenc"
)

// snapshotMagic starts every snapshot; its last byte is the layout's
// version, changed whenever the layout does.
const snapshotMagic = "margin snapshot\x07"

// snapshot is a fully loaded reading in four parts, each in a plain layout
// (see package binenc and the enc and dec functions below): decoding it
// takes no reflection, which encoding/gob, used before, spent most of its
// time on. The text is decoded at once; the glossary, the notes and the
// prep stay encoded until first use, as Load would parse them then, so that
// a command which needs only the text (margin toc) pays for nothing else.
// On disk the parts follow snapshotMagic, each preceded by its length as a
// uvarint; decoding slices them out of the data without copying.
type snapshot struct {
	Text     string // snapText
	Glossary string // []*Entry
	Notes    string // []*Note
	Prep     string // []Prep, in section order so that encoding is deterministic
}

func (s *snapshot) parts() []*string { return []*string{&s.Text, &s.Glossary, &s.Notes, &s.Prep} }

func (s *snapshot) encode() []byte {
	w := binenc.Writer{Buf: []byte(snapshotMagic)}
	for _, p := range s.parts() {
		w.Str(*p)
	}
	return w.Buf
}

func (s *snapshot) decode(data string) error {
	rest, ok := strings.CutPrefix(data, snapshotMagic)
	if !ok {
		return errors.New("decoding the snapshot: not a snapshot of this version")
	}
	r := binenc.NewReader(rest)
	for _, p := range s.parts() {
		*p = r.Str()
	}
	if err := r.Done(); err != nil {
		return fmt.Errorf("decoding the snapshot: %w", err)
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

func encode(f func(*binenc.Writer)) string {
	var w binenc.Writer
	f(&w)
	return string(w.Buf)
}

// decode decodes one part of a snapshot with f.
func decode[T any](data string, f func(*binenc.Reader) T) (T, error) {
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
func FromSnapshot(data string, fsys fs.FS) (*Reading, error) {
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
