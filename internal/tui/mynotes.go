package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/margin-reader/margin/internal/search"
)

// The reader's personal notes: shown in the text as margin read shows them
// (✎ ID), selected with tab like the other markers, added with m to the
// sentence selected with v (or the first sentence on screen), edited with e
// and deleted with x. Every change goes through the notes store
// (marks.Store), locked and atomic, as margin mark does.

// myNotes is the user's notes on this reading, as last read from the store.
type myNotes struct {
	store *marks.Store // nil: no personal notes
	list  []marks.Mark
	// bySection indexes list by section number.
	bySection map[string][]marks.Mark
}

// loadNotes reads the notes on this reading. A store that cannot be read is
// reported once and the reader goes on without notes, writing nothing.
func (m *model) loadNotes() {
	if m.notes.store == nil {
		return
	}
	all, err := m.notes.store.List()
	if err != nil {
		m.notes.store = nil
		m.msg = "your notes are not shown: " + err.Error()
		return
	}
	m.notes.list = m.notes.list[:0]
	for _, mk := range all {
		if mk.Reading == m.rd.Meta.ID {
			m.notes.list = append(m.notes.list, mk)
		}
	}
	m.notes.bySection = marks.BySection(m.notes.list)
	if len(m.rd.Sections) > 0 {
		// Notes on no section of this reading are listed with the first.
		first := m.rd.Sections[0].Number
		m.notes.bySection[first] = append(m.notes.bySection[first], render.Homeless(m.rd, m.notes.list)...)
	}
}

// sectionNotes places the user's notes of section i in its text.
func (m *model) sectionNotes(i int) []render.UserMark {
	s := m.rd.Sections[i]
	var out []render.UserMark
	for _, mk := range m.notes.bySection[s.Number] {
		out = append(out, render.PlaceMark(m.rd, mk))
	}
	return out
}

// noteByID returns the user's note with the given id.
func (m *model) noteByID(id string) (marks.Mark, bool) {
	for _, mk := range m.notes.list {
		if mk.ID == id {
			return mk, true
		}
	}
	return marks.Mark{}, false
}

// notesChanged reads the store again and renders the current section anew,
// so that a change shows at once.
func (m *model) notesChanged() tea.Cmd {
	m.loadNotes()
	for k := range m.cache {
		if k.sec == m.sec {
			delete(m.cache, k)
		}
	}
	want := &target{line: m.offset, width: m.textWidth()}
	focus := m.focus
	cmd := m.goTo(m.sec)
	m.want, m.focus = want, focus
	if m.page != nil {
		m.setPage(m.page)
	}
	return cmd
}

// Sentence selection.

// sentences lists the sentences of the current section, in reading order.
func (m *model) sentences() []reading.Location {
	s := m.rd.Sections[m.sec]
	var out []reading.Location
	for pi, p := range s.Paragraphs {
		at := 0
		for _, sent := range search.Sentences(p.Plain) {
			i := strings.Index(p.Plain[at:], sent)
			if i < 0 {
				continue
			}
			out = append(out, reading.Location{Section: s.Number, Para: pi, Start: at + i, End: at + i + len(sent)})
			at += i + len(sent)
		}
	}
	return out
}

// firstSentenceOnScreen is the index of the first sentence that starts on
// screen (or the last one that starts above it), or -1.
func (m *model) firstSentenceOnScreen(ss []reading.Location) int {
	if m.page == nil {
		return -1
	}
	best := -1
	for i, l := range ss {
		spans := m.page.layout.Spans(l.Para, l.Start, l.End)
		if len(spans) == 0 {
			continue
		}
		if spans[0].Line >= m.offset {
			if spans[0].Line < m.offset+m.bodyHeight() {
				return i
			}
			break
		}
		best = i
	}
	return best
}

// selectKey handles keys while a sentence is selected (after v): the
// movement keys move the selection, m notes it, esc ends it.
func (m *model) selectKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	ss := m.sentences()
	switch k.String() {
	case "j", "down":
		m.selectSentence(ss, min(m.sel+1, len(ss)-1))
	case "k", "up":
		m.selectSentence(ss, max(m.sel-1, 0))
	case "esc", "v":
		m.sel = -1
		m.msg = ""
	case "m":
		return m.openNotePrompt(""), true
	default:
		return nil, false
	}
	return nil, true
}

