package search

import (
	"fmt"
	"testing"
)

func TestExplore(t *testing.T) {
	docs := testDocs(t)
	fmt.Println("docs:", len(docs))
	for i, d := range docs {
		if d.Kind == KindSection || d.Kind == KindEndnote && i%5 == 0 {
			fmt.Printf("%d %s %q %q\n", i, d.Kind, d.Title, d.Body)
		}
	}
	ix := New(docs)
	for _, q := range []string{"a tool for authoritarian resilience", "rewards punishments", "resilience authoritarian", "Horsly", "tianamen", "confucionism", "autoritarian resilience", "kosta survey", "儒家", "Sébastien", "Sebastien", "zzzzqqq", "xylophone", "失信被执行人", "tsp", "kmt", "social credit", "naive", "A.I.", "U.S."} {
		res, err := ix.Search(q, Options{Limit: 3})
		fmt.Printf("== %q err=%v n=%d\n", q, err, len(res))
		for _, r := range res {
			fmt.Printf("   %s %d %.2f %s %q %v\n", docs[r.Doc].Kind, r.Doc, r.Score, r.Field, r.Snippet, r.Highlights)
		}
		fmt.Println("   suggest:", ix.Suggest(q, 5))
	}
}
