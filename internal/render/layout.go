package render

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/mattn/go-runewidth"
)

// SpotKind says what a spot on a rendered page is.
type SpotKind int

// The kinds of spot, in the order they come at one place in the text.
const (
	SpotNote    SpotKind = iota // a fact-check note's marker
	SpotMark                    // a personal note's marker
	SpotEndnote                 // an endnote's superscript number
	SpotTerm                    // a glossary term at its first use
)

// Spot is a marker or term as it landed on a rendered page: its line and
// display columns (the first line, when it is broken across two).
type Spot struct {
	Kind  SpotKind
	Ref   string // note id, mark id, endnote number or glossary id
	Para  int    // the paragraph it stands in
	Line  int
	Col   int
	Width int
}

// LineSpan is a run of display columns on one line; End is exclusive.
type LineSpan struct{ Line, Start, End int }

// Layout says where a section's text landed on its rendered page, so that
// the reader can select, highlight and open what it shows without parsing
// the rendered text: render composes the text, so render says where it went.
type Layout struct {
	Spots []Spot // in reading order
	// at holds, for each paragraph, the place of each byte of its plain
	// text that starts a rune (line < 0 where it was not found).
	at [][]place
}

type place struct{ line, col, w int32 }

// Spans returns where bytes start to end of paragraph para's plain text
// stand on the page, a span per line, in order; nil when they were not
// found.
func (l *Layout) Spans(para, start, end int) []LineSpan {
	if l == nil || para < 0 || para >= len(l.at) {
		return nil
	}
	ps := l.at[para]
	var out []LineSpan
	for i := max(start, 0); i < min(end, len(ps)); i++ {
		p := ps[i]
		if p.line < 0 || p.w == 0 {
			continue
		}
		line, c0, c1 := int(p.line), int(p.col), int(p.col+p.w)
		if n := len(out); n > 0 && out[n-1].Line == line {
			out[n-1].Start, out[n-1].End = min(out[n-1].Start, c0), max(out[n-1].End, c1)
			continue
		}
		out = append(out, LineSpan{line, c0, c1})
	}
	return out
}

// RenderSection composes a section as Section does, renders it and lays it
// out: the page, and where each marker, term and word of it landed.
func (r *Renderer) RenderSection(rd *reading.Reading, s *reading.Section, show Show, o Options) (string, *Layout, error) {
	md, err := Section(rd, s, show, o.Plain)
	if err != nil {
		return "", nil, err
	}
	out, err := r.Render(md, o)
	if err != nil {
		return "", nil, err
	}
	notes, terms, err := annotations(rd, s, show)
	if err != nil {
		return "", nil, err
	}
	l := layOut(ansi.Strip(out), s, notes, terms, show.Marks, o.Plain)
	return out, l, nil
}

// glyph is one rune of a paragraph as the reader sees it, with where it
// comes from: a byte of the plain text, or a spot's visible text.
type glyph struct {
	r     rune
	plain int // offset in the plain text, or -1
	spot  int // index in the spots, or -1
}

// glyphsOf lists the runes of paragraph idx as they show on the page, with
// their origins, and appends its spots to spots.
func glyphsOf(p reading.Paragraph, idx int, notes []*reading.Note, terms []TermUse, marks []UserMark, plain bool, spots *[]Spot) []glyph {
	type ins struct {
		at    int
		order int
		text  string
		spot  *Spot // nil for text that opens nothing (a term's closing mark)
		span  int   // for terms: the end of the term
	}
	var list []ins
	for i, n := range notes {
		if n.Loc.Para == idx {
			list = append(list, ins{at: n.Loc.End, order: 1, text: visibleMarker(NoteMarker(i+1, n.Verdict, plain)), spot: &Spot{Kind: SpotNote, Ref: n.ID}})
		}
	}
	for _, m := range marks {
		if m.InText() && m.Loc.Para == idx {
			list = append(list, ins{at: m.Loc.End, order: 1, text: visibleMarker(MarkMarker(m.ID, m.Creator, plain)), spot: &Spot{Kind: SpotMark, Ref: m.ID}})
		}
	}
	for k, off := range p.RefOffsets() {
		list = append(list, ins{at: off, order: 3, text: Superscript(p.Refs[k]), spot: &Spot{Kind: SpotEndnote, Ref: strconv.Itoa(p.Refs[k])}})
	}
	_, closeMark := termMark(plain)
	for _, t := range terms {
		if t.Loc.Para == idx {
			list = append(list, ins{at: t.Loc.Start, order: 2, spot: &Spot{Kind: SpotTerm, Ref: t.Entry.ID}, span: t.Loc.End})
			if plain { // styled terms are bold, with nothing to see around them
				list = append(list, ins{at: t.Loc.End, order: -1, text: closeMark})
			}
		}
	}
	// At one offset, as Section composes them: a term's closing mark, the
	// markers, a term's start, then the endnote number the text already had.
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].at != list[j].at {
			return list[i].at < list[j].at
		}
		return list[i].order < list[j].order
	})
	var out []glyph
	emit := func(in ins) {
		si := -1
		if in.spot != nil {
			in.spot.Para = idx
			si = len(*spots)
			*spots = append(*spots, *in.spot)
		}
		for _, r := range in.text {
			out = append(out, glyph{r, -1, si})
		}
		if in.spot != nil && in.spot.Kind == SpotTerm {
			out = append(out, glyph{0, in.span, si}) // a term: marks its start only
		}
	}
	k := 0
	for i, r := range p.Plain {
		for ; k < len(list) && list[k].at <= i; k++ {
			emit(list[k])
		}
		out = append(out, glyph{r, i, -1})
	}
	for ; k < len(list); k++ {
		emit(list[k])
	}
	return out
}

