package reading

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
)

// snapshotMagic starts every snapshot; its last byte is the layout's
// version, changed whenever the layout does.
const snapshotMagic = "margin snapshot\x03"

// snapshot is a fully loaded reading in four parts, each encoded with
// encoding/gob. The text is decoded at once; the glossary, the notes and the
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
	Paragraphs                []string // Markdown
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
		for _, p := range sec.Paragraphs {
			ss.Paragraphs = append(ss.Paragraphs, p.Markdown)
		}
		text.Sections = append(text.Sections, ss)
	}
	var s snapshot
	for i, v := range []any{text, glossary, notes, prep} {
		if *s.parts()[i], err = encodeGob(v); err != nil {
			return nil, err
		}
	}
	return s.encode(), nil
}

func encodeGob(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return nil, fmt.Errorf("encoding the snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

func decodeGob(data []byte, v any) error {
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(v); err != nil {
		return fmt.Errorf("decoding the snapshot: %w", err)
	}
	return nil
}

// FromSnapshot decodes a reading encoded by Snapshot. fsys is the reading's
// file system, kept for anything the snapshot does not hold. The glossary,
// the notes and the prep are decoded when first asked for.
func FromSnapshot(data []byte, fsys fs.FS) (*Reading, error) {
	var s snapshot
	if err := s.decode(data); err != nil {
		return nil, err
	}
	var text snapText
	if err := decodeGob(s.Text, &text); err != nil {
		return nil, err
	}
	r := &Reading{Meta: text.Meta, Endnotes: text.Endnotes, fsys: fsys, byNumber: map[string]*Section{}, snap: &s}
	for _, ss := range text.Sections {
		sec := &Section{Number: ss.Number, Slug: ss.Slug, Title: ss.Title, File: ss.File}
		for _, md := range ss.Paragraphs {
			sec.Paragraphs = append(sec.Paragraphs, NewParagraph(md))
		}
		r.Sections = append(r.Sections, sec)
		r.byNumber[sec.Number] = sec
	}
	return r, nil
}

// snapGlossary, snapNotes and snapPrep decode the snapshot's lazy parts.
func (r *Reading) snapGlossary() ([]*Entry, error) {
	var g []*Entry
	err := decodeGob(r.snap.Glossary, &g)
	return g, err
}

func (r *Reading) snapNotes() ([]*Note, error) {
	var n []*Note
	err := decodeGob(r.snap.Notes, &n)
	return n, err
}

func (r *Reading) snapPrep() (map[string]Prep, error) {
	var list []Prep
	if err := decodeGob(r.snap.Prep, &list); err != nil {
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
