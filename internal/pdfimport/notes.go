package pdfimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/reading"
)

var (
	superRunRe = regexp.MustCompile(`[⁰¹²³⁴⁵⁶⁷⁸⁹]+`)
	// gluedRe finds digits glued to the end of a word or to punctuation,
	// followed by a space, punctuation or the end of the text.
	gluedRe = regexp.MustCompile(`([\p{L}.,;:!?)\]"”’'*])(\d{1,3})([\s.,;:!?)"”’'—–]|$)`)
)

// superValue reads superscript digits as a number.
func superValue(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(superscripts[r]-'0')
	}
	return n
}

// markers turns note markers into [^N]: superscript digits always, digits
// glued to a word or punctuation when they continue the run of note
// numbers (and the text has notes). A number that may be a marker, and is
// not taken as one, goes to review.
func markers(ps []*para, res *Result) {
	hasSupers := false
	for _, p := range ps {
		if superRunRe.MatchString(p.text) {
			hasSupers = true
			break
		}
	}
	top := 0 // the highest note number cited so far
	cite := func(n int) {
		res.Counts.Markers++
		top = max(top, n)
	}
	for _, p := range ps {
		if hasSupers {
			p.text = replaceSupers(p, &top, cite)
			continue
		}
		if !res.hasNotes {
			continue
		}
		p.text = replaceGlued(p, &top, cite)
	}
	res.maxCited = top
}

