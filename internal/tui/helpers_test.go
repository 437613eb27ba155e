package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

var (
	loadOnce sync.Once
	loaded   *reading.Reading
	loadErr  error
	renderer = render.New()
)

// builtin loads the built-in reading once per test binary.
func builtin(t testing.TB) *reading.Reading {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = reading.Load(margin.Content()) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

// driver drives a model as Bubble Tea would, but synchronously: every
// command returned by Update is run and its message fed back.
type driver struct {
	t    testing.TB
	m    *model
	quit bool
}

// newDriver returns a reader with its state in a temporary directory, sized
// w×h.
func newDriver(t testing.TB, w, h int) *driver {
	t.Helper()
	return newDriverIn(t, t.TempDir(), w, h)
}

func newDriverIn(t testing.TB, dir string, w, h int) *driver {
	t.Helper()
	return newDriverCfg(t, Config{Reading: builtin(t), Renderer: renderer, Style: "dark", StateDir: dir}, w, h)
}

func newDriverCfg(t testing.TB, cfg Config, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, m: newModel(cfg)}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

// send gives Update a message and runs what it returns.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// run runs a command and feeds its messages back into Update, recursively.
// Batches are opened; nil commands and messages are skipped; a command that
// does not return within a second (a tick) is dropped.
func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := call(cmd).(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
		d.quit = true
	default:
		d.send(msg)
	}
}

func call(cmd tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(time.Second):
		return nil
	}
}

// keys types each key: a named key (enter, esc, tab, shift+tab, down, up,
// pgdown, ctrl+c, space) or a single rune.
func (d *driver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

// typeText types text rune by rune.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(runeKey(r))
	}
}

var named = map[string]tea.KeyPressMsg{
	"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "down": {Code: tea.KeyDown}, "up": {Code: tea.KeyUp},
	"pgdown": {Code: tea.KeyPgDown}, "pgup": {Code: tea.KeyPgUp}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
	"space": {Code: tea.KeySpace, Text: " "}, "backspace": {Code: tea.KeyBackspace},
}

// keyMsg is the key press Bubble Tea reports for k: a named key or a single
// rune.
func keyMsg(k string) tea.KeyPressMsg {
	if msg, ok := named[k]; ok {
		if msg.String() != k {
			panic("keyMsg: " + k + " reads as " + msg.String())
		}
		return msg
	}
	rs := []rune(k)
	if len(rs) != 1 {
		panic("keyMsg: not a named key nor one rune: " + k)
	}
	return runeKey(rs[0])
}

// runeKey is the key press for a printable rune, as a terminal types it.
func runeKey(r rune) tea.KeyPressMsg {
	if r == ' ' {
		return named["space"]
	}
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

// screen is the view without escape sequences.
func (d *driver) screen() string { return ansi.Strip(d.m.screen()) }

// wantScreen fails unless the screen contains every one of want.
func (d *driver) wantScreen(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// checkSize fails if the view has more rows or wider rows than the window.
func (d *driver) checkSize() {
	d.t.Helper()
	rows := strings.Split(d.m.screen(), "\n")
	if len(rows) > d.m.height {
		d.t.Fatalf("view has %d rows in a window of %d", len(rows), d.m.height)
	}
	for i, r := range rows {
		if w := ansi.StringWidth(r); w > d.m.width {
			d.t.Fatalf("row %d is %d columns wide in a window of %d: %q", i, w, d.m.width, ansi.Strip(r))
		}
	}
}

// sectionIs fails unless the reader shows the section numbered number.
func (d *driver) sectionIs(number string) {
	d.t.Helper()
	if got := d.m.rd.Sections[d.m.sec].Number; got != number {
		d.t.Fatalf("section %s, want %s", got, number)
	}
	if d.m.page == nil {
		d.t.Fatalf("section %s not rendered", number)
	}
}

// cutCols returns the columns [a, b) of a line without escape sequences.
func cutCols(s string, a, b int) string { return ansi.Cut(s, a, b) }
