package reading

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
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

	notesOnce sync.Once
	notes     []*Note
	notesErr  error

	prepOnce sync.Once
	prep     map[string]Prep
	prepErr  error

	// snap, when the reading came from FromSnapshot, holds the encoded
	// glossary, notes and prep, decoded on first use instead of parsed.
	snap *snapshot
}

// Load reads the text of a reading (metadata, sections and endnotes) from
// fsys, whose root holds text/, glossary/ and notes/.
func Load(fsys fs.FS) (*Reading, error) {
	r := &Reading{fsys: fsys, byNumber: map[string]*Section{}}
	if err := r.loadMeta(); err != nil {
		return nil, err
	}
	if err := r.loadSections(); err != nil {
		return nil, err
	}
	if err := r.loadEndnotes(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Reading) loadMeta() error {
	data, err := readContent(r.fsys, "text/paper.yaml")
	if err != nil {
		return fmt.Errorf("reading metadata: %w", err)
	}
	if err := decodeStrict(data, &r.Meta); err != nil {
		return &FileError{"text/paper.yaml", err}
	}
	if r.Meta.Title == "" {
		return &FileError{"text/paper.yaml", errors.New("no title")}
	}
	if r.Meta.ID == "" {
		r.Meta.ID = slugify(r.Meta.Author + " " + r.Meta.Title)
	}
	return nil
}

func (r *Reading) loadSections() error {
	names, err := fs.Glob(r.fsys, "text/*.md")
	if err != nil || len(names) == 0 {
		return fmt.Errorf("reading sections: no text/*.md files found")
	}
	for _, name := range names {
		data, err := readContent(r.fsys, name)
		if err != nil {
			return fmt.Errorf("reading sections: %w", err)
		}
		s, err := parseSection(name, data)
		if err != nil {
			return &FileError{name, err}
		}
		if prev := r.byNumber[s.Number]; prev != nil {
			return &FileError{name, fmt.Errorf("section %s is also in %s", s.Number, prev.File)}
		}
		r.byNumber[s.Number] = s
		r.Sections = append(r.Sections, s)
	}
	sort.SliceStable(r.Sections, func(i, j int) bool {
		return compareNumbers(r.Sections[i].Number, r.Sections[j].Number) < 0
	})
	return nil
}

func (r *Reading) loadEndnotes() error {
	data, err := readContent(r.fsys, "text/endnotes.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading endnotes: %w", err)
	}
	if err := decodeStrict(data, &r.Endnotes); err != nil {
		return &FileError{"text/endnotes.yaml", err}
	}
	for i, e := range r.Endnotes {
		if e.N != i+1 {
			return &FileError{"text/endnotes.yaml", fmt.Errorf("endnote %d is numbered %d; endnotes must run 1, 2, 3 …", i+1, e.N)}
		}
	}
	return nil
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
func (r *Reading) CitedIn(n int) []string {
	var out []string
	for _, s := range r.Sections {
		for _, m := range s.Refs() {
			if m == n {
				out = append(out, s.Number)
			}
		}
	}
	return out
}

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
	data, err := readContent(r.fsys, "text/prep.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading prep: %w", err)
	}
	var list []Prep
	if err := decodeStrict(data, &list); err != nil {
		return nil, &FileError{"text/prep.yaml", err}
	}
	out := map[string]Prep{}
	for _, p := range list {
		if r.byNumber[p.Section] == nil {
			return nil, &FileError{"text/prep.yaml", fmt.Errorf("no section %q", p.Section)}
		}
		p.Summary = collapse(p.Summary)
		out[p.Section] = p
	}
	return out, nil
}

// markdownFiles lists dir/*.md as (id, data) pairs, sorted by id.
func (r *Reading) markdownFiles(dir string, each func(id, name string, data []byte) error) error {
	names, err := fs.Glob(r.fsys, dir+"/*.md")
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := readContent(r.fsys, name)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		id := strings.TrimSuffix(path.Base(name), ".md")
		if err := each(id, name, data); err != nil {
			return &FileError{name, err}
		}
	}
	return nil
}

func (r *Reading) loadGlossary() ([]*Entry, error) {
	var entries []*Entry
	err := r.markdownFiles("glossary", func(id, _ string, data []byte) error {
		e, err := parseEntry(id, data)
		if err == nil {
			entries = append(entries, e)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := checkGlossary(entries); err != nil {
		return nil, err
	}
	sort.SliceStable(entries, func(i, j int) bool {
		return strings.ToLower(entries[i].Term) < strings.ToLower(entries[j].Term)
	})
	r.computeUses(entries)
	return entries, nil
}

// checkGlossary checks that related ids resolve and that no label belongs to
// two entries.
func checkGlossary(entries []*Entry) error {
	ids := map[string]bool{}
	for _, e := range entries {
		ids[e.ID] = true
	}
	owner := map[string]string{}
	for _, e := range entries {
		for _, rel := range e.Related {
			if !ids[rel] {
				return &FileError{"glossary/" + e.ID + ".md", fmt.Errorf("related term %q does not exist", rel)}
			}
		}
		for _, l := range e.AllLabels() {
			key := foldLabel(l)
			if prev, ok := owner[key]; ok && prev != e.ID {
				return &FileError{"glossary/" + e.ID + ".md", fmt.Errorf("label %q also belongs to %s", l, prev)}
			}
			owner[key] = e.ID
		}
	}
	return nil
}

func (r *Reading) loadNotes() ([]*Note, error) {
	var notes []*Note
	err := r.markdownFiles("notes", func(id, _ string, data []byte) error {
		n, err := parseNote(id, data)
		if err != nil {
			return err
		}
		s := r.byNumber[n.Section]
		if s == nil {
			return fmt.Errorf("section %q does not exist", n.Section)
		}
		if n.Loc, err = Locate(s, n.Anchor); err != nil {
			return err
		}
		for _, e := range n.Endnotes {
			if _, ok := r.Endnote(e); !ok {
				return fmt.Errorf("endnote %d does not exist", e)
			}
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
func (r *Reading) NotesIn(number string) ([]*Note, error) {
	all, err := r.Notes()
	var out []*Note
	for _, n := range all {
		if n.Section == number {
			out = append(out, n)
		}
	}
	return out, err
}

// Note returns the note with the given id, or nil.
func (r *Reading) Note(id string) (*Note, error) {
	all, err := r.Notes()
	for _, n := range all {
		if n.ID == id {
			return n, nil
		}
	}
	return nil, err
}

// Entry returns the glossary entry with the given id, or nil.
func (r *Reading) Entry(id string) (*Entry, error) {
	all, err := r.Glossary()
	for _, e := range all {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, err
}

// slugify makes a kebab-case ASCII id from words.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
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
