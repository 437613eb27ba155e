package reading

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Section is one section of the paper, numbered by margin ("2.1").
type Section struct {
	Number     string
	Slug       string
	Title      string
	File       string // the file it was loaded from, for error messages
	Paragraphs []Paragraph

	// refs locates the endnote references of the file, when the section
	// was loaded from one, so that a reference to no endnote can be
	// reported at its line.
	refs []refPos

	// words is Words()+1 when known (counted when the reading was
	// compiled), 0 when it is to be counted.
	words int

	// norm is the text as anchors are matched against it, computed on
	// first use (see normalised), under normMu.
	norm *normSection
}

// Paragraph is one paragraph of the author's text.
type Paragraph struct {
	// Markdown is the paragraph as stored: endnote references as [^N],
	// emphasis as *…*.
	Markdown string
	// Plain is the text anchors match against: references and emphasis
	// markers removed, white space collapsed.
	Plain string
	// Refs are the endnote numbers cited, in order.
	Refs []int
}

type sectionMeta struct {
	Number string `yaml:"number"`
	Slug   string `yaml:"slug"`
	Title  string `yaml:"title"`
}

var (
	numberRe = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)
	slugRe   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// refPos is where an endnote reference stands in a section's file.
type refPos struct{ n, line, col int }

// parseSection parses a section file. Its errors are *FileError or Errors,
// located in the file. A section whose front matter decodes is returned
// even with errors, so that a check of the whole reading can go on
// (notes anchored in it, references to endnotes).
func parseSection(name string, data []byte) (*Section, error) {
	var m sectionMeta
	body, bodyLine, text, err := parseDoc(name, data, &m)
	if text == nil {
		return nil, err
	}
	var errs Errors
	errs.collect(name, err)
	switch {
	case !numberRe.MatchString(m.Number):
		errs = append(errs, fileErrorf(name, keyLine(text, "number"), "number %q is not like \"2\" or \"2.1\"", m.Number))
	case !slugRe.MatchString(m.Slug):
		errs = append(errs, fileErrorf(name, keyLine(text, "slug"), "slug %q is not lower-case kebab-case", m.Slug))
	case strings.TrimSpace(m.Title) == "":
		errs = append(errs, fileErrorf(name, keyLine(text, "title"), "section %s has no title", m.Number))
	}
	s := &Section{Number: m.Number, Slug: m.Slug, Title: m.Title, File: name}
	for _, b := range splitParagraphLines(body, bodyLine) {
		if strings.HasPrefix(b.text, "#") {
			errs = append(errs, fileErrorf(name, b.line, "section %s: headings do not belong in the body (%.30q)", m.Number, b.text))
			continue
		}
		s.Paragraphs = append(s.Paragraphs, NewParagraph(b.text))
		s.refs = append(s.refs, b.refs...)
	}
	return s, errs.err()
}

// block is one paragraph of a body, the line it starts on and the endnote
// references in it.
type block struct {
	text string
	line int
	refs []refPos
}

// splitParagraphLines splits a Markdown body at blank lines, joining the
// lines of each paragraph with single spaces. first is the file's line
// number of the body's first line.
func splitParagraphLines(body string, first int) []block {
	var out []block
	var cur []string
	var refs []refPos
	start := 0
	flush := func() {
		if t := strings.Join(strings.Fields(strings.Join(cur, "\n")), " "); t != "" {
			out = append(out, block{text: t, line: start, refs: refs})
		}
		cur, refs = nil, nil
	}
	for i, l := range strings.Split(body, "\n") {
		if strings.Trim(l, " \t") == "" {
			flush()
			continue
		}
		if cur == nil {
			start = first + i
		}
		cur = append(cur, l)
		for k := 0; k < len(l); k++ {
			if n, size := refAt(l[k:]); size > 0 {
				refs = append(refs, refPos{n, first + i, k + 1})
				k += size - 1
			}
		}
	}
	flush()
	return out
}

// NewParagraph builds a Paragraph from one paragraph of Markdown.
func NewParagraph(md string) Paragraph {
	p := Paragraph{Markdown: md}
	var plain strings.Builder
	plain.Grow(len(md))
	p.Refs = walkPlain(md, func(b byte, _ int) bool { plain.WriteByte(b); return true })
	p.Plain = strings.TrimSuffix(plain.String(), " ")
	return p
}

// walkPlain derives the plain text from md, calling f with each byte of it
// and the offset in md that byte comes from, until f returns false:
// references and emphasis markers are left out and each run of white space
// becomes one space (the caller drops a trailing one). It returns the
// endnote numbers cited.
func walkPlain(md string, f func(b byte, mdOff int) bool) (refs []int) {
	space := true // collapse leading space
	for i := 0; i < len(md); {
		if n, size := refAt(md[i:]); size > 0 {
			refs = append(refs, n)
			i += size
			continue
		}
		r, size := utf8.DecodeRuneInString(md[i:])
		switch {
		case r == '*' || r == '\\':
			// emphasis marker or escape: not part of the plain text
		case unicode.IsSpace(r):
			if !space {
				if !f(' ', i) {
					return refs
				}
				space = true
			}
		default:
			for k := 0; k < size; k++ {
				if !f(md[i+k], i+k) {
					return refs
				}
			}
			space = false
		}
		i += size
	}
	return refs
}

