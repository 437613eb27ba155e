package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpLines is the help screen, generated from the reader's key bindings.
var helpLines = append([]string{"margin — keys", ""}, readingKeys.helpText()...)

// helpScreen lists every key (?), scrolled to off.
type helpScreen struct{ off int }

func (h *helpScreen) mode() mode    { return modeHelp }
func (h *helpScreen) hints() string { return "esc closes · j/k scroll" }

// update closes the help with esc, q or ?; the scrolling keys scroll it.
func (h *helpScreen) update(m *model, k tea.KeyPressMsg) tea.Cmd {
	km := readingKeys
	last := max(len(helpLines)-m.bodyHeight(), 0)
	switch {
	case k.String() == "esc" || key.Matches(k, km.Help) || k.String() == "q":
		m.closeTop()
	case key.Matches(k, km.Down):
		h.off = min(h.off+1, last)
	case key.Matches(k, km.Up):
		h.off = max(h.off-1, 0)
	case key.Matches(k, km.PageDown, km.HalfDown, km.Bottom):
		h.off = last
	case key.Matches(k, km.PageUp, km.HalfUp, km.Top):
		h.off = 0
	}
	return nil
}

func (h *helpScreen) wheel(m *model, d int) {
	h.off = max(min(h.off+d, len(helpLines)-m.bodyHeight()), 0)
}

func (h *helpScreen) view(m *model, rows int) []string {
	var out []string
	for _, l := range helpLines[min(h.off, len(helpLines)):] {
		if len(out) == rows {
			break
		}
		out = append(out, fit(l, m.width))
	}
	return out
}