// visibleMarker is a marker's text as a terminal shows it: inline code
// without its backticks, no-break spaces as spaces.
func visibleMarker(md string) string {
	return strings.ReplaceAll(strings.Trim(md, "`"), nbsp, " ")
}

// layOut aligns each paragraph's visible runes with the rendered page,
// whitespace aside: the page holds them in order, with only the styling's
// own characters (the backticks and asterisks of the ascii style) between.
func layOut(page string, s *reading.Section, notes []*reading.Note, terms []TermUse, marks []UserMark, plain bool) *Layout {
	flat, where := flatten(page)
	l := &Layout{at: make([][]place, len(s.Paragraphs))}
	j := 0
	var spots []Spot
	for pi, p := range s.Paragraphs {
		gs := glyphsOf(p, pi, notes, terms, marks, plain, &spots)
		at := make([]place, len(p.Plain)+1)
		for i := range at {
			at[i].line = -1
		}
		l.at[pi] = at
		j = resync(flat, j, gs)
		found := make([]bool, len(spots))
		for _, g := range gs {
			if g.r == 0 { // a term's start: placed by its first rune
				continue
			}
			if unicode.IsSpace(g.r) {
				continue
			}
			k := match(flat, j, g.r)
			if k < 0 {
				continue
			}
			j = k + 1
			pl := place{where[k].line, where[k].col, int32(runewidth.RuneWidth(g.r))}
			if g.plain >= 0 {
				at[g.plain] = pl
			}
			if g.spot >= 0 {
				sp := &spots[g.spot]
				switch {
				case !found[g.spot]:
					found[g.spot] = true
					sp.Line, sp.Col, sp.Width = int(pl.line), int(pl.col), int(pl.w)
				case sp.Line == int(pl.line):
					sp.Width = int(pl.col+pl.w) - sp.Col
				}
			}
		}
		for si := range spots {
			if spots[si].Kind == SpotTerm && spots[si].Para == pi {
				placeTerm(&spots[si], at, gs, si)
				found[si] = spots[si].Width > 0
			}
		}
		for si := range spots {
			if spots[si].Para == pi && found[si] {
				l.Spots = append(l.Spots, spots[si])
			}
		}
		spots = spots[:0]
	}
	return l
}

// placeTerm gives a term's spot the span of its words on their first line.
func placeTerm(sp *Spot, at []place, gs []glyph, si int) {
	start, end := -1, -1
	for i, g := range gs {
		if g.spot == si && g.r == 0 {
			end = g.plain
			for _, h := range gs[i+1:] {
				if h.plain >= 0 {
					start = h.plain
					break
				}
			}
			break
		}
	}
	if start < 0 {
		return
	}
	first := true
	for i := start; i < min(end, len(at)); i++ {
		p := at[i]
		if p.line < 0 || p.w == 0 {
			continue
		}
		if first {
			sp.Line, sp.Col, sp.Width, first = int(p.line), int(p.col), int(p.w), false
			continue
		}
		if int(p.line) == sp.Line {
			sp.Width = int(p.col+p.w) - sp.Col
		}
	}
}

type pos struct{ line, col int32 }

// flatten lists the page's runes other than white space, with where each
// stands.
func flatten(page string) ([]rune, []pos) {
	var flat []rune
	var where []pos
	for li, line := range strings.Split(page, "\n") {
		col := 0
		for _, r := range line {
			if !unicode.IsSpace(r) {
				flat = append(flat, r)
				where = append(where, pos{int32(li), int32(col)})
			}
			col += runewidth.RuneWidth(r)
		}
	}
	return flat, where
}

// lookahead is how many of the page's runes the alignment skips to find the
// next one it expects: the styling's own characters, such as the asterisks
// and backticks of the ascii style, stand between.
const lookahead = 3

// match finds r at flat[j] or just after it, or returns -1.
func match(flat []rune, j int, r rune) int {
	for k := j; k < min(len(flat), j+1+lookahead); k++ {
		if flat[k] == r {
			return k
		}
	}
	return -1
}

// resync finds where a paragraph starts on the page, from j on: the first
// place where its first visible runes stand in order.
func resync(flat []rune, j int, gs []glyph) int {
	var head []rune
	for _, g := range gs {
		if g.r != 0 && !unicode.IsSpace(g.r) {
			head = append(head, g.r)
			if len(head) == 12 {
				break
			}
		}
	}
	if len(head) == 0 {
		return j
	}
	for k := j; k+len(head) <= len(flat); k++ {
		if flat[k] == head[0] && runesAt(flat, k, head) {
			return k
		}
	}
	return j
}

func runesAt(flat []rune, k int, head []rune) bool {
	for i, r := range head {
		if flat[k+i] != r {
			return false
		}
	}
	return true
}
