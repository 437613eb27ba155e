package reading

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Reading is a loaded annotated reading. The text is loaded by Load; the
// glossary, the notes and the prep content are loaded on first use, so that
// commands which do not need them start faster.
type Reading struct {
	Meta     Meta
	Sections []*Section
	Endnotes []Endnote

	fsys     fs.FS
	byNumber map[string]*Section

	glossOnce sync.Once
	glossary  []*Entry
	glossErr  error

	usesIndex  usesIndex  // the glossary's uses by section (UsesIn)
	notesIndex notesIndex // the notes by section (NotesIn)
	citedIndex citedIndex // the sections citing each endnote (CitedIn)
	idIndex    idIndex    // glossary entries and notes by id (Entry, Note)

	notesOnce sync.Once
	notes     []*Note
	notesErr  error

	prepOnce sync.Once
	prep     map[string]Prep
	prepErr  error

	// snap, when the reading came from Decode, holds the encoded
	// glossary, notes and prep, decoded on first use instead of parsed.
	snap *snapshot
}

// Load reads the text of a reading (metadata, sections and endnotes) from
// fsys, whose root holds text/, glossary/ and notes/. A mistake in the
// content files is reported as Errors: every mistake found, each located
// by file and line.
func Load(fsys fs.FS) (*Reading, error) {
	r, errs := load(fsys)
	if err := errs.err(); err != nil {
		return nil, err
	}
	return r, nil
}

// load is Load returning the reading as far as it could be read along with
// the mistakes, so that a check can go on to the glossary and the notes.
func load(fsys fs.FS) (*Reading, Errors) {
	r := &Reading{fsys: fsys, byNumber: map[string]*Section{}}
	var errs Errors
	errs.collect("text/paper.yaml", r.loadMeta())
	sectionErr := r.loadSections()
	errs.collect("text", sectionErr)
	endnoteErr := r.loadEndnotes()
	errs.collect("text/endnotes.yaml", endnoteErr)
	if endnoteErr == nil {
		errs = append(errs, r.checkRefs()...)
	}
	return r, errs
}

// readText reads a content file and checks its bytes with checkText.
func (r *Reading) readText(name string) ([]byte, error) {
	data, err := readContent(r.fsys, name)
	if err != nil {
		return nil, err
	}
	return checkText(name, data)
}

func (r *Reading) loadMeta() error {
	const name = "text/paper.yaml"
	data, err := r.readText(name)
	if data == nil {
		return fmt.Errorf("reading metadata: %w", err)
	}
	var errs Errors
	errs.collect(name, err)
	if err := decodeStrict(name, data, 1, &r.Meta); err != nil {
		errs.collect(name, err)
		return errs
	}
	if r.Meta.Title == "" {
		errs = append(errs, fileErrorf(name, keyLine(data, "title"), "no title"))
	}
	if r.Meta.Type != "" && !slices.Contains(Types, r.Meta.Type) {
		errs = append(errs, fileErrorf(name, keyLine(data, "type"), "type %q is not one of %s", r.Meta.Type, strings.Join(Types, ", ")))
	}
	if r.Meta.ID == "" {
		r.Meta.ID = Slug(r.Meta.Author + " " + r.Meta.Title)
	}
	return errs.err()
}

func (r *Reading) loadSections() error {
	names, err := fs.Glob(r.fsys, "text/*.md")
	if err != nil || len(names) == 0 {
		return fmt.Errorf("reading sections: no text/*.md files found")
	}
	var errs Errors
	bySlug := map[string]*Section{}
	lines := map[*Section][]byte{}
	for _, name := range names {
		data, err := readContent(r.fsys, name)
		if err != nil {
			errs.collect(name, fmt.Errorf("reading sections: %w", err))
			continue
		}
		s, err := parseSection(name, data)
		errs.collect(name, err)
		if s == nil || !numberRe.MatchString(s.Number) || !slugRe.MatchString(s.Slug) {
			continue
		}
		lines[s] = data
		if prev := r.byNumber[s.Number]; prev != nil {
			errs = append(errs, fileErrorf(name, keyLine(data, "number"), "section number %s is also the number of %s:%d", s.Number, prev.File, keyLine(lines[prev], "number")))
			continue
		}
		if prev := bySlug[s.Slug]; prev != nil {
			errs = append(errs, fileErrorf(name, keyLine(data, "slug"), "slug %q of section %s is also the slug of section %s (%s:%d)", s.Slug, s.Number, prev.Number, prev.File, keyLine(lines[prev], "slug")))
			continue
		}
		r.byNumber[s.Number] = s
		bySlug[s.Slug] = s
		r.Sections = append(r.Sections, s)
	}
	sort.SliceStable(r.Sections, func(i, j int) bool {
		return compareNumbers(r.Sections[i].Number, r.Sections[j].Number) < 0
	})
	return errs.err()
}

