package reading

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a diagnostic stops a reading from loading (an
// error) or only points at something an author may want to fix (a
// warning).
type Severity string

// The severities of a Diagnostic.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is one problem found in a reading, located as a compiler
// locates it. Line and Col count from 1; 0 means unknown (a reading
// opened from a compiled file has no lines).
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// String formats the diagnostic as a compiler does:
// "notes/foo.md:12:3: error: message".
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		b.WriteString(":" + strconv.Itoa(d.Line))
		if d.Col > 0 {
			b.WriteString(":" + strconv.Itoa(d.Col))
		}
	}
	return b.String() + ": " + string(d.Severity) + ": " + d.Message
}

// Check reads the reading folder in fsys whole (metadata, sections,
// endnotes, prep, glossary and notes, none of it left for later) and
// returns every problem found, errors and warnings, sorted by file and
// line. A file with a mistake does not stop the others from being
// checked.
func Check(fsys fs.FS) []Diagnostic {
	r, errs := load(fsys)
	return r.check(errs)
}

// Check returns the problems of a loaded reading, such as one opened from a
// compiled file: the glossary, notes and prep it has not loaded yet, then
// the warnings. Lines are given where the reading's files are at hand.
func (r *Reading) Check() []Diagnostic { return r.check(nil) }

// check loads what r has not loaded yet and returns errs and those errors
// as diagnostics, with the warnings.
func (r *Reading) check(errs Errors) []Diagnostic {
	_, _, prepErr := r.Prep("")
	errs.collect("text/prep.yaml", prepErr)
	entries, glossErr := r.Glossary()
	errs.collect("glossary", glossErr)
	notes, notesErr := r.Notes()
	errs.collect("notes", notesErr)
	var out []Diagnostic
	for _, e := range errs {
		out = append(out, Diagnostic{File: e.File, Line: e.Line, Col: e.Col, Severity: SeverityError, Message: e.Err.Error()})
	}
	out = append(out, r.sourceWarnings(entries, notes)...)
	out = append(out, r.endnoteWarnings()...)
	out = append(out, r.anchorWarnings(notes)...)
	if glossErr == nil && notesErr == nil {
		out = append(out, r.sectionWarnings(entries, notes)...)
	}
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return out
}

// CountErrors returns how many of diags are errors and how many warnings.
func CountErrors(diags []Diagnostic) (errs, warnings int) {
	for _, d := range diags {
		if d.Severity == SeverityError {
			errs++
		} else {
			warnings++
		}
	}
	return errs, warnings
}

// fileText returns a content file of the reading, or nil when the reading
// has no files at hand (one opened from a compiled file) or the file
// cannot be read: warnings then come without a line.
func (r *Reading) fileText(name string) []byte {
	if r.fsys == nil {
		return nil
	}
	data, err := readContent(r.fsys, name)
	if err != nil {
		return nil
	}
	text, _ := checkText(name, data)
	return text
}

// warning makes a warning diagnostic.
func warning(file string, line int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)}
}

// sourceWarnings warns of the sources of entries and notes that give no
// date, and of those whose authors did not find them (seen: not-found).
func (r *Reading) sourceWarnings(entries []*Entry, notes []*Note) []Diagnostic {
	var out []Diagnostic
	each := func(file string, sources []Source) {
		var lines []int
		if text := r.fileText(file); text != nil {
			lines = sourceLines(text)
		}
		for i, s := range sources {
			line := 0
			if i < len(lines) {
				line = lines[i]
			}
			if strings.TrimSpace(s.Date) == "" {
				out = append(out, warning(file, line, "source %d (%s) has no date: give one, or date: n.d. for an undated work", i+1, s.short()))
			}
			if s.Seen == SeenNotFound {
				out = append(out, warning(file, line, "source %d (%s) is seen: not-found: what it is cited for is unconfirmed", i+1, s.short()))
			}
		}
	}
	for _, e := range entries {
		each("glossary/"+e.ID+".md", e.Sources)
	}
	for _, n := range notes {
		each("notes/"+n.ID+".md", n.Sources)
	}
	return out
}

