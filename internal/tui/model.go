package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// span is a range of display columns on one line; end is exclusive.
type span struct{ start, end int }

// target is where to scroll once a section is rendered.
type target struct {
	line     int
	fraction float64
	width    int     // the width line refers to; another width uses fraction
	hit      *hitRef // a search hit to find and highlight
}

// model is the reader's state. Its methods have pointer receivers; Update
// returns the same pointer.
type model struct {
	cfg    Config
	rd     *reading.Reading
	corp   *lazyCorpus
	warmed bool // the search index is being warmed (warmCorpus)
	styles styles

	width, height int
	sec           int
	page          *page
	offset        int
	cache         map[cacheKey]*page
	pending       map[cacheKey]bool
	want          *target

	top     screen // the screen over the text, nil while reading
	showTOC bool
	focus   int            // index of the focused marker, -1 for none
	hl      map[int][]span // highlighted columns, by line

	// The screens, kept between openings.
	toc    tocScreen
	search searchState
	gloss  glossaryState
	ovs    overlays
	help   helpScreen
	box    noteBox

	msg      string
	err      error
	cumWords []int // words before each section
	total    int
	notes    myNotes  // the user's notes on this reading
	sel      int      // the selected sentence (v), -1 for none
	confirm  string   // the id of a note waiting for y to delete it
	saved    position // the place last saved (see savePlace)
	saveErr  string   // why saving failed, once shown
}

// newModel builds the reader for cfg, placed where the saved position says.
func newModel(cfg Config) *model {
	if cfg.Renderer == nil {
		cfg.Renderer = render.New()
	}
	m := &model{
		cfg: cfg, rd: cfg.Reading, corp: &lazyCorpus{rd: cfg.Reading, get1: cfg.Search},
		styles: newStyles(cfg.Plain), cache: map[cacheKey]*page{}, pending: map[cacheKey]bool{},
		focus: -1, sel: -1, notes: myNotes{store: cfg.Marks},
	}
	m.box.input = newInput("note: ", "your note · enter saves · esc cancels")
	m.loadNotes()
	m.search.input = newInput("/", "search the paper, glossary, notes, endnotes")
	m.gloss.input = newInput("filter: ", "type to filter the glossary")
	m.countWords()
	m.restore()
	return m
}

// newInput is a text box with a steady cursor (no blink ticks).
func newInput(prompt, placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	ti.CharLimit = 200
	ti.SetStyles(inputStyles())
	return ti
}

// inputStyles are the text boxes' styles: plain prompt and text, a grey
// placeholder and a steady reverse-video cursor, whatever the terminal's
// background (so nothing is chosen between light and dark, and no colour
// depends on the terminal).
func inputStyles() textinput.Styles {
	grey := lipgloss.NewStyle().Foreground(lipgloss.Color("240"))
	st := textinput.StyleState{Placeholder: grey, Suggestion: grey}
	return textinput.Styles{
		Focused: st,
		Blurred: st,
		Cursor:  textinput.CursorStyle{Shape: tea.CursorBlock, Blink: false},
	}
}

func (m *model) countWords() {
	m.cumWords = make([]int, len(m.rd.Sections))
	for i, s := range m.rd.Sections {
		m.cumWords[i] = m.total
		m.total += s.Words()
	}
}

// restore places the reader at the saved position, if there is one.
func (m *model) restore() {
	p, ok, damaged := loadPosition(m.cfg.StateDir)
	if damaged != "" {
		m.msg = damaged
	}
	m.saved = position{Section: m.rd.Sections[0].Number}
	if !ok {
		return
	}
	m.saved = p
	if i := m.sectionIndex(p.Section); i >= 0 {
		if m.emptyPart(i) && i+1 < len(m.rd.Sections) {
			i++
		}
		m.sec = i
		m.want = &target{line: p.Line, fraction: p.Fraction, width: p.Width}
	}
}

// emptyPart reports whether section i is a part with no text of its own,
// shown with its first subsection.
func (m *model) emptyPart(i int) bool {
	return i+1 < len(m.rd.Sections) && render.EmptyPart(m.rd, m.rd.Sections[i+1]) == m.rd.Sections[i]
}

func (m *model) sectionIndex(number string) int {
	for i, s := range m.rd.Sections {
		if s.Number == number {
			return i
		}
	}
	return -1
}

