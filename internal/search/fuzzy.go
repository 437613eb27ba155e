package search

import (
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
	"github.com/sahilm/fuzzy"
)

// Fuzzy patterns outside this length range are not tried: one rune
// matches nearly every title, and patterns much longer than a title cannot
// be its subsequence anyway (they would also overflow the matcher's
// compounding adjacency bonus, which is harmless but meaningless).
const (
	minFuzzyRunes = 2
	maxFuzzyRunes = 64
)

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
	n := utf8.RuneCountInString(q.folded)
	if n < minFuzzyRunes || n > maxFuzzyRunes {
		return nil
	}
	src := ix.fuzzySource(kinds, have)
	if src.Len() == 0 {
		return nil
	}
	var hits []hit
	best := map[int32]int{}
	for _, m := range fuzzy.FindFromNoSort(q.folded, src) {
		h, ok := ix.fuzzyHit(src.list[m.Index], m.MatchedIndexes)
		if !ok {
			continue
		}
		if i, seen := best[h.doc]; !seen {
			best[h.doc] = len(hits)
			hits = append(hits, h)
		} else if h.score > hits[i].score {
			hits[i] = h
		}
	}
	return hits
}

// fuzzySource lists the short fields of allowed documents not in have.
func (ix *Index) fuzzySource(kinds []Kind, have []hit) shortSource {
	done := make(map[int32]bool, len(have))
	for _, h := range have {
		done[h.doc] = true
	}
	src := shortSource{ix: ix}
	for i, f := range ix.short {
		doc := ix.fields[f].doc
		if !done[doc] && kindAllowed(kinds, ix.docs[doc].Kind) {
			src.list = append(src.list, i)
		}
	}
	return src
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
