package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/margin-reader/margin/internal/render"
)

// key routes a key press: ctrl+c always quits, the rest goes to the mode.
func (m *model) key(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "ctrl+c" {
		return tea.Quit
	}
	m.msg = ""
	if m.confirm != "" {
		return m.confirmKey(k)
	}
	if m.top != nil {
		return m.top.update(m, k)
	}
	return m.readKey(k)
}

// readKey handles keys while reading.
func (m *model) readKey(k tea.KeyPressMsg) tea.Cmd {
	km := readingKeys
	if m.sel >= 0 {
		if cmd, done := m.selectKey(k); done {
			return cmd
		}
		m.sel = -1
	}
	switch {
	case key.Matches(k, km.PageDown) && m.page != nil && m.offset >= m.maxOffset() && m.sec+1 < len(m.rd.Sections):
		return m.goTo(m.sec + 1)
	case key.Matches(k, km.PageUp) && m.page != nil && m.offset == 0 && m.sec > 0:
		return m.goToEnd(m.sec - 1)
	case m.scrollKey(k):
		return nil
	case key.Matches(k, km.Quit):
		return tea.Quit
	case key.Matches(k, km.NextSection):
		return m.goTo(m.sec + 1)
	case key.Matches(k, km.PrevSection):
		return m.goTo(m.sec - 1)
	case key.Matches(k, km.Contents):
		return m.openTOC()
	case key.Matches(k, km.Search):
		return m.openSearch()
	case key.Matches(k, km.NextHit):
		return m.nextHit(1)
	case key.Matches(k, km.PrevHit):
		return m.nextHit(-1)
	case key.Matches(k, km.Glossary):
		return m.openGlossary()
	case key.Matches(k, km.NextMark):
		m.moveFocus(1)
	case key.Matches(k, km.PrevMark):
		m.moveFocus(-1)
	case key.Matches(k, km.Open):
		return m.openFocused()
	case key.Matches(k, km.Select):
		m.startSelect()
	case key.Matches(k, km.Note):
		return m.openNotePrompt("")
	case key.Matches(k, km.Edit):
		return m.editFocused()
	case key.Matches(k, km.Delete):
		m.askDelete()
	case key.Matches(k, km.Help):
		m.help.off = 0
		m.open(&m.help)
	case key.Matches(k, km.Clear):
		m.focus, m.hl = -1, nil
	}
	return nil
}

// scrollKey scrolls the text for the less and vim movement keys.
func (m *model) scrollKey(k tea.KeyPressMsg) bool {
	km := readingKeys
	h := max(m.bodyHeight(), 1)
	switch {
	case key.Matches(k, km.Down):
		m.scroll(1)
	case key.Matches(k, km.Up):
		m.scroll(-1)
	case key.Matches(k, km.PageDown):
		m.scroll(h)
	case key.Matches(k, km.PageUp):
		m.scroll(-h)
	case key.Matches(k, km.HalfDown):
		m.scroll(max(h/2, 1))
	case key.Matches(k, km.HalfUp):
		m.scroll(-max(h/2, 1))
	case key.Matches(k, km.Top):
		m.offset = 0
	case key.Matches(k, km.Bottom):
		m.offset = m.maxOffset()
	default:
		return false
	}
	return true
}

// paste types pasted text into the open text box; elsewhere it is
// ignored.
func (m *model) paste(p tea.PasteMsg) tea.Cmd {
	if t, ok := m.top.(paster); ok {
		return t.paste(m, p)
	}
	return nil
}

// Markers.

// visibleMarkers returns the indices of the markers on screen.
func (m *model) visibleMarkers() []int {
	if m.page == nil {
		return nil
	}
	var out []int
	for i, mk := range m.page.markers {
		if mk.Line >= m.offset && mk.Line < m.offset+m.bodyHeight() {
			out = append(out, i)
		}
	}
	return out
}

// moveFocus moves the focus to the next (d > 0) or previous marker on
// screen, wrapping around.
func (m *model) moveFocus(d int) {
	vis := m.visibleMarkers()
	if len(vis) == 0 {
		m.focus = -1
		m.msg = "no notes, terms or endnotes on this screen"
		return
	}
	at := -1
	for i, v := range vis {
		if v == m.focus {
			at = i
		}
	}
	switch {
	case at < 0 && d > 0:
		at = 0
	case at < 0:
		at = len(vis) - 1
	default:
		at = (at + d + len(vis)) % len(vis)
	}
	m.focus = vis[at]
	m.msg = m.page.markers[m.focus].label + " · enter opens"
}

// focused returns the focused marker if it is on screen.
func (m *model) focused() (marker, bool) {
	for _, v := range m.visibleMarkers() {
		if v == m.focus {
			return m.page.markers[v], true
		}
	}
	return marker{}, false
}

func (m *model) openFocused() tea.Cmd {
	mk, ok := m.focused()
	if !ok {
		m.msg = "tab selects a note, term or endnote on screen"
		return nil
	}
	switch mk.Kind {
	case render.SpotNote:
		return m.openNote(mk.Ref)
	case render.SpotMark:
		return m.openMyNote(mk.Ref)
	case render.SpotTerm:
		return m.openEntry(mk.Ref)
	}
	return m.openEndnote(mk.Ref)
}
