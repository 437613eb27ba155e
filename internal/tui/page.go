package tui

import (
	"fmt"
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
	markers []marker // note, personal note, term and endnote markers, in reading order
	layout  *render.Layout
}

// marker is a note, personal note, term or endnote marker as it stands on
// the page (render.Layout says where), with what the status line calls it.
type marker struct {
	render.Spot
	label string
}

// renderedMsg carries a rendered section back to Update.
type renderedMsg struct {
	key  cacheKey
	page *page
	err  error
}

// renderCmd renders a section in the background.
func (m *model) renderCmd(k cacheKey) func() any {
	rd, r, s, marks := m.rd, m.cfg.Renderer, m.rd.Sections[k.sec], m.sectionNotes(k.sec)
	o := render.Options{Plain: m.cfg.Plain, Style: m.cfg.Style, Width: k.width, Fit: true}
	return func() any {
		p, err := renderPage(rd, r, s, marks, o)
		return renderedMsg{key: k, page: p, err: err}
	}
}

// renderPage composes, renders and lays out one section, with the user's
// notes in it.
func renderPage(rd *reading.Reading, r *render.Renderer, s *reading.Section, marks []render.UserMark, o render.Options) (*page, error) {
	show := render.Show{Endnotes: true, Terms: true, Notes: true, Reader: true, Marks: marks}
	out, layout, err := r.RenderSection(rd, s, show, o)
	if err != nil {
		return nil, err
	}
	p := &page{lines: strings.Split(strings.TrimRight(out, "\n "), "\n"), layout: layout}
	p.plain = make([]string, len(p.lines))
	for i, l := range p.lines {
		p.plain[i] = ansi.Strip(l)
	}
	notes, err := rd.NotesIn(s.Number)
	if err != nil {
		return nil, err
	}
	for _, sp := range layout.Spots {
		if sp.Line < len(p.lines) {
			p.markers = append(p.markers, marker{sp, spotLabel(rd, sp, notes)})
		}
	}
	return p, nil
}

// spotLabel is what the status line calls a marker.
func spotLabel(rd *reading.Reading, sp render.Spot, notes []*reading.Note) string {
	switch sp.Kind {
	case render.SpotNote:
		for i, n := range notes {
			if n.ID == sp.Ref {
				return fmt.Sprintf("note N%d (%s)", i+1, n.Verdict.Label())
			}
		}
	case render.SpotMark:
		return "your note " + sp.Ref
	case render.SpotEndnote:
		return "endnote " + sp.Ref
	case render.SpotTerm:
		if e, ok := rd.Entry(sp.Ref); ok {
			return "term " + e.Term
		}
	}
	return sp.Ref
}
