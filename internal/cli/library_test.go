package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The library's and check's help examples work on a small reading of the
// test data, copied to ~/seminar/lamplighter first (HOME is the examples'
// folder).
func init() {
	fixture, err := filepath.Abs(filepath.Join("testdata", "readings", "lamplighter"))
	if err != nil {
		panic(err)
	}
	copyIt := "mkdir -p ~/seminar && cp -R '" + fixture + "' ~/seminar/"
	for _, line := range []string{
		"margin check ~/seminar/lamplighter",
		"margin check ~/seminar/lamplighter --json",
		"margin library add ~/seminar/lamplighter",
		"margin library add ~/seminar/lamplighter --name lamp --force",
	} {
		exampleSetup[line] = copyIt
	}
	exampleSetup["margin library rm lamplighter"] = copyIt + " && margin library add ~/seminar/lamplighter"
}

// An install that fails while copying (here, on a FIFO where a file
// should be) leaves nothing in the library, and replacing with --force
// keeps the reading installed before.
func TestInstallFailureLeavesNothing(t *testing.T) {
	src := filepath.Join(t.TempDir(), "lamp")
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "readings", "lamplighter"))); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	env := []string{"MARGIN_DATA_DIR=" + data}
	if _, errOut, err := runMargin(t, env, "library", "add", src); err != nil {
		t.Fatalf("add: %v\n%s", err, errOut)
	}
	if err := exec.Command("mkfifo", filepath.Join(src, "text", "extra.yaml")).Run(); err != nil {
		t.Skip("mkfifo:", err)
	}
	_, errOut, err := runMargin(t, env, "library", "add", src, "--name", "second")
	if err == nil || !strings.Contains(errOut, "margin: error: installing "+src) {
		t.Fatalf("add over a FIFO: %v\n%s", err, errOut)
	}
	_, errOut, err = runMargin(t, env, "library", "add", src, "--force")
	if err == nil {
		t.Fatalf("add --force over a FIFO succeeded:\n%s", errOut)
	}
	ents, err := os.ReadDir(filepath.Join(data, "readings"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Name() != "lamp" {
		t.Errorf("the library holds %v, want only lamp", ents)
	}
	out, _, err := runMargin(t, env, "--reading", "lamp", "toc")
	if err != nil || !strings.Contains(out, "The Lamplighter") {
		t.Errorf("the reading installed before is gone: %v\n%s", err, out)
	}
}

// The reader keeps the built-in paper's place where it always has, for
// any reading with the paper's id; another reading's apart.
func TestPlaceIsKeyedByReadingID(t *testing.T) {
	a := &app{io: &streams{getenv: func(string) string { return "" }}}
	paper, err := builtinReading()
	if err != nil {
		t.Fatal(err)
	}
	lamp, err := openPath(filepath.Join("testdata", "readings", "lamplighter"))
	if err != nil {
		t.Fatal(err)
	}
	if !a.isBuiltin(paper) {
		t.Error("the built-in paper, no --reading: not built-in")
	}
	a.opts.reading = "a-copy-of-the-paper"
	if !a.isBuiltin(paper) {
		t.Error("a reading with the paper's id: not given the paper's place")
	}
	if a.isBuiltin(lamp) {
		t.Error("another reading given the paper's place")
	}
}
