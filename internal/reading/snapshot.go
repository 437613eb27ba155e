package reading

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io/fs"
)

// snapshotVersion changes whenever the snapshot's layout does.
const snapshotVersion = 1

// snapshot is a fully loaded reading, flattened for encoding/gob.
type snapshot struct {
	Version  int
	Meta     Meta
	Sections []snapSection
	Endnotes []Endnote
	Glossary []*Entry
	Notes    []*Note
	Prep     []Prep // in section order, so that encoding is deterministic
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
	s := snapshot{Version: snapshotVersion, Meta: rd.Meta, Endnotes: rd.Endnotes,
		Glossary: glossary, Notes: notes}
	for _, sec := range rd.Sections {
		if p, ok := rd.prep[sec.Number]; ok {
			s.Prep = append(s.Prep, p)
		}
		ss := snapSection{Number: sec.Number, Slug: sec.Slug, Title: sec.Title, File: sec.File}
		for _, p := range sec.Paragraphs {
			ss.Paragraphs = append(ss.Paragraphs, p.Markdown)
		}
		s.Sections = append(s.Sections, ss)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s); err != nil {
		return nil, fmt.Errorf("encoding the snapshot: %w", err)
	}
	return buf.Bytes(), nil
}

// FromSnapshot decodes a reading encoded by Snapshot. fsys is the reading's
// file system, kept for anything the snapshot does not hold.
func FromSnapshot(data []byte, fsys fs.FS) (*Reading, error) {
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
		return nil, fmt.Errorf("decoding the snapshot: %w", err)
	}
	if s.Version != snapshotVersion {
		return nil, fmt.Errorf("snapshot version %d, want %d", s.Version, snapshotVersion)
	}
	r := &Reading{Meta: s.Meta, Endnotes: s.Endnotes, fsys: fsys, byNumber: map[string]*Section{}}
	for _, ss := range s.Sections {
		sec := &Section{Number: ss.Number, Slug: ss.Slug, Title: ss.Title, File: ss.File}
		for _, md := range ss.Paragraphs {
			sec.Paragraphs = append(sec.Paragraphs, NewParagraph(md))
		}
		r.Sections = append(r.Sections, sec)
		r.byNumber[sec.Number] = sec
	}
	r.glossary, r.notes = s.Glossary, s.Notes
	if len(s.Prep) > 0 {
		r.prep = map[string]Prep{}
		for _, p := range s.Prep {
			r.prep[p.Section] = p
		}
	}
	r.glossOnce.Do(func() {})
	r.notesOnce.Do(func() {})
	r.prepOnce.Do(func() {})
	return r, nil
}
