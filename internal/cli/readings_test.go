package cli

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
)

// copyReading writes the built-in reading's files into a folder, changed
// by edit (file name → new content), and returns the folder.
func copyReading(t *testing.T, edit func(name string, data []byte) []byte) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(margin.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(margin.Content(), p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), edit(p, data), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func runMargin(t *testing.T, env []string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "MARGIN_TEST_RUN_MAIN=1", "MARGIN_DATA_DIR="+t.TempDir(), "MARGIN_STATE_DIR="+t.TempDir(), "NO_COLOR=1"), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

// --reading (or $MARGIN_READING) opens a reading folder instead of the
// built-in paper: its own title, text and search index, never the
// embedded ones.
func TestReadingFolder(t *testing.T) {
	dir := copyReading(t, func(name string, data []byte) []byte {
		s := string(data)
		switch name {
		case "text/paper.yaml":
			s = strings.Replace(s, "The Social Credit System", "A Corrected Edition", 1)
		case "text/01-introduction.md":
			s = strings.Replace(s, "something interesting happened", "something xylophonic happened", 1)
		}
		return []byte(s)
	})
	out, errOut, err := runMargin(t, nil, "--reading", dir, "toc")
	if err != nil || !strings.Contains(out, "A Corrected Edition") {
		t.Fatalf("toc: %v %s\n%s", err, errOut, out)
	}
	out, _, err = runMargin(t, []string{"MARGIN_READING=" + dir}, "read", "1", "--width", "200")
	if err != nil || !strings.Contains(out, "something xylophonic happened") {
		t.Fatalf("read 1 with $MARGIN_READING: %v\n%s", err, out)
	}
	out, _, err = runMargin(t, nil, "--reading", dir, "search", "xylophonic")
	if err != nil || !strings.Contains(out, "xylophonic") {
		t.Fatalf("search does not use the reading's own index: %v\n%s", err, out)
	}
	_, errOut, err = runMargin(t, nil, "--reading", filepath.Join(dir, "nope"), "toc")
	if err == nil || !strings.Contains(errOut, "margin: error: no reading at") || !strings.Contains(errOut, "margin: hint: ") {
		t.Fatalf("a missing folder: %v\n%s", err, errOut)
	}
	broken := copyReading(t, func(name string, data []byte) []byte {
		if name == "notes/toilet-paper.md" {
			return []byte("---\nsection: \"2.1\"\n")
		}
		return data
	})
	_, errOut, err = runMargin(t, nil, "--reading", broken, "notes")
	if err == nil || !strings.Contains(errOut, "notes/toilet-paper.md") {
		t.Fatalf("a broken note is not named: %v\n%s", err, errOut)
	}
}
