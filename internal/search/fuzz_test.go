package search

import (
	"testing"
)

// fuzzDocs are small documents with awkward text for FuzzSearch.
var fuzzDocs = []Doc{
	{Kind: KindText, Body: "Social credit scores in Mainland China, backed by the U.S. and A.I."},
	{Kind: KindGlossary, Title: "Confucianism", Labels: []string{"儒家"}, Body: "Ethics of hierarchy."},
	{Kind: KindNote, Title: "Café\x1b[1m naïve", Body: "Sébastien's \xff essay\x00 on 失信被执行人名单 and ß."},
	{Kind: KindEndnote, Title: "ﬁ ＡＢＣ", Body: "Jamie Horsley, “China’s Orwellian Social Credit Score Isn’t Real” — 2018."},
	{Kind: KindSection, Title: "\u202eReversed\u200b title", Body: ""},
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "social credit", "Horsly", "儒家", "失信", "sebastien", "tsp",
		"\x1b[31m", "\xff", "ß", "a.i.", "ﬁ", "cafe naive", "中文 mixed text"} {
		f.Add(s, 0)
	}
	ix := New(fuzzDocs)
	f.Fuzz(func(t *testing.T, q string, limit int) {
		res, err := ix.Search(q, Options{Limit: limit})
		if err != nil && err != ErrEmptyQuery {
			t.Fatalf("Search(%q) error %v", q, err)
		}
		checkResults(t, q, res)
		for _, r := range res {
			if r.Doc < 0 || r.Doc >= len(fuzzDocs) {
				t.Fatalf("Search(%q): doc %d out of range", q, r.Doc)
			}
		}
		for _, s := range ix.Suggest(q, limit) {
			checkText(t, "suggestion", q, s)
		}
	})
}
