package marks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/margin-reader/margin/internal/marks"
)

func Example() {
	dir, err := os.MkdirTemp("", "margin-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	store := marks.Open(filepath.Join(dir, "marks.json"))
	store.Now = func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }

	m, err := store.Add(marks.Mark{
		Reading: "vochelet-scs",
		Section: "2.1",
		Quote:   "social credit system",
		Text:    "Not one national score: compare Horsley (2018).",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("added note", m.ID)

	all, err := store.List()
	if err != nil {
		panic(err)
	}
	if err := marks.ExportMarkdown(os.Stdout, all, marks.Target{Title: "The Social Credit System"}); err != nil {
		panic(err)
	}
	// Output:
	// added note 1
	// # Notes on The Social Credit System
	//
	// ## Section 2.1
	//
	// > social credit system
	//
	// Not one national score: compare Horsley (2018).
	//
	// *Note 1, 2026-03-01*
}
