// Command gensnapshot writes snapshot.bin, search.bin and prerendered.bin:
// the pre-parsed form of margin's built-in reading, its pre-built search
// corpus and its glossary entries and notes styled by glamour, which the
// margin binary embeds to start quickly. Run it with `go generate .` after
// changing anything in text/, glossary/ or notes/, or after updating
// glamour; tests fail while any of the files is out of date.
package main

import (
	"fmt"
	"os"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/safefile"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gensnapshot:", err)
		os.Exit(1)
	}
}

func run() error {
	snapOut, searchOut, preOut := "snapshot.bin", "search.bin", "prerendered.bin"
	if len(os.Args) > 3 {
		snapOut, searchOut, preOut = os.Args[1], os.Args[2], os.Args[3]
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
	pre, err := prerender(snap)
	if err != nil {
		return err
	}
	if err := writeFile(snapOut, snap); err != nil {
		return err
	}
	if err := writeFile(searchOut, idx); err != nil {
		return err
	}
	return writeFile(preOut, pre)
}

// prerender styles the pages of the reading margin will decode from snap,
// so that they are the very pages margin will look for.
func prerender(snap []byte) ([]byte, error) {
	rd, err := reading.FromSnapshot(string(snap), margin.Content())
	if err != nil {
		return nil, err
	}
	pages, err := render.Pages(rd)
	if err != nil {
		return nil, err
	}
	return render.New().Prerender(pages)
}

// writeFile replaces name atomically and durably (see safefile), so that an
// interrupted run never leaves a half-written file for go:embed to pick up.
func writeFile(name string, data []byte) error {
	return safefile.WriteFile(name, data, 0o644)
}
