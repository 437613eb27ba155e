package tui

import tea "charm.land/bubbletea/v2"

// tocScreen is the table of contents (t): full width on a narrow window,
// else beside the text, with a cursor that enter follows.
type tocScreen struct{ cursor int }

func (t *tocScreen) mode() mode    { return modeTOC }
func (t *tocScreen) hints() string { return "enter jump · t hide · esc back" }

// openTOC opens the contents at the current section.
func (m *model) openTOC() tea.Cmd {
	m.toc.cursor, m.showTOC = m.sec, true
	m.open(&m.toc)
	return m.show() // the pane may have narrowed
}

func (t *tocScreen) update(m *model, k tea.KeyPressMsg) tea.Cmd {
	n := len(m.rd.Sections)
	switch k.String() {
	case "j", "down", "tab", "ctrl+n":
		t.cursor = min(t.cursor+1, n-1)
	case "k", "up", "shift+tab", "ctrl+p":
		t.cursor = max(t.cursor-1, 0)
	case "g", "home":
		t.cursor = 0
	case "G", "end":
		t.cursor = n - 1
	case "enter", "l", "right":
		t.leave(m)
		return m.goTo(t.cursor)
	case "t":
		m.closeTop()
		m.showTOC = false
		return m.show()
	case "esc", "q", "h", "left":
		t.leave(m)
		return m.show()
	}
	return nil
}

// leave goes back to the text, keeping the contents beside it where there
// is room.
func (t *tocScreen) leave(m *model) {
	m.closeTop()
	if m.width < sidebarMin {
		m.showTOC = false
	}
}

// view draws the contents full width on a narrow window; beside the text,
// the reader draws them.
func (t *tocScreen) view(m *model, h int) []string {
	if m.sidebarShown() {
		return nil
	}
	return m.tocRows(h, m.width)
}
