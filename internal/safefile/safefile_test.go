package safefile

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := exec.Command("mkfifo", fifo).Run(); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	zero := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		fifo: "it is a named pipe (FIFO)",
		zero: "it is a character device",
		dir:  "it is a directory",
	} {
		done := make(chan error, 1)
		go func() { _, err := ReadFile(name, 1<<20); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), want) {
				t.Errorf("ReadFile(%s) = %v, want an error naming the file and saying %q", name, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadFile(%s) hangs", name)
		}
	}
}

func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(p, 10); err != nil || string(data) != "0123456789" {
		t.Errorf("ReadFile at the limit = %q, %v", data, err)
	}
	_, err := ReadFile(p, 9)
	if !errors.Is(err, ErrTooLarge) || err.Error() != p+" is 10 bytes, more than the 9 bytes margin reads" {
		t.Errorf("ReadFile over the limit = %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), 9); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a missing file = %v, want fs.ErrNotExist", err)
	}
}

func TestWriteFileKeepsSymlink(t *testing.T) {
	dir := t.TempDir()
	synced := filepath.Join(dir, "synced")
	if err := os.Mkdir(synced, 0o700); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(synced, "real.json")
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("synced/real.json", link); err != nil {
		t.Fatal(err)
	}
	// The target does not exist yet: the first write creates it.
	for _, content := range []string{"one", "two"} {
		if err := WriteFile(link, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("after writing %q, %s is no longer a symbolic link (%v)", content, link, err)
		}
		if data, err := os.ReadFile(target); err != nil || string(data) != content {
			t.Fatalf("target holds %q, %v; want %q", data, err, content)
		}
	}
	entries, _ := os.ReadDir(synced)
	if len(entries) != 1 {
		t.Errorf("the target's directory holds %d files, want 1 (no temporary files left)", len(entries))
	}
}

func TestWriteFileModes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := WriteFile(p, []byte("a"), 0o640); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0640", info.Mode().Perm())
	}
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
		t.Errorf("rewritten file mode %v, want its old 0600", info.Mode().Perm())
	}
	err := WriteFile(dir, []byte("x"), 0o644)
	if !errors.Is(err, ErrNotRegular) || !strings.HasPrefix(err.Error(), "cannot write "+dir+": ") {
		t.Errorf("WriteFile over a directory = %v", err)
	}
}

func TestWriteFileFailureLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	var seen string
	err := WriteFileOptions(p, []byte("new"), Options{Perm: 0o600, BeforeRename: func(tmp string) {
		seen = tmp
		data, _ := os.ReadFile(p)
		if string(data) != "old" {
			t.Errorf("before the rename the file holds %q", data)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(seen) != dir || !strings.HasPrefix(filepath.Base(seen), TempPrefix(p)) {
		t.Errorf("temporary file %s, want one named %s* in %s", seen, TempPrefix(p), dir)
	}
}
