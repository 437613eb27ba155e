// Package corpus turns a reading into search documents: the paper's
// sentences, section titles, glossary entries, fact-check notes and endnotes,
// each knowing how to open it. The command line and the interactive reader
// share it.
package corpus

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
			Labels: append(append([]string{}, e.Alt...), e.Hidden...), Hidden: len(e.Hidden), Body: PlainMarkdown(e.Definition + "\n\n" + e.Body)})
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
			Title: e.Title, Labels: e.Authors, Body: PlainMarkdown(e.Text)})
	}
}

// PlainMarkdown reduces Markdown to the text a reader sees: no heading,
// list or quote markers, no emphasis, links as their text; paragraphs become
// sentences separated by spaces. It runs over every glossary entry and note
// each time margin searches, so it is a single pass rather than regular
// expressions.
func PlainMarkdown(md string) string {
	var b strings.Builder
	b.Grow(len(md))
	for line := range strings.Lines(md) {
		b.WriteString(stripLineMarker(line))
	}
	return collapseSpace(stripInline(b.String()))
}

// collapseSpace is strings.Join(strings.Fields(s), " "), in one pass that
// copies runs of text rather than runes.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	word := -1 // start of the current run of non-space text
	for i := 0; i < len(s); {
		size, space := 1, isSpace(s[i])
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && word >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[word:i])
			word = -1
		case !space && word < 0:
			word = i
		}
		i += size
	}
	if word >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[word:])
	}
	return b.String()
}

// stripLineMarker removes one leading heading, list or quote marker (#, -,
// *, +, 1. or 1), >) and the white space around it.
func stripLineMarker(line string) string {
	rest := strings.TrimLeft(line, " \t")
	n := 0
	switch {
	case rest == "":
		return line
	case rest[0] == '#':
		for n < len(rest) && rest[n] == '#' {
			n++
		}
	case rest[0] == '-' || rest[0] == '*' || rest[0] == '+' || rest[0] == '>':
		n = 1
	case rest[0] >= '0' && rest[0] <= '9':
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == len(rest) || (rest[n] != '.' && rest[n] != ')') {
			return line
		}
		n++
	default:
		return line
	}
	if n == len(rest) || !isSpace(rest[n]) {
		return line
	}
	return " " + rest[n:]
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// stripInline replaces [text](url) links by their text and drops the *, _
// and ` of emphasis and code.
func stripInline(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if isURLAt(s, i) { // kept whole: its _ and * are its own
			end := i
			for end < len(s) && s[end] != ' ' && s[end] != '\n' && s[end] != '>' {
				end++
			}
			b.WriteString(s[i:end])
			if i > 0 && s[i-1] == '<' && end < len(s) && s[end] == '>' {
				i = end // the autolink's closing bracket
			} else {
				i = end - 1
			}
			continue
		}
		switch c := s[i]; c {
		case '*', '_', '`':
		case '<':
			// An autolink, <https://…>, is its address.
			if !isURLAt(s, i+1) {
				b.WriteByte(c)
			}
		case '[':
			text, next, ok := link(s, i)
			if !ok {
				b.WriteByte(c)
				continue
			}
			b.WriteString(stripInline(text))
			i = next - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isURLAt reports whether a web address starts at s[i], at the start of a
// word.
func isURLAt(s string, i int) bool {
	if i >= len(s) || s[i] != 'h' || i > 0 && s[i-1] != ' ' && s[i-1] != '<' && s[i-1] != '(' && s[i-1] != '\n' {
		return false
	}
	return strings.HasPrefix(s[i:], "https://") || strings.HasPrefix(s[i:], "http://")
}

// link parses a [text](url) link at s[i], returning its text and the offset
// just after it.
func link(s string, i int) (text string, next int, ok bool) {
	close := strings.IndexByte(s[i+1:], ']')
	if close < 0 {
		return "", 0, false
	}
	textEnd := i + 1 + close
	if textEnd+1 >= len(s) || s[textEnd+1] != '(' {
		return "", 0, false
	}
	paren := strings.IndexByte(s[textEnd+2:], ')')
	if paren < 0 {
		return "", 0, false
	}
	return s[i+1 : textEnd], textEnd + 2 + paren + 1, true
}