// saveMsg asks the reader to save its place if it has changed since it was
// last saved (Run sends one every saveEvery).
type saveMsg struct{}

// hangupMsg says that the terminal has gone (SIGHUP): the reader saves its
// place and quits.
type hangupMsg struct{}

// savePlace saves the reading position when it differs from the one saved
// last, so that a crash or a closed terminal loses at most a few seconds.
// A failure is shown once, on the status line.
func (m *model) savePlace() {
	p := m.position()
	if m.cfg.StateDir == "" || samePlace(p, m.saved) {
		return
	}
	if err := savePosition(m.cfg.StateDir, p); err != nil {
		if m.saveErr == "" {
			m.saveErr = "cannot save your place: " + err.Error()
			m.msg = m.saveErr
		}
		return
	}
	m.saved = p
}

// position is where the reader stands now, to be saved.
func (m *model) position() position {
	p := position{Section: m.rd.Sections[m.sec].Number, Line: m.offset, Width: m.textWidth()}
	switch {
	case m.page != nil && len(m.page.lines) > 0:
		p.Fraction = float64(m.offset) / float64(len(m.page.lines))
	case m.want != nil:
		p.Line, p.Fraction, p.Width = m.want.line, m.want.fraction, m.want.width
	}
	return p
}

// Init does nothing: the search index is warmed once the first page is
// shown (see rendered), so that decoding a book's index does not compete
// with the first frame for the CPU.
func (m *model) Init() tea.Cmd { return nil }

// warmCorpus decodes (or builds) the search index in the background, once.
func (m *model) warmCorpus() tea.Cmd {
	if m.warmed {
		return nil
	}
	m.warmed = true
	c := m.corp
	return func() tea.Msg {
		c.get()
		return nil
	}
}

// Update handles one message.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case renderedMsg:
		return m, m.rendered(msg)
	case overlayMsg:
		m.overlayRendered(msg)
	case searchMsg:
		m.searched(msg)
	case glossaryMsg:
		m.filtered(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.PasteMsg:
		return m, m.paste(msg)
	case saveMsg:
		m.savePlace()
	case hangupMsg:
		m.savePlace()
		return m, tea.Quit
	}
	return m, nil
}

// Layout.

const (
	sidebarMin   = 60 // narrower windows show the contents full width
	sidebarWidth = 32
)

func (m *model) sidebarShown() bool { return m.showTOC && m.width >= sidebarMin }

func (m *model) sidebarCols() int { return min(sidebarWidth, m.width/3) }

// paneWidth is the width of the text pane.
func (m *model) paneWidth() int {
	w := m.width
	if m.sidebarShown() {
		w -= m.sidebarCols() + 1
	}
	return max(w, 1)
}

// textWidth is the width sections are rendered at.
func (m *model) textWidth() int {
	cap := m.cfg.MaxWidth
	if cap <= 0 {
		cap = render.MaxWidth
	}
	return max(min(m.paneWidth(), cap), render.MinWidth)
}

// bodyHeight is the number of rows above the status line.
func (m *model) bodyHeight() int { return max(m.height-1, 0) }

func (m *model) styleName() string {
	if m.cfg.Plain {
		return "plain"
	}
	return m.cfg.Style
}

func (m *model) keyFor(sec int) cacheKey {
	return cacheKey{sec: sec, width: m.textWidth(), style: m.styleName()}
}

// resize re-lays the reader out and re-renders at the new width.
func (m *model) resize(w, h int) tea.Cmd {
	oldWidth := m.textWidth()
	m.width, m.height = w, h
	if m.page != nil && m.textWidth() != oldWidth {
		m.want = &target{fraction: m.fraction(), width: -1}
		m.page = nil
	}
	m.clampOffset()
	m.search.focusWidth(w)
	m.gloss.focusWidth(w)
	if m.mode() == modeOverlay && m.ovs.cur.width != max(min(m.width, m.textWidth()), render.MinWidth) {
		m.ovs.cur.seq++
		return tea.Batch(m.show(), m.renderOverlay())
	}
	return m.show()
}

// fraction is how far down the current page the top line is.
func (m *model) fraction() float64 {
	if m.page == nil || len(m.page.lines) == 0 {
		return 0
	}
	return float64(m.offset) / float64(len(m.page.lines))
}

