package pdfimport

import (
	"regexp"
	"strings"
)

// refRe matches an endnote reference in Markdown.
var refRe = regexp.MustCompile(`\[\^\d+\]`)

// Words splits Markdown text into the words runs are made of: endnote
// references and emphasis removed, curly quotes read as straight ones.
func Words(md string) []string {
	md = refRe.ReplaceAllString(md, " ")
	md = strings.NewReplacer("*", "", "“", `"`, "”", `"`, "‘", "'", "’", "'").Replace(md)
	return strings.Fields(md)
}

// RunOverlap is the share of the n-word runs of want that occur in got,
// counted with multiplicity: 1 when got has every run of want, 0 when it
// has none. A text with fewer than n words is one run.
func RunOverlap(want, got []string, n int) float64 {
	runs := func(w []string) []string {
		if len(w) < n {
			return []string{strings.Join(w, " ")}
		}
		out := make([]string, 0, len(w)-n+1)
		for i := 0; i+n <= len(w); i++ {
			out = append(out, strings.Join(w[i:i+n], " "))
		}
		return out
	}
	have := map[string]int{}
	for _, r := range runs(got) {
		have[r]++
	}
	wantRuns := runs(want)
	found := 0
	for _, r := range wantRuns {
		if have[r] > 0 {
			have[r]--
			found++
		}
	}
	return float64(found) / float64(len(wantRuns))
}
