package pdfimport

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/reading"
)

// ErrNoText is the error for input with no text in it.
var ErrNoText = errors.New("no text found")

// Text imports an extraction: pdftotext's output (pages separated by form
// feeds), a plain-text extraction or a Markdown file.
func Text(src string) (*Result, error) { return importText(src, false) }

// Layout imports the text that Pdftotext returns (BBoxText's), whose
// hyphens are as printed.
func Layout(src string) (*Result, error) { return importText(src, true) }

// importText imports src; layout says its hyphens are as printed, where
// pdftotext's plain output (pages separated by form feeds) drops a hyphen
// that ends a line.
func importText(src string, layout bool) (*Result, error) {
	res := &Result{noteReviews: map[int][]string{}}
	dropped := !layout && strings.Contains(src, "\f")
	src, marked := markdown(normalize(src, &res.Counts))
	if strings.TrimSpace(strings.ReplaceAll(src, "\f", "")) == "" {
		return nil, ErrNoText
	}
	var pages [][]string
	for _, pg := range strings.Split(src, "\f") {
		pages = append(pages, strings.Split(pg, "\n"))
	}
	if len(pages) > 1 && strings.TrimSpace(strings.Join(pages[len(pages)-1], "")) == "" {
		pages = pages[:len(pages)-1]
	}
	stripRunning(pages, &res.Counts)
	ps := blocks(pages)
	if marked {
		onlyMarked(ps)
	}
	body, notes := splitNotes(ps)
	v := newVocab(ps)
	for _, p := range body {
		joinLines(p, v, &res.Counts)
	}
	body = mergeBreaks(body, v, &res.Counts)
	if dropped {
		for _, p := range body {
			restoreCompounds(p, v, &res.Counts)
		}
	}
	parseEndnotes(notes, v, res)
	markers(body, res)
	res.pending()
	if err := structure(body, v, res); err != nil {
		return nil, err
	}
	return res, nil
}

// notesHeadingRe matches the heading of a notes section.
var notesHeadingRe = regexp.MustCompile(`^(?i)(end\s*notes|notes|foot\s*notes)$`)

// splitNotes splits the paragraphs at the last heading of a notes section.
func splitNotes(ps []*para) (body []*para, notes []*para) {
	for i := len(ps) - 1; i >= 0; i-- {
		if len(ps[i].lines) == 1 && notesHeadingRe.MatchString(strings.TrimSpace(ps[i].lines[0])) {
			return ps[:i], ps[i+1:]
		}
	}
	return ps, nil
}

// mergeBreaks joins paragraphs that a page or column break split: one that
// ends without closing punctuation continues in the next when that starts
// in lower case, or when it ends with a word that needs a next one.
func mergeBreaks(ps []*para, v *vocab, c *Counts) []*para {
	var out []*para
	for _, p := range ps {
		if len(out) == 0 {
			out = append(out, p)
			continue
		}
		prev := out[len(out)-1]
		if prev.heading || p.heading || endsSentence(prev.text) {
			out = append(out, p)
			continue
		}
		_, _, _, broken := hyphenBreak(prev.text)
		switch {
		case startsLower(p.text):
			text, review := joinPair(prev.text, p.text, v, c)
			if !broken {
				c.PageJoins++
			}
			prev.text = text
			prev.reviews = append(append(prev.reviews, p.reviews...), nonEmpty(review)...)
		case endsWithFunctionWord(prev.text) && !byline(prev.text):
			c.PageJoins++
			prev.reviews = append(append(prev.reviews, p.reviews...), fmt.Sprintf("paragraph joined across a break before a capital: %q | %q", tail(prev.text, 4), head(p.text, 4)))
			prev.text = prev.text + " " + p.text
		default:
			if !prev.heading && moreWords(prev.text, 14) {
				prev.reviews = append(prev.reviews, "paragraph ends without punctuation: it may continue in the next one")
			}
			out = append(out, p)
		}
	}
	return out
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// moreWords reports whether s has more than n words, reading no further.
func moreWords(s string, n int) bool {
	words, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if words++; words > n {
				return true
			}
		}
	}
	return false
}