// short names a source in a few words: its author and title.
func (s Source) short() string {
	title := s.Title
	if title == "" {
		title = s.URL
	}
	if r := []rune(title); len(r) > 40 {
		title = string(r[:39]) + "…"
	}
	return strings.TrimSpace(s.Author) + ", “" + title + "”"
}

// endnoteWarnings warns of the endnotes that no section cites.
func (r *Reading) endnoteWarnings() []Diagnostic {
	const name = "text/endnotes.yaml"
	cited := map[int]bool{}
	for _, s := range r.Sections {
		for _, n := range s.Refs() {
			cited[n] = true
		}
	}
	var lines []int
	if len(r.Endnotes) > 0 {
		if text := r.fileText(name); text != nil {
			lines = itemLines(text)
		}
	}
	var out []Diagnostic
	for i, e := range r.Endnotes {
		if !cited[e.N] {
			line := 0
			if i < len(lines) {
				line = lines[i]
			}
			out = append(out, warning(name, line, "endnote %d is never cited: no section has [^%d]", e.N, e.N))
		}
	}
	return out
}

// sectionWarnings warns of the sections (with text) that no note is
// anchored in and no glossary term is used in.
func (r *Reading) sectionWarnings(entries []*Entry, notes []*Note) []Diagnostic {
	touched := map[string]bool{}
	for _, n := range notes {
		touched[n.Section] = true
	}
	for _, e := range entries {
		for _, u := range e.Uses {
			touched[u.Section] = true
		}
	}
	var out []Diagnostic
	for _, s := range r.Sections {
		if len(s.Paragraphs) == 0 || touched[s.Number] {
			continue
		}
		line := 0
		if text := r.fileText(s.File); text != nil {
			line = keyLine(text, "number")
		}
		file := s.File
		if file == "" {
			file = "text"
		}
		out = append(out, warning(file, line, "section %s (%s) has no note and uses no glossary term", s.Number, s.Title))
	}
	return out
}

// anchorWarnings is where margin check reports the notes whose anchor no
// longer matches the text exactly: those re-anchored approximately (with
// the text found, Location.Found), those found in another section, and the
// orphans (Location.Fit), at the line of the note's anchor.
func (r *Reading) anchorWarnings(notes []*Note) []Diagnostic {
	var out []Diagnostic
	for _, n := range notes {
		name, text := r.noteFile(n)
		out = append(out, anchorDiagnostics(name, text, n)...)
	}
	return out
}

// noteFile returns a note's file name and its text (nil without files).
func (r *Reading) noteFile(n *Note) (string, []byte) {
	name := "notes/" + n.ID + ".md"
	return name, r.fileText(name)
}

// anchorDiagnostics returns the warnings about one note's anchor (see
// anchorWarnings), at the line of its anchor in text: a note re-anchored
// approximately (with the text found), or in another section, and an
// orphan.
func anchorDiagnostics(name string, text []byte, n *Note) []Diagnostic {
	line := 0
	if text != nil {
		line = keyLine(text, "exact")
	}
	switch {
	case n.Loc.Fit == FitApprox && n.Loc.From != "" && n.Loc.From != n.Loc.Section:
		return []Diagnostic{warning(name, line, "anchor “%s” is no longer in section %s but in section %s: found “%s”", n.Anchor.Exact, n.Loc.From, n.Loc.Section, n.Loc.Found)}
	case n.Loc.Fit == FitApprox:
		return []Diagnostic{warning(name, line, "anchor “%s” matched only approximately in section %s: found “%s”", n.Anchor.Exact, n.Section, n.Loc.Found)}
	case n.Loc.Fit == FitOrphan:
		return []Diagnostic{warning(name, line, "orphaned: anchor “%s” is no longer in section %s", n.Anchor.Exact, n.Section)}
	}
	return nil
}

// LooksLikeReading reports whether fsys holds a reading in margin's
// format: a text folder with at least one section file.
func LooksLikeReading(fsys fs.FS) bool {
	names, err := fs.Glob(fsys, "text/*.md")
	return err == nil && len(names) > 0
}
