// Package search is margin's ranked, typo-tolerant search over the
// documents of a paper: sections, sentences of text, glossary entries,
// notes and endnotes.
//
// # Matching
//
// Queries and documents are normalised with fold.Fold (case, accents,
// quotes, dashes, whitespace) and split into words with fold.Tokens. Runs of
// Han, kana, Thai and similar scripts are indexed character by character and
// match as substrings, so 失信被执行人 finds text that contains it.
//
// Each field of a document (Title, each of Labels, Body) matches a query on
// its own. A field matches when every query word matches one of its words
// exactly, as a prefix (query word of at least 3 runes) or with typing
// errors (within fold.MaxEdits edits, Damerau–Levenshtein). Stop words
// ("the", "of", "a", single letters, ...) are optional when the query has
// other words. Title and label fields that fail this word matching are also
// tried with a fuzzy subsequence match (github.com/sahilm/fuzzy), keeping
// only compact matches whose pieces start at word starts; Body never goes
// through the fuzzy matcher because long text matches nearly any
// subsequence.
//
// # Ranking
//
// A document's score is the score of its best field. Scores are ordered by
// tier first:
//
//	500  phrase: all query words, in order and adjacent, exactly
//	400  all query words exactly, in any order
//	300  some word matched only as a prefix
//	200  some word matched only with typing errors
//	100  fuzzy subsequence (title and label only)
//
// Within a tier, a title match adds 40 and a label match 35 (so they
// outrank body matches of the same tier), a field equal to the query adds
// 15, and up to 16 more points go to shorter fields, earlier matches and
// query words that stand close together; each typing error costs 2 (at
// most 10). Equal scores keep the order of the documents given to New.
//
// # Cost
//
// New builds an inverted index (word → fields containing it) and keeps
// each field's word sequence as term numbers. A query compares each query
// word once with the vocabulary (prefix by binary search, typos within a
// length band), intersects postings, and scans only the candidate fields.
// Snippets and highlights are computed only for the results returned.
//
// New reads the text once, interning ASCII words without allocating
// (about 50 MB/s, a few milliseconds for a reading). To start faster
// still, build the index ahead of time: Encode writes the index without its
// documents (a compiled reading, package pack, holds it), and DecodeIndex
// restores it given the same documents in a fraction of that time,
// checking every number in the data and rejecting data for other
// documents with an error.
package search

import (
	"errors"
	"slices"
)

// Kind says what sort of thing a document is.
type Kind string

// Document kinds.
const (
	KindSection  Kind = "section"  // a section heading
	KindText     Kind = "text"     // a sentence or passage of the paper
	KindGlossary Kind = "glossary" // a glossary entry
	KindNote     Kind = "note"     // a reader's or fact-check note
	KindEndnote  Kind = "endnote"  // an endnote of the paper
)

// Doc is one searchable document.
type Doc struct {
	// Kind is the sort of document; results are limited per kind.
	Kind Kind
	// Ref says how to open the document: a section number like "2.1", a
	// note id, a glossary id or an endnote number.
	Ref string
	// Section is the number of the section the document belongs to, if any.
	Section string
	// Title is a short field: section title, glossary term, note claim or
	// the first words of an endnote.
	Title string
	// Labels are extra short fields: alternative names, shown when a
	// search matches them, then Hidden ones (known misspellings) that are
	// searched but never shown.
	Labels []string
	// Hidden is how many of the last Labels are never shown.
	Hidden int
	// Body is the long field: a sentence, a definition, a note body or an
	// endnote text.
	Body string
}

// Span is a range of runes; End is exclusive.
type Span struct{ Start, End int }

