//go:build unix && !race

// The panic test does not run under the race detector: when a command
// panics, Bubble Tea's shutdown closes its input (muesli/cancelreader's
// Close) while cancelreader's own reading goroutine is inside the file's
// Fd(), a race inside those libraries, not in margin (seen 2 times in 30
// runs with -race). It runs in every plain go test.

package tui

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// panicky panics inside a command on its first key press.
type panicky struct{ *model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return p, func() tea.Msg { panic("boom") }
	}
	_, cmd := p.model.Update(msg)
	return p, cmd
}

func TestPanicInCommandRestoresTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	_ = pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80})
	before, err := unix.IoctlGetTermios(int(tty.Fd()), ioctlGetTermios)
	if err != nil {
		t.Skipf("termios: %v", err)
	}
	go func() { _, _ = bytes.NewBuffer(nil).ReadFrom(ptmx) }()
	m := newModel(Config{Reading: builtin(t), Renderer: renderer, Style: "dark", StateDir: t.TempDir()})
	// Bubble Tea gets its own descriptor for the terminal, which the test
	// never closes: its input reader may still be in Fd() after Run has
	// returned, and closing the *os.File it holds would race with that.
	fd, err := unix.Dup(int(tty.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	term := os.NewFile(uintptr(fd), tty.Name())
	done := make(chan error, 1)
	go func() {
		_, err := runProgram(panicky{m}, Config{Input: term, Output: term})
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	if _, err := ptmx.Write([]byte("j")); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the program did not end after a panic")
	}
	if !errors.Is(err, tea.ErrProgramPanic) {
		t.Errorf("err = %v, want a panic error", err)
	}
	after, err := unix.IoctlGetTermios(int(tty.Fd()), ioctlGetTermios)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("terminal modes not restored: lflag %#x → %#x", before.Lflag, after.Lflag)
	}
}
