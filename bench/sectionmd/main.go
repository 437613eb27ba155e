// Command sectionmd prints the Markdown margin composes for one section (the
// text with its annotations), so that the rendering benchmark's baseline
// renders exactly what margin renders.
package main

import (
	"fmt"
	"os"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sectionmd SECTION")
		os.Exit(2)
	}
	rd, err := reading.Load(margin.Content())
	if err == nil {
		var md string
		show := render.Show{Endnotes: true, Terms: true, Notes: true}
		if md, err = render.Section(rd, rd.Section(os.Args[1]), show, false); err == nil {
			fmt.Print(md)
			return
		}
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
