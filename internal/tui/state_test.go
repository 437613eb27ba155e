package tui

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPositionFileSpecialFiles: a position.json that is a FIFO, a link to
// /dev/zero, a directory or too large is reported in one line, at once.
func TestPositionFileSpecialFiles(t *testing.T) {
	cases := map[string]func(p string) error{
		"named pipe":       func(p string) error { return exec.Command("mkfifo", p).Run() },
		"character device": func(p string) error { return os.Symlink("/dev/zero", p) },
		"directory":        func(p string) error { return os.Mkdir(p, 0o700) },
		"more than the 64 KiB": func(p string) error {
			return os.WriteFile(p, []byte(`{"section":"2.1"`+strings.Repeat(" ", 70000)+`}`), 0o600)
		},
	}
	for want, create := range cases {
		dir := t.TempDir()
		if err := create(filepath.Join(dir, positionFile)); err != nil {
			t.Fatal(err)
		}
		done := loadAsync(func() (position, bool, string) { return loadPosition(dir) })
		select {
		case r := <-done:
			if r.ok || !strings.Contains(r.msg, want) || !strings.Contains(r.msg, positionFile) || strings.Count(r.msg, dir) > 1 {
				t.Errorf("%s: loadPosition = %+v, %v, %q", want, r.p, r.ok, r.msg)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: loadPosition hangs", want)
		}
	}
}

type posResult struct {
	p   position
	ok  bool
	msg string
}

func loadAsync(fn func() (position, bool, string)) chan posResult {
	c := make(chan posResult, 1)
	go func() { p, ok, msg := fn(); c <- posResult{p, ok, msg} }()
	return c
}

// TestSavePositionKeepsSymlink: a position.json linked elsewhere stays a
// link when the position is saved, and no temporary file is left.
func TestSavePositionKeepsSymlink(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "pos.json")
	link := filepath.Join(dir, positionFile)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := savePosition(dir, position{Section: "2.1", Line: 7}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatal("position.json is no longer a symbolic link")
	}
	if p, ok, _ := loadPosition(dir); !ok || p.Line != 7 {
		t.Errorf("position read back through the link = %+v, %v", p, ok)
	}
	for _, d := range []string{dir, elsewhere} {
		if entries, _ := os.ReadDir(d); len(entries) != 1 {
			t.Errorf("%s holds %d files, want 1", d, len(entries))
		}
	}
}