// itemLines returns the line of each item of a YAML list, in order.
func itemLines(data []byte) []int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.SequenceNode {
		return nil
	}
	var out []int
	for _, n := range doc.Content[0].Content {
		out = append(out, n.Line)
	}
	return out
}

// lineOf returns lines[i], or 1 when there is no such line.
func lineOf(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 1
}

func (r *Reading) loadEndnotes() error {
	const name = "text/endnotes.yaml"
	data, err := r.readText(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if data == nil {
		return fmt.Errorf("reading endnotes: %w", err)
	}
	var errs Errors
	errs.collect(name, err)
	if err := decodeStrict(name, data, 1, &r.Endnotes); err != nil {
		errs.collect(name, err)
		return errs
	}
	lines := itemLines(data)
	for i, e := range r.Endnotes {
		if e.N != i+1 {
			errs = append(errs, fileErrorf(name, lineOf(lines, i), "endnote %d is numbered %d; endnotes must run 1, 2, 3 …", i+1, e.N))
		}
	}
	return errs.err()
}

// checkRefs reports the endnote references [^N] of the sections that name
// no endnote.
func (r *Reading) checkRefs() Errors {
	var errs Errors
	for _, s := range r.Sections {
		for _, p := range s.refs {
			if _, ok := r.Endnote(p.n); !ok {
				errs = append(errs, &FileError{File: s.File, Line: p.line, Col: p.col,
					Err: fmt.Errorf("[^%d] cites endnote %d, but text/endnotes.yaml has %d endnotes", p.n, p.n, len(r.Endnotes))})
			}
		}
	}
	return errs
}

// Section returns the section with the given number, or nil.
func (r *Reading) Section(number string) *Section { return r.byNumber[number] }

// Endnote returns endnote n, or false if the paper has none with that number.
func (r *Reading) Endnote(n int) (Endnote, bool) {
	if n < 1 || n > len(r.Endnotes) {
		return Endnote{}, false
	}
	return r.Endnotes[n-1], true
}

// CitedIn lists the sections whose text cites endnote n.
func (r *Reading) CitedIn(n int) []string { return r.citedIndex.in(r, n) }

// Glossary returns the glossary entries sorted by term, with where the paper
// uses each computed from the text.
func (r *Reading) Glossary() ([]*Entry, error) {
	r.glossOnce.Do(func() {
		if r.snap != nil {
			r.glossary, r.glossErr = r.snapGlossary()
			return
		}
		r.glossary, r.glossErr = r.loadGlossary()
	})
	return r.glossary, r.glossErr
}

// Notes returns the fact-check notes in reading order, each anchor resolved.
func (r *Reading) Notes() ([]*Note, error) {
	r.notesOnce.Do(func() {
		if r.snap != nil {
			r.notes, r.notesErr = r.snapNotes()
			return
		}
		r.notes, r.notesErr = r.loadNotes()
	})
	return r.notes, r.notesErr
}

// Prep returns the seminar preparation for a section, if there is any.
func (r *Reading) Prep(number string) (Prep, bool, error) {
	r.prepOnce.Do(func() {
		if r.snap != nil {
			r.prep, r.prepErr = r.snapPrep()
			return
		}
		r.prep, r.prepErr = r.loadPrep()
	})
	p, ok := r.prep[number]
	return p, ok, r.prepErr
}

func (r *Reading) loadPrep() (map[string]Prep, error) {
	const name = "text/prep.yaml"
	data, err := r.readText(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if data == nil {
		return nil, fmt.Errorf("reading prep: %w", err)
	}
	var errs Errors
	errs.collect(name, err)
	var list []Prep
	if err := decodeStrict(name, data, 1, &list); err != nil {
		errs.collect(name, err)
		return nil, errs
	}
	lines := itemLines(data)
	out := map[string]Prep{}
	at := map[string]int{}
	for i, p := range list {
		line := lineOf(lines, i)
		if r.byNumber[p.Section] == nil {
			errs = append(errs, fileErrorf(name, line, "no section %q", p.Section))
			continue
		}
		if prev, ok := at[p.Section]; ok {
			errs = append(errs, fileErrorf(name, line, "section %s has prep twice (lines %d and %d); merge them", p.Section, prev, line))
			continue
		}
		at[p.Section] = line
		p.Summary = collapse(p.Summary)
		out[p.Section] = p
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// markdownFiles calls each for every dir/*.md, sorted by name, with its id,
// name and bytes (checked by checkText), and collects the errors.
func (r *Reading) markdownFiles(dir string, each func(id, name string, data []byte) error) error {
	names, err := fs.Glob(r.fsys, dir+"/*.md")
	if err != nil {
		return err
	}
	var errs Errors
	for _, name := range names {
		data, err := readContent(r.fsys, name)
		if err != nil {
			errs.collect(name, fmt.Errorf("reading %s: %w", name, err))
			continue
		}
		id := strings.TrimSuffix(path.Base(name), ".md")
		errs.collect(name, each(id, name, data))
	}
	return errs.err()
}

func (r *Reading) loadGlossary() ([]*Entry, error) {
	var entries []*Entry
	texts := map[string][]byte{}
	err := r.markdownFiles("glossary", func(id, name string, data []byte) error {
		e, err := parseEntry(name, id, data)
		if e != nil {
			entries = append(entries, e)
			texts[id] = data
		}
		return err
	})
	var errs Errors
	errs.collect("glossary", err)
	errs = append(errs, checkGlossary(entries, texts)...)
	if err := errs.err(); err != nil {
		return nil, err
	}
	sort.SliceStable(entries, func(i, j int) bool {
		return strings.ToLower(entries[i].Term) < strings.ToLower(entries[j].Term)
	})
	r.computeUses(entries)
	return entries, nil
}

// checkGlossary checks that related ids resolve and that no label belongs to
// two entries. texts holds each entry's file, for the lines of errors.
func checkGlossary(entries []*Entry, texts map[string][]byte) Errors {
	ids := map[string]bool{}
	for _, e := range entries {
		ids[e.ID] = true
	}
	var errs Errors
	owner := map[string]string{}
	for _, e := range entries {
		name := "glossary/" + e.ID + ".md"
		for _, rel := range e.Related {
			if !ids[rel] {
				errs = append(errs, fileErrorf(name, keyLine(texts[e.ID], "related"), "related term %q does not exist", rel))
			}
		}
		for _, l := range e.AllLabels() {
			key := foldLabel(l)
			if prev, ok := owner[key]; ok && prev != e.ID {
				errs = append(errs, fileErrorf(name, keyLine(texts[e.ID], "term"), "label %q also belongs to %s (glossary/%s.md)", l, prev, prev))
				continue
			}
			owner[key] = e.ID
		}
	}
	return errs
}

func (r *Reading) loadNotes() ([]*Note, error) {
	var notes []*Note
	err := r.markdownFiles("notes", func(id, name string, data []byte) error {
		n, err := parseNote(name, id, data)
		if n == nil || n.Section == "" {
			return err
		}
		var errs Errors
		errs.collect(name, err)
		s := r.byNumber[n.Section]
		if s == nil {
			errs = append(errs, fileErrorf(name, keyLine(data, "section"), "section %q does not exist", n.Section))
			return errs
		}
		if strings.TrimSpace(n.Anchor.Exact) == "" {
			return errs // parseNote said so
		}
		if n.Loc, err = r.Locate(n.Section, n.Anchor); err != nil {
			// Several places match exactly: the author must say which. A
			// note whose words are no longer there is no error: it is
			// re-anchored approximately, or kept as an orphan.
			errs = append(errs, &FileError{File: name, Line: keyLine(data, "exact"), Err: err})
		} else {
			n.place(r)
		}
		for _, e := range n.Endnotes {
			if _, ok := r.Endnote(e); !ok {
				errs = append(errs, fileErrorf(name, keyLine(data, "endnotes"), "endnote %d does not exist", e))
			}
		}
		if len(errs) > 0 {
			return errs
		}
		notes = append(notes, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].Loc.before(notes[j].Loc) })
	return notes, nil
}

func (l Location) before(m Location) bool {
	if c := compareNumbers(l.Section, m.Section); c != 0 {
		return c < 0
	}
	if l.Para != m.Para {
		return l.Para < m.Para
	}
	return l.Start < m.Start
}

// NotesIn returns the notes anchored in a section, in reading order.
func (r *Reading) NotesIn(number string) ([]*Note, error) { return r.notesIndex.in(r, number) }

// Note returns the note with the given id, or false if there is none (or
// the notes do not load: Notes reports why).
func (r *Reading) Note(id string) (*Note, bool) { return r.idIndex.note(r, id) }

// Entry returns the glossary entry with the given id, or false if there is
// none (or the glossary does not load: Glossary reports why).
func (r *Reading) Entry(id string) (*Entry, bool) { return r.idIndex.entry(r, id) }

// Slug makes a kebab-case ASCII id from words: "China's Social Credit
// System" → "chinas-social-credit-system". Apostrophes join the letters
// around them; every other run of what is not a-z or 0-9 is one hyphen.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r == '\'' || r == '’' {
			continue
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// Part returns the section and, when it is a part ("2"), its subsections
// ("2.1", "2.2" …), in order.
func (r *Reading) Part(s *Section) []*Section {
	out := []*Section{s}
	for _, t := range r.Sections {
		if strings.HasPrefix(t.Number, s.Number+".") {
			out = append(out, t)
		}
	}
	return out
}
