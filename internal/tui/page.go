package tui

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// cacheKey identifies one rendering of a section.
type cacheKey struct {
	sec   int
	width int
	style string
}

// page is a section rendered for the terminal.
type page struct {
	lines   []string // rendered lines, with escape sequences
	plain   []string // the same lines without escape sequences
	markers []marker // note, term and endnote markers, in reading order
}

// markKind says what a marker opens.
type markKind int

const (
	markNote markKind = iota
	markEndnote
	markTerm
)

// marker is a note, term or endnote marker as it stands on the page.
type marker struct {
	kind   markKind
	ref    string // note id, glossary id or endnote number
	label  string // what the status line calls it
	line   int
	col, w int // display columns
	mdAt   int // offset in the paragraph's Markdown, for ordering
	needle string
}

// renderedMsg carries a rendered section back to Update.
type renderedMsg struct {
	key  cacheKey
	page *page
	err  error
}

// renderCmd renders a section in the background.
func (m *model) renderCmd(k cacheKey) func() any {
	rd, r, s := m.rd, m.cfg.Renderer, m.rd.Sections[k.sec]
	o := render.Options{Plain: m.cfg.Plain, Style: m.cfg.Style, Width: k.width, Fit: true}
	return func() any {
		p, err := renderPage(rd, r, s, o)
		return renderedMsg{key: k, page: p, err: err}
	}
}

// renderPage composes, renders and indexes one section.
func renderPage(rd *reading.Reading, r *render.Renderer, s *reading.Section, o render.Options) (*page, error) {
	md, err := render.Section(rd, s, render.Show{Endnotes: true, Terms: true, Notes: true, Reader: true}, o.Plain)
	if err != nil {
		return nil, err
	}
	out, err := r.Render(md, o)
	if err != nil {
		return nil, err
	}
	p := &page{lines: strings.Split(strings.TrimRight(out, "\n "), "\n")}
	p.plain = make([]string, len(p.lines))
	for i, l := range p.lines {
		p.plain[i] = ansi.Strip(l)
	}
	ms, err := sectionMarkers(rd, s, o.Plain)
	if err != nil {
		return nil, err
	}
	p.markers = p.place(ms)
	return p, nil
}

// sectionMarkers lists the markers of a section's paragraphs, in order.
func sectionMarkers(rd *reading.Reading, s *reading.Section, plain bool) ([]marker, error) {
	notes, err := rd.NotesIn(s.Number)
	if err != nil {
		return nil, err
	}
	terms, err := render.SectionTerms(rd, s.Number)
	if err != nil {
		return nil, err
	}
	var out []marker
	for pi, p := range s.Paragraphs {
		var ms []marker
		ms = append(ms, noteMarkers(notes, pi, p, plain)...)
		ms = append(ms, refMarkers(p)...)
		ms = append(ms, termMarkers(terms, pi, p)...)
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].mdAt != ms[j].mdAt {
				return ms[i].mdAt < ms[j].mdAt
			}
			return ms[i].kind < ms[j].kind
		})
		out = append(out, ms...)
	}
	return out, nil
}

func noteMarkers(notes []*reading.Note, pi int, p reading.Paragraph, plain bool) []marker {
	var ms []marker
	for i, n := range notes {
		if n.Loc.Para != pi {
			continue
		}
		needle := fmt.Sprintf("N%d %s", i+1, n.Verdict.Glyph())
		if plain {
			needle = fmt.Sprintf("[N%d:", i+1)
		}
		ms = append(ms, marker{kind: markNote, ref: n.ID, label: fmt.Sprintf("note N%d (%s)", i+1, n.Verdict.Label()),
			mdAt: p.MarkdownOffset(n.Loc.End), needle: needle})
	}
	return ms
}

var refRe = regexp.MustCompile(`\[\^([0-9]+)\]`)

func refMarkers(p reading.Paragraph) []marker {
	var ms []marker
	for _, loc := range refRe.FindAllStringSubmatchIndex(p.Markdown, -1) {
		n, _ := strconv.Atoi(p.Markdown[loc[2]:loc[3]])
		ms = append(ms, marker{kind: markEndnote, ref: strconv.Itoa(n), label: fmt.Sprintf("endnote %d", n),
			mdAt: loc[0], needle: render.Superscript(n)})
	}
	return ms
}

func termMarkers(terms []render.TermUse, pi int, p reading.Paragraph) []marker {
	var ms []marker
	for _, t := range terms {
		if t.Loc.Para != pi || t.Loc.End > len(p.Plain) {
			continue
		}
		text := p.Plain[t.Loc.Start:t.Loc.End]
		ms = append(ms, marker{kind: markTerm, ref: t.Entry.ID, label: "term " + t.Entry.Term,
			mdAt: p.MarkdownStart(t.Loc.Start), needle: text})
	}
	return ms
}

// bodyEnd is the first line of the lists under the text (endnotes, notes,
// terms); markers are looked for above it.
func (p *page) bodyEnd() int {
	for i, l := range p.plain {
		t := strings.TrimSpace(l)
		if t == "Endnotes" || t == "Fact-check notes" || strings.HasPrefix(t, "Terms (") {
			return i
		}
	}
	return len(p.plain)
}

// place finds each marker on the page, in order, and keeps those found.
func (p *page) place(ms []marker) []marker {
	end := p.bodyEnd()
	line, at := 0, 0
	var out []marker
	for _, mk := range ms {
		l, b, n, ok := p.find(mk.needle, line, at, end)
		if !ok {
			continue
		}
		mk.line = l
		mk.col = ansi.StringWidth(p.plain[l][:b])
		mk.w = ansi.StringWidth(p.plain[l][b : b+n])
		line, at = l, b+n
		out = append(out, mk)
	}
	return out
}

// find looks for needle from (line, at) up to line end; a needle broken
// across lines (a term, or a note marker "N5 ✗" wrapped after N5) is found
// by its first word.
func (p *page) find(needle string, line, at, end int) (l, b, n int, ok bool) {
	first := needle
	if i := strings.IndexByte(needle, ' '); i > 0 {
		first = needle[:i]
	}
	for l = line; l < end && l < len(p.plain); l++ {
		s := p.plain[l]
		from := 0
		if l == line {
			from = min(at, len(s))
		}
		if i := strings.Index(s[from:], needle); i >= 0 {
			return l, from + i, len(needle), true
		}
		if i := strings.Index(s[from:], first); i >= 0 && first != needle {
			return l, from + i, len(first), true
		}
	}
	return 0, 0, 0, false
}
