package render

import (
	"strings"

	"github.com/margin-reader/margin/internal/sanitize"
)

// HitGroup is a heading and the search hits under it.
type HitGroup struct {
	Heading string
	Hits    []Hit
}

// Hit is one search result: where it is, a snippet with marked runs, and
// the command that opens it.
type Hit struct {
	Where   string
	Snippet string
	Marks   []Mark // rune ranges of Snippet to highlight, in order
	Open    string
}

// Mark is a range of runes; End is exclusive.
type Mark struct{ Start, End int }

// Hits lays out search results: a title, then each group's heading and its
// hits, each with its place, its snippet wrapped under it and the command
// that opens it. Highlighted words are bold on a terminal and «marked» in
// plain text. Like Contents it is a plain layout, not Markdown for glamour,
// so that a search prints at once; all text is sanitized, and plain output
// holds no escape byte.
func Hits(title string, groups []HitGroup, o Options) string {
	width := max(o.Width, MinWidth)
	styled := !o.Plain && o.Style != "ascii" && o.Style != "notty"
	var b strings.Builder
	for _, line := range strings.Split(wrap(sanitize.Line(title), width), "\n") {
		b.WriteString(sgr(styled, "1", line) + "\n")
	}
	for _, g := range groups {
		if len(g.Hits) == 0 {
			continue
		}
		b.WriteString("\n" + sgr(styled, "1;4", sanitize.Line(g.Heading)) + "\n\n")
		for _, h := range g.Hits {
			writeHit(&b, h, width, o.Plain, styled)
		}
	}
	return b.String()
}

func writeHit(b *strings.Builder, h Hit, width int, plain, styled bool) {
	const indent = "  "
	for i, line := range strings.Split(wrap(sanitize.Line(h.Where), width-2), "\n") {
		lead := "• "
		if i > 0 {
			lead = indent
		}
		b.WriteString(lead + sgr(styled, "1", line) + "\n")
	}
	if h.Snippet != "" {
		// wrap measures text without its SGR sequences, so bold marks do
		// not change where lines break.
		marked := markRunes(keepWhole(h.Snippet), h.Marks, plain) // before marks split a URL
		for _, line := range strings.Split(wrap(marked, width-2), "\n") {
			b.WriteString(indent + line + "\n")
		}
	}
	if h.Open != "" {
		for _, line := range strings.Split(wrap("→ "+sanitize.Line(h.Open), width-2), "\n") {
			b.WriteString(indent + sgr(styled, "2", line) + "\n")
		}
	}
}

// markRunes highlights the marked rune ranges of s: bold, or « » in plain
// text. Ranges out of order or out of bounds are skipped. Each run of text
// is sanitized on its own, so that the ranges, counted in s, stay true.
func markRunes(s string, marks []Mark, plain bool) string {
	open, close := "\x1b[1m", "\x1b[22m"
	if plain {
		open, close = "«", "»"
	}
	rs := []rune(s)
	var b strings.Builder
	last := 0
	for _, m := range marks {
		if m.Start < last || m.End > len(rs) || m.Start >= m.End {
			continue
		}
		b.WriteString(sanitize.Line(string(rs[last:m.Start])) + open + sanitize.Line(string(rs[m.Start:m.End])) + close)
		last = m.End
	}
	b.WriteString(sanitize.Line(string(rs[last:])))
	return b.String()
}
