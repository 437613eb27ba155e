package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFile: a generated file is replaced whole, readable by all
// (go:embed and the build need no more), and no temporary file is left; a
// directory in its place is refused.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "paper.margin")
	for _, content := range []string{"old", "new"} {
		if err := writeFile(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if data, err := os.ReadFile(name); err != nil || string(data) != "new" {
		t.Errorf("file holds %q, %v", data, err)
	}
	if info, _ := os.Stat(name); info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want 1", len(entries))
	}
	if err := writeFile(dir, []byte("x")); err == nil {
		t.Error("writing over a directory succeeded")
	}
}

// TestWriteFileThroughSymlink: a generated file that is a link (say, into a
// shared build directory) stays a link.
func TestWriteFileThroughSymlink(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	link := filepath.Join(dir, "paper.margin")
	if err := os.Symlink(filepath.Join(elsewhere, "paper.margin"), link); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(link, []byte("idx")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if data, _ := os.ReadFile(filepath.Join(elsewhere, "paper.margin")); string(data) != "idx" {
		t.Errorf("the target holds %q", data)
	}
}
