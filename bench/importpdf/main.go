// Command importpdf writes an HTML page of the built-in paper repeated N
// times (about seven A4 pages each), with hyphenation, superscript note
// markers and numbered headings, for timing margin import on a long PDF
// printed from it by headless Chromium (see BENCHMARKS.md).
package main

import (
	"fmt"
	"html"
	"os"
	"regexp"
	"strconv"
	"strings"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
)

var (
	refRe  = regexp.MustCompile(`\[\^(\d+)\]`)
	emRe   = regexp.MustCompile(`\*([^*]+)\*`)
	longRe = regexp.MustCompile(`\pL{9,}`)
)

// inline is a paragraph's Markdown as HTML, with soft hyphens in long words.
func inline(md string) string {
	s := longRe.ReplaceAllStringFunc(html.EscapeString(md), func(w string) string {
		r := []rune(w)
		return string(r[:len(r)/2]) + "&shy;" + string(r[len(r)/2:])
	})
	s = refRe.ReplaceAllString(s, "<sup>$1</sup>")
	return emRe.ReplaceAllString(s, "<i>$1</i>")
}

func main() {
	n := 7
	if len(os.Args) == 2 {
		var err error
		if n, err = strconv.Atoi(os.Args[1]); err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "usage: importpdf [COPIES]")
			os.Exit(2)
		}
	}
	rd, err := reading.Load(margin.Content())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
<style>body{font:11pt/1.4 serif;text-align:justify;hyphens:auto}</style></head><body>
<h1>%s</h1><p>By %s</p>
`, html.EscapeString(rd.Meta.Title), html.EscapeString(rd.Meta.Title), html.EscapeString(rd.Meta.Author))
	ref := 0
	for c := 1; c <= n; c++ {
		for _, s := range rd.Sections {
			fmt.Fprintf(&b, "<h2>%d.%s %s</h2>\n", c, s.Number, html.EscapeString(s.Title))
			for _, p := range s.Paragraphs {
				// Note numbers run on across the copies.
				md := refRe.ReplaceAllStringFunc(p.Markdown, func(string) string { ref++; return fmt.Sprintf("[^%d]", ref) })
				fmt.Fprintf(&b, "<p>%s</p>\n", inline(md))
			}
		}
	}
	b.WriteString("<h2>Notes</h2>\n")
	for i := 1; i <= ref; i++ {
		e := rd.Endnotes[(i-1)%len(rd.Endnotes)]
		text := e.Text
		if !e.Printed {
			text = "Not printed in the source."
		}
		fmt.Fprintf(&b, "<p>%d. %s</p>\n", i, inline(text))
	}
	b.WriteString("</body></html>\n")
	fmt.Print(b.String())
}