// show makes sure the current section is on screen (or being rendered) and
// that its neighbours are rendered ahead.
func (m *model) show() tea.Cmd {
	if m.width == 0 {
		return nil
	}
	k := m.keyFor(m.sec)
	if p, ok := m.cache[k]; ok {
		if m.page != p {
			m.setPage(p)
		}
		return m.prefetch()
	}
	m.page = nil
	return m.ensure(k)
}

// ensure starts rendering k unless it is cached or under way.
func (m *model) ensure(k cacheKey) tea.Cmd {
	if _, ok := m.cache[k]; ok || m.pending[k] {
		return nil
	}
	m.pending[k] = true
	f := m.renderCmd(k)
	return func() tea.Msg { return f() }
}

// prefetch renders the next and previous sections ahead.
func (m *model) prefetch() tea.Cmd {
	var cmds []tea.Cmd
	for _, i := range []int{m.sec + 1, m.sec - 1} {
		if i >= 0 && i < len(m.rd.Sections) {
			if c := m.ensure(m.keyFor(i)); c != nil {
				cmds = append(cmds, c)
			}
		}
	}
	return tea.Batch(cmds...)
}

// rendered stores a rendered section and shows it if it is current.
func (m *model) rendered(msg renderedMsg) tea.Cmd {
	delete(m.pending, msg.key)
	if msg.err != nil {
		m.err = msg.err
		return nil
	}
	m.cache[msg.key] = msg.page
	if msg.key == m.keyFor(m.sec) && m.page == nil {
		m.setPage(msg.page)
		if m.cfg.Shown != nil {
			m.cfg.Shown()
			m.cfg.Shown = nil
		}
		return tea.Batch(m.prefetch(), m.warmCorpus())
	}
	return nil
}

// setPage shows a rendered page and applies any pending scroll target.
func (m *model) setPage(p *page) {
	m.page = p
	m.focus = -1
	t := m.want
	m.want = nil
	switch {
	case t == nil:
	case t.hit != nil:
		m.showHit(t.hit)
	case t.width == m.textWidth():
		m.offset = t.line
	default:
		m.offset = int(t.fraction * float64(len(p.lines)))
	}
	m.clampOffset()
}

// goTo opens section i at the top. A part with no text of its own is
// shown at the top of its first subsection (see render.Show.Reader), so
// going to it lands there, or, going back from there, on the section before.
func (m *model) goTo(i int) tea.Cmd {
	if i < 0 || i >= len(m.rd.Sections) {
		return nil
	}
	if m.emptyPart(i) {
		if i < m.sec && i > 0 {
			i--
		} else if i+1 < len(m.rd.Sections) {
			i++
		}
	}
	if i != m.sec {
		m.hl = nil
	}
	m.sec, m.offset, m.focus, m.want = i, 0, -1, nil
	m.page = nil
	return m.show()
}

// goToEnd opens section i at its end.
func (m *model) goToEnd(i int) tea.Cmd {
	cmd := m.goTo(i)
	if m.page != nil {
		m.offset = m.maxOffset()
	} else {
		m.want = &target{fraction: 1, width: -1}
	}
	return cmd
}

// Scrolling.

func (m *model) maxOffset() int {
	if m.page == nil {
		return 0
	}
	return max(len(m.page.lines)-m.bodyHeight(), 0)
}

func (m *model) clampOffset() { m.offset = max(min(m.offset, m.maxOffset()), 0) }

func (m *model) scroll(n int) {
	m.offset += n
	m.clampOffset()
}

// percent is the reading position in the whole paper.
func (m *model) percent() int {
	if m.total == 0 {
		return 0
	}
	words := float64(m.cumWords[m.sec])
	if m.page != nil && len(m.page.lines) > 0 {
		end := float64(min(m.offset+m.bodyHeight(), len(m.page.lines))) / float64(len(m.page.lines))
		words += end * float64(m.rd.Sections[m.sec].Words())
	}
	return min(int(100*words/float64(m.total)+0.5), 100)
}

// wheel scrolls three lines a notch.
func (m *model) wheel(msg tea.MouseWheelMsg) {
	d := 0
	switch msg.Button {
	case tea.MouseWheelUp:
		d = -3
	case tea.MouseWheelDown:
		d = 3
	}
	if t, ok := m.top.(wheeler); ok {
		t.wheel(m, d)
	} else if m.top == nil {
		m.scroll(d)
	}
}