// startSelect selects the first sentence on screen.
func (m *model) startSelect() {
	ss := m.sentences()
	i := m.firstSentenceOnScreen(ss)
	if i < 0 {
		m.msg = "no sentence on this screen"
		return
	}
	m.selectSentence(ss, i)
}

// selectSentence selects sentence i and scrolls it into view.
func (m *model) selectSentence(ss []reading.Location, i int) {
	if i < 0 || i >= len(ss) || m.page == nil {
		return
	}
	m.sel = i
	spans := m.page.layout.Spans(ss[i].Para, ss[i].Start, ss[i].End)
	if len(spans) > 0 {
		first, last := spans[0].Line, spans[len(spans)-1].Line
		if first < m.offset || last >= m.offset+m.bodyHeight() {
			m.offset = first - m.bodyHeight()/3
			m.clampOffset()
		}
	}
	m.msg = "sentence selected · j/k move · m adds a note · esc ends"
}

// selection returns the selected sentence's columns, by line.
func (m *model) selection() map[int][]span {
	if m.sel < 0 || m.page == nil {
		return nil
	}
	ss := m.sentences()
	if m.sel >= len(ss) {
		return nil
	}
	l := ss[m.sel]
	out := map[int][]span{}
	for _, sp := range m.page.layout.Spans(l.Para, l.Start, l.End) {
		out[sp.Line] = append(out[sp.Line], span{sp.Start, sp.End})
	}
	return out
}

// The prompt.

// noteBox is the one-line box, on the status line, in which a note is
// written: a new one (m) or one being edited (e).
type noteBox struct {
	input   textinput.Model
	editing string           // the id of the note being edited, or "" for a new one
	anchor  reading.Anchor   // a new note's anchor
	at      reading.Location // where a new note's words are
}

func (b *noteBox) mode() mode                                 { return modePrompt }
func (b *noteBox) hints() string                              { return "enter saves · esc cancels" }
func (b *noteBox) view(*model, int) []string                  { return nil }
func (b *noteBox) update(m *model, k tea.KeyPressMsg) tea.Cmd { return m.promptKey(k) }
func (b *noteBox) status(m *model) string                     { return ansi.Truncate(b.input.View(), m.width, "") }

// openNotePrompt opens the note box: for a new note on the selected
// sentence (or the first sentence on screen) when id is "", else to edit
// note id.
func (m *model) openNotePrompt(id string) tea.Cmd {
	m.box = noteBox{input: m.box.input, editing: id}
	text := ""
	if id != "" {
		mk, ok := m.noteByID(id)
		if !ok {
			return nil
		}
		text = mk.Text
		m.box.input.Prompt = fmt.Sprintf("edit note %s: ", sanitize.Line(id))
	} else {
		ss := m.sentences()
		i := m.sel
		if i < 0 {
			i = m.firstSentenceOnScreen(ss)
		}
		if i < 0 {
			m.msg = "no sentence on this screen to note"
			return nil
		}
		m.sel = i
		a, err := anchorFor(m.rd.Sections[m.sec], ss[i])
		if err != nil {
			m.msg = err.Error()
			return nil
		}
		m.box.anchor, m.box.at = a, ss[i]
		m.box.input.Prompt = "note on “" + firstWords(a.Exact, 4) + "…”: "
	}
	if m.notes.store == nil {
		m.msg = "your notes cannot be saved: the notes store could not be read"
		return nil
	}
	m.open(&m.box)
	m.box.input.SetValue(text)
	m.box.input.CursorEnd()
	m.box.input.SetWidth(max(m.width-3, 1))
	m.box.input.CharLimit = marks.MaxTextRunes
	return m.box.input.Focus()
}

// anchorFor is the anchor of a sentence: its words, with as many words
// before it as make it occur once in the section.
func anchorFor(s *reading.Section, l reading.Location) (reading.Anchor, error) {
	p := s.Paragraphs[l.Para].Plain
	a := reading.Anchor{Exact: p[l.Start:l.End]}
	for n := 0; ; n += 16 {
		if _, err := reading.LocateExact(s, a); err == nil {
			return a, nil
		}
		if n > l.Start {
			return reading.Anchor{}, fmt.Errorf("this sentence cannot be told apart from another in the section")
		}
		a.Prefix = p[max(l.Start-n-16, 0):l.Start]
	}
}

// firstWords is the first n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(sanitize.Line(s))
	return strings.Join(f[:min(n, len(f))], " ")
}

