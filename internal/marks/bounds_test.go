package marks

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSpecialStoreFilesAreRefused: a store that is a FIFO, a link to
// /dev/zero or a directory is refused at once, naming the file, by every
// operation; none hangs or reads without end.
func TestSpecialStoreFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo", "marks.json")
	zero := filepath.Join(dir, "zero", "marks.json")
	for _, p := range []string{fifo, zero} {
		if err := os.Mkdir(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := exec.Command("mkfifo", fifo).Run(); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for p, kind := range map[string]string{fifo: "named pipe", zero: "character device"} {
		s := Open(p)
		s.LockTimeout = time.Second
		ops := map[string]func() error{
			"List": func() error { _, err := s.List(); return err },
			"Add":  func() error { _, err := s.Add(sample("x")); return err },
		}
		for op, fn := range ops {
			done := make(chan error, 1)
			go func() { done <- fn() }()
			select {
			case err := <-done:
				ce, ok := errors.AsType[*CorruptError](err)
				if !ok || !strings.Contains(err.Error(), kind) || !strings.Contains(err.Error(), "notes store /") {
					t.Errorf("%s on a %s = %v, want a *CorruptError naming the file and its kind", op, kind, err)
				} else if ce.Path == "" {
					t.Errorf("%s: the error names no file", op)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s on a %s hangs", op, kind)
			}
		}
	}
}

// TestOversizedStoreIsRefused: a store over MaxStoreBytes is refused, with
// its size and the limit, and left untouched.
func TestOversizedStoreIsRefused(t *testing.T) {
	s := newStore(t)
	if _, err := s.Add(sample("first")); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(s.Path(), MaxStoreBytes+1); err != nil {
		t.Fatal(err)
	}
	_, err := s.List()
	if _, ok := errors.AsType[*CorruptError](err); !ok || !strings.Contains(err.Error(), "more than the 32 MiB margin reads") {
		t.Errorf("List of an oversized store = %v", err)
	}
	if _, err := s.Add(sample("second")); err == nil {
		t.Error("Add to an oversized store succeeded")
	}
	if info, _ := os.Stat(s.Path()); info.Size() != MaxStoreBytes+1 {
		t.Error("the oversized store was modified")
	}
}

// TestNextIDAtTheLimit: a store whose next_id is the largest int64 never
// wraps round to negative ids or back to 1; Add refuses, and the file is
// left as it was.
func TestNextIDAtTheLimit(t *testing.T) {
	for _, tc := range []struct {
		name, nextID, lastID string
	}{
		{"next_id at the limit", fmt.Sprint(int64(math.MaxInt64)), "1"},
		{"an id at the limit", "2", fmt.Sprint(int64(math.MaxInt64))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			if err := os.MkdirAll(filepath.Dir(s.Path()), 0o700); err != nil {
				t.Fatal(err)
			}
			body := `{"format":"margin-marks","version":1,"next_id":` + tc.nextID + `,"marks":[` +
				`{"id":"` + tc.lastID + `","reading":"vochelet-scs","section":"2.1","quote":"q","text":"t","created":"2026-03-01T10:00:00Z"}]}`
			if err := os.WriteFile(s.Path(), []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			m, err := s.Add(sample("one more"))
			if !errors.Is(err, ErrNoIDs) {
				t.Fatalf("Add = %+v, %v; want ErrNoIDs", m, err)
			}
			if data, _ := os.ReadFile(s.Path()); string(data) != body {
				t.Error("the store was changed by a refused Add")
			}
		})
	}
	// Just below the limit: the last id is given, then no more.
	s := newStore(t)
	if err := os.MkdirAll(filepath.Dir(s.Path()), 0o700); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`{"format":"margin-marks","version":1,"next_id":%d,"marks":[]}`, int64(math.MaxInt64-1))
	if err := os.WriteFile(s.Path(), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := s.Add(sample("last"))
	if err != nil || m.ID != fmt.Sprint(int64(math.MaxInt64-1)) {
		t.Fatalf("Add below the limit = %+v, %v", m, err)
	}
	if _, err := s.Add(sample("past the last")); !errors.Is(err, ErrNoIDs) {
		t.Errorf("Add past the last id = %v, want ErrNoIDs", err)
	}
}

// TestDanglingSymlinkedStoreStaysALink: a marks.json that links to a file
// not yet created (say, in a synced folder) stays a link on the first Add,
// and the store is created at the link's target.
func TestDanglingSymlinkedStoreStaysALink(t *testing.T) {
	dir := t.TempDir()
	synced := filepath.Join(dir, "synced")
	if err := os.Mkdir(synced, 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "marks.json")
	if err := os.Symlink(filepath.Join("synced", "marks.json"), link); err != nil {
		t.Fatal(err)
	}
	s := Open(link)
	for _, text := range []string{"first", "second"} {
		if _, err := s.Add(sample(text)); err != nil {
			t.Fatal(err)
		}
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symbolic link", link)
	}
	all, err := Open(filepath.Join(synced, "marks.json")).List()
	if err != nil || len(all) != 2 {
		t.Errorf("the link's target holds %d notes (%v), want 2", len(all), err)
	}
}

func TestBySection(t *testing.T) {
	ms := []Mark{{ID: "1", Section: "2.1"}, {ID: "2", Section: "3.1"}, {ID: "3", Section: "2.1"}}
	idx := BySection(ms)
	if got := idx["2.1"]; len(got) != 2 || got[0].ID != "1" || got[1].ID != "3" {
		t.Errorf("2.1: %+v", got)
	}
	if got := idx["3.1"]; len(got) != 1 || got[0].ID != "2" {
		t.Errorf("3.1: %+v", got)
	}
	if got := idx["9"]; got != nil {
		t.Errorf("9: %+v", got)
	}
}
