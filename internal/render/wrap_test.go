package render_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/render"
)

// Text wraps like typeset text at every width and in every style, as margin
// read prints it and as the reader shows it: a marker (a note's badge, an
// endnote digit) never starts a line apart from the word before it, no line
// starts with punctuation that belongs to the line before, and no blank
// line falls inside a paragraph.
func TestMarkersStayWithTheirWords(t *testing.T) {
	rd := load(t)
	r := render.New()
	widths := []int{30, 31, 33, 37, 40, 44, 47, 52, 55, 60, 64, 67, 72, 77, 80, 86, 91, 100, 113, 127, 140, 160, 177, 200}
	styles := []string{"plain", "dark", "light", "ascii", "notty", "dracula", "tokyo-night", "pink"}
	if testing.Short() {
		widths = []int{30, 40, 60, 80, 100, 160}
		styles = []string{"plain", "dark", "ascii"}
	}
	for _, style := range styles {
		for _, s := range rd.Sections {
			md, err := render.Section(rd, s, all, style == "plain")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range widths {
				for _, fit := range []bool{false, true} {
					o := render.Options{Plain: style == "plain", Style: style, Width: w, Fit: fit}
					out, err := r.Render(md, o)
					if err != nil {
						t.Fatal(err)
					}
					checkWrapped(t, ansi.Strip(out), len(s.Paragraphs), style, s.Number, w)
				}
			}
		}
	}
}

func checkWrapped(t *testing.T, out string, paragraphs int, style, section string, width int) {
	t.Helper()
	lines := strings.Split(out, "\n")
	blocks, inBlock := 0, false
	for i, l := range lines {
		text := strings.TrimSpace(l)
		if h := strings.Trim(text, "*"); h == "Endnotes" || h == "Fact-check notes" || strings.HasPrefix(h, "Terms") {
			break
		}
		if text == "" {
			inBlock = false
			continue
		}
		if !inBlock {
			blocks++
			inBlock = true
		}
		for _, bad := range []string{"  ", " ,", " .", " ;", " )"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s %s at %d: line %d has %q: %s", style, section, width, i, bad, l)
			}
		}
		if strings.ContainsAny(text[:1], ".,;:)]") || strings.HasPrefix(text, "N") && badgeStart(text) {
			t.Errorf("%s %s at %d: line %d starts with %q:\n%s\n%s", style, section, width, i, text[:min(len(text), 20)], lines[max(i-1, 0)], l)
		}
	}
	if blocks != paragraphs+1 { // the heading, then the paragraphs
		t.Errorf("%s %s at %d: %d blocks of text above the lists, want %d (a blank line inside a paragraph?)\n%s", style, section, width, blocks, paragraphs+1, out)
	}
}

// badgeStart reports whether a line starts with a note's badge ("N5 ✗"),
// which belongs after the word before it.
func badgeStart(text string) bool {
	f := strings.Fields(text)
	if len(f) < 2 || len(f[0]) < 2 {
		return false
	}
	for _, c := range f[0][1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
