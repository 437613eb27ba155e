package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/margin-reader/margin/internal/search"
)

// styles are the reader's own styles. They use reverse video and bold only,
// never colours that depend on the terminal's background.
type styles struct {
	bar, mark, focus, cursor, current, dim lipgloss.Style
}

func newStyles(plain bool) styles {
	s := styles{
		bar:     lipgloss.NewStyle().Reverse(true),
		mark:    lipgloss.NewStyle().Reverse(true),
		focus:   lipgloss.NewStyle().Reverse(true).Bold(true),
		cursor:  lipgloss.NewStyle().Reverse(true),
		current: lipgloss.NewStyle().Bold(true),
		dim:     lipgloss.NewStyle().Faint(true),
	}
	if plain {
		s.current, s.dim = lipgloss.NewStyle(), lipgloss.NewStyle()
	}
	return s
}

// View draws the screen from the model, full screen with the mouse wheel on;
// it does no rendering or searching.
func (m *model) View() tea.View {
	v := tea.NewView(m.screen())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

// screen is the text of the screen: the body rows, then the status line.
func (m *model) screen() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	rows := m.bodyRows()
	out := make([]string, 0, m.height)
	for i := 0; i < m.bodyHeight(); i++ {
		if i < len(rows) {
			out = append(out, rows[i])
		} else {
			out = append(out, "")
		}
	}
	out = append(out, m.status())
	return strings.Join(out, "\n")
}

// bodyRows draws everything above the status line.
func (m *model) bodyRows() []string {
	h := m.bodyHeight()
	switch {
	case m.err != nil:
		return []string{fit("error: "+sanitize.Line(m.err.Error()), m.width)}
	case m.top != nil:
		if rows := m.top.view(m, h); rows != nil {
			return rows
		}
	}
	pane := m.textRows(h)
	if !m.sidebarShown() {
		return pane
	}
	return m.withSidebar(pane, h)
}

// textRows draws the visible lines of the section, with highlights.
func (m *model) textRows(h int) []string {
	if m.page == nil {
		return []string{"rendering…"}
	}
	w := m.paneWidth()
	end := min(m.offset+h, len(m.page.lines))
	out := make([]string, 0, h)
	sel := m.selection()
	for i := m.offset; i < end; i++ {
		out = append(out, ansi.Truncate(m.paintLine(i, sel), w, ""))
	}
	return out
}

// paintLine is line i with search highlights, the selected sentence (sel,
// by line) and the focused marker.
func (m *model) paintLine(i int, sel map[int][]span) string {
	spans := m.hl[i]
	style := m.styles.mark
	if sel != nil {
		spans = sel[i]
	}
	if mk, ok := m.focused(); ok && mk.Line == i {
		spans = []span{{mk.Col, mk.Col + mk.Width}}
		style = m.styles.focus
	}
	if len(spans) == 0 {
		return m.page.lines[i]
	}
	return paint(m.page.lines[i], m.page.plain[i], spans, style)
}

// paint restyles the given columns of a rendered line.
func paint(line, plain string, spans []span, st lipgloss.Style) string {
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.start < at || s.end <= s.start {
			continue
		}
		b.WriteString(ansi.Cut(line, at, s.start))
		b.WriteString(st.Render(ansi.Cut(plain, s.start, s.end)))
		at = s.end
	}
	b.WriteString(ansi.Cut(line, at, ansi.StringWidth(plain)))
	return b.String()
}

// withSidebar puts the table of contents left of the text.
func (m *model) withSidebar(pane []string, h int) []string {
	sw := m.sidebarCols()
	toc := m.tocRows(h, sw)
	out := make([]string, h)
	for i := range out {
		left, right := "", ""
		if i < len(toc) {
			left = toc[i]
		}
		if i < len(pane) {
			right = pane[i]
		}
		out[i] = pad(left, sw) + m.styles.dim.Render("│") + right
	}
	return out
}

// tocRows draws the table of contents, scrolled to keep the cursor (or the
// current section) in view.
func (m *model) tocRows(h, w int) []string {
	at := m.sec
	if m.mode() == modeTOC {
		at = m.toc.cursor
	}
	top := max(min(at-h/2, len(m.rd.Sections)-h), 0)
	var out []string
	for i := top; i < len(m.rd.Sections) && len(out) < h; i++ {
		s := m.rd.Sections[i]
		mark := "  "
		if i == m.sec {
			mark = "▸ "
		}
		row := fit(mark+strings.Repeat("  ", s.Depth())+s.Number+" "+sanitize.Line(s.Title), w)
		switch {
		case m.mode() == modeTOC && i == m.toc.cursor:
			row = m.styles.cursor.Render(pad(row, w))
		case i == m.sec:
			row = m.styles.current.Render(row)
		}
		out = append(out, row)
	}
	return out
}

// resultRow is one search result: where it is, then its snippet with the
// matched words highlighted.
func (m *model) resultRow(i int) string {
	r := m.search.results[i]
	d := m.search.docs[r.Doc]
	label := resultLabel(d)
	pre := "  "
	if i == m.search.cursor {
		pre = "▸ "
	}
	head := pre + label + " "
	snip := sanitize.Line(r.Snippet)
	row := head + snip
	if sanitize.Line(r.Snippet) == r.Snippet && len(r.Highlights) > 0 {
		row = head + highlightRunes(snip, r.Highlights, m.styles.mark)
	}
	row = ansi.Truncate(row, m.width, "…")
	if i == m.search.cursor {
		row = m.styles.current.Render(row)
	}
	return row
}

func resultLabel(d search.Doc) string {
	switch d.Kind {
	case search.KindText:
		return "§" + d.Section
	case search.KindSection:
		return "section"
	case search.KindGlossary:
		return "term"
	case search.KindNote:
		return "note"
	}
	return "endnote " + sanitize.Line(d.Ref)
}

// highlightRunes styles the rune spans of s.
func highlightRunes(s string, hs []search.Span, st lipgloss.Style) string {
	rs := []rune(s)
	var b strings.Builder
	at := 0
	for _, h := range hs {
		if h.Start < at || h.End > len(rs) || h.Start >= h.End {
			continue
		}
		b.WriteString(string(rs[at:h.Start]))
		b.WriteString(st.Render(string(rs[h.Start:h.End])))
		at = h.End
	}
	b.WriteString(string(rs[at:]))
	return b.String()
}

// status is the bottom line: section, position and key hints.
func (m *model) status() string {
	if t, ok := m.top.(statusDrawer); ok {
		return t.status(m)
	}
	s := m.rd.Sections[m.sec]
	left := " " + s.Number + " " + sanitize.Line(s.Title)
	right := fmt.Sprintf(" %d%% · %s ", m.percent(), m.hints())
	if m.msg != "" {
		right = " " + sanitize.Line(m.msg) + " · " + fmt.Sprintf("%d%% ", m.percent())
		if ansi.StringWidth(right) >= m.width { // a message matters more than the title
			return m.styles.bar.Render(pad(fit(right, m.width), m.width))
		}
	}
	return m.styles.bar.Render(joinEnds(left, right, m.width))
}

func (m *model) hints() string {
	if m.top != nil {
		return m.top.hints()
	}
	return "? help · q quit"
}

// joinEnds puts left and right on one line of width w; the left side is
// cut when both do not fit.
func joinEnds(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	if rw >= w {
		return fit(left, w)
	}
	return pad(fit(left, w-rw), w-rw) + right
}

// fit cuts s to w columns, with an ellipsis when cut.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// pad fills s with spaces to w columns.
func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
}
