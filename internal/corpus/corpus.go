// Package corpus turns a reading into search documents: the paper's
// sentences, section titles, glossary entries, fact-check notes and endnotes,
// each knowing how to open it. The command line and the interactive reader
// share it.
package corpus

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

// Corpus is a reading's search index and the documents behind it.
type Corpus struct {
	Docs  []search.Doc
	Index *search.Index
	// Locs gives, for each KindText document, where its sentence stands.
	Locs map[int]reading.Location
}

// Build indexes every part of the reading.
func Build(rd *reading.Reading) (*Corpus, error) {
	c := &Corpus{Locs: map[int]reading.Location{}}
	c.addText(rd)
	if err := c.addGlossary(rd); err != nil {
		return nil, err
	}
	if err := c.addNotes(rd); err != nil {
		return nil, err
	}
	c.addEndnotes(rd)
	c.Index = search.New(c.Docs)
	return c, nil
}

func (c *Corpus) addText(rd *reading.Reading) {
	for _, s := range rd.Sections {
		c.Docs = append(c.Docs, search.Doc{Kind: search.KindSection, Ref: s.Number, Section: s.Number,
			Title: s.Number + " " + s.Title, Labels: []string{s.Slug}})
		for pi, p := range s.Paragraphs {
			off := 0
			for _, sent := range search.Sentences(p.Plain) {
				start := off
				if k := indexFrom(p.Plain, sent, off); k >= 0 {
					start = k
				}
				c.Locs[len(c.Docs)] = reading.Location{Section: s.Number, Para: pi, Start: start, End: start + len(sent)}
				c.Docs = append(c.Docs, search.Doc{Kind: search.KindText, Ref: s.Number, Section: s.Number, Body: sent})
				off = start + len(sent)
			}
		}
	}
}

func indexFrom(s, sub string, from int) int {
	if from > len(s) {
		return -1
	}
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func (c *Corpus) addGlossary(rd *reading.Reading) error {
	entries, err := rd.Glossary()
	if err != nil {
		return err
	}
	for _, e := range entries {
		c.Docs = append(c.Docs, search.Doc{Kind: search.KindGlossary, Ref: e.ID, Title: e.Term,
			Labels: append(append([]string{}, e.Alt...), e.Hidden...), Body: PlainMarkdown(e.Definition + "\n\n" + e.Body)})
	}
	return nil
}

func (c *Corpus) addNotes(rd *reading.Reading) error {
	notes, err := rd.Notes()
	if err != nil {
		return err
	}
	for _, n := range notes {
		c.Docs = append(c.Docs, search.Doc{Kind: search.KindNote, Ref: n.ID, Section: n.Section, Title: n.Claim,
			Labels: []string{n.ID, n.Anchor.Exact}, Body: PlainMarkdown(n.Summary + "\n\n" + n.Body)})
	}
	return nil
}

func (c *Corpus) addEndnotes(rd *reading.Reading) {
	for _, e := range rd.Endnotes {
		if !e.Printed {
			continue
		}
		c.Docs = append(c.Docs, search.Doc{Kind: search.KindEndnote, Ref: strconv.Itoa(e.N),
			Title: e.Title, Labels: e.Authors, Body: e.Text})
	}
}

var (
	mdLinePrefix = regexp.MustCompile(`(?m)^\s*(#+|[-*+]|\d+[.)]|>)\s+`)
	mdLink       = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis   = regexp.MustCompile("[*_`]{1,3}")
)

// PlainMarkdown reduces Markdown to the text a reader sees: no heading or
// list markers, no emphasis, links as their text; paragraphs become sentences
// separated by spaces.
func PlainMarkdown(md string) string {
	s := mdLinePrefix.ReplaceAllString(md, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdEmphasis.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}
