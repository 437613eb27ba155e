package cli

import (
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/reading"
)

// maxQueryRunes bounds what margin looks up: a glossary term, a note, a
// section or a search query. Every real one is far shorter; a longer one
// (a pasted file, say) would only make the fuzzy matching slow and hungry.
const maxQueryRunes = 200

// checkQuery refuses a query over maxQueryRunes characters; what names it
// ("glossary term"), example shows a good one.
func checkQuery(what, query, example string) error {
	if n := utf8.RuneCountInString(query); n > maxQueryRunes {
		return usagef([]string{"give a few words, e.g. " + example},
			"the %s is %d characters long; margin looks up at most %d", what, n, maxQueryRunes)
	}
	return nil
}

// findSection is rd.FindSection for a section the user typed, with its
// length checked first.
func findSection(rd *reading.Reading, arg string) (*reading.Section, error) {
	if err := checkQuery("section name", arg, "'2.1' or 'china'"); err != nil {
		return nil, err
	}
	return rd.FindSection(arg)
}
