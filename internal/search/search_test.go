package search

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

var (
	paperOnce sync.Once
	paperIx   *Index
	paperSet  []Doc
)

// paperIndex returns the index over testDocs, built once.
func paperIndex(t *testing.T) (*Index, []Doc) {
	t.Helper()
	paperOnce.Do(func() {
		paperSet = testDocs(t)
		paperIx = New(paperSet)
	})
	return paperIx, paperSet
}

// spanText returns the runes of s covered by sp.
func spanText(s string, sp Span) string {
	r := []rune(s)
	return string(r[sp.Start:sp.End])
}

// highlighted returns the highlighted texts of a result.
func highlighted(r Result) []string {
	var out []string
	for _, h := range r.Highlights {
		out = append(out, spanText(r.Snippet, h))
	}
	return out
}

func TestSearchFirstResult(t *testing.T) {
	ix, docs := paperIndex(t)
	tests := []struct {
		name  string
		query string
		kinds []Kind
		want  func(Doc) bool
		field string
	}{
		{"exact phrase in a heading", "a tool for authoritarian resilience", nil,
			byTitle("A Tool for Authoritarian Resilience in Mainland China"), "title"},
		{"exact phrase in the text", "a tool for authoritarian resilience", []Kind{KindText},
			byBody("might act as a tool for authoritarian resilience"), "body"},
		{"multi-word", "rewards punishments", []Kind{KindText},
			byBody("the system of rewards and punishments"), "body"},
		{"reordered words", "resilience authoritarian", nil,
			byRef(KindGlossary, "authoritarian-resilience"), "title"},
		{"stop words optional", "the resilience of the authoritarian", nil,
			byRef(KindGlossary, "authoritarian-resilience"), "title"},
		{"glossary term", "Social Credit System", nil, byRef(KindGlossary, "scs"), "title"},
		{"misspelled author", "Horsly", nil, byRef(KindEndnote, "23"), "title"},
		{"misspelled author in body", "Horsly", []Kind{KindText, KindEndnote}, byRef(KindEndnote, "23"), "title"},
		{"misspelled place", "tianamen", nil, byRef(KindGlossary, "tiananmen"), "title"},
		{"misspelled doctrine", "confucionism", nil, byRef(KindGlossary, "confucianism"), "title"},
		{"misspelled phrase", "autoritarian resilience", nil,
			byRef(KindGlossary, "authoritarian-resilience"), "title"},
		{"misspelled name and word", "kosta survey", nil, byRef(KindNote, "n1"), "title"},
		{"typo in long word", "resiliance", []Kind{KindGlossary}, byRef(KindGlossary, "authoritarian-resilience"), "title"},
		{"prefix", "confuc", []Kind{KindGlossary}, byRef(KindGlossary, "confucianism"), "title"},
		{"Chinese label", "儒家", nil, byRef(KindGlossary, "confucianism"), "label"},
		{"Chinese in body", "失信被执行人", nil, byRef(KindNote, "n2"), "body"},
		{"abbreviation label", "KMT", nil, byRef(KindGlossary, "kuomintang"), "label"},
		{"accented query", "Sébastien", []Kind{KindEndnote}, byRef(KindEndnote, "18"), "title"},
		{"unaccented query", "Sebastien", []Kind{KindEndnote}, byRef(KindEndnote, "18"), "title"},
		{"upper-case query", "SEBASTIEN BILLIOUD", nil, byRef(KindEndnote, "18"), "title"},
		{"accent in endnote body", "sebastien confucianism", []Kind{KindEndnote}, byRef(KindEndnote, "18"), "title"},
		{"curly quotes fold", "“third wave”", nil, byBody(`the "third wave" of democratization`), "body"},
		{"fuzzy acronym on titles", "tsp", nil, byRef(KindGlossary, "tiananmen"), "title"},
		{"dotted abbreviation", "A.I.", nil, byBody("far beyond A.I. expertise"), "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(tt.query, Options{Kinds: tt.kinds})
			if err != nil {
				t.Fatal(err)
			}
			if len(res) == 0 {
				t.Fatalf("Search(%q): no results", tt.query)
			}
			want := findDoc(t, docs, tt.want)
			if res[0].Doc != want {
				t.Errorf("Search(%q) first = %d %q %q (score %.1f), want %d %q",
					tt.query, res[0].Doc, docs[res[0].Doc].Title, res[0].Snippet, res[0].Score,
					want, docs[want].Title+docs[want].Body)
			}
			if res[0].Field != tt.field {
				t.Errorf("Search(%q) field = %q, want %q", tt.query, res[0].Field, tt.field)
			}
		})
	}
}

