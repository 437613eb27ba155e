package pdfimport

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// BenchmarkText imports the paper's extraction repeated 1, 4 and 16 times,
// pages separated by form feeds: the time per byte stays flat.
func BenchmarkText(b *testing.B) {
	src, err := os.ReadFile("testdata/vochelet-extraction.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 4, 16} {
		text := strings.Repeat(string(src)+"\f", n)
		b.Run(fmt.Sprintf("x%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := Text(text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBBoxText reads pdftotext -bbox-layout output of a page of words.
func BenchmarkBBoxText(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<doc>")
	for p := 0; p < 50; p++ {
		sb.WriteString(`<page><flow><block yMin="0" yMax="500">`)
		for l := 0; l < 40; l++ {
			sb.WriteString("<line>")
			for w := 0; w < 12; w++ {
				fmt.Fprintf(&sb, `<word xMin="%d" yMin="%d" xMax="%d" yMax="%d">word%d</word>`, w*10, l*12, w*10+8, l*12+10, w)
			}
			sb.WriteString("</line>")
		}
		sb.WriteString("</block></flow></page>")
	}
	sb.WriteString("</doc>")
	doc := sb.String()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := BBoxText(strings.NewReader(doc)); err != nil {
			b.Fatal(err)
		}
	}
}
