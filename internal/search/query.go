package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// MaxQueryRunes is the length at which queries are truncated.
const MaxQueryRunes = 256

// maxQueryWords bounds the distinct words of a query that take part in
// matching; later words are ignored.
const maxQueryWords = 32

// maxExpansions bounds the vocabulary terms one query word can expand to
// by prefix or typo matching.
const maxExpansions = 4096

// matchKind is how a query word matched a document word; larger is better.
type matchKind uint8

const (
	matchNone matchKind = iota
	matchTypo
	matchPrefix
	matchExact
)

// wordHit says that a term matches query word word, and how.
type wordHit struct {
	word  int
	kind  matchKind
	edits uint8
}

// qword is one distinct word of a query.
type qword struct {
	text     string
	ideo     bool     // an ideographic run, matched as a character sequence
	chars    []uint32 // ideo: the terms of its characters; nil if one is unknown
	required bool     // every matching field must contain it
	terms    []uint32 // non-ideo: vocabulary terms it matches
}

// query is a parsed query.
type query struct {
	folded   string
	words    []qword
	nTok     int                  // number of tokens in the query, repeats included
	onlyStop bool                 // every query word is a stop word
	phrase   []uint32             // terms of the whole query in order; nil if impossible
	lookup   map[uint32][]wordHit // term → query words it matches
	has      []uint64             // bit set of the terms in lookup
	ideo     []int                // indexes of ideographic words
	literal  string               // the folded query, when results must hold it as written (see literalOf)
}

// hits returns the query words that term t matches.
func (q *query) hits(t uint32) []wordHit {
	if t>>6 >= uint32(len(q.has)) || q.has[t>>6]&(1<<(t&63)) == 0 {
		return nil
	}
	return q.lookup[t]
}

// cleanQuery removes invalid UTF-8, control and format characters, trims
// the query and truncates it to MaxQueryRunes runes.
func cleanQuery(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == MaxQueryRunes {
			break
		}
		switch {
		case r == utf8.RuneError, unicode.IsControl(r):
			r = ' '
		case unicode.Is(unicode.Cf, r):
			continue
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}

// parseQuery folds and tokenises a cleaned query and matches its words
// against the vocabulary.
func (ix *Index) parseQuery(clean string) *query {
	q := &query{folded: fold.Fold(clean), lookup: map[uint32][]wordHit{}}
	q.has = make([]uint64, (len(ix.terms)+63)/64)
	units := appendUnits(nil, q.folded)
	q.nTok = len(fold.Tokens(q.folded))
	q.phrase = ix.phraseTerms(units)
	q.words = distinctWords(q.folded)
	q.onlyStop = markRequired(q.words)
	for i := range q.words {
		ix.expandWord(q, i)
		if q.words[i].ideo {
			q.ideo = append(q.ideo, i)
		}
	}
	return q
}

// distinctWords returns the distinct tokens of folded, at most
// maxQueryWords of them.
func distinctWords(folded string) []qword {
	var words []qword
	seen := map[string]bool{}
	for _, t := range fold.Tokens(folded) {
		if seen[t.Text] || len(words) == maxQueryWords {
			continue
		}
		seen[t.Text] = true
		words = append(words, qword{text: t.Text, ideo: t.Ideographic})
	}
	return words
}

// markRequired makes every non-stop word required, or every word if all
// are stop words, which it then reports.
func markRequired(words []qword) bool {
	any := false
	for i := range words {
		words[i].required = !isStopWord(words[i].text)
		any = any || words[i].required
	}
	if !any {
		for i := range words {
			words[i].required = true
		}
	}
	return !any
}

// phraseTerms returns the term of each unit, or nil if one is unknown.
func (ix *Index) phraseTerms(units []unit) []uint32 {
	terms := make([]uint32, len(units))
	for i, u := range units {
		t, ok := ix.lookup(u.text)
		if !ok {
			return nil
		}
		terms[i] = t
	}
	return terms
}

// expandWord finds the vocabulary terms matching query word i.
func (ix *Index) expandWord(q *query, i int) {
	w := &q.words[i]
	if w.ideo {
		w.chars = ix.phraseTerms(appendUnits(nil, w.text))
		return
	}
	if t, ok := ix.lookup(w.text); ok {
		q.add(i, t, matchExact, 0)
	}
	if !w.required {
		return // stop words match exactly only
	}
	if utf8.RuneCountInString(w.text) >= 3 {
		ix.expandPrefix(q, i)
	}
	ix.expandTypo(q, i)
}

// add records that term t matches query word i.
func (q *query) add(i int, t uint32, kind matchKind, edits int) {
	q.words[i].terms = append(q.words[i].terms, t)
	q.lookup[t] = append(q.lookup[t], wordHit{i, kind, uint8(edits)})
	q.has[t>>6] |= 1 << (t & 63)
}

// expandPrefix adds the terms that start with query word i.
func (ix *Index) expandPrefix(q *query, i int) {
	w := q.words[i].text
	lo := sort.Search(len(ix.sorted), func(k int) bool {
		return ix.terms[ix.sorted[k]] >= w
	})
	for k := lo; k < len(ix.sorted) && len(q.words[i].terms) < maxExpansions; k++ {
		term := ix.terms[ix.sorted[k]]
		if !strings.HasPrefix(term, w) {
			break
		}
		if term != w {
			q.add(i, ix.sorted[k], matchPrefix, 0)
		}
	}
}

// expandTypo adds the terms within fold.MaxEdits edits of query word i
// that did not already match exactly or as a prefix.
func (ix *Index) expandTypo(q *query, i int) {
	w := q.words[i].text
	maxEd := fold.MaxEdits(w)
	if maxEd == 0 {
		return
	}
	n, mask := utf8.RuneCountInString(w), runeMask(w)
	for l := max(1, n-maxEd); l <= n+maxEd && l < len(ix.byLen); l++ {
		for _, t := range ix.byLen[l] {
			if len(q.words[i].terms) >= maxExpansions {
				return
			}
			if mayBeWithin(mask, ix.masks[t], maxEd) {
				ix.tryTypo(q, i, t, maxEd)
			}
		}
	}
}

// tryTypo adds term t to query word i if it is a new typo match.
func (ix *Index) tryTypo(q *query, i int, t uint32, maxEd int) {
	term, w := ix.terms[t], q.words[i].text
	if term == w || strings.HasPrefix(term, w) && len(w) >= 3 {
		return
	}
	if !fold.WithinDistance(w, term, maxEd) {
		return
	}
	q.add(i, t, matchTypo, fold.Distance(w, term))
}

// stopWords are ignored when a query has other words.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true,
	"at": true, "to": true, "for": true, "and": true, "or": true, "by": true,
	"with": true, "from": true, "as": true, "is": true, "are": true,
	"was": true, "were": true, "be": true, "it": true, "its": true,
	"this": true, "that": true, "s": true,
}

// isStopWord reports whether a folded word is a stop word or a single
// Latin letter.
func isStopWord(w string) bool {
	if stopWords[w] {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsLetter(r) && !fold.IsIdeographic(r)
}
