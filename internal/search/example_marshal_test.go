package search_test

import (
	"fmt"

	"github.com/margin-reader/margin/internal/search"
)

func ExampleUnmarshalIndex() {
	docs := []search.Doc{
		{Kind: search.KindGlossary, Ref: "confucianism", Title: "Confucianism", Labels: []string{"儒家"}},
		{Kind: search.KindText, Ref: "3.2", Body: "Its oldest traditions include Confucianism."},
	}
	// At go generate time: build the index and save its data.
	data, err := search.New(docs).MarshalBinary()
	if err != nil {
		panic(err)
	}
	// At run time: load it, or build it if the data is stale.
	ix, err := search.UnmarshalIndex(data, docs)
	if err != nil {
		ix = search.New(docs)
	}
	res, _ := ix.Search("儒家", search.Options{})
	fmt.Println(len(res), res[0].Field, res[0].Snippet)
	// Output: 1 label 儒家
}
