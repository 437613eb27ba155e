package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// keyMap holds the keys the reader answers to while reading. The help
// screen (?) is generated from it, and the README's key table is compared
// with that help by a test, so the three never disagree.
type keyMap struct {
	Down, Up, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom key.Binding
	NextSection, PrevSection, Contents                        key.Binding
	Search, NextHit, PrevHit, Glossary                        key.Binding
	NextMark, PrevMark, Open, Clear                           key.Binding
	Select, Note, Edit, Delete                                key.Binding
	Help, Quit                                                key.Binding
}

func bind(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// readingKeys are the reader's keys.
var readingKeys = keyMap{
	Down:        bind([]string{"j", "down", "ctrl+e", "ctrl+n"}, "j ↓", "scroll down a line (mouse wheel: 3 lines)"),
	Up:          bind([]string{"k", "up", "ctrl+y", "ctrl+p"}, "k ↑", "scroll up a line"),
	PageDown:    bind([]string{"space", "f", "pgdown", "ctrl+f"}, "space f PgDn", "page down; at the end of a section, the next one"),
	PageUp:      bind([]string{"b", "pgup", "ctrl+b"}, "b PgUp", "page up; at the top of a section, the end of the one before"),
	HalfDown:    bind([]string{"d", "ctrl+d"}, "d", "half a page down"),
	HalfUp:      bind([]string{"u", "ctrl+u"}, "u", "half a page up"),
	Top:         bind([]string{"g", "home"}, "g Home", "top of the section"),
	Bottom:      bind([]string{"G", "end"}, "G End", "bottom of the section"),
	NextSection: bind([]string{"]", "L"}, "] L", "next section"),
	PrevSection: bind([]string{"[", "H"}, "[ H", "previous section"),
	Contents:    bind([]string{"t"}, "t", "table of contents (j/k, enter jumps, t hides, esc leaves)"),
	Search:      bind([]string{"/"}, "/", "search (↑↓ choose, enter jumps, esc cancels; ↑ when empty: the last search)"),
	NextHit:     bind([]string{"n"}, "n", "next search hit"),
	PrevHit:     bind([]string{"N"}, "N", "previous search hit"),
	Glossary:    bind([]string{"T", "y"}, "T y", "glossary browser (type to filter; enter opens)"),
	NextMark:    bind([]string{"tab"}, "tab", "select the next note (yours ✎ too), term or endnote on screen"),
	PrevMark:    bind([]string{"shift+tab"}, "shift+tab", "select the previous one"),
	Open:        bind([]string{"enter"}, "enter", "open the selection (esc closes it)"),
	Clear:       bind([]string{"esc"}, "esc", "clear the selection and highlights"),
	Select:      bind([]string{"v"}, "v", "select the first sentence on screen (j/k move it by sentences)"),
	Note:        bind([]string{"m"}, "m", "add your note to the selected sentence (enter saves, esc cancels)"),
	Edit:        bind([]string{"e"}, "e", "edit your note selected with tab"),
	Delete:      bind([]string{"x"}, "x", "delete your note selected with tab (y confirms)"),
	Help:        bind([]string{"?"}, "?", "all the keys (esc, q or ? closes)"),
	Quit:        bind([]string{"q", "ctrl+c"}, "q ctrl+c", "quit (your place is kept)"),
}

// bindings lists the keys in the order the help shows them.
func (k keyMap) bindings() []key.Binding {
	return []key.Binding{
		k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom,
		k.NextSection, k.PrevSection, k.Contents, k.Search, k.NextHit, k.PrevHit, k.Glossary,
		k.NextMark, k.PrevMark, k.Open, k.Clear, k.Select, k.Note, k.Edit, k.Delete, k.Help, k.Quit,
	}
}

// helpKeyWidth is the width of the help's key column.
const helpKeyWidth = 15

// helpText is the help screen: one line per binding, its keys then what
// they do.
func (k keyMap) helpText() []string {
	var out []string
	for _, b := range k.bindings() {
		h := b.Help()
		out = append(out, h.Key+strings.Repeat(" ", max(helpKeyWidth-len([]rune(h.Key)), 1))+h.Desc)
	}
	return out
}