// replaceSupers replaces superscript note numbers in one paragraph: those
// that continue the run of note numbers (or repeat an earlier one); an
// exponent (after a digit) or a number far ahead stays, for review.
func replaceSupers(p *para, top *int, cite func(int)) string {
	s := p.text
	var b strings.Builder
	last := 0
	for _, m := range superRunRe.FindAllStringIndex(s, -1) {
		n := superValue(s[m[0]:m[1]])
		before, _ := utf8.DecodeLastRuneInString(s[:m[0]])
		if n == 0 || unicode.IsDigit(before) || n > *top+3 {
			p.reviews = append(p.reviews, fmt.Sprintf("superscript %q left as printed: not the next note number", tail(s[:m[1]], 1)))
			continue
		}
		if n <= *top {
			p.reviews = append(p.reviews, fmt.Sprintf("superscript %q read as note marker [^%d], a number already cited", tail(s[:m[1]], 1), n))
		}
		cite(n)
		b.WriteString(s[last:m[0]])
		fmt.Fprintf(&b, "[^%d]", n)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// replaceGlued replaces glued note numbers in one paragraph.
func replaceGlued(p *para, top *int, cite func(int)) string {
	s := p.text
	var b strings.Builder
	last := 0
	for _, m := range gluedRe.FindAllStringSubmatchIndex(s, -1) {
		pre := s[m[2]:m[3]]
		n, _ := strconv.Atoi(s[m[4]:m[5]])
		before, _ := utf8.DecodeLastRuneInString(s[:m[2]])
		if m[2] > 0 && unicode.IsDigit(before) && !unicode.IsLetter([]rune(pre)[0]) {
			continue // a decimal, a time, a range
		}
		r, _ := utf8.DecodeRuneInString(pre)
		next := *top + 1
		ok := n >= 1 && n <= next+2 && n >= next
		if ok && (n != next || unicode.IsUpper(r)) {
			p.reviews = append(p.reviews, fmt.Sprintf("%q read as note marker [^%d]", tail(s[:m[5]], 1), n))
		}
		if !ok {
			if !unicode.IsLetter(r) && n >= 1 && n <= next+5 {
				p.reviews = append(p.reviews, fmt.Sprintf("%q may be a note marker; left as printed", tail(s[:m[5]], 1)))
			}
			continue
		}
		cite(n)
		b.WriteString(s[last:m[4]])
		fmt.Fprintf(&b, "[^%d]", n)
		last = m[5]
	}
	b.WriteString(s[last:])
	return b.String()
}

// noteStartRe matches the first line of a printed note: its number, as
// "- 1 ", "1. ", "1) ", "[1] " or a superscript, then its text.
var noteStartRe = regexp.MustCompile(`^(?:[-*•]\s*)?(?:\[(\d{1,3})\]|(\d{1,3})[.):]?|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s+(\S.*)$`)

// parseEndnotes parses the notes section into res.Endnotes.
func parseEndnotes(notes []*para, v *vocab, res *Result) {
	type note struct {
		n     int
		lines []string
	}
	var got []note
	for _, p := range notes {
		for _, l := range p.lines {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			if m := noteStartRe.FindStringSubmatch(l); m != nil {
				n := 0
				switch {
				case m[1] != "":
					n, _ = strconv.Atoi(m[1])
				case m[2] != "":
					n, _ = strconv.Atoi(m[2])
				default:
					n = superValue(m[3])
				}
				if prev := len(got); n > 0 && (prev == 0 || n > got[prev-1].n) && (prev > 0 || n < 5) {
					got = append(got, note{n: n, lines: []string{m[4]}})
					continue
				}
			}
			if len(got) > 0 {
				got[len(got)-1].lines = append(got[len(got)-1].lines, l)
			}
		}
	}
	res.hasNotes = len(got) > 0
	printed := map[int]string{}
	top := 0
	for _, g := range got {
		text, reviews := joinAll(g.lines, v, &res.Counts)
		printed[g.n] = text
		res.noteReviews[g.n] = append(res.noteReviews[g.n], reviews...)
		top = g.n
	}
	res.pending = func() {
		if res.maxCited > top {
			top = res.maxCited
		}
		byN := map[int]*reading.Endnote{}
		for n := 1; n <= top; n++ {
			text, ok := printed[n]
			e := reading.Endnote{N: n, Printed: ok, Text: text}
			if !ok {
				res.Unprinted = append(res.Unprinted, n)
				res.noteReviews[n] = append(res.noteReviews[n], fmt.Sprintf("endnote %d is cited in the text but not printed in the source", n))
			} else {
				fields(&e, byN)
				if n == got[len(got)-1].n && !endsCitation(text) {
					e.Truncated = true
					res.noteReviews[n] = append(res.noteReviews[n], fmt.Sprintf("endnote %d ends mid-sentence: marked truncated", n))
				}
			}
			res.Endnotes = append(res.Endnotes, e)
			byN[n] = &res.Endnotes[len(res.Endnotes)-1]
		}
	}
}

// endsCitation reports whether a note's text ends as a citation does.
func endsCitation(s string) bool {
	s = strings.TrimRight(s, " *")
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".>)”\"", last) || strings.HasPrefix(s[strings.LastIndex(s, " ")+1:], "http") || strings.EqualFold(strings.Trim(s, "*."), "ibid")
}

var (
	urlRe       = regexp.MustCompile(`<(https?://[^>\s]+)>|(https?://\S+)`)
	accessedRe  = regexp.MustCompile(`accessed ([A-Z][a-z]+ \d{1,2}, \d{4})`)
	titleRe     = regexp.MustCompile(`"(.+?),?"`)
	containerRe = regexp.MustCompile(`\*([^*]+)\*`)
	volumeRe    = regexp.MustCompile(`\*\s+(\d+)(?:, no\.\s?([\d–-]+))?`)
	pubRe       = regexp.MustCompile(`\(([^():]+): ([^()]+), (\d{4})\)`)
	yearParenRe = regexp.MustCompile(`\(([^()]*\d{4})\)`)
	dateRe      = regexp.MustCompile(`, ((?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4})`)
	pagesRe     = regexp.MustCompile(`\):\s*([\dixvlc]+(?:[-–][\dixvlc]+)?)\.?$`)
	shortRefRe  = regexp.MustCompile(`^([A-Z][\p{L}-]+), p{1,2}\.\s?([\d–-]+)\.?$`)
	ibidRe      = regexp.MustCompile(`(?i)^\*?ibid\.?\*?\.?`)
)

// fields fills the parsed fields of a printed note from its text, only
// those the text shows; byN holds the notes before it, for ibid.
func fields(e *reading.Endnote, byN map[int]*reading.Endnote) {
	if backReference(e, byN) {
		return
	}
	citation(e)
}

// backReference fills RefersTo for a note that points back to an earlier
// one ("*Ibid*", "Nathan, p.8.", "*Creditchina.gov.cn*.") and reports
// whether the note is such a pointer.
func backReference(e *reading.Endnote, byN map[int]*reading.Endnote) bool {
	t := e.Text
	if ibidRe.MatchString(t) {
		if prev := byN[e.N-1]; prev != nil {
			e.RefersTo = prev.N
			if prev.RefersTo != 0 {
				e.RefersTo = prev.RefersTo
			}
		}
		return true
	}
	if m := shortRefRe.FindStringSubmatch(t); m != nil {
		for n := e.N - 1; n >= 1; n-- {
			if p := byN[n]; p != nil && p.RefersTo == 0 && hasSurname(p.Authors, m[1]) {
				e.RefersTo, e.Pages = n, m[2]
				return true
			}
		}
		return true
	}
	if m := containerRe.FindStringSubmatch(t); m != nil && strings.TrimSpace(strings.Trim(t, "*. ")) == m[1] {
		for n := e.N - 1; n >= 1; n-- {
			if p := byN[n]; p != nil && p.Container == m[1] {
				e.RefersTo = n
				return true
			}
		}
	}
	return false
}

// citation fills a note's fields from its text, Chicago style: only what
// the text shows.
func citation(e *reading.Endnote) {
	t := e.Text
	if m := urlRe.FindStringSubmatch(t); m != nil {
		e.URL = strings.TrimRight(m[1]+m[2], ".,")
	}
	if m := accessedRe.FindStringSubmatch(t); m != nil {
		e.Accessed = m[1]
	}
	rest := t
	if m := titleRe.FindStringSubmatchIndex(t); m != nil {
		e.Title = strings.TrimRight(t[m[2]:m[3]], ",")
		if a := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(t[:m[0]]), ",")); a != "" && !strings.ContainsAny(a, `"*(`) && len(strings.Fields(a)) <= 16 {
			e.Authors = splitAuthors(a)
		}
		rest = t[m[1]:]
	}
	if m := containerRe.FindStringSubmatchIndex(t); e.Title == "" && m != nil {
		// No quoted title: a book, its title in italics after the authors.
		if a := strings.TrimSuffix(strings.TrimSpace(t[:m[0]]), ","); a != "" && !strings.ContainsAny(a, `"*(`) && len(strings.Fields(a)) <= 16 {
			e.Authors = splitAuthors(a)
			e.Title = t[m[2]:m[3]]
			rest = t[m[1]:]
			if pubRe.MatchString(rest) {
				e.Type = "book"
			}
		}
	}
	if m := containerRe.FindStringSubmatch(rest); m != nil {
		e.Container = m[1]
		if strings.HasPrefix(strings.TrimSpace(strings.TrimLeft(rest, ",")), "in *") {
			e.Type = "chapter"
		}
	}
	if m := volumeRe.FindStringSubmatch(rest); m != nil {
		e.Volume, e.Issue = m[1], m[2]
		e.Type = "article"
	}
	if m := pubRe.FindStringSubmatch(rest); m != nil {
		e.Place, e.Publisher, e.Date = m[1], m[2], m[3]
	} else if m := yearParenRe.FindStringSubmatch(rest); m != nil {
		e.Date = m[1]
	} else if m := dateRe.FindStringSubmatch(rest); m != nil && !strings.Contains(t[:strings.Index(t, m[1])], "accessed ") {
		e.Date = m[1]
	}
	if m := pagesRe.FindStringSubmatch(rest); m != nil {
		e.Pages = m[1]
	}
}

// splitAuthors splits "A, B, and C" into names.
func splitAuthors(a string) []string {
	a = strings.ReplaceAll(a, ", and ", ", ")
	a = strings.ReplaceAll(a, " and ", ", ")
	var out []string
	for _, x := range strings.Split(a, ", ") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func hasSurname(authors []string, name string) bool {
	for _, a := range authors {
		if strings.HasSuffix(a, " "+name) || a == name {
			return true
		}
	}
	return false
}
