package search_test

import (
	"fmt"

	"github.com/margin-reader/margin/internal/search"
)

func ExampleIndex_Search() {
	ix := search.New([]search.Doc{
		{Kind: search.KindGlossary, Ref: "confucianism", Title: "Confucianism", Labels: []string{"儒家"}},
		{Kind: search.KindText, Ref: "3.2", Body: "Its oldest traditions include Confucianism."},
	})
	res, err := ix.Search("confucionism", search.Options{}) // misspelled
	if err != nil {
		panic(err)
	}
	for _, r := range res {
		fmt.Println(r.Doc, r.Field, r.Snippet, r.Highlights)
	}
	// Output:
	// 0 title Confucianism [{0 12}]
	// 1 body Its oldest traditions include Confucianism. [{30 42}]
}

func ExampleIndex_Suggest() {
	ix := search.New([]search.Doc{
		{Kind: search.KindEndnote, Ref: "23", Body: `Jamie Horsley, "China's Orwellian Social Credit Score Isn't Real"`},
	})
	fmt.Println(ix.Suggest("Horsly socail", 2))
	// Output: [horsley social]
}

func ExampleSentences() {
	for _, s := range search.Sentences("Invasive A.I. allows the CCP to remain in power. U.S. firms did it too.") {
		fmt.Println(s)
	}
	// Output:
	// Invasive A.I. allows the CCP to remain in power.
	// U.S. firms did it too.
}
