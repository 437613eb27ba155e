package render

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/sanitize"
)

// ContentsRow is one line of a table of contents.
type ContentsRow struct {
	Depth  int    // 0 for a part, 1 for its subsections, …
	Number string // margin's number, e.g. "2.1"; empty for an unnumbered row
	Title  string
	Figure string // right-aligned, e.g. "324 words · 2 min"
}

// Contents lays out a table of contents: a title block, then one row per
// entry with the number, the title (wrapped under itself when it is too
// long, never cut) and the figure right-aligned in a column of its own, so
// that a number is never split across lines. It is a plain layout rather
// than Markdown for glamour: columns are what a contents page needs, and
// margin toc prints it without paying for a Markdown renderer. Styled, the
// title and numbers are bold and the figures faint; plain, or with the
// ascii and notty styles, it holds no escape byte. All text is sanitized.
func Contents(header []string, rows []ContentsRow, o Options) string {
	width := max(o.Width, MinWidth)
	styled := !o.Plain && o.Style != "ascii" && o.Style != "notty"
	bold := func(s string) string { return sgr(styled, "1", s) }
	faint := func(s string) string { return sgr(styled, "2", s) }

	var b strings.Builder
	for i, h := range header {
		h = sanitize.Line(h)
		for _, line := range strings.Split(wrap(h, width), "\n") {
			if i == 0 {
				line = bold(line)
			}
			b.WriteString(line + "\n")
		}
	}
	if len(header) > 0 {
		b.WriteString("\n")
	}

	numW, figW := 0, 0
	for _, r := range rows {
		numW = max(numW, 2*r.Depth+ansi.StringWidth(sanitize.Line(r.Number)))
		figW = max(figW, ansi.StringWidth(sanitize.Line(r.Figure)))
	}
	numW += 2
	titleW := width - numW - figW - 2
	if titleW < 24 { // too narrow for columns: figures go under the title
		figW, titleW = 0, max(width-numW, 8)
	}
	for _, r := range rows {
		writeContentsRow(&b, r, numW, titleW, figW, bold, faint)
	}
	return b.String()
}

func writeContentsRow(b *strings.Builder, r ContentsRow, numW, titleW, figW int, bold, faint func(string) string) {
	indent := strings.Repeat(" ", 2*r.Depth)
	num := sanitize.Line(r.Number)
	pad := strings.Repeat(" ", numW-2*r.Depth-ansi.StringWidth(num))
	fig := sanitize.Line(r.Figure)
	if fig == "" && figW > 0 {
		titleW += figW + 2 // a row without a figure may use its column
	}
	lines := strings.Split(wrap(sanitize.Line(r.Title), titleW), "\n")
	for i, line := range lines {
		if i == 0 {
			b.WriteString(indent + bold(num) + pad)
		} else {
			b.WriteString(strings.Repeat(" ", numW))
		}
		b.WriteString(line)
		if i == len(lines)-1 && fig != "" {
			if figW == 0 {
				for _, f := range strings.Split(wrap(fig, titleW), "\n") {
					b.WriteString("\n" + strings.Repeat(" ", numW) + faint(f))
				}
			} else {
				gap := titleW - ansi.StringWidth(line) + 2 + figW - ansi.StringWidth(fig)
				if gap < 2 {
					// A word longer than the column overflows it: the
					// figure goes in its column on the next line.
					b.WriteString("\n" + strings.Repeat(" ", numW))
					gap = titleW + 2 + figW - ansi.StringWidth(fig)
				}
				b.WriteString(strings.Repeat(" ", gap) + faint(fig))
			}
		}
		b.WriteString("\n")
	}
}

// sgr wraps s in a Select Graphic Rendition sequence when on is set.
func sgr(on bool, code, s string) string {
	if !on || s == "" {
		return s
	}
	return fmt.Sprintf("\x1b[%sm%s\x1b[0m", code, s)
}
