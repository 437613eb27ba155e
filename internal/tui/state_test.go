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

// Each reading keeps its own place: the built-in paper's in position.json
// at the top of the state directory, where margin kept its one place
// before (a file of that format is restored with no step by the user),
// any other reading's under readings/ID/.
func TestPlacePerReading(t *testing.T) {
	dir := t.TempDir()
	// position.json as margin wrote it before readings had their own place.
	if err := os.WriteFile(filepath.Join(dir, "position.json"), []byte("{\n  \"section\": \"2.2\",\n  \"line\": 2,\n  \"fraction\": 0.05,\n  \"width\": 80\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	paper := builtin(t)
	d := newDriverCfg(t, Config{Reading: paper, Renderer: renderer, Style: "dark", StateDir: ReadingStateDir(dir, paper.Meta.ID, true)}, 80, 20)
	d.sectionIs("2.2")
	if d.m.offset != 2 {
		t.Errorf("the old place: offset %d, want 2", d.m.offset)
	}
	// A copy of the paper opened as another reading (another id) starts at
	// the beginning, and saves its place apart.
	other := ReadingStateDir(dir, "a-copy", false)
	if other != filepath.Join(dir, "readings", "a-copy") {
		t.Fatalf("ReadingStateDir = %s", other)
	}
	e := newDriverCfg(t, Config{Reading: paper, Renderer: renderer, Style: "dark", StateDir: other}, 80, 20)
	e.sectionIs(paper.Sections[0].Number)
	e.keys("]", "j")
	e.send(saveMsg{})
	if p, ok, _ := loadPosition(other); !ok || p.Section != paper.Sections[1].Number {
		t.Errorf("the other reading's place: %+v %v", p, ok)
	}
	if p, _, _ := loadPosition(dir); p.Section != "2.2" {
		t.Errorf("saving another reading's place moved the paper's: %+v", p)
	}
	// An id that cannot name a folder is named by its hash, inside readings/.
	for _, id := range []string{"../../etc", "A B", "", strings.Repeat("x", 200)} {
		got := ReadingStateDir(dir, id, false)
		if filepath.Dir(got) != filepath.Join(dir, "readings") || !strings.HasPrefix(filepath.Base(got), "id-") {
			t.Errorf("ReadingStateDir(%q) = %s", id, got)
		}
	}
}
