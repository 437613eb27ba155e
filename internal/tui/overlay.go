package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// overlay is a note, glossary entry or endnote shown over the text.
type overlay struct {
	title  string
	md     string
	width  int
	lines  []string
	offset int
	seq    int
}

// overlayMsg carries a rendered overlay back to Update.
type overlayMsg struct {
	seq   int
	lines []string
	err   error
}

func (o *overlay) scroll(d, height int) {
	o.offset = max(min(o.offset+d, len(o.lines)-max(height, 1)), 0)
}

// openOverlay shows Markdown over the text, rendered in the background.
func (m *model) openOverlay(title, md string) tea.Cmd {
	if m.mode != modeOverlay {
		m.back = m.mode
	}
	m.mode = modeOverlay
	m.ov = overlay{title: title, md: md, seq: m.ov.seq + 1}
	return m.renderOverlay()
}

// renderOverlay renders the overlay's Markdown at the pane's width.
func (m *model) renderOverlay() tea.Cmd {
	r, seq, md := m.cfg.Renderer, m.ov.seq, m.ov.md
	w := max(min(m.width, m.textWidth()), render.MinWidth)
	m.ov.width = w
	o := render.Options{Plain: m.cfg.Plain, Style: m.cfg.Style, Width: w, Fit: true}
	return func() tea.Msg {
		out, err := r.Render(md, o)
		return overlayMsg{seq: seq, lines: strings.Split(strings.TrimRight(out, "\n "), "\n"), err: err}
	}
}

func (m *model) overlayRendered(msg overlayMsg) {
	if msg.seq != m.ov.seq {
		return
	}
	if msg.err != nil {
		m.ov.lines = []string{"cannot render: " + msg.err.Error()}
		return
	}
	m.ov.lines = msg.lines
}

func (m *model) overlayKey(k tea.KeyPressMsg) tea.Cmd {
	h := m.bodyHeight() - 1
	switch k.String() {
	case "j", "down":
		m.ov.scroll(1, h)
	case "k", "up":
		m.ov.scroll(-1, h)
	case "space", "f", "pgdown":
		m.ov.scroll(h, h)
	case "b", "pgup":
		m.ov.scroll(-h, h)
	case "d":
		m.ov.scroll(h/2, h)
	case "u":
		m.ov.scroll(-h/2, h)
	case "g":
		m.ov.offset = 0
	case "G":
		m.ov.scroll(len(m.ov.lines), h)
	case "esc", "q", "enter", "backspace":
		m.mode = m.back
		m.ov = overlay{seq: m.ov.seq}
	}
	return nil
}

// openNote shows a fact-check note.
func (m *model) openNote(id string) tea.Cmd {
	n, err := m.rd.Note(id)
	if err != nil {
		m.msg = err.Error()
		return nil
	}
	return m.openOverlay("Note "+n.ID, noteMarkdown(n))
}

func noteMarkdown(n *reading.Note) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n\n", n.Verdict.Glyph(), render.EscapeInline(n.Verdict.Label()))
	fmt.Fprintf(&b, "**Claim** (section %s): %s\n\n", n.Section, render.EscapeInline(n.Claim))
	fmt.Fprintf(&b, "%s\n\n", n.Summary)
	if n.Body != "" {
		fmt.Fprintf(&b, "%s\n\n", n.Body)
	}
	for _, s := range n.Sources {
		fmt.Fprintf(&b, "- %s\n", render.EscapeInline(s.String()))
	}
	return b.String()
}

// openEntry shows a glossary entry.
func (m *model) openEntry(id string) tea.Cmd {
	e, err := m.rd.Entry(id)
	if err != nil {
		m.msg = err.Error()
		return nil
	}
	return m.openOverlay("Glossary: "+e.Term, entryMarkdown(e))
}

func entryMarkdown(e *reading.Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", render.EscapeInline(e.Term))
	if len(e.Alt) > 0 {
		fmt.Fprintf(&b, "*Also:* %s\n\n", render.EscapeInline(strings.Join(e.Alt, "; ")))
	}
	if e.Contested {
		b.WriteString("*A contested term.*\n\n")
	}
	fmt.Fprintf(&b, "%s\n\n%s\n", e.Definition, e.Body)
	return b.String()
}

// openEndnote shows an endnote of the paper.
func (m *model) openEndnote(ref string) tea.Cmd {
	n, _ := strconv.Atoi(ref)
	text := "(no such endnote in the source)"
	if e, ok := m.rd.Endnote(n); ok {
		text = e.Display()
	}
	return m.openOverlay(fmt.Sprintf("Endnote %d", n), fmt.Sprintf("## Endnote %d\n\n%s\n", n, text))
}

// overlayView draws the overlay: a title bar, then its lines.
func (m *model) overlayView(rows int) []string {
	out := []string{m.styles.bar.Render(fit(m.ov.title+" · esc closes · j/k scroll", m.width))}
	if m.ov.lines == nil {
		return append(out, "rendering…")
	}
	end := min(m.ov.offset+rows-1, len(m.ov.lines))
	for _, l := range m.ov.lines[min(m.ov.offset, end):end] {
		out = append(out, ansi.Truncate(l, m.width, ""))
	}
	return out
}
