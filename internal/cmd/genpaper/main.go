// Command genpaper writes paper.margin: margin's built-in reading (the
// text/, glossary/ and notes/ folders at the repository's root) compiled
// as margin pack compiles any reading (package pack), which the margin
// binary embeds. Run it with `go generate .` after changing anything in
// text/, glossary/ or notes/, or the compiled format; tests fail while
// paper.margin is out of date.
package main

import (
	"fmt"
	"os"

	"github.com/margin-reader/margin/internal/pack"
	"github.com/margin-reader/margin/internal/safefile"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genpaper:", err)
		os.Exit(1)
	}
}

// run compiles the reading in the current folder (or args[1]) into
// paper.margin (or args[0]).
func run(args []string) error {
	out, dir := "paper.margin", "."
	if len(args) > 0 {
		out = args[0]
	}
	if len(args) > 1 {
		dir = args[1]
	}
	data, err := pack.CompileFolder(dir)
	if err != nil {
		return err
	}
	return writeFile(out, data)
}

// writeFile replaces name atomically and durably (see safefile), so that an
// interrupted run never leaves a half-written file for go:embed to pick up.
func writeFile(name string, data []byte) error {
	return safefile.WriteFile(name, data, 0o644)
}
