//go:build unix

package tui

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"
	"github.com/margin-reader/margin/internal/hostile"
	"github.com/margin-reader/margin/internal/sanitize"
)

// What the reader sends a terminal, Bubble Tea's renderer included, for a
// hostile reading holds none of the payload's sequences: no clipboard
// write, no link, no colour of its own, no C1 control, no raw 0x9b, no
// bidi override. (Their harmless remains show as text: "[38;2;13;37;42m".)
func TestHostileReadingInTerminal(t *testing.T) {
	rd, err := hostile.Reading()
	if err != nil {
		t.Fatal(err)
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	_ = pty.Setsize(ptmx, &pty.Winsize{Rows: 30, Cols: 100})
	var mu sync.Mutex
	var raw bytes.Buffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			raw.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() {
		done <- Run(Config{Reading: rd, Renderer: renderer, Style: "dark",
			StateDir: filepath.Join(t.TempDir(), "state"), Input: tty, Output: tty})
	}()
	time.Sleep(300 * time.Millisecond)
	// Each key alone, well apart: an ESC read together with the next key
	// would be alt+key.
	for _, k := range []string{"]", "]", "\t", "\r", "\x1b", "t", "\x1b", "/", "alpha", "\r", "T", "\r", "\x03"} {
		if _, err := ptmx.Write([]byte(k)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader did not quit")
	}
	time.Sleep(100 * time.Millisecond)
	tty.Close()
	mu.Lock()
	out := raw.String()
	mu.Unlock()
	if !strings.Contains(out, "SE9TVElMRQ==") {
		t.Fatalf("the hostile text never reached the terminal:\n%q", out)
	}
	for _, bad := range []string{"\x1b]52", "\x1b]8;;https://evil", "\x1b[38;2;13;37;42m", "\x1b\\link"} {
		if i := strings.Index(out, bad); i >= 0 {
			t.Errorf("the payload's %q reached the terminal at byte %d: %q", bad, i, out[max(i-40, 0):min(i+40, len(out))])
		}
	}
	if !utf8.ValidString(out) {
		t.Errorf("a byte that is not UTF-8 (a raw 0x9b?) reached the terminal")
	}
	for i, r := range out {
		if r >= 0x80 && sanitize.Forbidden(r) {
			t.Fatalf("%U reached the terminal at byte %d: %q", r, i, out[max(i-40, 0):min(i+40, len(out))])
		}
	}
}
