package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/sanitize"
)

// overlay is a note, glossary entry or endnote shown over the text. Its
// links are the glossary entries it names (related terms), which tab
// selects and enter opens over it; esc goes back to the overlay before.
type overlay struct {
	title  string
	md     string
	width  int
	lines  []string
	offset int
	seq    int
	links  []*reading.Entry
	sel    int    // the selected link, -1 for none
	mine   string // the id of the user's note it shows, or ""
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

// openOverlay shows Markdown over the text, rendered in the background,
// with links to the glossary entries given by id. Opened from another
// overlay, it goes over that one, to which esc returns.
func (m *model) openOverlay(title, md string, linked ...string) tea.Cmd {
	o := &m.ovs
	if m.top != o {
		o.back, o.stack = m.top, nil
	} else {
		o.stack = append(o.stack, o.cur)
	}
	m.open(o)
	o.cur = overlay{title: title, md: md, seq: o.cur.seq + 1, sel: -1}
	for _, id := range linked {
		if e, ok := m.rd.Entry(id); ok {
			m.ovs.cur.links = append(m.ovs.cur.links, e)
		}
	}
	return m.renderOverlay()
}

// closeOverlay goes back to the overlay below, or to what the first was
// opened from.
func (m *model) closeOverlay() tea.Cmd {
	if n := len(m.ovs.stack); n > 0 {
		m.ovs.cur, m.ovs.stack = m.ovs.stack[n-1], m.ovs.stack[:n-1]
		m.ovs.cur.seq++
		if m.ovs.cur.width != max(min(m.width, m.textWidth()), render.MinWidth) {
			return m.renderOverlay() // the window changed size meanwhile
		}
		return nil
	}
	m.top = m.ovs.back
	m.ovs.cur = overlay{seq: m.ovs.cur.seq}
	return nil
}

// renderOverlay renders the overlay's Markdown at the pane's width.
func (m *model) renderOverlay() tea.Cmd {
	r, seq, md := m.cfg.Renderer, m.ovs.cur.seq, m.ovs.cur.md
	w := max(min(m.width, m.textWidth()), render.MinWidth)
	m.ovs.cur.width = w
	o := render.Options{Plain: m.cfg.Plain, Style: m.cfg.Style, Width: w, Fit: true}
	return func() tea.Msg {
		out, err := r.Render(md, o)
		return overlayMsg{seq: seq, lines: strings.Split(strings.TrimRight(out, "\n "), "\n"), err: err}
	}
}

func (m *model) overlayRendered(msg overlayMsg) {
	if msg.seq != m.ovs.cur.seq {
		return
	}
	if msg.err != nil {
		m.ovs.cur.lines = []string{"cannot render: " + msg.err.Error()}
		return
	}
	m.ovs.cur.lines = msg.lines
}

// overlays is the pop-up screen: the note, entry or endnote shown, the
// pop-ups it was opened over, and the screen the first was opened from.
type overlays struct {
	cur   overlay
	stack []overlay
	back  screen
}

func (o *overlays) mode() mode                                 { return modeOverlay }
func (o *overlays) hints() string                              { return "esc close" }
func (o *overlays) update(m *model, k tea.KeyPressMsg) tea.Cmd { return m.overlayKey(k) }
func (o *overlays) view(m *model, h int) []string              { return m.overlayView(h) }
func (o *overlays) wheel(m *model, d int)                      { o.cur.scroll(d, m.bodyHeight()-1) }

func (m *model) overlayKey(k tea.KeyPressMsg) tea.Cmd {
	h := m.bodyHeight() - 1
	switch k.String() {
	case "j", "down":
		m.ovs.cur.scroll(1, h)
	case "k", "up":
		m.ovs.cur.scroll(-1, h)
	case "space", "f", "pgdown":
		m.ovs.cur.scroll(h, h)
	case "b", "pgup":
		m.ovs.cur.scroll(-h, h)
	case "d":
		m.ovs.cur.scroll(h/2, h)
	case "u":
		m.ovs.cur.scroll(-h/2, h)
	case "g":
		m.ovs.cur.offset = 0
	case "G":
		m.ovs.cur.scroll(len(m.ovs.cur.lines), h)
	case "tab", "shift+tab":
		if n := len(m.ovs.cur.links); n > 0 {
			d := 1
			if k.String() == "shift+tab" {
				d = n - 1
			}
			m.ovs.cur.sel = (m.ovs.cur.sel + d + n + 1) % (n + 1) // after the last, none
			if m.ovs.cur.sel == n {
				m.ovs.cur.sel = -1
			}
		}
	case "enter":
		if m.ovs.cur.sel >= 0 {
			return m.openEntry(m.ovs.cur.links[m.ovs.cur.sel].ID)
		}
		return m.closeOverlay()
	case "esc", "q", "backspace":
		return m.closeOverlay()
	case "e":
		if id := m.ovs.cur.mine; id != "" {
			m.closeOverlay()
			return m.openNotePrompt(id)
		}
	case "x":
		if id := m.ovs.cur.mine; id != "" {
			m.confirm = id
			m.msg = "delete your note " + sanitize.Line(id) + "? y deletes · any other key keeps it"
		}
	}
	return nil
}

// openNote shows a fact-check note, as margin notes ID does.
func (m *model) openNote(id string) tea.Cmd {
	n, ok := m.rd.Note(id)
	if !ok {
		m.msg = fmt.Sprintf("no note %q", id)
		return nil
	}
	return m.openOverlay("Note "+n.ID, render.NotePage(m.rd, n), n.Related...)
}

// openEntry shows a glossary entry, as margin glossary TERM does.
func (m *model) openEntry(id string) tea.Cmd {
	e, ok := m.rd.Entry(id)
	if !ok {
		m.msg = fmt.Sprintf("no glossary entry %q", id)
		return nil
	}
	return m.openOverlay("Glossary: "+e.Term, render.EntryPage(m.rd, e), e.Related...)
}

// openEndnote shows an endnote of the paper.
func (m *model) openEndnote(ref string) tea.Cmd {
	n, _ := strconv.Atoi(ref)
	e, ok := m.rd.Endnote(n)
	if !ok {
		m.msg = fmt.Sprintf("no endnote %d in the source", n)
		return nil
	}
	return m.openOverlay(fmt.Sprintf("Endnote %d", n), render.EndnotesPage(m.rd, []reading.Endnote{e}))
}

// overlayView draws the overlay: a title bar, then its lines.
func (m *model) overlayView(rows int) []string {
	title := m.ovs.cur.title + " · esc closes · j/k scroll"
	switch {
	case m.ovs.cur.sel >= 0:
		title = m.ovs.cur.title + " · enter opens " + m.ovs.cur.links[m.ovs.cur.sel].Term + " · tab next"
	case len(m.ovs.cur.links) > 0:
		title += " · tab selects a related term"
	}
	out := []string{m.styles.bar.Render(fit(sanitize.Line(title), m.width))}
	if m.ovs.cur.lines == nil {
		return append(out, "rendering…")
	}
	end := min(m.ovs.cur.offset+rows-1, len(m.ovs.cur.lines))
	for _, l := range m.ovs.cur.lines[min(m.ovs.cur.offset, end):end] {
		out = append(out, ansi.Truncate(l, m.width, ""))
	}
	return out
}
