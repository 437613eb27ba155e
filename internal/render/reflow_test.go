package render

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestReflow(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		width int
		fit   bool
		want  string
	}{
		{"fits", "  short line", 20, false, "  short line"},
		{"paragraph", "  one two three four five six", 14, false, "  one two\n  three four\n  five six"},
		{"bullet hangs", "• alpha beta gamma delta", 13, false, "• alpha beta\n  gamma delta"},
		{"number hangs", "  12. alpha beta gamma", 14, false, "  12. alpha\n      beta\n      gamma"},
		{"quote bar repeats", "│ alpha beta gamma delta", 13, false, "│ alpha beta\n│ gamma delta"},
		{"compounds stay whole", "a self-sustaining cycle", 16, false, "a\nself-sustaining\ncycle"},
		{"a compound wider than the line breaks after its hyphen", "a self-sustaining", 10, false, "a self-\nsustaining"},
		{"a marker wider than the line leaves its word", "track\u00a0[N4:\u00a0inaccurate], then", 18, false, "track\n[N4: inaccurate],\nthen"},
		{"URL stays whole", "see https://example.com/a-long-path/to-it now", 12, false, "see\nhttps://example.com/a-long-path/to-it\nnow"},
		{"URL breaks to fit", "see https://example.com/abcdef", 12, true, "see\nhttps://exam\nple.com/abcd\nef"},
		{"long word breaks", "ab 0123456789abcdef", 8, false, "ab\n01234567\n89abcdef"},
		{"lines apart", "  alpha beta\n\n  gamma delta epsilon", 13, false, "  alpha beta\n\n  gamma delta\n  epsilon"},
		{"item continues under its text", "• ✗ inaccurate · id\nThe claim, which is long\n• next", 20, false, "• ✗ inaccurate · id\n  The claim, which\n  is long\n• next"},
		{"source note under its source", "  1. A source\n  *A note on it*\n  12. Another\n  *Its note*", 30, false, "  1. A source\n     *A note on it*\n  12. Another\n      *Its note*"},
		{"a paragraph after a blank line stays", "• item\n\nA paragraph.", 30, false, "• item\n\nA paragraph."},
		{"a deeper or quoted line stays", "• item\n    code\n• item\n│ quoted", 30, false, "• item\n    code\n• item\n│ quoted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := reflow(c.in, c.width, c.fit); got != c.want {
				t.Errorf("reflow(%q, %d) =\n%s\nwant\n%s", c.in, c.width, got, c.want)
			}
		})
	}
}

// A style running across a break is closed before the line ends and opened
// again after the indentation, so the indentation is never styled.
func TestReflowCarriesStyles(t *testing.T) {
	in := "  \x1b[1mbold words that wrap\x1b[0m plain"
	got := strings.Split(reflow(in, 12, false), "\n")
	if plain := ansi.Strip(strings.Join(got, "\n")); plain != "  bold words\n  that wrap\n  plain" {
		t.Fatalf("text: got %q", plain)
	}
	if !strings.HasSuffix(got[0], "words\x1b[0m") || got[1] != "  \x1b[1mthat wrap\x1b[0m" {
		t.Errorf("styles: got %q", got)
	}
}

// Breaking where a style changes leaves no trailing space to push the line
// past its width.
func TestReflowTrimsSpaceBeforeStyle(t *testing.T) {
	in := "\x1b[31malpha \x1b[0m\x1b[32mbeta gamma\x1b[0m"
	for _, l := range strings.Split(reflow(in, 6, true), "\n") {
		if w := ansi.StringWidth(l); w > 6 {
			t.Errorf("line %q is %d columns wide", l, w)
		}
	}
}

func FuzzReflow(f *testing.F) {
	f.Add("  \x1b[1mbold words that wrap and wrap and wrap\x1b[0m plain", 20, false)
	f.Add("• alpha https://example.com/x-y beta and a longer https://example.com/x-y-z", 20, true)
	f.Add("│ │ quoted text in a quote, quoted text in a quote", 20, false)
	f.Add("  3. 中国的城市网格化管理和警察国家 (China's urban grid)", 20, false)
	f.Fuzz(func(t *testing.T, s string, width int, fit bool) {
		if width < MinWidth || width > 200 { // Render never reflows narrower than MinWidth
			return
		}
		// Render hands reflow glamour's output of sanitized text: valid
		// UTF-8 with no control character but the newline (escape
		// sequences are tested above).
		if strings.Contains(s, nbHyphen) || !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }) {
			return
		}
		got := reflow(s, width, fit)
		if ink(got) != ink(s) {
			t.Fatalf("reflow(%q, %d, %v) changed the text: %q", s, width, fit, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if w := ansi.StringWidth(l); w > width && (fit || !strings.Contains(l, "://")) && !wideRune(l, width) {
				t.Fatalf("reflow(%q, %d, %v): line %q is %d columns wide", s, width, fit, l, w)
			}
		}
	})
}

// ink is s without white space or quote bars, which reflowing may add.
func ink(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "│", "")), "")
}

// wideRune reports whether l holds a character wider than width, which no
// wrapping can fit.
func wideRune(l string, width int) bool {
	for _, r := range l {
		if ansi.StringWidth(string(r)) > width {
			return true
		}
	}
	return false
}
