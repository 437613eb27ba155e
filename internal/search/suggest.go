package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
	"github.com/sahilm/fuzzy"
)

// defaultSuggestions is the number of suggestions when n <= 0.
const defaultSuggestions = 5

// altsPerWord is how many alternatives Suggest considers for each word.
const altsPerWord = 5

// Suggest returns up to n (5 if n <= 0) "did you mean" alternatives for
// query, best first: first the query with each unknown word replaced by
// the closest indexed word (by edit distance, more frequent words first,
// then words it is a prefix of), then variants changing one word at a
// time, then titles that fuzzy-match the whole query. Words the index
// knows are kept as they are; a query whose words are all known gets no
// suggestions. Words come from the
// indexed vocabulary and are folded (lower case, no accents); titles are
// shown as written, cleaned of control characters. The folded query itself
// is never suggested.
func (ix *Index) Suggest(query string, n int) []string {
	if n <= 0 {
		n = defaultSuggestions
	}
	clean := cleanQuery(query)
	if ix == nil || clean == "" {
		return nil
	}
	folded := fold.Fold(clean)
	s := suggestions{seen: map[string]bool{folded: true}, n: n}
	s.seen[strings.Join(fold.Words(folded), " ")] = true
	if ix.allKnown(folded) {
		return nil
	}
	ix.suggestWords(&s, folded)
	ix.suggestTitles(&s, folded)
	return s.out
}

// allKnown reports whether every word of folded text is indexed (for
// ideographic runs, every character).
func (ix *Index) allKnown(folded string) bool {
	units := appendUnits(nil, folded)
	return len(units) > 0 && ix.phraseTerms(units) != nil
}

// suggestions collects distinct suggestions up to a limit.
type suggestions struct {
	out  []string
	seen map[string]bool
	n    int
}

// add appends s unless it is empty, a repeat, or the list is full.
func (s *suggestions) add(v string) {
	if v == "" || s.seen[v] || len(s.out) >= s.n {
		return
	}
	s.seen[v] = true
	s.out = append(s.out, v)
}

// full reports whether no more suggestions are wanted.
func (s *suggestions) full() bool { return len(s.out) >= s.n }

// suggestWords adds phrases built from the closest vocabulary words.
func (ix *Index) suggestWords(s *suggestions, folded string) {
	toks := fold.Tokens(folded)
	if len(toks) == 0 || len(toks) > maxQueryWords {
		return
	}
	best := make([]string, len(toks))
	alts := make([][]string, len(toks))
	for i, t := range toks {
		alts[i] = ix.closeWords(t.Text, t.Ideographic)
		best[i] = t.Text
		if len(alts[i]) > 0 {
			best[i] = alts[i][0]
		}
	}
	s.add(strings.Join(best, " "))
	for rank := 1; rank < altsPerWord && !s.full(); rank++ {
		for i := range toks {
			if rank < len(alts[i]) {
				v := slices.Clone(best)
				v[i] = alts[i][rank]
				s.add(strings.Join(v, " "))
			}
		}
	}
}

// candidate is a vocabulary word considered as a suggestion.
type candidate struct {
	term  uint32
	dist  int
	freq  int
	order int // 0 for edit-distance matches, 1 for prefix completions
}

// closeWords returns up to altsPerWord vocabulary words close to folded
// word w: words within one more edit than searching allows, then words
// that w is a prefix of. A word that is itself indexed, or ideographic,
// has no alternatives.
func (ix *Index) closeWords(w string, ideo bool) []string {
	if _, ok := ix.lookup(w); ok || ideo {
		return nil
	}
	var cands []candidate
	maxEd := fold.MaxEdits(w) + 1
	if utf8.RuneCountInString(w) <= 2 {
		maxEd = 0
	}
	n := utf8.RuneCountInString(w)
	for l := max(1, n-maxEd); l <= n+maxEd && l < len(ix.byLen); l++ {
		for _, t := range ix.byLen[l] {
			if fold.WithinDistance(w, ix.terms[t], maxEd) {
				cands = append(cands, ix.candidate(t, fold.Distance(w, ix.terms[t]), 0))
			}
		}
	}
	cands = append(cands, ix.completions(w)...)
	return ix.rankCandidates(cands)
}

// candidate returns a candidate for term t.
func (ix *Index) candidate(t uint32, dist, order int) candidate {
	return candidate{term: t, dist: dist, freq: ix.postingsLen([]uint32{t}), order: order}
}

// completions returns the words that w (of at least 3 runes) is a proper
// prefix of.
func (ix *Index) completions(w string) []candidate {
	if utf8.RuneCountInString(w) < 3 {
		return nil
	}
	var out []candidate
	lo, _ := slices.BinarySearchFunc(ix.sorted, w, func(t uint32, w string) int {
		return strings.Compare(ix.terms[t], w)
	})
	for k := lo; k < len(ix.sorted) && len(out) < maxExpansions; k++ {
		term := ix.terms[ix.sorted[k]]
		if !strings.HasPrefix(term, w) {
			break
		}
		if term != w {
			out = append(out, ix.candidate(ix.sorted[k], 0, 1))
		}
	}
	return out
}

// rankCandidates orders candidates (edit-distance matches by distance,
// then prefix completions; more frequent first, then alphabetically) and
// returns the first altsPerWord words.
func (ix *Index) rankCandidates(cands []candidate) []string {
	slices.SortFunc(cands, func(a, b candidate) int {
		switch {
		case a.order != b.order:
			return a.order - b.order
		case a.dist != b.dist:
			return a.dist - b.dist
		case a.freq != b.freq:
			return b.freq - a.freq
		}
		return strings.Compare(ix.terms[a.term], ix.terms[b.term])
	})
	var out []string
	for _, c := range cands {
		if len(out) == altsPerWord {
			break
		}
		if !slices.Contains(out, ix.terms[c.term]) {
			out = append(out, ix.terms[c.term])
		}
	}
	return out
}

// suggestTitles adds titles of documents whose title or labels
// fuzzy-match the folded query.
func (ix *Index) suggestTitles(s *suggestions, folded string) {
	if s.full() || !fuzzyPattern(folded) {
		return
	}
	src := ix.fuzzySource(nil, nil, folded)
	for _, m := range fuzzy.FindFrom(folded, src) {
		i := src.list[m.Index]
		if _, ok := acceptFuzzy(ix.shortText[i], runeOffsets(ix.shortText[i], m.MatchedIndexes)); !ok {
			continue
		}
		title, _ := makeSnippet([]rune(ix.docs[ix.fields[ix.short[i]].doc].Title), nil, Span{})
		s.add(title)
	}
}
