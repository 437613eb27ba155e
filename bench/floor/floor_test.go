package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The floor imports every third-party package that margin's own packages
// import, so that the start-up comparison measures margin's work, not the
// libraries' initialisation.
func TestFloorImportsMarginsLibraries(t *testing.T) {
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		t.Skipf("no go tool at %s: %v", goBin, err)
	}
	list := func(args ...string) []string {
		out, err := exec.Command(goBin, append([]string{"list"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %v: %v\n%s", args, err, out)
		}
		return strings.Fields(string(out))
	}
	const module = "github.com/margin-reader/margin"
	floor := map[string]bool{}
	for _, p := range list("-f", `{{join .Imports " "}}`, ".") {
		floor[p] = true
	}
	var own []string
	for _, p := range list("-deps", module+"/cmd/margin") {
		if strings.HasPrefix(p, module) {
			own = append(own, p)
		}
	}
	for _, p := range list(append([]string{"-f", `{{join .Imports " "}}`}, own...)...) {
		first, _, _ := strings.Cut(p, "/")
		if strings.Contains(first, ".") && !strings.HasPrefix(p, module) && !floor[p] {
			t.Errorf("margin imports %s but the floor does not", p)
		}
	}
}
