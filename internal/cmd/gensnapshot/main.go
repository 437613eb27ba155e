// Command gensnapshot writes snapshot.bin and search.bin: the pre-parsed
// form of margin's built-in reading and its pre-built search corpus, which
// the margin binary embeds to start quickly. Run it with `go generate .`
// after changing anything in text/, glossary/ or notes/; tests fail while
// either file is out of date.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gensnapshot:", err)
		os.Exit(1)
	}
}

func run() error {
	snapOut, searchOut := "snapshot.bin", "search.bin"
	if len(os.Args) > 2 {
		snapOut, searchOut = os.Args[1], os.Args[2]
	}
	rd, err := reading.Load(margin.Content())
	if err != nil {
		return err
	}
	snap, err := reading.Snapshot(rd)
	if err != nil {
		return err
	}
	c, err := corpus.Build(rd)
	if err != nil {
		return err
	}
	idx, err := c.Marshal()
	if err != nil {
		return err
	}
	if err := writeFile(snapOut, snap); err != nil {
		return err
	}
	return writeFile(searchOut, idx)
}

// writeFile replaces name atomically, so that an interrupted run never
// leaves a half-written file for go:embed to pick up.
func writeFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".gensnapshot-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