// promptKey handles the note box: enter saves, esc cancels.
func (m *model) promptKey(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		m.closePrompt("")
		return nil
	case "enter":
		return m.savePrompt()
	}
	var cmd tea.Cmd
	m.box.input, cmd = m.box.input.Update(k)
	cleanInput(&m.box.input)
	return cmd
}

func (m *model) closePrompt(msg string) {
	m.closeTop()
	m.box.input.Blur()
	m.sel = -1
	m.msg = msg
}

// savePrompt adds or edits the note through the store.
func (m *model) savePrompt() tea.Cmd {
	text := m.box.input.Value()
	var err error
	var saved marks.Mark
	if id := m.box.editing; id != "" {
		saved, err = m.notes.store.Edit(id, text)
	} else {
		a, sec := m.box.anchor, m.rd.Sections[m.sec]
		if a.Prefix == "" && a.Suffix == "" {
			a.Prefix, a.Suffix = sec.Context(m.box.at, 32)
		}
		saved, err = m.notes.store.Add(marks.Mark{Reading: m.rd.Meta.ID, Section: sec.Number,
			Quote: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Text: text,
			Position: sec.Offset(m.box.at), TextHash: sec.TextHash()})
	}
	if err != nil {
		m.msg = "not saved: " + err.Error() // the box stays open, the text kept
		return nil
	}
	verb := "added"
	if m.box.editing != "" {
		verb = "saved"
	}
	m.closePrompt(fmt.Sprintf("your note %s %s", saved.ID, verb))
	return m.notesChanged()
}

// Deleting.

// askDelete asks before deleting the focused personal note.
func (m *model) askDelete() {
	mk, ok := m.focused()
	if !ok || mk.Kind != render.SpotMark {
		m.msg = "tab selects one of your notes (✎) first"
		return
	}
	m.confirm = mk.Ref
	m.msg = "delete your note " + sanitize.Line(mk.Ref) + "? y deletes · any other key keeps it"
}

// confirmKey answers the delete question.
func (m *model) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	id := m.confirm
	m.confirm = ""
	if k.String() != "y" {
		m.msg = "kept your note " + sanitize.Line(id)
		return nil
	}
	if _, err := m.notes.store.Remove(id); err != nil {
		m.msg = "not deleted: " + err.Error()
		return nil
	}
	m.focus = -1
	cmd := m.notesChanged()
	if m.mode() == modeOverlay {
		m.closeOverlay()
	}
	m.msg = "deleted your note " + sanitize.Line(id)
	return cmd
}

// editFocused opens the note box on the focused personal note.
func (m *model) editFocused() tea.Cmd {
	mk, ok := m.focused()
	if !ok || mk.Kind != render.SpotMark {
		m.msg = "tab selects one of your notes (✎) first"
		return nil
	}
	return m.openNotePrompt(mk.Ref)
}

// openMyNote shows one of the user's notes: the words it is anchored to and
// what the user wrote.
func (m *model) openMyNote(id string) tea.Cmd {
	mk, ok := m.noteByID(id)
	if !ok {
		m.msg = fmt.Sprintf("no note %q", id)
		return nil
	}
	var b strings.Builder
	title := "Your note " + mk.ID
	if mk.Creator != "" {
		title = "Note " + mk.ID + " by " + mk.Creator
	}
	fmt.Fprintf(&b, "## ✎ %s\n\n", render.EscapeInline(title))
	fmt.Fprintf(&b, "> %s\n\n", render.EscapeInline(mk.Quote))
	switch um := render.PlaceMark(m.rd, mk); {
	case um.Orphan:
		b.WriteString("*These words are no longer in the text: 'margin mark move " + render.EscapeInline(mk.ID) + " --quote …' re-attaches the note.*\n\n")
	case um.Moved != "":
		fmt.Fprintf(&b, "*The words are now in section %s: “%s”.*\n\n", render.EscapeInline(um.Moved), render.EscapeInline(um.Loc.Found))
	case um.Loc.Fit == reading.FitApprox && um.Loc.Found != mk.Quote:
		fmt.Fprintf(&b, "*The text now reads: “%s”.*\n\n", render.EscapeInline(um.Loc.Found))
	}
	fmt.Fprintf(&b, "%s\n\n", render.EscapeText(mk.Text))
	fmt.Fprintf(&b, "*Section %s · added %s · e edits · x deletes*\n", render.EscapeInline(mk.Section), mk.Created.Format("2 January 2006"))
	cmd := m.openOverlay(title, b.String())
	m.ovs.cur.mine = mk.ID
	return cmd
}