// Result is one matching document.
type Result struct {
	// Doc is the index of the document in the slice given to New.
	Doc int
	// Score ranks results; higher is better. See the package documentation.
	Score float64
	// Field is where the best match was: "title", "label" or "body".
	Field string
	// Snippet is what to show: for body matches a window of about 160
	// runes of Body around the match, with "…" where text was cut; for
	// title matches the Title; for label matches the label that matched,
	// unless it is one never shown (see Doc.Hidden), then the Title.
	// Whitespace runs are collapsed and control and format characters
	// removed.
	Snippet string
	// Highlights are the rune spans of Snippet holding matched words, in
	// order and not overlapping; never inside a web address. Matches of a
	// hidden label have none.
	Highlights []Span
	// Label is the label that matched, for a label match of a label that
	// may be shown; "" otherwise.
	Label string
}

// Options restricts a search.
type Options struct {
	// Kinds lists the kinds of documents to search; empty means all kinds.
	Kinds []Kind
	// Limit is the maximum number of results per kind; 0 or less means 10.
	Limit int
}

// ErrEmptyQuery is returned by Search for a query that is empty once
// control characters and whitespace are removed.
var ErrEmptyQuery = errors.New("search: empty query")

// defaultLimit is the number of results per kind when Options.Limit <= 0.
const defaultLimit = 10

// Search returns the documents matching query, best first, with at most
// opt.Limit results of each kind. Queries longer than MaxQueryRunes are
// truncated; invalid UTF-8 and control characters are ignored. A query
// with nothing searchable in it (only punctuation, say) has no results.
// The only error is ErrEmptyQuery.
func (ix *Index) Search(query string, opt Options) ([]Result, error) {
	clean := cleanQuery(query)
	if clean == "" {
		return nil, ErrEmptyQuery
	}
	if ix == nil || len(ix.docs) == 0 {
		return nil, nil
	}
	q := ix.parseQuery(clean)
	hits := ix.wordMatches(q, opt.Kinds)
	hits = append(hits, ix.fuzzyMatches(q, opt.Kinds, hits)...)
	if q.literal = literalOf(clean); q.literal != "" {
		kept := hits[:0]
		for _, h := range hits {
			if ix.docHasLiteral(h.doc, q.literal) {
				kept = append(kept, h)
			}
		}
		hits = kept
	}
	hits = ix.topPerKind(hits, opt.Limit)
	results := make([]Result, len(hits))
	var sc scratch
	for i, h := range hits {
		results[i] = ix.result(q, h, &sc)
	}
	return results, nil
}

// topPerKind returns the best limit hits (defaultLimit if limit <= 0) of
// each document kind, best first.
func (ix *Index) topPerKind(hits []hit, limit int) []hit {
	if limit <= 0 {
		limit = defaultLimit
	}
	groups := map[Kind][]hit{}
	for _, h := range hits {
		k := ix.docs[h.doc].Kind
		if limit <= maxInsertLimit {
			groups[k] = insertTop(groups[k], h, limit)
		} else {
			groups[k] = append(groups[k], h)
		}
	}
	var out []hit
	for _, g := range groups {
		if len(g) > limit {
			slices.SortFunc(g, compareHits)
			g = g[:limit]
		}
		out = append(out, g...)
	}
	slices.SortFunc(out, compareHits)
	return out
}

// maxInsertLimit is the largest per-kind limit for which keeping a sorted
// top list while scanning beats sorting all hits.
const maxInsertLimit = 64

// insertTop inserts h into top, which is sorted best first and holds at
// most limit hits.
func insertTop(top []hit, h hit, limit int) []hit {
	i, _ := slices.BinarySearchFunc(top, h, compareHits)
	if i >= limit {
		return top
	}
	if len(top) < limit {
		top = append(top, hit{})
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = h
	return top
}

// compareHits orders hits by descending score, then by document order.
func compareHits(a, b hit) int {
	switch {
	case a.score > b.score:
		return -1
	case a.score < b.score:
		return 1
	}
	return int(a.doc) - int(b.doc)
}

// kindAllowed reports whether k is among kinds (all kinds if empty).
func kindAllowed(kinds []Kind, k Kind) bool {
	return len(kinds) == 0 || slices.Contains(kinds, k)
}
