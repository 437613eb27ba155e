package cli

import (
	"fmt"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

func (a *app) tocCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "toc",
		Aliases: []string{"contents"},
		Short:   "List the paper's sections, numbered, with word counts and reading times",
		Long: `List the paper's sections with margin's numbering (the paper has none), each
with its word count and reading time at 230 words a minute. A part's figures
include its subsections. Use the numbers with 'margin read'.`,
		Example: "  margin toc\n  margin toc --plain",
		Args:    cobra.NoArgs,
		RunE:    run(a.runTOC),
	}
}

func (a *app) runTOC(_ *cobra.Command, _ []string) error {
	rd, err := a.load()
	if err != nil {
		return err
	}
	o, err := a.renderOptions()
	if err != nil {
		return err
	}
	header, rows := tocRows(rd)
	return a.page(render.Contents(header, rows, o))
}

// tocRows is the paper's title block and one row per section, with its word
// count (a part's includes its subsections) and reading time.
func tocRows(rd *reading.Reading) ([]string, []render.ContentsRow) {
	header := titleBlock(rd)
	var rows []render.ContentsRow
	for _, s := range rd.Sections {
		words, mins := 0, 0
		for _, t := range rd.Part(s) {
			words += t.Words()
		}
		if words > 0 {
			mins = (words + 229) / 230
		}
		rows = append(rows, render.ContentsRow{Depth: s.Depth(), Number: s.Number, Title: s.Title,
			Figure: fmt.Sprintf("%s words · %d min", thousands(words), mins)})
	}
	printed, missing := endnoteCounts(rd)
	note := fmt.Sprintf("%d printed", printed)
	if missing > 0 {
		note += fmt.Sprintf("; %d cited but not printed in the source", missing)
	}
	rows = append(rows, render.ContentsRow{Title: "Endnotes: " + note})
	return header, rows
}

func endnoteCounts(rd *reading.Reading) (printed, missing int) {
	for _, e := range rd.Endnotes {
		if e.Printed {
			printed++
		} else {
			missing++
		}
	}
	return printed, missing
}

// thousands formats 1234 as "1,234".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
