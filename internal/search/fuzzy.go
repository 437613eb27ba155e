package search

import (
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
	"github.com/sahilm/fuzzy"
)

// Fuzzy matching needs at least minFuzzyRunes letters or digits (one
// letter matches nearly every title) and at most maxFuzzyRunes runes
// (longer patterns cannot be a title's subsequence anyway, and would
// overflow the matcher's compounding adjacency bonus, which is harmless
// but meaningless).
const (
	minFuzzyRunes = 2
	maxFuzzyRunes = 64
)

// fuzzyPattern reports whether folded query text is worth fuzzy matching.
func fuzzyPattern(folded string) bool {
	n, words := 0, 0
	for _, r := range folded {
		n++
		if fold.IsWordRune(r) {
			words++
		}
	}
	return n <= maxFuzzyRunes && words >= minFuzzyRunes
}

// shortSource presents the allowed short fields to the fuzzy matcher.
type shortSource struct {
	ix   *Index
	list []int // indexes into ix.short
}

// String returns the folded text of the i-th field.
func (s shortSource) String(i int) string { return s.ix.shortText[s.list[i]] }

// Len returns the number of fields.
func (s shortSource) Len() int { return len(s.list) }

// fuzzyMatches runs the fuzzy subsequence matcher over titles and labels
// of allowed documents that have no word match yet, and returns the best
// acceptable match of each document.
func (ix *Index) fuzzyMatches(q *query, kinds []Kind, have []hit) []hit {
	if !fuzzyPattern(q.folded) {
		return nil
	}
	src := ix.fuzzySource(kinds, have, q.folded)
	if src.Len() == 0 {
		return nil
	}
	var hits []hit
	for _, m := range fuzzy.FindFromNoSort(q.folded, src) {
		if h, ok := ix.fuzzyHit(src.list[m.Index], m.MatchedIndexes); ok {
			hits = keepBest(hits, h)
		}
	}
	return hits
}

// fuzzySource lists the short fields of allowed documents not in have,
// which must be in ascending document order (as wordMatches returns),
// whose folded text may hold pattern as a subsequence.
func (ix *Index) fuzzySource(kinds []Kind, have []hit, pattern string) shortSource {
	src := shortSource{ix: ix}
	j := 0
	for i, f := range ix.short {
		doc := ix.fields[f].doc
		for j < len(have) && have[j].doc < doc {
			j++
		}
		matched := j < len(have) && have[j].doc == doc
		if !matched && kindAllowed(kinds, ix.docs[doc].Kind) && mayMatch(pattern, ix.shortText[i]) {
			src.list = append(src.list, i)
		}
	}
	return src
}

// mayMatch reports whether pattern may be a subsequence of text as the
// fuzzy matcher compares runes (unicode.SimpleFold), so that the matcher
// need not look at a text where it cannot be. It answers exactly for an
// ASCII pattern (outside ASCII only ſ and the Kelvin sign fold to ASCII
// letters) and true for any other.
func mayMatch(pattern, text string) bool {
	j := 0
	for i := 0; i < len(pattern); i++ {
		if pattern[i] >= utf8.RuneSelf {
			return true
		}
	}
	for i := 0; i < len(text) && j < len(pattern); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			i += n - 1
			switch r {
			case 'ſ':
				c = 's'
			case '\u212a': // Kelvin sign
				c = 'k'
			default:
				continue
			}
		}
		if lowerASCII[c] == lowerASCII[pattern[j]] {
			j++
		}
	}
	return j == len(pattern)
}

// fuzzyHit turns a fuzzy match of short field number i into a hit, if the
// match is acceptable.
func (ix *Index) fuzzyHit(i int, byteIdx []int) (hit, bool) {
	text := ix.shortText[i]
	pos := runeOffsets(text, byteIdx)
	runs, ok := acceptFuzzy(text, pos)
	if !ok {
		return hit{}, false
	}
	f := ix.short[i]
	rec := ix.fields[f]
	s := tierFuzzy + fieldBonus[rec.kind] +
		8/(1+float64(rec.n)/8) + 4/(1+float64(pos[0])/8) + 4/float64(runs)
	return hit{doc: rec.doc, field: f, score: s, fuzzy: pos}, true
}

// runeOffsets converts ascending byte offsets into s to rune offsets.
func runeOffsets(s string, byteIdx []int) []int {
	out := make([]int, 0, len(byteIdx))
	r, k := 0, 0
	for b := range s {
		for k < len(byteIdx) && byteIdx[k] == b {
			out = append(out, r)
			k++
		}
		r++
	}
	return out
}

// acceptFuzzy reports whether matched rune positions pos of folded text
// form a compact match: every run of adjacent matched runes starts at the
// start of a word or is at least 3 runes long, and the first run starts a
// word. It returns the number of runs. This rejects the scattered single
// letters that make subsequence matching match nearly anything.
func acceptFuzzy(text string, pos []int) (int, bool) {
	if len(pos) == 0 {
		return 0, false
	}
	rs := []rune(text)
	runs := 0
	for i := 0; i < len(pos); {
		j := i + 1
		for j < len(pos) && pos[j] == pos[j-1]+1 {
			j++
		}
		startsWord := runStartsWord(rs, pos[i:j])
		if !startsWord && (i == 0 || j-i < 3) {
			return 0, false
		}
		runs++
		i = j
	}
	return runs, true
}

// runStartsWord reports whether the first word rune of a run of matched
// positions starts a word of rs.
func runStartsWord(rs []rune, run []int) bool {
	for _, p := range run {
		if p >= len(rs) {
			return false
		}
		if fold.IsWordRune(rs[p]) {
			return p == 0 || !fold.IsWordRune(rs[p-1]) || fold.IsIdeographic(rs[p])
		}
	}
	return true // a run of separators only, such as a space
}
