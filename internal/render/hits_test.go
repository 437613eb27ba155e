package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestHits(t *testing.T) {
	groups := []HitGroup{
		{Heading: "The paper", Hits: []Hit{{Where: "§2.1", Snippet: "…a score\x1b[31m from 350 to 950 for Sesame…",
			Marks: []Mark{{Start: 19, End: 22}}, Open: "margin read 2.1"}}},
		{Heading: "Empty"},
		{Heading: "Glossary", Hits: []Hit{{Where: "Rongcheng 荣成", Snippet: "荣成 is a county-level city", Marks: []Mark{{0, 2}, {1, 3}, {40, 50}}, Open: "margin glossary rongcheng"}}},
	}
	for _, width := range []int{20, 80} {
		plain := Hits("Search: “x” (2 results)", groups, Options{Plain: true, Width: width})
		if strings.ContainsAny(plain, "\x1b\u009b") {
			t.Errorf("plain output holds escapes: %q", plain)
		}
		for _, want := range []string{"«350»", "«荣成»", "§2.1", "→ margin read 2.1"} {
			if !strings.Contains(plain, want) {
				t.Errorf("width %d: %q missing:\n%s", width, want, plain)
			}
		}
		if strings.Contains(plain, "Empty") {
			t.Errorf("an empty group is shown:\n%s", plain)
		}
		styled := Hits("Search", groups, Options{Style: "dark", Width: width})
		if !strings.Contains(styled, "\x1b[1m350\x1b[22m") {
			t.Errorf("styled highlight missing:\n%q", styled)
		}
		if strings.Contains(styled, "\x1b[31m") {
			t.Errorf("the snippet's own escape reached the output: %q", styled)
		}
		for _, line := range strings.Split(ansi.Strip(styled), "\n") {
			if ansi.StringWidth(line) > width {
				t.Errorf("line wider than %d: %q", width, line)
			}
		}
	}
}

// A URL in a snippet stays whole, hyphens and all, however narrow the line.
func TestHitsKeepURLsWhole(t *testing.T) {
	url := "https://foreignpolicy.com/2018/11/16/chinas-orwellian-social-credit-score-isnt-real/"
	for _, o := range []Options{{Plain: true, Width: 40}, {Style: "dark", Width: 40}} {
		out := Hits("Search", []HitGroup{{Heading: "Endnotes", Hits: []Hit{{Where: "endnote 23", Snippet: "Foreign Policy, " + url,
			Marks: []Mark{{Start: 24, End: 37}}}}}}, o)
		if !strings.Contains(ansi.Strip(out), "https://") || !strings.Contains(strings.NewReplacer("«", "", "»", "").Replace(ansi.Strip(out)), url) {
			t.Errorf("%+v: URL broken:\n%s", o, out)
		}
	}
}
