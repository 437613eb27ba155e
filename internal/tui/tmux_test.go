//go:build unix

package tui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// tmux runs the reader in a real terminal emulator, tmux, and reads the
// screen as a person sees it (capture-pane).
type tmux struct {
	t       *testing.T
	session string
}

func startTmux(t *testing.T, bin string, w, h int, style string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	tm := &tmux{t: t, session: fmt.Sprintf("margin-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	state := t.TempDir()
	cmd := fmt.Sprintf("env -u NO_COLOR TERM=xterm-256color MARGIN_STATE_DIR=%s MARGIN_DATA_DIR=%s %s --style %s", state, state, bin, style)
	if out, err := exec.Command("tmux", "new-session", "-d", "-s", tm.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), cmd).CombinedOutput(); err != nil {
		t.Skipf("tmux cannot start a session: %v %s", err, out)
	}
	t.Cleanup(tm.quit) // before the state directory is removed: cleanups run last first
	return tm
}

// quit types q and waits for the reader to end (it saves its place as it
// goes), then closes the session.
func (tm *tmux) quit() {
	_ = exec.Command("tmux", "send-keys", "-t", tm.session, "q").Run()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if exec.Command("tmux", "has-session", "-t", tm.session).Run() != nil {
			return
		}
	}
	_ = exec.Command("tmux", "kill-session", "-t", tm.session).Run()
	time.Sleep(200 * time.Millisecond) // the reader saves its place on the hang-up
}

func (tm *tmux) screen() string {
	out, err := exec.Command("tmux", "capture-pane", "-p", "-t", tm.session).Output()
	if err != nil {
		tm.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// send types a key and waits until the screen changes (or a second passes)
// and then settles; it returns the new screen.
func (tm *tmux) send(key string) string {
	before := tm.screen()
	if err := exec.Command("tmux", "send-keys", "-t", tm.session, key).Run(); err != nil {
		tm.t.Fatalf("send-keys: %v", err)
	}
	return tm.settle(before)
}

func (tm *tmux) settle(before string) string {
	deadline := time.Now().Add(time.Second)
	last := before
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		s := tm.screen()
		if s != before && s == last {
			return s
		}
		last = s
	}
	return last
}

func (tm *tmux) waitFor(text string) string {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s := tm.screen(); strings.Contains(s, text) {
			return tm.settle(s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("%q never appeared:\n%s", text, tm.screen())
	return ""
}

// Paging through the whole paper with space, in tmux, at five widths and
// three styles, with and without the contents sidebar: no line of text
// starts with punctuation that belongs to the line before (a marker never
// leaves its word or its comma behind).
func TestPagingThroughThePaperInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("pages through the paper in tmux")
	}
	bin := buildMargin(t)
	for _, w := range []int{40, 60, 80, 100, 160} {
		for _, style := range []string{"dark", "light", "ascii"} {
			for _, sidebar := range []bool{false, true} {
				if sidebar && (w < sidebarMin || style == "ascii") {
					continue
				}
				t.Run(fmt.Sprintf("%d-%s-sidebar=%v", w, style, sidebar), func(t *testing.T) {
					t.Parallel() // each mostly waits for its terminal
					pageThrough(t, bin, w, style, sidebar)
				})
			}
		}
	}
}

func pageThrough(t *testing.T, bin string, w int, style string, sidebar bool) {
	tm := startTmux(t, bin, w, 60, style)
	screen := tm.waitFor("Abstract")
	if sidebar {
		tm.send("t")
		screen = tm.send("h") // back to the text, the contents kept beside it
		if !strings.Contains(screen, "│") || strings.Contains(screen, "esc back") {
			t.Fatalf("the contents sidebar did not stay open:\n%s", screen)
		}
	}
	end := false
	for i, same := 0, 0; i < 400 && !end; i++ {
		checkScreen(t, screen, sidebar)
		end = strings.Contains(screen, "The end of the paper.")
		next := tm.send("Space")
		if same++; next != screen {
			same = 0
		}
		if same == 3 && !end {
			t.Fatalf("space does not move on:\n%s", next)
		}
		screen = next
	}
	if !end {
		t.Fatalf("space never reached the end of the paper:\n%s", screen)
	}
}

// checkScreen fails on a line of the text that starts with . , ; : or ),
// which belongs at the end of the line before.
func checkScreen(t *testing.T, screen string, sidebar bool) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	for i, l := range lines[:max(len(lines)-1, 0)] { // the last is the status line
		if sidebar {
			if _, text, ok := strings.Cut(l, "│"); ok {
				l = text
			}
		}
		text := strings.TrimLeft(l, " ")
		if text != "" && strings.ContainsAny(text[:1], ".,;:)") {
			t.Errorf("line %d starts with %q:\n%s", i, text[:1], screen)
			return
		}
	}
}