// head is the first n words of s, tail the last n.
func head(s string, n int) string {
	if len(s) > 400 {
		s = s[:400]
	}
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

func tail(s string, n int) string {
	if len(s) > 400 {
		s = s[len(s)-400:]
		if i := strings.IndexByte(s, ' '); i >= 0 {
			s = s[i+1:]
		}
	}
	f := strings.Fields(s)
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ")
}

var (
	bylineRe   = regexp.MustCompile(`(?i)^\**\s*(?:written\s+by|by|authors?:)\s+(.+?)\**$`)
	editedByRe = regexp.MustCompile(`(?i)^\**\s*edited\s+by\s+(.+?)\**$`)
	abstractRe = regexp.MustCompile(`(?i)^\**abstract\**\s*[.:—–-]?\s*`)
)

// byline reports whether a paragraph is a byline ("Written by …").
func byline(s string) bool {
	for _, l := range splitByline(s) {
		if bylineRe.MatchString(l) || editedByRe.MatchString(l) {
			return true
		}
	}
	return false
}

// splitByline splits "Written by A Edited by B" into its two statements.
func splitByline(s string) []string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	if i := strings.Index(low, " edited by "); i > 0 {
		return []string{strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])}
	}
	return []string{s}
}

// knownTop are the headings that are top-level sections wherever they
// stand.
var knownTop = map[string]bool{
	"introduction": true, "conclusion": true, "conclusions": true, "discussion": true,
	"acknowledgements": true, "acknowledgments": true, "references": true, "bibliography": true,
	"appendix": true, "methods": true, "results": true, "background": true, "summary": true,
	"concluding remarks": true, "literature review": true,
}

// structure finds the title, byline, abstract and headings, and groups the
// paragraphs into numbered sections.
func structure(ps []*para, v *vocab, res *Result) error {
	ps = frontMatter(ps, v, res)
	secs := res.Sections
	var cur *Section
	var o outline
	for i, p := range ps {
		if p.heading && i+1 < len(ps) {
			cur = o.section(ps, i, len(secs) == 0)
			secs = append(secs, cur)
			continue
		}
		if cur == nil {
			cur = &Section{Title: "Introduction", level: 1}
			cur.reviews = append(cur.reviews, `the text before the first heading has no title: named "Introduction"`)
			secs = append(secs, cur)
		}
		cur.Paragraphs = append(cur.Paragraphs, p.text)
		cur.paraReview = append(cur.paraReview, p.reviews)
	}
	if len(secs) == 0 {
		return ErrNoText
	}
	secs = splitLarge(secs, maxSectionBytes)
	number(secs)
	res.Sections = secs
	res.Meta.ID = readingID(res.Meta)
	return nil
}

// outline tracks the headings so far, to give the next one its level.
type outline struct {
	numbered   bool // the source numbers its headings
	level1Open bool // the last top-level heading was followed by a subheading
}

// section makes the section that heading ps[i] opens; first says no
// section comes before it (an "Abstract" there is section 0).
func (o *outline) section(ps []*para, i int, first bool) *Section {
	p := ps[i]
	title, num := p.text, ""
	if m := numberedHeadingRe.FindStringSubmatch(title); m != nil {
		num, title = strings.TrimSuffix(m[1], "."), m[2]
		o.numbered = true
	}
	sec := &Section{Title: title, reviews: p.reviews}
	switch {
	case first && strings.EqualFold(strings.TrimSpace(title), "abstract"):
		sec.level = 0
	case num != "":
		sec.level = strings.Count(num, ".") + 1
	case p.level > 0:
		sec.level = min(p.level, 3) // a title past the start, or a deep level, is kept shallow
	default:
		sec.level = o.guess(ps, i, title)
		if !knownTop[strings.ToLower(title)] {
			sec.reviews = append(sec.reviews, fmt.Sprintf("heading level %d guessed from the layout (the source does not number it)", sec.level))
		}
	}
	return sec
}

