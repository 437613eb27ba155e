package reading

import (
	"fmt"

	"github.com/margin-reader/margin/internal/binenc"
)

// A compiled reading (package pack) holds a fully loaded reading in four
// parts, each in a plain layout (see package binenc and the enc and dec
// functions in snapcodec.go): decoding it takes no reflection and no YAML.
// The text is decoded at once; the glossary, the notes and the prep stay
// encoded until first use, as Load would parse them then, so that a command
// which needs only the text (margin toc) pays for nothing else. Encode
// writes the parts one after another, each as a binenc string, so that
// Decode slices them out of the data without copying. The layout has no
// version of its own: the compiled file's header carries it.
type snapshot struct {
	Text     string // snapText
	Glossary string // []*Entry
	Notes    string // []*Note
	Prep     string // []Prep, in section order so that encoding is deterministic

	// lazy, when set, fetches part i (1 glossary, 2 notes, 3 prep) on
	// first use, for a compiled file that reads and checks each part only
	// when it is needed (package pack).
	lazy func(part int) (string, error)
}

func (s *snapshot) parts() []*string { return []*string{&s.Text, &s.Glossary, &s.Notes, &s.Prep} }

// part returns lazy part i (1 glossary, 2 notes, 3 prep).
func (s *snapshot) part(i int) (string, error) {
	if s.lazy != nil {
		return s.lazy(i)
	}
	return *s.parts()[i], nil
}

// Parts of a compiled reading, in the order Encode writes them.
const (
	PartText = iota
	PartGlossary
	PartNotes
	PartPrep
	NumParts
)

type snapText struct {
	Meta     Meta
	Sections []snapSection
	Endnotes []Endnote
}

type snapSection struct {
	Number, Slug, Title, File string
	Words                     int         // Section.Words, counted once when compiled (margin toc adds up every section's)
	Paragraphs                []Paragraph // Plain and Refs included: deriving them again took longer than reading them
}

// Encode loads everything in rd (glossary, notes, prep) and writes it to w,
// so that a later Decode skips parsing YAML and resolving anchors: the
// parts of EncodeParts, each as a binenc string. The output depends only
// on the reading: the same content always gives the same bytes.
func Encode(w *binenc.Writer, rd *Reading) error {
	parts, err := EncodeParts(rd)
	if err != nil {
		return err
	}
	for _, p := range parts {
		w.Str(p)
	}
	return nil
}

// EncodeParts loads everything in rd and encodes it in NumParts parts (the
// text, the glossary, the notes, the prep), which DecodeParts reads back;
// package pack stores each with its own checksum, so that a command reads
// and checks only the parts it uses.
func EncodeParts(rd *Reading) ([NumParts]string, error) {
	var s [NumParts]string
	glossary, err := rd.Glossary()
	if err != nil {
		return s, err
	}
	notes, err := rd.Notes()
	if err != nil {
		return s, err
	}
	if _, _, err := rd.Prep(""); err != nil {
		return s, err
	}
	text := snapText{Meta: rd.Meta, Endnotes: rd.Endnotes}
	var prep []Prep
	for _, sec := range rd.Sections {
		if p, ok := rd.prep[sec.Number]; ok {
			prep = append(prep, p)
		}
		ss := snapSection{Number: sec.Number, Slug: sec.Slug, Title: sec.Title, File: sec.File, Words: sec.Words()}
		ss.Paragraphs = sec.Paragraphs
		text.Sections = append(text.Sections, ss)
	}
	s[PartText] = encode(func(w *binenc.Writer) { encText(w, text) })
	s[PartGlossary] = encode(func(w *binenc.Writer) { encEntries(w, glossary) })
	s[PartNotes] = encode(func(w *binenc.Writer) { encNotes(w, notes) })
	s[PartPrep] = encode(func(w *binenc.Writer) { encPreps(w, prep) })
	return s, nil
}

func encode(f func(*binenc.Writer)) string {
	var w binenc.Writer
	f(&w)
	return string(w.Buf)
}

