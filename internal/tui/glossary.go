package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/search"
)

// glossaryState is the glossary browser: a filter box and the entries it
// lets through.
type glossaryState struct {
	input   textinput.Model
	seq     int
	query   string
	entries []*reading.Entry
	cursor  int
	ready   bool
}

// glossaryMsg carries the filtered entries back to Update.
type glossaryMsg struct {
	seq     int
	entries []*reading.Entry
	err     error
}

func (m *model) openGlossary() tea.Cmd {
	m.mode = modeGlossary
	g := &m.gloss
	g.input.SetWidth(max(m.width-len(g.input.Prompt)-1, 1))
	focus := g.input.Focus()
	if !g.ready {
		return tea.Batch(focus, m.filterCmd(g.query))
	}
	return focus
}

func (m *model) glossaryKey(k tea.KeyPressMsg) tea.Cmd {
	g := &m.gloss
	switch k.String() {
	case "esc":
		m.mode = modeRead
		g.input.Blur()
		return nil
	case "enter":
		if g.cursor < len(g.entries) {
			return m.openEntry(g.entries[g.cursor].ID)
		}
		return nil
	case "down", "ctrl+n", "tab":
		g.cursor = min(g.cursor+1, max(len(g.entries)-1, 0))
		return nil
	case "up", "ctrl+p", "shift+tab":
		g.cursor = max(g.cursor-1, 0)
		return nil
	}
	return m.glossaryInput(k)
}

// glossaryInput gives a key or a paste to the filter box and filters by
// what it then holds.
func (m *model) glossaryInput(msg tea.Msg) tea.Cmd {
	g := &m.gloss
	var cmd tea.Cmd
	g.input, cmd = g.input.Update(msg)
	cleanInput(&g.input)
	if q := g.input.Value(); q != g.query {
		g.query = q
		return tea.Batch(cmd, m.filterCmd(q))
	}
	return cmd
}

// filterCmd filters the glossary in the background with the search index;
// an empty filter lets every entry through.
func (m *model) filterCmd(q string) tea.Cmd {
	m.gloss.seq++
	seq, rd, lc := m.gloss.seq, m.rd, m.corp
	return func() tea.Msg {
		all, err := rd.Glossary()
		if err != nil || q == "" {
			return glossaryMsg{seq: seq, entries: all, err: err}
		}
		c, err := lc.get()
		if err != nil {
			return glossaryMsg{seq: seq, err: err}
		}
		rs, err := c.Index.Search(q, search.Options{Kinds: []search.Kind{search.KindGlossary}, Limit: len(all)})
		if err == search.ErrEmptyQuery {
			return glossaryMsg{seq: seq, entries: all}
		}
		var out []*reading.Entry
		for _, r := range rs {
			if e, err := rd.Entry(c.Docs[r.Doc].Ref); err == nil {
				out = append(out, e)
			}
		}
		return glossaryMsg{seq: seq, entries: out, err: err}
	}
}

func (m *model) filtered(msg glossaryMsg) {
	if msg.seq != m.gloss.seq {
		return
	}
	if msg.err != nil {
		m.msg = msg.err.Error()
	}
	m.gloss.entries, m.gloss.cursor, m.gloss.ready = msg.entries, 0, true
}