// guess gives an unnumbered heading its level from the layout: a heading
// directly followed by another opens a part (level 1), and the headings
// after it are its subsections until a wider gap or a conventional
// top-level name (Conclusion …).
func (o *outline) guess(ps []*para, i int, title string) int {
	lvl := 1
	switch {
	case knownTop[strings.ToLower(title)]:
	case ps[i+1].heading:
	case i > 0 && ps[i-1].heading && !o.numbered:
		lvl = 2
	case o.level1Open && ps[i].gap < 2:
		lvl = 2
	}
	if lvl == 1 {
		o.level1Open = ps[i+1].heading
	}
	return lvl
}

// number gives the sections margin's numbering ("0" for the abstract, then
// "1", "2", "2.1" …) and slugs unique within the reading.
func number(secs []*Section) {
	var counts []int
	slugs := map[string]int{}
	for _, s := range secs {
		if s.level == 0 {
			s.Number = "0"
		} else {
			for len(counts) < s.level {
				counts = append(counts, 0)
			}
			counts = counts[:s.level]
			counts[s.level-1]++
			parts := make([]string, len(counts))
			for i, n := range counts {
				if n == 0 {
					n = 1
					counts[i] = 1
				}
				parts[i] = fmt.Sprint(n)
			}
			s.Number = strings.Join(parts, ".")
		}
		slug := reading.Slug(s.Title)
		if slug == "" {
			slug = "section"
		}
		if n := slugs[slug]; n > 0 {
			slugs[slug]++
			slug = fmt.Sprintf("%s-%d", slug, n+1)
		} else {
			slugs[slug] = 1
		}
		s.Slug = slug
	}
}

// frontMatter takes the title, subtitle, byline and abstract from the
// start of the text and returns the rest.
func frontMatter(ps []*para, v *vocab, res *Result) []*para {
	i := 0
	// Title and subtitle: the short heading-like lines that open page one.
	for i < len(ps) && ps[i].page == 0 && ps[i].heading && !byline(ps[i].text) && i < 2 && !numberedHeadingRe.MatchString(ps[i].text) && !strings.EqualFold(ps[i].text, "abstract") && !knownTop[strings.ToLower(ps[i].text)] {
		if i+1 < len(ps) && ps[i+1].heading && i == 1 && !byline(ps[i+1].text) && !strings.EqualFold(ps[i+1].text, "abstract") {
			break // two headings in a row after the title: the first opens a part
		}
		t := strings.Trim(ps[i].text, "*_ ")
		if res.Meta.Title == "" {
			res.Meta.Title = t
		} else if affiliation(t) || nameLike(t, v) {
			break
		} else {
			res.Meta.Subtitle = t
		}
		i++
	}
	i = authorLines(ps, i, v, res)
	if res.Meta.Title == "" {
		res.metaReviews = append(res.metaReviews, "no title found on the first page: the title is a placeholder")
		res.Meta.Title = "Untitled"
	} else if t := recase(res.Meta.Title); t != res.Meta.Title {
		res.metaReviews = append(res.metaReviews, fmt.Sprintf("title printed in capitals (%q): recased", res.Meta.Title))
		res.Meta.Title = t
	}
	rest := ps[i:]
	if out, ok := bylineAbstract(rest, res); ok {
		if len(res.Sections) > 0 {
			return out // the abstract stood before the byline
		}
		return labelledAbstract(out, res)
	}
	if res.Meta.Author == "" {
		res.metaReviews = append(res.metaReviews, "no byline found on the first page: add the author")
	}
	return labelledAbstract(rest, res)
}

