package fold

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii already folded", "social credit", "social credit"},
		{"case", "Social CREDIT System", "social credit system"},
		{"accents", "Sébastien Billioud", "sebastien billioud"},
		{"decomposed accent", "Se\u0301bastien", "sebastien"},
		{"sharp s", "Straße", "strasse"},
		{"greek final sigma", "ΣΊΣΥΦΟΣ σίσυφος", "σισυφοσ σισυφοσ"},
		{"dotted capital I", "İstanbul", "istanbul"},
		{"ligature and full width", "ﬁnal ＡＢＣ１２", "final abc12"},
		{"curly quotes", "“Asian values” isn’t ‘real’", `"asian values" isn't 'real'`},
		{"dashes", "a–b—c‐d − e", "a-b-c-d - e"},
		{"whitespace", " \t two\n\n  words \u00a0\u3000 ", "two words"},
		{"control chars", "a\x00b\x1b[31mc\x7f", "a b [31mc"},
		{"format chars dropped", "so\u00adcial\u200b cre\u202edit", "social credit"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"han intact", "失信被执行人", "失信被执行人"},
		{"kana voicing kept", "か\u3099ぎ", "がぎ"},
		{"hangul intact", "한국어", "한국어"},
		{"hangul jamo recomposed", "\u1100\u1161", "가"},
		{"half-width katakana", "ｶﾞｲﾄﾞ", "ガイド"},
		{"ellipsis", "wait…", "wait..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldMap(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		wantOrig []int
	}{
		{"Été", "ete", []int{0, 1, 2}},
		{"e\u0301te\u0301", "ete", []int{0, 2, 3}},
		{"a  b", "a b", []int{0, 1, 3}},
		{"  ß", "ss", []int{2, 2}},
		{"ﬁx", "fix", []int{0, 0, 1}},
		{"中文 Café", "中文 cafe", []int{0, 1, 2, 3, 4, 5, 6}},
		{"か\u3099x", "がx", []int{0, 2}},
		{"\xffa", "\ufffda", []int{0, 1}},
	}
	for _, tt := range tests {
		got, orig := FoldMap(tt.in)
		if got != tt.want || !reflect.DeepEqual(orig, tt.wantOrig) {
			t.Errorf("FoldMap(%q) = %q %v, want %q %v", tt.in, got, orig, tt.want, tt.wantOrig)
		}
		if f := Fold(tt.in); f != got {
			t.Errorf("Fold(%q) = %q but FoldMap gives %q", tt.in, f, got)
		}
	}
}

func TestFoldMapHighlightsOriginal(t *testing.T) {
	orig := "Dr. Sébastien Billioud’s essay"
	folded, m := FoldMap(orig)
	i := strings.Index(folded, "sebastien")
	start := utf8.RuneCountInString(folded[:i])
	end := start + utf8.RuneCountInString("sebastien")
	r := []rune(orig)
	if got := string(r[m[start] : m[end-1]+1]); got != "Sébastien" {
		t.Errorf("mapped back to %q, want %q", got, "Sébastien")
	}
}

func TestTokensAndWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"China's Social-Credit system (SCS), 64%!", []string{"china", "s", "social", "credit", "system", "scs", "64"}},
		{"被列入失信被执行人名单 list", []string{"被列入失信被执行人名单", "list"}},
		{"SCS系统", []string{"scs", "系统"}},
		{"naïve café", []string{"naive", "cafe"}},
		{"हिन्दी भाषा", []string{"हिन्दी", "भाषा"}},
		{"...", []string{}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokensOffsets(t *testing.T) {
	toks := Tokens("ab 中文x")
	want := []Token{{"ab", 0, 2, false}, {"中文", 3, 5, true}, {"x", 5, 6, false}}
	if !reflect.DeepEqual(toks, want) {
		t.Errorf("Tokens = %+v, want %+v", toks, want)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "abc", 0},
		{"ab", "ba", 1},
		{"horsly", "horsley", 1},
		{"tianamen", "tiananmen", 1},
		{"confucionism", "confucianism", 1},
		{"autoritarian", "authoritarian", 1},
		{"kosta", "kostka", 1},
		{"resiliance", "resilience", 1},
		{"ca", "abc", 3}, // OSA, not unrestricted Damerau
		{"kitten", "sitting", 3},
		{"中文字", "中字文", 1},
		{"café", "cafe", 1},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
		for max := 0; max <= tt.want+1; max++ {
			if got := WithinDistance(tt.a, tt.b, max); got != (tt.want <= max) {
				t.Errorf("WithinDistance(%q, %q, %d) = %v", tt.a, tt.b, max, got)
			}
		}
	}
}