// RefOffsets returns, for each endnote reference of the paragraph (in the
// order of Refs), the offset in Plain at which it stands: right after the
// text it follows.
func (p Paragraph) RefOffsets() []int {
	var at []int // where each reference starts in Markdown
	for i := 0; i < len(p.Markdown); i++ {
		if _, size := refAt(p.Markdown[i:]); size > 0 {
			at = append(at, i)
			i += size - 1
		}
	}
	offs := make([]int, len(at))
	n, k := 0, 0
	walkPlain(p.Markdown, func(_ byte, off int) bool {
		for k < len(at) && at[k] < off {
			offs[k] = n
			k++
		}
		n++
		return true
	})
	for ; k < len(at); k++ {
		offs[k] = min(n, len(p.Plain))
	}
	for i := range offs {
		offs[i] = min(offs[i], len(p.Plain))
	}
	return offs
}

// mdByte returns the offset in Markdown of byte k of Plain, or
// len(Markdown) when k is at or past the end of Plain. The mapping is
// walked afresh rather than stored: it is needed for a few places in a
// paragraph, and storing it cost eight bytes per byte of text at start-up.
func (p Paragraph) mdByte(k int) int {
	at := len(p.Markdown)
	if k < 0 || k >= len(p.Plain) {
		return at
	}
	n := 0
	walkPlain(p.Markdown, func(_ byte, off int) bool {
		if n == k {
			at = off
			return false
		}
		n++
		return true
	})
	return at
}

// refAt reports whether s starts with an endnote reference [^N], its number
// and its length in bytes.
func refAt(s string) (n, size int) {
	if !strings.HasPrefix(s, "[^") {
		return 0, 0
	}
	end := strings.IndexByte(s, ']')
	if end < 3 {
		return 0, 0
	}
	n, err := strconv.Atoi(s[2:end])
	if err != nil || n < 0 || strings.ContainsAny(s[2:end], "+-") {
		return 0, 0
	}
	return n, end + 1
}

// MarkdownOffset maps a byte offset in Plain to the matching offset in
// Markdown. An offset at the end of a word maps to just after that word,
// before any emphasis marker or reference that follows it.
func (p Paragraph) MarkdownOffset(plainOff int) int {
	if plainOff <= 0 {
		return p.mdByte(0)
	}
	if plainOff > len(p.Plain) {
		return len(p.Markdown)
	}
	// Just after the previous byte, so that emphasis closing after a word
	// stays outside an insertion made at the word's end.
	return p.mdByte(plainOff-1) + 1
}

// Words counts the words of the section's text, as strings.Fields would
// split it, without making the slice.
func (s *Section) Words() int {
	if s.words > 0 {
		return s.words - 1
	}
	return s.countWords()
}

// countWords counts the words of the section's text.
func (s *Section) countWords() int {
	n := 0
	for _, p := range s.Paragraphs {
		in := false
		for i := 0; i < len(p.Plain); {
			c := p.Plain[i]
			space, size := asciiSpace[c], 1
			if c >= utf8.RuneSelf {
				var r rune
				r, size = utf8.DecodeRuneInString(p.Plain[i:])
				space = unicode.IsSpace(r)
			}
			if !space && !in {
				n++
			}
			in = !space
			i += size
		}
	}
	return n
}

// asciiSpace marks the ASCII white space characters, as unicode.IsSpace does.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// ReadingMinutes estimates the reading time at 230 words a minute, rounded up;
// a section with text takes at least one minute.
func (s *Section) ReadingMinutes() int {
	w := s.Words()
	if w == 0 {
		return 0
	}
	return (w + 229) / 230
}

// Depth is 0 for a part ("2") and 1 for a subsection ("2.1").
func (s *Section) Depth() int { return strings.Count(s.Number, ".") }

// Refs lists the endnotes the section cites, in order of first citation.
func (s *Section) Refs() []int {
	var out []int
	seen := map[int]bool{}
	for _, p := range s.Paragraphs {
		for _, n := range p.Refs {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// Label is "2.1 China's Social Credit System".
func (s *Section) Label() string { return s.Number + " " + s.Title }

// compareNumbers orders section numbers numerically ("2.10" after "2.9").
func compareNumbers(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if x != y {
			return x - y
		}
	}
	return len(as) - len(bs)
}

// MarkdownStart maps a byte offset in Plain that starts a span to the offset
// of the same character in Markdown.
func (p Paragraph) MarkdownStart(plainOff int) int {
	return p.mdByte(plainOff)
}
