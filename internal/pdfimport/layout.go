package pdfimport

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// para is one paragraph or heading as the layout stage finds it.
type para struct {
	lines   []string // the lines as extracted, before they are joined
	text    string   // the lines joined, once joinLines has run
	heading bool     // a heading-like line standing alone
	level   int      // the heading's level, when the markup gives it
	gap     int      // blank lines before it in the extraction
	page    int      // the page it starts on, from 0
	reviews []string // what the import is not sure of in it
}

// pageNumberRe matches a line that is only a page number or a page label.
var pageNumberRe = regexp.MustCompile(`^(?i)(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—)\]]?(?:\s*(?:/|of)\s*\d{1,4})?$`)

// runningKey is a line's identity across pages: digits (page numbers,
// dates) stand for any digits, case and spacing are ignored.
func runningKey(l string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.Join(strings.Fields(l), " ")) {
		if unicode.IsDigit(r) {
			if !strings.HasSuffix(b.String(), "#") {
				b.WriteByte('#')
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// zone is how many non-blank lines at the top and at the bottom of a page
// may be running heads or feet.
const zone = 3

// zoneLines returns the indexes of the first and last non-blank lines of a
// page, at most zone of each.
func zoneLines(lines []string) []int {
	var idx []int
	for i := 0; i < len(lines) && len(idx) < zone; i++ {
		if strings.TrimSpace(lines[i]) != "" {
			idx = append(idx, i)
		}
	}
	top := len(idx)
	for i := len(lines) - 1; i >= 0 && len(idx)-top < zone; i-- {
		if strings.TrimSpace(lines[i]) != "" && !containsInt(idx[:top], i) {
			idx = append(idx, i)
		}
	}
	return idx
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// stripRunning removes running heads and feet (lines repeated at the top or
// bottom of at least half the pages, page numbers allowed to change) and
// page numbers standing alone at the top or bottom of a page.
func stripRunning(pages [][]string, c *Counts) {
	// A running line stands in the top or bottom lines of some page, and
	// somewhere on most pages (a layout may place it anywhere in the
	// reading order).
	zoned := map[string]bool{}
	for _, lines := range pages {
		for _, i := range zoneLines(lines) {
			if !moreWords(lines[i], 12) {
				zoned[runningKey(lines[i])] = true
			}
		}
	}
	seen := map[string]int{}
	for _, lines := range pages {
		keys := map[string]bool{}
		for _, l := range lines {
			if moreWords(l, 12) {
				continue // a running line is short; keying long lines costs time
			}
			if k := runningKey(l); k != "" {
				keys[k] = true
			}
		}
		for k := range keys {
			seen[k]++
		}
	}
	// Half the pages: a head may differ on odd and even pages.
	need := max(2, len(pages)/2)
	// Elsewhere, a line must repeat on three quarters of the pages.
	needAnywhere := max(3, (len(pages)*3+3)/4)
	for p, lines := range pages {
		done := map[string]bool{} // a running line is removed once a page: the title may repeat it
		zl := zoneLines(lines)
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if l == "" || moreWords(l, 12) {
				continue
			}
			k := runningKey(l)
			switch {
			case containsInt(zl, i) && pageNumberRe.MatchString(l):
				c.PageNumbers++
			case len(pages) > 1 && !done[k] && (zoned[k] && seen[k] >= need || seen[k] >= needAnywhere):
				done[k] = true
				c.RunningLines++
			default:
				continue
			}
			pages[p][i] = ""
		}
	}
}

// blocks splits pages into paragraphs: at blank lines, and inside a block
// of wrapped lines at a short line that ends a sentence and around a line
// that looks like a heading.
func blocks(pages [][]string) []*para {
	typical := typicalWidth(pages)
	var out []*para
	for p, lines := range pages {
		gap := 0
		var cur []string
		flush := func() {
			if len(cur) > 0 {
				out = append(out, splitBlock(cur, p, gap, typical)...)
				cur, gap = nil, 0
			}
		}
		for _, l := range lines {
			l = strings.TrimRight(l, " ")
			if strings.TrimSpace(l) == "" {
				if len(cur) > 0 {
					flush()
				}
				gap++
				continue
			}
			cur = append(cur, strings.TrimLeft(l, " "))
		}
		flush()
	}
	return out
}

// typicalWidth is the length of a full line of body text: the 80th
// percentile of the lengths of lines long enough to be text.
func typicalWidth(pages [][]string) int {
	var ls []int
	for _, lines := range pages {
		for _, l := range lines {
			if n := utf8.RuneCountInString(strings.TrimSpace(l)); n >= 20 {
				ls = append(ls, n)
			}
		}
	}
	if len(ls) == 0 {
		return 80
	}
	sort.Ints(ls)
	return ls[len(ls)*8/10]
}

// splitBlock splits one block of lines into paragraphs and headings.
func splitBlock(lines []string, page, gap, typical int) []*para {
	var out []*para
	var cur *para
	for i, l := range lines {
		if lv, text, ok := markedHeading(l); ok {
			cur = &para{page: page, heading: true, level: lv, lines: []string{text}}
			out = append(out, cur)
			continue
		}
		n := utf8.RuneCountInString(l)
		starts := cur == nil
		if !starts {
			prev := lines[i-1]
			prevShort := utf8.RuneCountInString(prev) < typical*4/5
			starts = cur.heading || (prevShort && endsSentence(prev)) ||
				(headingLike(l) && n < typical*7/10 && endsSentence(prev) && prevShort && i+1 < len(lines))
		}
		if starts {
			cur = &para{page: page}
			out = append(out, cur)
			cur.heading = headingLike(l) && (len(lines) == 1 || n < typical*7/10) && !(i+1 < len(lines) && !endsSentence(l) && startsLower(lines[i+1]))
		} else if cur.heading {
			cur.heading = false
		}
		cur.lines = append(cur.lines, l)
	}
	for _, p := range out {
		if len(p.lines) > 1 {
			p.heading = false
		}
	}
	if len(out) > 0 && out[0].level == 0 {
		out[0].gap = gap
	}
	return out
}

// functionWords end no heading and no paragraph: a line that ends with one
// continues on the next.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "at": true, "in": true, "on": true,
	"for": true, "with": true, "by": true, "from": true, "and": true, "or": true, "but": true,
	"as": true, "that": true, "which": true, "is": true, "are": true, "was": true, "were": true,
	"be": true, "its": true, "their": true, "his": true, "her": true, "our": true, "this": true,
	"these": true, "those": true, "into": true, "than": true, "whose": true, "who": true,
}

// lastWord is the last word of s, lower-case, without punctuation.
func lastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	return strings.ToLower(strings.TrimFunc(s[i+1:], func(r rune) bool { return !unicode.IsLetter(r) }))
}

// endsWithFunctionWord reports whether s ends with an article, preposition
// or conjunction: it is unfinished.
func endsWithFunctionWord(s string) bool { return functionWords[lastWord(s)] }

var numberedHeadingRe = regexp.MustCompile(`^((?:\d{1,2}\.)*\d{1,2}\.?|[IVX]{1,5}\.)\s+(\S.*)$`)

// headingLike reports whether a line could be a heading: short, starting
// with a capital, a digit or a quotation mark, ending without a full stop,
// comma or semicolon, and not with a word that needs a next one.
func headingLike(l string) bool {
	l = strings.TrimSpace(refRe.ReplaceAllString(l, ""))
	w := strings.Fields(l)
	if len(w) == 0 || len(w) > 14 || utf8.RuneCountInString(l) > 110 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"“‘'`, r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	if strings.ContainsRune(".,;:-‐–—", last) || endsWithFunctionWord(l) {
		return false
	}
	if pageNumberRe.MatchString(l) {
		return false
	}
	if unicode.IsDigit(r) && !numberedHeadingRe.MatchString(l) {
		return false
	}
	return true
}

// superscripts maps superscript digits to digits.
var superscripts = map[rune]rune{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}

// trimMarker removes a note marker at the end of s: superscript digits, or
// digits glued to a word or punctuation.
func trimMarker(s string) string {
	s = strings.TrimRight(s, " ")
	t := strings.TrimRightFunc(s, func(r rune) bool { _, ok := superscripts[r]; return ok })
	if t != s {
		return t
	}
	t = strings.TrimRightFunc(s, unicode.IsDigit)
	if t != s && t != "" {
		if r, _ := utf8.DecodeLastRuneInString(t); !unicode.IsSpace(r) && !unicode.IsDigit(r) && r != '-' && r != '$' {
			return t
		}
	}
	return s
}

// endsSentence reports whether a line ends a sentence: with a full stop,
// question or exclamation mark or colon, possibly followed by closing
// quotes, brackets, emphasis or a note marker.
func endsSentence(l string) bool {
	l = strings.TrimRight(trimMarker(l), `"”’')]*`)
	last, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(".!?:…", last) || strings.HasSuffix(l, ">")
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsLower(r)
}
