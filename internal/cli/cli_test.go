package cli

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	if os.Getenv("MARGIN_TEST_RUN_MAIN") == "1" {
		os.Exit(Main(os.Args[1:]))
	}
	testscript.Main(m, map[string]func(){
		"margin": func() { os.Exit(Main(os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: every command,
// its error paths and its piped output, as a user would run them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			home := env.WorkDir + "/home"
			env.Setenv("HOME", home)
			env.Setenv("XDG_DATA_HOME", home+"/.local/share")
			env.Setenv("XDG_STATE_HOME", home+"/.local/state")
			env.Setenv("XDG_CONFIG_HOME", home+"/.config")
			env.Setenv("NO_COLOR", "")
			env.Setenv("PAGER", "")
			env.Setenv("GLAMOUR_STYLE", "")
			return copyTestReadings(env.WorkDir + "/readings")
		},
	})
}

// copyTestReadings copies the repository's test readings
// (testdata/readings/NAME, in margin's format) into dir, so that a script
// opens one with --reading $WORK/readings/NAME and never changes the
// original.
func copyTestReadings(dir string) error {
	return os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "readings")))
}

// A reader who pipes margin into head closes the pipe early: margin must
// stop quietly, with status 0 and nothing on stderr.
func TestClosedPipe(t *testing.T) {
	cmd := exec.Command(os.Args[0], "read")
	cmd.Env = append(os.Environ(), "MARGIN_TEST_RUN_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	if _, err := io.ReadFull(out, buf); err != nil {
		t.Fatal(err)
	}
	out.Close()
	err = cmd.Wait()
	if err != nil {
		t.Errorf("margin read | head: %v; stderr: %s", err, stderr.String())
	}
	if strings.TrimSpace(stderr.String()) != "" {
		t.Errorf("stderr after a closed pipe: %q", stderr.String())
	}
}