// bylineAbstract reads a byline ("Written by …", "Edited by …") within the
// first page; paragraphs before it are the abstract. It returns the
// paragraphs left, and whether it found a byline.
func bylineAbstract(rest []*para, res *Result) ([]*para, bool) {
	for j, p := range rest {
		if p.page > 0 || j > 8 {
			break
		}
		if !byline(p.text) {
			continue
		}
		for _, part := range splitByline(p.text) {
			if m := editedByRe.FindStringSubmatch(part); m != nil {
				res.Meta.Editor = strings.Trim(m[1], "* ")
			} else if m := bylineRe.FindStringSubmatch(part); m != nil {
				res.Meta.Author = strings.Trim(m[1], "* ")
			}
		}
		if j == 0 {
			return rest[1:], true
		}
		if rest[0].heading || anyHeading(rest[:j]) {
			return append(append([]*para{}, rest[:j]...), rest[j+1:]...), true
		}
		abs := &Section{Title: "Abstract", level: 0}
		abs.reviews = append(abs.reviews, "the paragraphs between the title and the byline taken as the abstract")
		for _, a := range rest[:j] {
			abs.Paragraphs = append(abs.Paragraphs, a.text)
			abs.paraReview = append(abs.paraReview, a.reviews)
		}
		res.Sections = append(res.Sections, abs)
		return rest[j+1:], true
	}
	return rest, false
}

// labelledAbstract takes an abstract that says so ("Abstract: …" or
// "Abstract." opening one of the first paragraphs) as section 0.
func labelledAbstract(rest []*para, res *Result) []*para {
	for j, p := range rest {
		if j > 3 || p.heading {
			break
		}
		if loc := abstractRe.FindStringIndex(p.text); loc != nil && loc[1] < len(p.text) {
			abs := &Section{Title: "Abstract", level: 0, Paragraphs: []string{p.text[loc[1]:]}, paraReview: [][]string{p.reviews}}
			res.Sections = append(res.Sections, abs)
			return append(append([]*para{}, rest[:j]...), rest[j+1:]...)
		}
	}
	return rest
}

func anyHeading(ps []*para) bool {
	for _, p := range ps {
		if p.heading {
			return true
		}
	}
	return false
}

// smallWords stay lower-case inside a title.
var smallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "and": true, "or": true, "for": true, "to": true, "at": true, "by": true, "with": true, "from": true}

// recase turns a title printed in capitals into title case; any other
// title is returned as it is.
func recase(t string) string {
	if strings.ToUpper(t) != t || strings.ToLower(t) == t {
		return t
	}
	w := strings.Fields(strings.ToLower(t))
	for i, x := range w {
		if i > 0 && smallWords[x] {
			continue
		}
		r, n := utf8.DecodeRuneInString(x)
		w[i] = string(unicode.ToUpper(r)) + x[n:]
	}
	return strings.Join(w, " ")
}

// readingID is the reading's id: its author and title as a slug, at most
// about 60 characters, cut at a word.
func readingID(m Meta) string {
	id := reading.Slug(m.Author + " " + m.Title)
	for len(id) > 60 {
		i := strings.LastIndex(id, "-")
		if i < 0 {
			id = id[:60]
			break
		}
		id = id[:i]
	}
	if id == "" {
		id = "imported-reading"
	}
	return id
}

// onlyMarked leaves, in a text whose markup marks its headings, no other
// line taken for a heading.
func onlyMarked(ps []*para) {
	marked := false
	for _, p := range ps {
		if p.level > 0 {
			marked = true
			break
		}
	}
	if !marked {
		return
	}
	for _, p := range ps {
		if p.level == 0 {
			p.heading = false
		}
	}
}

var (
	nameRe        = regexp.MustCompile(`^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.|de|van|von|der|da|di|la|le)){1,4}$`)
	affiliationRe = regexp.MustCompile(`(?i)@|\bat\b.*\.\w|https?://|www\.|universit|institut|department|college|school of|laborator|group\b`)
)

