package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/margin-reader/margin"

// goList runs go list with args and returns the words it prints; it skips
// the test where there is no go tool.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		t.Skipf("no go tool at %s: %v", goBin, err)
	}
	out, err := exec.Command(goBin, append([]string{"list"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, out)
	}
	return strings.Fields(string(out))
}

// TestBinaryLinksNoBubbleTeaV1 guards against Bubble Tea v1 coming back into
// the margin binary, directly or through a dependency. Its tea_init.go has an
// init() that calls lipgloss.HasDarkBackground, which sends the terminal an
// OSC 11 background-colour query and waits up to 5 s for an answer: linked
// in, it made every margin command, even `margin toc`, stall for 5 s under a
// terminal that never answers. The reader uses charm.land/bubbletea/v2,
// which has no such init.
func TestBinaryLinksNoBubbleTeaV1(t *testing.T) {
	deps := goList(t, "-deps", module+"/cmd/margin")
	const banned = "github.com/charmbracelet/bubbletea"
	for _, p := range deps {
		if p == banned || strings.HasPrefix(p, banned+"/") {
			t.Errorf("margin links %s (Bubble Tea v1, whose init queries the terminal's background colour); use charm.land/bubbletea/v2", p)
		}
	}
	if !slices.Contains(deps, "charm.land/bubbletea/v2") {
		t.Errorf("go list -deps names no charm.land/bubbletea/v2: is the listing complete?")
	}
}

// The start-up floor of the benchmarks (bench/floor) imports every
// third-party package that margin's own packages import, so that the
// whole-process comparison measures margin's work, not the libraries'
// initialisation.
func TestFloorImportsMarginsLibraries(t *testing.T) {
	imports := `{{join .Imports " "}}`
	floor := map[string]bool{}
	for _, p := range goList(t, "-f", imports, module+"/bench/floor") {
		floor[p] = true
	}
	var own []string
	for _, p := range goList(t, "-deps", module+"/cmd/margin") {
		if strings.HasPrefix(p, module) {
			own = append(own, p)
		}
	}
	for _, p := range goList(t, append([]string{"-f", imports}, own...)...) {
		first, _, _ := strings.Cut(p, "/")
		if strings.Contains(first, ".") && !strings.HasPrefix(p, module) && !floor[p] {
			t.Errorf("margin imports %s but bench/floor does not", p)
		}
	}
}
