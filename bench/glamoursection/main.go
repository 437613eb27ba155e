// Command glamoursection is the baseline for margin's rendering benchmark: a
// minimal program that renders one Markdown file with glamour at the dark
// style and a given width, and nothing else.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/charmbracelet/glamour"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: glamoursection FILE.md WIDTH")
		os.Exit(2)
	}
	md, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	width, _ := strconv.Atoi(os.Args[2])
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(width-1), glamour.WithPreservedNewLines())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := r.Render(string(md))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.WriteString(out)
}
