package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBinaryLinksNoBubbleTeaV1 guards against Bubble Tea v1 coming back into
// the margin binary, directly or through a dependency. Its tea_init.go has an
// init() that calls lipgloss.HasDarkBackground, which sends the terminal an
// OSC 11 background-colour query and waits up to 5 s for an answer: linked
// in, it made every margin command, even `margin toc`, stall for 5 s under a
// terminal that never answers. The reader uses charm.land/bubbletea/v2,
// which has no such init.
func TestBinaryLinksNoBubbleTeaV1(t *testing.T) {
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		t.Skipf("no go tool at %s: %v", goBin, err)
	}
	const pkg = "github.com/margin-reader/margin/cmd/margin"
	out, err := exec.Command(goBin, "list", "-deps", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
	}
	const banned = "github.com/charmbracelet/bubbletea"
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if line == banned || strings.HasPrefix(line, banned+"/") {
			t.Errorf("margin links %s (Bubble Tea v1, whose init queries the terminal's background colour); use charm.land/bubbletea/v2", line)
		}
	}
	if !strings.Contains(string(out), "charm.land/bubbletea/v2") {
		t.Errorf("go list -deps %s names no charm.land/bubbletea/v2: is the listing complete?", pkg)
	}
}
