package tui

import (
	tea "charm.land/bubbletea/v2"
)

// key routes a key press: ctrl+c always quits, the rest goes to the mode.
func (m *model) key(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "ctrl+c" {
		return tea.Quit
	}
	m.msg = ""
	switch m.mode {
	case modeTOC:
		return m.tocKey(k)
	case modeSearch:
		return m.searchKey(k)
	case modeGlossary:
		return m.glossaryKey(k)
	case modeOverlay:
		return m.overlayKey(k)
	case modeHelp:
		return m.helpKey(k)
	}
	return m.readKey(k)
}

// readKey handles keys while reading.
func (m *model) readKey(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "space", "f", "pgdown", "ctrl+f":
		if m.page != nil && m.offset >= m.maxOffset() && m.sec+1 < len(m.rd.Sections) {
			return m.goTo(m.sec + 1)
		}
	case "b", "pgup", "ctrl+b":
		if m.page != nil && m.offset == 0 && m.sec > 0 {
			return m.goToEnd(m.sec - 1)
		}
	}
	if m.scrollKey(k.String()) {
		return nil
	}
	switch k.String() {
	case "q":
		return tea.Quit
	case "]", "L":
		return m.goTo(m.sec + 1)
	case "[", "H":
		return m.goTo(m.sec - 1)
	case "t":
		return m.openTOC()
	case "/":
		return m.openSearch()
	case "n":
		return m.nextHit(1)
	case "N":
		return m.nextHit(-1)
	case "T", "y":
		return m.openGlossary()
	case "tab":
		m.moveFocus(1)
	case "shift+tab":
		m.moveFocus(-1)
	case "enter":
		return m.openFocused()
	case "?":
		m.mode, m.helpOff = modeHelp, 0
	case "esc":
		m.focus, m.hl = -1, nil
	}
	return nil
}

// scrollKey scrolls the text for the less and vim movement keys.
func (m *model) scrollKey(key string) bool {
	h := max(m.bodyHeight(), 1)
	switch key {
	case "j", "down", "ctrl+e", "ctrl+n":
		m.scroll(1)
	case "k", "up", "ctrl+y", "ctrl+p":
		m.scroll(-1)
	case "space", "f", "pgdown", "ctrl+f":
		m.scroll(h)
	case "b", "pgup", "ctrl+b":
		m.scroll(-h)
	case "d", "ctrl+d":
		m.scroll(max(h/2, 1))
	case "u", "ctrl+u":
		m.scroll(-max(h/2, 1))
	case "g", "home":
		m.offset = 0
	case "G", "end":
		m.offset = m.maxOffset()
	default:
		return false
	}
	return true
}

// paste types pasted text into the search or filter box; elsewhere it is
// ignored.
func (m *model) paste(p tea.PasteMsg) tea.Cmd {
	switch m.mode {
	case modeSearch:
		return m.searchInput(p)
	case modeGlossary:
		return m.glossaryInput(p)
	}
	return nil
}

// The table of contents.

func (m *model) openTOC() tea.Cmd {
	m.mode, m.showTOC, m.tocCursor = modeTOC, true, m.sec
	return m.show() // the pane may have narrowed
}

func (m *model) tocKey(k tea.KeyPressMsg) tea.Cmd {
	n := len(m.rd.Sections)
	switch k.String() {
	case "j", "down", "tab", "ctrl+n":
		m.tocCursor = min(m.tocCursor+1, n-1)
	case "k", "up", "shift+tab", "ctrl+p":
		m.tocCursor = max(m.tocCursor-1, 0)
	case "g", "home":
		m.tocCursor = 0
	case "G", "end":
		m.tocCursor = n - 1
	case "enter", "l", "right":
		m.mode = modeRead
		if m.width < sidebarMin {
			m.showTOC = false
		}
		return m.goTo(m.tocCursor)
	case "t":
		m.mode, m.showTOC = modeRead, false
		return m.show()
	case "esc", "q", "h", "left":
		m.mode = modeRead
		if m.width < sidebarMin {
			m.showTOC = false
		}
		return m.show()
	}
	return nil
}

func (m *model) helpKey(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "j", "down":
		m.helpOff = min(m.helpOff+1, len(helpLines)-1)
	case "k", "up":
		m.helpOff = max(m.helpOff-1, 0)
	case "q":
		return tea.Quit
	default:
		m.mode = modeRead
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
		if mk.line >= m.offset && mk.line < m.offset+m.bodyHeight() {
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
	switch mk.kind {
	case markNote:
		return m.openNote(mk.ref)
	case markTerm:
		return m.openEntry(mk.ref)
	}
	return m.openEndnote(mk.ref)
}
