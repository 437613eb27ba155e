package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// filterList is a text box over a list that narrows as one types, with a
// cursor in the list: the search box and the glossary browser are each one.
// The work behind a query runs in the background; seq tells the answer to
// the last query from older ones.
type filterList struct {
	input  textinput.Model
	seq    int
	query  string
	cursor int
}

// focus sizes the box to w columns and gives it the keys.
func (f *filterList) focus(w int) tea.Cmd {
	f.focusWidth(w)
	return f.input.Focus()
}

// focusWidth sizes the box to a window w columns wide.
func (f *filterList) focusWidth(w int) {
	f.input.SetWidth(max(w-ansi.StringWidth(f.input.Prompt)-1, 1))
}

// move moves the cursor over n items for the keys that do so, and reports
// whether k was one of them.
func (f *filterList) move(k tea.KeyPressMsg, n int) bool {
	switch k.String() {
	case "down", "ctrl+n", "tab":
		f.cursor = min(f.cursor+1, max(n-1, 0))
	case "up", "ctrl+p", "shift+tab":
		f.cursor = max(f.cursor-1, 0)
	default:
		return false
	}
	return true
}

// typed gives a key or a paste to the box, keeping control characters out;
// changed says whether the query is new.
func (f *filterList) typed(msg tea.Msg) (cmd tea.Cmd, changed bool) {
	f.input, cmd = f.input.Update(msg)
	cleanInput(&f.input)
	if q := f.input.Value(); q != f.query {
		f.query = q
		return cmd, true
	}
	return cmd, false
}

// rows draws the box, a line saying so when nothing matches (none, when
// not empty), then the n items around the cursor, each drawn by row.
func (f *filterList) rows(h, w, n int, none string, row func(i int, current bool) string) []string {
	out := []string{ansi.Truncate(f.input.View(), w, "")}
	if n == 0 && none != "" {
		out = append(out, fit(none, w))
	}
	top := max(min(f.cursor-(h-1)/2, n-(h-1)), 0)
	for i := top; i < n && len(out) < h; i++ {
		out = append(out, row(i, i == f.cursor))
	}
	return out
}
