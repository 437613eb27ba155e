package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/margin-reader/margin/internal/hostile"
)

func TestContents(t *testing.T) {
	rows := []ContentsRow{
		{Number: "1", Title: "Introduction", Figure: "360 words · 2 min"},
		{Depth: 1, Number: "1.1", Title: "A title long enough that it has to wrap onto a second line here", Figure: "1,216 words · 6 min"},
		{Number: "2", Title: "Evil\x1b]0;pwned\x07 title\x9b31m", Figure: "9 words · 1 min"},
		{Title: "Endnotes: 24 printed"},
	}
	for _, width := range []int{20, 40, 80, 120} {
		for _, o := range []Options{{Plain: true, Width: width}, {Style: "dark", Width: width}, {Style: "notty", Width: width}} {
			out := Contents([]string{"Title", "Author"}, rows, o)
			styled := !o.Plain && o.Style != "notty"
			if got := strings.Contains(out, "\x1b["); got != styled {
				t.Errorf("%+v: escapes %v, want %v:\n%s", o, got, styled, out)
			}
			plain := ansi.Strip(out)
			if strings.ContainsAny(plain, "\x1b\x07\u009b") {
				t.Errorf("%+v: control characters reach the terminal: %q", o, plain)
			}
			for _, line := range strings.Split(plain, "\n") {
				if ansi.StringWidth(line) > max(width, MinWidth) {
					t.Errorf("%+v: line wider than %d: %q", o, width, line)
				}
			}
			for _, want := range []string{"360 words · 2 min", "1,216 words · 6 min", "Endnotes: 24 printed"} {
				if width >= 40 && !strings.Contains(plain, want) {
					t.Errorf("%+v: %q missing or split:\n%s", o, want, plain)
				}
			}
		}
	}
}

// A title whose last line is wider than its column (a payload of control
// sequences, once sanitized, wraps that way) is not cut, and its figure
// goes in its column on the next line.
func TestContentsOverflowingTitle(t *testing.T) {
	rows := []ContentsRow{{Number: "1", Title: "Title " + hostile.Payload, Figure: "9 words · 1 min"}}
	for _, width := range []int{40, 80, 100} {
		out := Contents(nil, rows, Options{Plain: true, Width: width})
		if !strings.Contains(out, "9 words · 1 min") {
			t.Errorf("width %d: no figure:\n%s", width, out)
		}
	}
}