// decode decodes one part of a compiled reading with f.
func decode[T any](data string, f func(*binenc.Reader) T) (T, error) {
	r := binenc.NewReader(data)
	v := f(r)
	if err := r.Done(); err != nil {
		var zero T
		return zero, fmt.Errorf("decoding the reading: %w", err)
	}
	return v, nil
}

// Decode reads a reading written by Encode. The glossary, the notes and the
// prep are decoded when first asked for; they share r's data. Damaged data
// is an error, then or later, never a panic.
func Decode(r *binenc.Reader) (*Reading, error) {
	var s snapshot
	for _, p := range s.parts() {
		*p = r.Str()
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("decoding the reading: %w", err)
	}
	return decodeText(&s)
}

// DecodeParts reads the text part that EncodeParts wrote, at once, and
// leaves the others to part, which is called, once for each, with
// PartGlossary, PartNotes or PartPrep when that part is first needed, and
// whose error is returned as it is (by Glossary, Notes or Prep). The
// reading shares the parts' data.
func DecodeParts(text string, part func(i int) (string, error)) (*Reading, error) {
	return decodeText(&snapshot{Text: text, lazy: part})
}

func decodeText(s *snapshot) (*Reading, error) {
	text, err := decode(s.Text, decText)
	if err != nil {
		return nil, err
	}
	rd := &Reading{Meta: text.Meta, Endnotes: text.Endnotes, byNumber: make(map[string]*Section, len(text.Sections)), snap: s}
	rd.Sections = make([]*Section, 0, len(text.Sections))
	secs := make([]Section, len(text.Sections))
	for i, ss := range text.Sections {
		if rd.byNumber[ss.Number] != nil {
			return nil, fmt.Errorf("decoding the reading: section %s twice", ss.Number)
		}
		sec := &secs[i]
		*sec = Section{Number: ss.Number, Slug: ss.Slug, Title: ss.Title, File: ss.File, words: ss.Words + 1}
		sec.Paragraphs = ss.Paragraphs
		rd.Sections = append(rd.Sections, sec)
		rd.byNumber[sec.Number] = sec
	}
	return rd, nil
}

// snapGlossary, snapNotes and snapPrep decode the compiled reading's lazy
// parts.
// The places they name are checked against the text, so that a file
// written by hand cannot send a reader past the end of a paragraph.
func (r *Reading) snapGlossary() ([]*Entry, error) {
	data, err := r.snap.part(PartGlossary)
	if err != nil {
		return nil, err
	}
	entries, err := decode(data, decEntries)
	for _, e := range entries {
		for _, u := range e.Uses {
			if err == nil && (u.Section != u.First.Section || r.byNumber[u.Section] == nil || !r.Contains(u.First)) {
				err = fmt.Errorf("decoding the reading: glossary entry %q: no such place in the text", e.ID)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return entries, nil
}

func (r *Reading) snapNotes() ([]*Note, error) {
	data, err := r.snap.part(PartNotes)
	if err != nil {
		return nil, err
	}
	notes, err := decode(data, decNotes)
	for _, n := range notes {
		if err == nil && !r.Contains(n.Loc) {
			err = fmt.Errorf("decoding the reading: note %q: no such place in the text", n.ID)
		}
	}
	if err != nil {
		return nil, err
	}
	return notes, nil
}

// Contains reports whether l is a place in the text, or no place at all
// (no section, or an orphaned note's: Fit FitOrphan, paragraph -1).
func (r *Reading) Contains(l Location) bool {
	switch l.Fit {
	case FitOrphan:
		return l.Para == -1
	case FitExact, FitApprox:
	default:
		return false
	}
	if l.Section == "" {
		return true
	}
	s := r.byNumber[l.Section]
	if s == nil || l.Para < 0 || l.Para >= len(s.Paragraphs) {
		return false
	}
	return 0 <= l.Start && l.Start <= l.End && l.End <= len(s.Paragraphs[l.Para].Plain)
}

func (r *Reading) snapPrep() (map[string]Prep, error) {
	data, err := r.snap.part(PartPrep)
	if err != nil {
		return nil, err
	}
	list, err := decode(data, decPreps)
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
