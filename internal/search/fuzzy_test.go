package search

import (
	"testing"

	"github.com/sahilm/fuzzy"
)

// TestMayMatch checks the fuzzy matcher's prefilter on texts it must keep
// (the matcher folds case, ſ and the Kelvin sign) and texts it may drop.
func TestMayMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, text string
		want          bool
	}{
		{"horsley", "jamie horsley", true},
		{"horsley", "Jamie HORSLEY", true},
		{"hrsly", "horsley", true},
		{"horsley", "horse", false},
		{"yelsroh", "horsley", false},
		{"ks", "\u212a\u017f", true}, // the Kelvin sign and long s fold to k and s
		{"ks", "ķş", false},
		{"失信", "失信被执行人", true},
		{"é", "anything", true}, // not ASCII: left to the matcher
		{"gm", "grid mgmt", true},
		{"", "x", true},
	} {
		if got := mayMatch(c.pattern, c.text); got != c.want {
			t.Errorf("mayMatch(%q, %q) = %v, want %v", c.pattern, c.text, got, c.want)
		}
	}
}

// FuzzMayMatch checks that the prefilter never drops a text the fuzzy
// matcher would match.
func FuzzMayMatch(f *testing.F) {
	f.Add("horsley", "Jamie Horsley")
	f.Add("ks", "\u212a\u017f")
	f.Add("gm", "grid mgmt\x00g")
	f.Fuzz(func(t *testing.T, pattern, text string) {
		if len(fuzzy.Find(pattern, []string{text})) > 0 && !mayMatch(pattern, text) {
			t.Fatalf("mayMatch(%q, %q) = false, but the fuzzy matcher matches", pattern, text)
		}
	})
}