func TestDistanceLongWords(t *testing.T) {
	a := strings.Repeat("ab", 50)
	b := strings.Repeat("ba", 50)
	if got := Distance(a, b); got != 2 {
		t.Errorf("Distance = %d, want 2", got)
	}
	if got := Distance(strings.Repeat("a", 100), strings.Repeat("b", 90)); got != 100 {
		t.Errorf("Distance = %d, want 100", got)
	}
	if !WithinDistance(a, b, 2) {
		t.Error("WithinDistance(long, 2) = false")
	}
	if WithinDistance(a, b, 1) {
		t.Error("WithinDistance(long, 1) = true")
	}
}

func TestMaxEdits(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"kmt", 0}, {"the", 0}, {"中文字", 0},
		{"kosta", 1}, {"horsly", 1}, {"lenient", 1},
		{"tianamen", 2}, {"confucionism", 2}, {"autoritarian", 2},
	}
	for _, tt := range tests {
		if got := MaxEdits(tt.word); got != tt.want {
			t.Errorf("MaxEdits(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

// TestTypoBudget checks that the budget lets the intended misspellings
// through and keeps short words strict.
func TestTypoBudget(t *testing.T) {
	ok := [][2]string{
		{"horsly", "horsley"}, {"tianamen", "tiananmen"},
		{"confucionism", "confucianism"}, {"autoritarian", "authoritarian"},
		{"kosta", "kostka"}, {"resiliance", "resilience"},
	}
	for _, p := range ok {
		if !WithinDistance(p[0], p[1], MaxEdits(p[0])) {
			t.Errorf("%q should reach %q", p[0], p[1])
		}
	}
	no := [][2]string{{"the", "she"}, {"kmt", "kit"}, {"sun", "sin"}, {"xylophone", "telephone"}}
	for _, p := range no {
		if WithinDistance(p[0], p[1], MaxEdits(p[0])) {
			t.Errorf("%q should not reach %q", p[0], p[1])
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", "Sébastien", "Straße", "失信被执行人", "か\u3099", "\u1100\u1161\u11a8",
		"a\xffb", "\x1b[31m", "ﬁ ＡＢＣ", "  “x” — y  ", "e\u0301\u0327", "ǅ", "İ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, orig := FoldMap(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", s, got)
		}
		if plain := Fold(s); plain != got {
			t.Fatalf("Fold(%q) = %q, FoldMap = %q", s, plain, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, got, again)
		}
		checkOrig(t, s, got, orig)
	})
}

// checkOrig verifies that orig has one in-range, non-decreasing entry per
// rune of folded.
func checkOrig(t *testing.T, s, folded string, orig []int) {
	t.Helper()
	if n := utf8.RuneCountInString(folded); len(orig) != n {
		t.Fatalf("FoldMap(%q): %d origins for %d runes", s, len(orig), n)
	}
	n := len([]rune(s))
	for i, o := range orig {
		if o < 0 || o >= n {
			t.Fatalf("FoldMap(%q): origin %d out of range [0,%d)", s, o, n)
		}
		if i > 0 && o < orig[i-1] {
			t.Fatalf("FoldMap(%q): origins not monotonic: %v", s, orig)
		}
	}
}
