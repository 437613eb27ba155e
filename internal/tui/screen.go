package tui

import tea "charm.land/bubbletea/v2"

// A screen is one of the reader's views over the text: the contents, the
// search box, the glossary browser, a pop-up, the help, the note box. While
// open it takes the keys and draws the body, and it names its keys on the
// status line; the reader itself only routes to it (model.top). Each screen
// keeps its state and its code in a file of its own, so that a new one
// touches that file and the key that opens it.
type screen interface {
	update(m *model, k tea.KeyPressMsg) tea.Cmd
	// view draws the body, h rows; nil draws the text, as when reading.
	view(m *model, h int) []string
	hints() string
	mode() mode
}

// paster is a screen that takes pasted text (a text box).
type paster interface {
	paste(m *model, msg tea.Msg) tea.Cmd
}

// wheeler is a screen that scrolls with the mouse wheel.
type wheeler interface {
	wheel(m *model, d int)
}

// statusDrawer is a screen that draws the status line itself (the note
// box writes there).
type statusDrawer interface {
	status(m *model) string
}

// mode names what the reader shows, for tests and the status line.
type mode int

// The modes, one per screen, and reading.
const (
	modeRead     mode = iota // the text
	modeTOC                  // the table of contents
	modeSearch               // the search box and its results
	modeGlossary             // the glossary browser
	modeOverlay              // a note, term or endnote over the text
	modeHelp                 // the list of keys
	modePrompt               // the box in which a note is written
)

// mode is what the reader shows now.
func (m *model) mode() mode {
	if m.top == nil {
		return modeRead
	}
	return m.top.mode()
}

// open shows a screen over the text.
func (m *model) open(s screen) { m.top = s }

// closeTop goes back to reading.
func (m *model) closeTop() { m.top = nil }

// Every screen is a screen; the text boxes take pastes and the pop-ups and
// the help scroll with the wheel.
var (
	_ screen       = (*tocScreen)(nil)
	_ screen       = (*searchState)(nil)
	_ screen       = (*glossaryState)(nil)
	_ screen       = (*overlays)(nil)
	_ screen       = (*helpScreen)(nil)
	_ screen       = (*noteBox)(nil)
	_ paster       = (*searchState)(nil)
	_ paster       = (*glossaryState)(nil)
	_ wheeler      = (*overlays)(nil)
	_ wheeler      = (*helpScreen)(nil)
	_ statusDrawer = (*noteBox)(nil)
)
