package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// scanWords returns the words that New indexes for text s.
func scanWords(s string) []string {
	b := newBuilder(nil)
	b.scan(s)
	words := make([]string, len(b.ix.seq))
	for i, t := range b.ix.seq {
		words[i] = string(b.text[b.info[t].start:b.info[t].end])
	}
	return words
}

// foldWords returns the words of appendUnits(nil, fold.Fold(s)), which
// scan must produce.
func foldWords(s string) []string {
	var words []string
	for _, u := range appendUnits(nil, fold.Fold(s)) {
		words = append(words, u.text)
	}
	return words
}

// checkScan checks scan and appendFold against fold for s.
func checkScan(t *testing.T, s string) {
	t.Helper()
	if got, want := scanWords(s), foldWords(s); !slices.Equal(got, want) {
		t.Fatalf("scan(%+q) = %q, want %q", s, got, want)
	}
	if got, want := string(appendFold([]byte("x"), s)), "x"+fold.Fold(s); got != want {
		t.Fatalf("appendFold(%+q) = %q, want %q", s, got, want)
	}
}

func TestScanMatchesFold(t *testing.T) {
	for _, d := range append(testDocs(t), fuzzDocs...) {
		for _, s := range append([]string{d.Title, d.Body}, d.Labels...) {
			checkScan(t, s)
		}
	}
	for _, s := range []string{
		"", " ", "a", "A", "ABC def", "  Leading and trailing  ", "tab\tnew\nline\x00nul\x7fdel",
		"China’s “Social Credit” — 2018…", "naïve café SÉBASTIEN Straße ǅemal İstanbul ﬁnance ＡＢＣ",
		"e\u0301t\u00e9 a\u00adb a\u200bb a\u00a0b x\u0308\u0301y", "<\u0338 =\u0338 a\u0951 -\u0951b",
		"resilience¹ ² x²y ½ ℅ ™", "中文abc한국어 ภาษาไทย カ\u3099 々ー", "\xff\xfeab\xe2\x80\x99cd\xe2\x80",
		"\xe2\x80\x99\xe2\x80", "é’é", "é\u0951’x", "ÀÉÎÕÜ àéîõü", "x\u2011y\u2012z", "\u0085\u00a0\u2028\u3000",
		"Ǆ ǈ ǋ Ĳ ĳ ŉ ſ ı İ", "a\u0300\u0301\u0302b", "\u0301start", "end\u0301", "ﾊﾝｶｸ", "Ωμέγα ωΣ",
	} {
		checkScan(t, s)
	}
}

func TestScanEachRune(t *testing.T) {
	contexts := []string{"a%sb", "A%s", "%sZ", "-%s-", "é%s’x", "中%s文", "<%s\u0338", "%s\u0951b", "x\u00ad%s"}
	step := rune(1)
	if testing.Short() {
		step = 13
	}
	for r := rune(0x80); r <= utf8.MaxRune; r += step {
		inTable := r < 0x370 || 0x2000 <= r && r < 0x20A0
		if !inTable && (r < 0x3000 && r%7 != 0 || r >= 0x3000 && r%97 != 0) {
			continue // a sample of the rest
		}
		for _, c := range contexts {
			checkScan(t, strings.Replace(c, "%s", string(r), 1))
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{"China’s “Social Credit”", "naïve ＡＢＣ ﬁ", "中文abc", "a\u0301\u0951b", "\xff’"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkScan(t, s)
	})
}

func TestSortWords(t *testing.T) {
	docs := append(readingDocs(t), Doc{Kind: KindText,
		Body: "authoritarian authoritarianism authoritative authority author a ab abc abcdefgh abcdefghi abcdefgg zz z9 9 中文 ÿ é"})
	ix := New(docs)
	if err := ix.checkSorted(); err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(ix.sorted)
	slices.SortFunc(want, func(a, b uint32) int { return strings.Compare(ix.terms[a], ix.terms[b]) })
	if !slices.Equal(ix.sorted, want) {
		t.Error("sorted is not in lexical order")
	}
}