var nameSepRe = regexp.MustCompile(`,\s*(?:and\s+)?|\s+and\s+|\s*&\s*`)

// nameLike reports whether a line is a person's name ("Jane Q. Researcher"),
// or several, joined by commas or "and": capitalised words that the text
// never writes in lower case.
func nameLike(s string, v *vocab) bool {
	for _, part := range nameSepRe.Split(strings.Trim(s, "*_ "), -1) {
		part = strings.TrimSpace(part)
		if !nameRe.MatchString(part) {
			return false
		}
		for _, w := range strings.Fields(part) {
			if v != nil && v.lower[strings.ToLower(strings.Trim(w, "."))] {
				return false
			}
		}
	}
	return true
}

// affiliation reports whether a line is an address, an e-mail or an
// institution.
func affiliation(s string) bool { return affiliationRe.MatchString(s) }

// authorLines reads the lines under the title that name the author or an
// affiliation, from ps[i] on, and returns where the text goes on. The
// first name found is the author; affiliations are left out, and said so.
func authorLines(ps []*para, i int, v *vocab, res *Result) int {
	for ; i < len(ps) && ps[i].page == 0 && ps[i].heading && !byline(ps[i].text); i++ {
		t := strings.TrimSpace(ps[i].text)
		switch {
		case nameLike(t, v) && res.Meta.Author == "":
			res.Meta.Author = strings.Trim(t, "*_ ")
			res.metaReviews = append(res.metaReviews, fmt.Sprintf("author taken from the line under the title: %q", res.Meta.Author))
		case affiliation(t) || nameLike(t, v):
			res.metaReviews = append(res.metaReviews, fmt.Sprintf("left out, from under the title: %q", t))
		default:
			return i
		}
	}
	return i
}

// maxSectionBytes is the most text a section file takes: margin's loaders
// refuse a content file over reading.MaxContentFileBytes, and the front
// matter needs room.
const maxSectionBytes = reading.MaxContentFileBytes - 8<<10

// splitLarge splits a section whose text is over limit bytes into parts at
// paragraph boundaries: "Title (continued)", at the same level, each
// listed for review. A paragraph longer than limit is cut at a space.
func splitLarge(secs []*Section, limit int) []*Section {
	var out []*Section
	for _, s := range secs {
		size := 0
		for _, p := range s.Paragraphs {
			size += len(p) + 2
		}
		if size <= limit {
			out = append(out, s)
			continue
		}
		cur := &Section{Title: s.Title, level: s.level, reviews: s.reviews}
		out = append(out, cur)
		size = 0
		for i, p := range s.Paragraphs {
			review := s.paraReview[i]
			for p != "" {
				piece := p
				p = ""
				if len(piece) > limit {
					cut := strings.LastIndexByte(piece[:limit], ' ')
					if cut <= 0 {
						for cut = limit; !utf8.RuneStart(piece[cut]); cut-- {
						}
					}
					piece, p = piece[:cut], strings.TrimLeft(piece[cut:], " ")
					review = append(review, "a paragraph over 1 MiB, cut in two here")
				}
				if size+len(piece)+2 > limit && len(cur.Paragraphs) > 0 {
					cur = continued(s, &out)
					size = 0
				}
				cur.Paragraphs = append(cur.Paragraphs, piece)
				cur.paraReview = append(cur.paraReview, review)
				size += len(piece) + 2
				review = nil
			}
		}
	}
	return out
}

// continued starts the next part of a section too large for one file.
func continued(s *Section, out *[]*Section) *Section {
	lvl := s.level
	if lvl == 0 {
		lvl = 1
	}
	c := &Section{Title: s.Title + " (continued)", level: lvl,
		reviews: []string{"the section is over the 1 MiB a file may hold: split here"}}
	*out = append(*out, c)
	return c
}
