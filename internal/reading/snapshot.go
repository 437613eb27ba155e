package reading

import (
	"fmt"
	"hash/crc32"
	"sync"

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
	// when it is needed (package pack); lazyRange fetches size bytes at off
	// in part i and checks them against their CRC-32C sum.
	lazy      func(part int) (string, error)
	lazyRange func(part, off, size int, sum uint32) (string, error)

	// noteChunks are the notes part's runs of notes of one section (see
	// snapText.NoteChunks), decoded on first use under mu, so that
	// NotesIn reads and decodes a section's notes alone, and Notes, later,
	// gives the same notes.
	noteChunks []noteChunk
	mu         sync.Mutex
	chunkNotes [][]*Note // per chunk, once decoded
}

// noteChunk is where a run of consecutive notes of one section lies in the
// notes part, and its CRC-32C.
type noteChunk struct {
	Section   string
	Off, Size int
	Sum       uint32
}

// rangeOf returns size bytes at off in part i, checked against sum.
func (s *snapshot) rangeOf(i, off, size int, sum uint32) (string, error) {
	if s.lazyRange != nil {
		return s.lazyRange(i, off, size, sum)
	}
	data := *s.parts()[i]
	if off < 0 || size < 0 || off > len(data) || size > len(data)-off || crc32.Checksum([]byte(data[off:off+size]), castagnoli()) != sum {
		return "", fmt.Errorf("decoding the reading: %w", binenc.ErrDamaged)
	}
	return data[off : off+size], nil
}

// castagnoli is the CRC-32C table, made on first use.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

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
	// NoteChunks cut the notes part into runs of consecutive notes of one
	// section, in order, so that a section's notes are read alone.
	NoteChunks []noteChunk
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
	s[PartGlossary] = encode(func(w *binenc.Writer) { encEntries(w, glossary) })
	s[PartNotes], text.NoteChunks = encodeNoteChunks(notes)
	s[PartText] = encode(func(w *binenc.Writer) { encText(w, text) })
	s[PartPrep] = encode(func(w *binenc.Writer) { encPreps(w, prep) })
	return s, nil
}

// encodeNoteChunks encodes notes in runs of consecutive notes of one
// section, one after another, and returns them and where each lies.
func encodeNoteChunks(notes []*Note) (string, []noteChunk) {
	var w binenc.Writer
	var chunks []noteChunk
	for i := 0; i < len(notes); {
		j := i + 1
		for j < len(notes) && notes[j].Section == notes[i].Section {
			j++
		}
		off := len(w.Buf)
		encNotes(&w, notes[i:j])
		chunks = append(chunks, noteChunk{notes[i].Section, off, len(w.Buf) - off, crc32.Checksum(w.Buf[off:], castagnoli())})
		i = j
	}
	return string(w.Buf), chunks
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
// whose error is returned as it is (by Glossary, Notes or Prep). rangeOf
// returns size bytes at off in part i, checked against their CRC-32C sum:
// NotesIn reads a section's notes alone with it, until Notes is called.
// The reading shares the parts' data.
func DecodeParts(text string, part func(i int) (string, error), rangeOf func(i, off, size int, sum uint32) (string, error)) (*Reading, error) {
	return decodeText(&snapshot{Text: text, lazy: part, lazyRange: rangeOf})
}

func decodeText(s *snapshot) (*Reading, error) {
	text, err := decode(s.Text, decText)
	if err != nil {
		return nil, err
	}
	off := 0
	for _, c := range text.NoteChunks {
		if c.Off != off || c.Size <= 0 {
			return nil, fmt.Errorf("decoding the reading: %w", binenc.ErrDamaged)
		}
		off += c.Size
	}
	s.noteChunks, s.chunkNotes = text.NoteChunks, make([][]*Note, len(text.NoteChunks))
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
	s := r.snap
	if n := len(s.noteChunks); n == 0 && data != "" || n > 0 && s.noteChunks[n-1].Off+s.noteChunks[n-1].Size != len(data) {
		return nil, fmt.Errorf("decoding the reading: %w", binenc.ErrDamaged)
	}
	var notes []*Note
	for i, c := range s.noteChunks {
		chunk, err := r.noteChunk(i, func() (string, error) { return data[c.Off : c.Off+c.Size], nil })
		if err != nil {
			return nil, err
		}
		notes = append(notes, chunk...)
	}
	return notes, nil
}

// noteChunk returns the notes of chunk i, decoded from the data get
// returns on first use.
func (r *Reading) noteChunk(i int, get func() (string, error)) ([]*Note, error) {
	s := r.snap
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chunkNotes[i] != nil {
		return s.chunkNotes[i], nil
	}
	data, err := get()
	if err != nil {
		return nil, err
	}
	notes, err := decode(data, decNotes)
	if err == nil && len(notes) == 0 {
		err = fmt.Errorf("decoding the reading: %w", binenc.ErrDamaged)
	}
	for _, n := range notes {
		if err == nil && (n.Section != s.noteChunks[i].Section || !r.Contains(n.Loc)) {
			err = fmt.Errorf("decoding the reading: note %q: no such place in the text", n.ID)
		}
	}
	if err != nil {
		return nil, err
	}
	s.chunkNotes[i] = notes
	return notes, nil
}

// snapNotesIn returns the notes of the section numbered number, reading
// and decoding only its chunks of the notes part, and false when the
// reading has no chunks to read (then the notes are all decoded).
func (r *Reading) snapNotesIn(number string) ([]*Note, bool, error) {
	if r.snap == nil || r.snap.lazyRange == nil {
		return nil, false, nil
	}
	var out []*Note
	for i, c := range r.snap.noteChunks {
		if c.Section != number {
			continue
		}
		notes, err := r.noteChunk(i, func() (string, error) { return r.snap.rangeOf(PartNotes, c.Off, c.Size, c.Sum) })
		if err != nil {
			return nil, true, err
		}
		out = append(out, notes...)
	}
	return out, true, nil
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
