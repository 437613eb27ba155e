// Command gensnapshot writes snapshot.gob, the pre-parsed form of margin's
// built-in reading that the margin binary embeds to start quickly. Run it
// with `go generate ./...` after changing anything in text/, glossary/ or
// notes/; a test fails while the snapshot is out of date.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gensnapshot:", err)
		os.Exit(1)
	}
}

func run() error {
	out := "snapshot.gob"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	rd, err := reading.Load(margin.Content())
	if err != nil {
		return err
	}
	data, err := reading.Snapshot(rd)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".snapshot-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
