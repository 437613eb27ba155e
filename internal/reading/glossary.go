package reading

import (
	"errors"
	"fmt"
	"strings"
)

// Entry is a glossary entry, modelled on a SKOS concept.
type Entry struct {
	ID        string
	Term      string   // preferred label
	Alt       []string // alternative labels: shown and searched
	Hidden    []string // hidden labels: searched, never shown
	Related   []string // ids of related entries
	Contested bool
	Sources   []Source
	// Definition is the one-sentence definition: the body's first paragraph.
	Definition string
	// Body is the Markdown after the definition: explanation and "In this paper".
	Body string
	// Uses records where the paper uses the term, computed from the text.
	Uses []Use
}

// Use counts a term's occurrences in one section, and where the first stands.
type Use struct {
	Section string
	Count   int
	First   Location
}

type entryMeta struct {
	Term      string   `yaml:"term"`
	Alt       []string `yaml:"alt"`
	Hidden    []string `yaml:"hidden"`
	Related   []string `yaml:"related"`
	Contested bool     `yaml:"contested"`
	Sources   []Source `yaml:"sources"`
}

// Labels returns the preferred and alternative labels: those a reader sees.
func (e *Entry) Labels() []string { return append([]string{e.Term}, e.Alt...) }

// AllLabels returns every label, hidden ones included: those lookups match.
func (e *Entry) AllLabels() []string { return append(e.Labels(), e.Hidden...) }

// TotalUses is the number of times the paper uses the term.
func (e *Entry) TotalUses() int {
	n := 0
	for _, u := range e.Uses {
		n += u.Count
	}
	return n
}

func parseEntry(name, id string, data []byte) (*Entry, error) {
	var m entryMeta
	body, bodyLine, text, err := parseDoc(name, data, &m)
	if text == nil {
		return nil, err
	}
	var errs Errors
	errs.collect(name, err)
	e := &Entry{ID: id, Term: strings.TrimSpace(m.Term), Alt: m.Alt, Hidden: m.Hidden,
		Related: m.Related, Contested: m.Contested, Sources: m.Sources}
	e.Definition, e.Body = splitFirstParagraph(unwrap(body))
	for _, err := range e.check() {
		errs = append(errs, locate(name, text, bodyLine, err))
	}
	return e, errs.err()
}

// check returns every mistake in the entry's fields.
func (e *Entry) check() []error {
	var errs []error
	if !slugRe.MatchString(e.ID) {
		errs = append(errs, fmt.Errorf("id %q is not lower-case kebab-case", e.ID))
	}
	if e.Term == "" {
		errs = append(errs, &fieldError{"term", errors.New("no term")})
	}
	if e.Definition == "" {
		errs = append(errs, &fieldError{"", errors.New("no definition (the body's first paragraph)")})
	}
	if e.Contested && len(e.Sources) < 2 {
		errs = append(errs, &fieldError{"contested", errors.New("a contested term needs at least two sources")})
	}
	return append(errs, checkSources(e.Sources, false)...)
}

// splitFirstParagraph returns the first paragraph of a Markdown body, joined
// into one line, and the rest.
func splitFirstParagraph(body string) (first, rest string) {
	body = strings.TrimSpace(body)
	i := strings.Index(body, "\n\n")
	if i < 0 {
		return strings.Join(strings.Fields(body), " "), ""
	}
	return strings.Join(strings.Fields(body[:i]), " "), strings.TrimSpace(body[i:])
}

// unwrap joins the hard-wrapped lines of each prose paragraph of a Markdown
// body into one line, leaving lists, quotes, headings and tables as they are.
// margin renders with newlines preserved, so only intended breaks remain.
func unwrap(body string) string {
	blocks := strings.Split(strings.TrimSpace(body), "\n\n")
	for i, b := range blocks {
		if isProse(b) {
			blocks[i] = strings.Join(strings.Fields(b), " ")
		}
	}
	return strings.Join(blocks, "\n\n")
}

func isProse(block string) bool {
	for _, line := range strings.Split(block, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "> ") ||
			strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|") || orderedItem(t) {
			return false
		}
	}
	return true
}

func orderedItem(t string) bool {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}
