//go:build unix

package tui

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// terminal is a program running in a pseudo-terminal that never answers
// terminal queries.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	ptmx *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan error
}

func startTerminal(t *testing.T, bin, stateDir string) *terminal {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(cleanEnv(), "TERM=xterm-256color", StateDirEnv+"="+stateDir)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	tm := &terminal{t: t, cmd: cmd, ptmx: ptmx, done: make(chan error, 1)}
	go tm.read()
	go func() { tm.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		ptmx.Close()
	})
	return tm
}

// cleanEnv is the environment without anything that changes how margin
// looks or where it keeps its state.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "NO_COLOR", "TERM", StateDirEnv, "GLAMOUR_STYLE", "COLUMNS", "LINES":
			continue
		}
		env = append(env, kv)
	}
	return env
}

func (tm *terminal) read() {
	buf := make([]byte, 4096)
	for {
		n, err := tm.ptmx.Read(buf)
		tm.mu.Lock()
		tm.out.Write(buf[:n])
		tm.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// screen is everything written so far, with escape sequences removed.
func (tm *terminal) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.Strip(tm.out.String())
}

func (tm *terminal) raw() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}

// waitFor waits up to 10 s for text to appear on the screen.
func (tm *terminal) waitFor(text string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.screen(), text) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("%q never appeared on the screen (a terminal query left unanswered?); screen:\n%s", text, tm.screen())
}

// typeKeys types keys with a pause between them, as a person would.
func (tm *terminal) typeKeys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if _, err := tm.ptmx.Write([]byte(k)); err != nil {
			tm.t.Fatal(err)
		}
		time.Sleep(80 * time.Millisecond)
	}
}

// waitExit waits for the program to end and fails unless it ended well and
// left the alternate screen.
func (tm *terminal) waitExit() {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		if err != nil {
			tm.t.Fatalf("margin ended with %v; output:\n%s", err, tm.screen())
		}
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("margin did not quit; screen:\n%s", tm.screen())
	}
	time.Sleep(50 * time.Millisecond)
	if !strings.Contains(tm.raw(), "\x1b[?1049l") {
		tm.t.Error("margin did not leave the alternate screen")
	}
	tm.noColourQuery()
}

// noColourQuery fails if margin asked the terminal for its foreground or
// background colour (OSC 10 or 11 with "?"): under a terminal that never
// answers, the wait for the answer stalls every start (Bubble Tea v1's init
// did this through lipgloss.HasDarkBackground).
func (tm *terminal) noColourQuery() {
	tm.t.Helper()
	raw := tm.raw()
	for _, q := range []string{"\x1b]10;?", "\x1b]11;?"} {
		if i := strings.Index(raw, q); i >= 0 {
			tm.t.Errorf("margin queried the terminal's colours: %q at byte %d", q, i)
		}
	}
}

// buildMargin builds the margin binary once for the end-to-end tests.
func buildMargin(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build margin with")
	}
	bin := filepath.Join(t.TempDir(), "margin")
	cmd := exec.Command(goBin, "build", "-o", bin, "../../cmd/margin")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building margin: %v\n%s", err, out)
	}
	return bin
}

func TestEndToEndInTerminal(t *testing.T) {
	bin := buildMargin(t)
	rd := builtin(t)
	state := t.TempDir()

	tm := startTerminal(t, bin, state)
	tm.waitFor(rd.Sections[0].Title)
	tm.typeKeys("]")
	tm.waitFor(rd.Sections[1].Title)
	tm.typeKeys("]") // part 2, which has no text of its own, opens with 2.1
	tm.waitFor(rd.Sections[3].Title[:20])
	tm.typeKeys("j", "j", "q")
	tm.waitExit()

	data, err := os.ReadFile(filepath.Join(state, positionFile))
	if err != nil {
		t.Fatalf("no position saved: %v", err)
	}
	var p position
	if err := json.Unmarshal(data, &p); err != nil || p.Section != rd.Sections[3].Number {
		t.Fatalf("saved position %s (%v), want section %s", data, err, rd.Sections[3].Number)
	}

	again := startTerminal(t, bin, state)
	again.waitFor(rd.Sections[3].Title[:20])
	if strings.Contains(again.screen(), rd.Sections[0].Title) {
		t.Errorf("the second start showed %q", rd.Sections[0].Title)
	}
	again.typeKeys("\x03") // ctrl+c
	again.waitExit()
}

// Closing the terminal (as closing its window or losing the SSH connection
// does) sends the reader SIGHUP: it saves its place, and the next start
// opens at the same place.
func TestHangUpKeepsThePlace(t *testing.T) {
	bin := buildMargin(t)
	rd := builtin(t)
	state := t.TempDir()

	tm := startTerminal(t, bin, state)
	tm.waitFor(rd.Sections[0].Title)
	tm.typeKeys("]", "]", "]") // 1, 2.1 (with part 2's heading), 2.2
	tm.waitFor(rd.Sections[4].Title)
	tm.typeKeys("j", "j", "j", "j")
	// Keys are taken in order: once the help the next key opens is drawn,
	// the four lines down have been taken (a fixed sleep was not enough
	// on a loaded machine).
	tm.typeKeys("?")
	tm.waitFor("margin — keys")
	// The kernel sends SIGHUP when the terminal goes away. Closing the
	// pty here would not do it: Go defers closing the master while the
	// reading goroutine is blocked in read(2) on it.
	if err := tm.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-tm.done:
	case <-time.After(10 * time.Second):
		t.Fatal("margin did not end after a hang-up")
	}
	data, err := os.ReadFile(filepath.Join(state, positionFile))
	if err != nil {
		t.Fatalf("no position saved on hang-up: %v", err)
	}
	var p position
	if err := json.Unmarshal(data, &p); err != nil || p.Section != rd.Sections[4].Number || p.Line != 4 {
		t.Fatalf("saved position %s (%v), want section %s, line 4", data, err, rd.Sections[4].Number)
	}
	again := startTerminal(t, bin, state)
	again.waitFor(rd.Sections[4].Title)
	again.typeKeys("q")
	again.waitExit()
}
