package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/margin-reader/margin/internal/search"
)

// glossaryState is the glossary browser (T): a filter box and the entries
// it lets through.
type glossaryState struct {
	filterList
	entries []*reading.Entry
	ready   bool
}

func (g *glossaryState) mode() mode    { return modeGlossary }
func (g *glossaryState) hints() string { return "↑↓ choose · enter open · esc back" }

// glossaryMsg carries the filtered entries back to Update.
type glossaryMsg struct {
	seq     int
	entries []*reading.Entry
	err     error
}

func (m *model) openGlossary() tea.Cmd {
	g := &m.gloss
	m.open(g)
	focus := g.focus(m.width)
	if !g.ready {
		return tea.Batch(focus, m.filterCmd(g.query))
	}
	return focus
}

func (g *glossaryState) update(m *model, k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		m.closeTop()
		g.input.Blur()
		return nil
	case "enter":
		if g.cursor < len(g.entries) {
			return m.openEntry(g.entries[g.cursor].ID)
		}
		return nil
	}
	if g.move(k, len(g.entries)) {
		return nil
	}
	return g.paste(m, k)
}

// paste gives a key or a paste to the filter box and filters by what it
// then holds.
func (g *glossaryState) paste(m *model, msg tea.Msg) tea.Cmd {
	cmd, changed := g.typed(msg)
	if changed {
		return tea.Batch(cmd, m.filterCmd(g.query))
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
			if e, ok := rd.Entry(c.Docs[r.Doc].Ref); ok {
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

// view draws the filter box and the entries.
func (g *glossaryState) view(m *model, h int) []string {
	none := ""
	if g.ready {
		none = "no terms match " + sanitize.Line(g.query)
	}
	return g.rows(h, m.width, len(g.entries), none, func(i int, current bool) string {
		e := g.entries[i]
		row := "  " + sanitize.Line(e.Term) + " — " + sanitize.Line(e.Definition)
		if current {
			return m.styles.cursor.Render(pad(fit("▸"+row[1:], m.width), m.width))
		}
		return fit(row, m.width)
	})
}
