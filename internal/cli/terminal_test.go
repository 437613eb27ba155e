//go:build unix

package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// onTerminal runs margin (this test binary, as margin) with args in a
// pseudo-terminal of 24 rows and returns what it wrote once it ends, or
// once until appears (then it types keys and waits for the end).
func onTerminal(t *testing.T, env []string, until string, keys string, args ...string) string {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "MARGIN_TEST_RUN_MAIN=1", "HOME="+home,
		"XDG_CONFIG_HOME="+home+"/config", "XDG_DATA_HOME="+home+"/data", "XDG_STATE_HOME="+home+"/state",
		"NO_COLOR=", "GLAMOUR_STYLE=", "PAGER=", "MARGIN_PAGER=")
	cmd.Env = append(cmd.Env, env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 100})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var mu sync.Mutex
	var out bytes.Buffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	seen := func() string { mu.Lock(); defer mu.Unlock(); return out.String() }
	if until != "" {
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(seen(), until) {
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatalf("margin %v: %q never appeared; output:\n%q", args, until, seen())
			}
			select {
			case <-done:
				t.Fatalf("margin %v ended before %q appeared; output:\n%q", args, until, seen())
			case <-time.After(20 * time.Millisecond):
			}
		}
		time.Sleep(200 * time.Millisecond)
		if _, err := ptmx.Write([]byte(keys)); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("margin %v did not end; output:\n%q", args, seen())
	}
	time.Sleep(50 * time.Millisecond)
	return seen()
}

// One rule on a terminal: 'margin' opens the reader, and --plain, NO_COLOR
// and --color never only change how it is styled.
func TestPlainOpensTheReader(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		args []string
	}{
		{nil, []string{"--plain"}},
		{[]string{"NO_COLOR=1"}, nil},
		{nil, []string{"--color", "never"}},
	} {
		env := append([]string{"TERM=xterm-256color"}, tc.env...)
		out := onTerminal(t, env, "\x1b[?1049h", "q", tc.args...)
		if strings.Contains(out, "margin: hint: run 'margin read SECTION'") {
			t.Errorf("%v %v printed the contents instead of opening the reader", tc.env, tc.args)
		}
		if !strings.Contains(out, "\x1b[?1049l") {
			t.Errorf("%v %v: the reader did not leave the alternate screen", tc.env, tc.args)
		}
	}
}

// A dumb terminal gets plain text, not one escape byte, and no pager: less
// would warn that the terminal "is not fully functional".
func TestDumbTerminal(t *testing.T) {
	for _, args := range [][]string{{"read", "2.1"}, nil} {
		out := onTerminal(t, []string{"TERM=dumb", "MARGIN_PAGER=sed s/^/PAGED:/"}, "", "", args...)
		if strings.Contains(out, "\x1b") {
			t.Errorf("margin %v under TERM=dumb wrote escape sequences: %q", args, out[:min(len(out), 300)])
		}
		if strings.Contains(out, "PAGED:") {
			t.Errorf("margin %v under TERM=dumb used the pager", args)
		}
		if !strings.Contains(out, "China's Social Credit System") {
			t.Errorf("margin %v under TERM=dumb: %q", args, out[:min(len(out), 300)])
		}
	}
}

// The reader opens over a notes store margin cannot read, after one warning
// line (left on the terminal above the reader's screen), and leaves the file
// as it was.
func TestReaderWithUnreadableStore(t *testing.T) {
	dir := t.TempDir()
	damaged := []byte(`{"format":"margin-marks","version":1,`)
	if err := os.WriteFile(dir+"/marks.json", damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	out := onTerminal(t, []string{"TERM=xterm-256color", "MARGIN_DATA_DIR=" + dir}, "\x1b[?1049h", "q")
	before, _, _ := strings.Cut(out, "\x1b[?1049h")
	if want := "margin: warning: your notes are not shown: cannot read notes store " + dir + "/marks.json: it is not valid JSON"; !strings.Contains(before, want) {
		t.Errorf("before the reader: %q, want a warning starting %q", before, want)
	}
	if got, _ := os.ReadFile(dir + "/marks.json"); !bytes.Equal(got, damaged) {
		t.Errorf("the store changed: %q", got)
	}
}

// The reader opens a compiled reading (margin pack's file) as it opens the
// built-in paper: its own text, not the paper's.
func TestReaderOnPackedFile(t *testing.T) {
	dir := copyReading(t, func(name string, data []byte) []byte {
		if name == "text/00-abstract.md" {
			return []byte(strings.Replace(string(data), "Over the past decades", "Over the xylophonic decades", 1))
		}
		return data
	})
	file := filepath.Join(t.TempDir(), "edition.margin")
	if _, errOut, err := runMargin(t, nil, "pack", dir, "-o", file); err != nil {
		t.Fatalf("pack: %v\n%s", err, errOut)
	}
	out := onTerminal(t, []string{"TERM=xterm-256color", "MARGIN_READING=" + file}, "xylophonic", "q")
	if !strings.Contains(out, "\x1b[?1049l") {
		t.Errorf("the reader did not leave the alternate screen: %q", out[max(0, len(out)-300):])
	}
}