func TestSearchNothingFound(t *testing.T) {
	ix, _ := paperIndex(t)
	for _, q := range []string{"zzzzqqq", "xylophone", "authoritarian xylophone", "!!!", "--", "q"} {
		res, err := ix.Search(q, Options{})
		if err != nil {
			t.Errorf("Search(%q) error %v", q, err)
		}
		if len(res) != 0 {
			t.Errorf("Search(%q) = %d results, first %q", q, len(res), res[0].Snippet)
		}
	}
}

func TestRankingTiers(t *testing.T) {
	docs := []Doc{
		{Kind: KindText, Body: "The credit of social standing."},                                // 0 all words
		{Kind: KindText, Body: "Social credit is discussed."},                                   // 1 phrase
		{Kind: KindText, Body: "Socialist credits."},                                            // 2 prefixes
		{Kind: KindText, Body: "Socail credti."},                                                // 3 typos
		{Kind: KindGlossary, Title: "Credit, social"},                                           // 4 title, all words
		{Kind: KindText, Body: "Much later in a long sentence we finally reach social credit."}, // 5 phrase, late, long
		{Kind: KindGlossary, Title: "Sxoxcxial credit"},                                         // 6 no word match for social
	}
	ix := New(docs)
	res, err := ix.Search("social credit", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range res {
		got = append(got, r.Doc)
	}
	want := []int{1, 5, 4, 0, 2, 3}
	if !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestFuzzyOnlyOnShortFields(t *testing.T) {
	docs := []Doc{
		{Kind: KindText, Body: "The quick brown fox jumps over the lazy dog, zigzagging quietly."},
		{Kind: KindGlossary, Title: "Quick brown fox"},
		{Kind: KindGlossary, Title: "Attention mechanism"},
	}
	ix := New(docs)
	tests := []struct {
		query string
		want  []int
	}{
		{"qbf", []int{1}},            // initials of the title, never the body
		{"zzq", nil},                 // a subsequence of the body only
		{"mc", nil},                  // scattered letters are rejected
		{"quick brown", []int{1, 0}}, // word matches: title before body
	}
	for _, tt := range tests {
		res, err := ix.Search(tt.query, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, r := range res {
			got = append(got, r.Doc)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = docs %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestStableOrderForEqualScores(t *testing.T) {
	docs := make([]Doc, 30)
	for i := range docs {
		docs[i] = Doc{Kind: KindText, Body: "identical sentence about credit"}
	}
	res, err := New(docs).Search("credit", Options{Limit: 30})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Doc != i {
			t.Fatalf("result %d is doc %d; equal scores must keep document order", i, r.Doc)
		}
	}
}

func TestLimitAndKinds(t *testing.T) {
	ix, docs := paperIndex(t)
	tests := []struct {
		opt     Options
		maxKind int
		kinds   []Kind
	}{
		{Options{}, 10, nil},
		{Options{Limit: -3}, 10, nil},
		{Options{Limit: 2}, 2, nil},
		{Options{Limit: 1000}, 1000, nil},
		{Options{Limit: 1, Kinds: []Kind{KindEndnote}}, 1, []Kind{KindEndnote}},
		{Options{Kinds: []Kind{KindGlossary, KindSection}}, 10, []Kind{KindGlossary, KindSection}},
	}
	for _, tt := range tests {
		res, err := ix.Search("china", tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		count := map[Kind]int{}
		for i, r := range res {
			k := docs[r.Doc].Kind
			count[k]++
			if tt.kinds != nil && !kindAllowed(tt.kinds, k) {
				t.Errorf("%+v: result of kind %s", tt.opt, k)
			}
			if i > 0 && r.Score > res[i-1].Score {
				t.Errorf("%+v: results not sorted by score", tt.opt)
			}
		}
		for k, n := range count {
			if n > tt.maxKind {
				t.Errorf("%+v: %d results of kind %s", tt.opt, n, k)
			}
		}
		if count[KindText] == 0 && tt.kinds == nil {
			t.Errorf("%+v: no text results for china", tt.opt)
		}
	}
}

func TestHighlights(t *testing.T) {
	ix, _ := paperIndex(t)
	tests := []struct {
		query string
		kinds []Kind
		want  []string
	}{
		{"失信被执行人", []Kind{KindNote}, []string{"失信被执行人"}},
		{"Sebastien", []Kind{KindNote}, []string{"Sébastien"}},
		{"naive", []Kind{KindNote}, []string{"naïve"}},
		{"elise naive", []Kind{KindNote}, []string{"Élise", "naïve"}},
		{"Horsly", nil, []string{"Horsley"}},
		{"tsp", nil, []string{"T", "S", "p"}},
		{"a tool for authoritarian resilience", []Kind{KindText}, []string{"a", "tool", "for", "authoritarian", "resilience"}},
		{"third wave", []Kind{KindText}, []string{"third", "wave"}},
	}
	for _, tt := range tests {
		res, err := ix.Search(tt.query, Options{Kinds: tt.kinds})
		if err != nil || len(res) == 0 {
			t.Fatalf("Search(%q) = %v, %v", tt.query, res, err)
		}
		if got := highlighted(res[0]); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) highlights %q in %q, want %q", tt.query, got, res[0].Snippet, tt.want)
		}
	}
}

func TestSnippetWindow(t *testing.T) {
	long := strings.Repeat("filler words here ", 30) + "the needle sentence " + strings.Repeat("more trailing words ", 30)
	ix := New([]Doc{{Kind: KindText, Body: long}})
	res, err := ix.Search("needle", Options{})
	if err != nil || len(res) != 1 {
		t.Fatalf("Search = %v, %v", res, err)
	}
	s := res[0].Snippet
	if n := utf8.RuneCountInString(s); n > 170 || n < 120 {
		t.Errorf("snippet is %d runes: %q", n, s)
	}
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet %q should be cut at both ends", s)
	}
	if got := highlighted(res[0]); !slices.Equal(got, []string{"needle"}) {
		t.Errorf("highlights %q", got)
	}
	if strings.Contains(s, "…f ") || strings.Contains(s, " w…") {
		t.Errorf("snippet %q cuts inside a word", s)
	}
}

func TestHostileQueries(t *testing.T) {
	docs := append(testDocs(t),
		Doc{Kind: KindText, Body: "Evil \x1b[2J text \xff with social credit\x07 and \u202ebidi\u0000 inside."},
		Doc{Kind: KindGlossary, Title: "Social\x1b]8;;http://x\x07 credit \u200b trap", Labels: []string{"\x00"}},
	)
	ix := New(docs)
	tests := []struct {
		query     string
		wantEmpty bool
	}{
		{"", true},
		{"   ", true},
		{"\t\n\r", true},
		{"\x00\x1b\x07", true},
		{"\u200b\u202e", true},
		{"\xff\xfe", true},
		{strings.Repeat("a", 10000), false},
		{strings.Repeat("social ", 2000), false},
		{strings.Repeat("失信", 5000), false},
		{"\x1b[31msocial\x1b[0m credit", false},
		{"social\x00credit", false},
		{"soc\xffial", false},
		{"\u202esocial credit", false},
		{strings.Repeat("confucianism ", 40) + "tianamen", false},
		{"ǅ İ ß ﬁ ＡＢＣ", false},
		{"%s %d %x {{.}} ${x} <script>", false},
	}
	for _, tt := range tests {
		res, err := ix.Search(tt.query, Options{})
		if tt.wantEmpty {
			if !errors.Is(err, ErrEmptyQuery) {
				t.Errorf("Search(%q) error = %v, want ErrEmptyQuery", tt.query, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Search(%.40q) error = %v", tt.query, err)
		}
		checkResults(t, tt.query, res)
		for _, s := range ix.Suggest(tt.query, 5) {
			checkText(t, "suggestion", tt.query, s)
		}
	}
	res, _ := ix.Search("social credit", Options{Limit: 100})
	checkResults(t, "social credit", res)
}

// checkResults asserts that snippets are clean and highlights in bounds.
func checkResults(t *testing.T, query string, res []Result) {
	t.Helper()
	for _, r := range res {
		checkText(t, "snippet", query, r.Snippet)
		n := utf8.RuneCountInString(r.Snippet)
		end := 0
		for _, h := range r.Highlights {
			if h.Start < end || h.Start >= h.End || h.End > n {
				t.Fatalf("Search(%.40q): bad highlight %+v in %q (%d runes)", query, h, r.Snippet, n)
			}
			end = h.End
		}
	}
}

// checkText asserts that s is valid UTF-8 without control or format
// characters.
func checkText(t *testing.T, what, query, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("Search(%.40q): %s %q is not valid UTF-8", query, what, s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Fatalf("Search(%.40q): %s %q contains %U", query, what, s, r)
		}
	}
}

func TestQueryTruncation(t *testing.T) {
	if got := utf8.RuneCountInString(cleanQuery(strings.Repeat("é", 10000))); got != MaxQueryRunes {
		t.Errorf("cleaned query has %d runes, want %d", got, MaxQueryRunes)
	}
	if got := cleanQuery(" a\x00b\x1b[1mc\xffd\u200be "); got != "a b [1mc de" {
		t.Errorf("cleanQuery = %q", got)
	}
}

func TestEmptyIndexes(t *testing.T) {
	var nilIx *Index
	if res, err := nilIx.Search("x", Options{}); err != nil || res != nil {
		t.Errorf("nil index: %v, %v", res, err)
	}
	if got := nilIx.Suggest("x", 3); got != nil {
		t.Errorf("nil index Suggest = %v", got)
	}
	ix := New([]Doc{{}, {Kind: KindNote, Title: "  ", Body: "\x00"}})
	if res, err := ix.Search("x", Options{}); err != nil || len(res) != 0 {
		t.Errorf("empty docs: %v, %v", res, err)
	}
	if _, err := New(nil).Search(" ", Options{}); !errors.Is(err, ErrEmptyQuery) {
		t.Errorf("empty query on empty index: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	ix, _ := paperIndex(t)
	tests := []struct {
		query string
		first string
	}{
		{"Horsly", "horsley"},
		{"tianamen", "tiananmen"},
		{"autoritarian resiliance", "authoritarian resilience"},
		{"kosta survey", "kostka survey"},
		{"confucionism", "confucianism"},
		{"kuomintan", "kuomintang"},
	}
	for _, tt := range tests {
		got := ix.Suggest(tt.query, 3)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("Suggest(%q) = %q, want first %q", tt.query, got, tt.first)
		}
		if len(got) > 3 {
			t.Errorf("Suggest(%q, 3) returned %d", tt.query, len(got))
		}
	}
	if got := ix.Suggest("tsp", 5); !slices.Contains(got, "Tiananmen Square protests of 1989") {
		t.Errorf("Suggest(tsp) = %q, want the Tiananmen title", got)
	}
	for _, q := range []string{"zzzzqqq", "social credit", ""} {
		if got := ix.Suggest(q, 5); len(got) != 0 {
			t.Errorf("Suggest(%q) = %q, want nothing", q, got)
		}
	}
}

func TestConcurrentSearch(t *testing.T) {
	ix, _ := paperIndex(t)
	var wg sync.WaitGroup
	for _, q := range []string{"china", "Horsly", "儒家", "tsp", "a tool for"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := ix.Search(q, Options{}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}
