package fold

import (
	"testing"
	"unicode/utf8"
)

// TestFoldEveryRune checks idempotence and the origin map for every code
// point of planes 0–3 and of the tags and variation selectors of plane 14
// (with -short, every 97th code point above the BMP), alone and inside text
// with combining marks.
func TestFoldEveryRune(t *testing.T) {
	step := rune(1)
	if testing.Short() {
		step = 97
	}
	for _, rg := range [][2]rune{{0, 0xFFFF}, {0x10000, 0x3FFFF}, {0xE0000, 0xE01EF}} {
		for r := rg[0]; r <= rg[1]; r += stepFor(r, step) {
			checkRune(t, r)
		}
	}
}

// stepFor returns how far to advance from r: always 1 inside the BMP.
func stepFor(r, step rune) rune {
	if r < 0x10000 {
		return 1
	}
	return step
}

// checkRune folds r alone and in context and checks the results.
func checkRune(t *testing.T, r rune) {
	t.Helper()
	if !utf8.ValidRune(r) {
		return
	}
	for _, s := range []string{string(r), "A" + string(r) + "\u0301\u3099 x"} {
		got, orig := FoldMap(s)
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent for %U: %q -> %q -> %q", r, s, got, again)
		}
		checkOrig(t, s, got, orig)
	}
}
