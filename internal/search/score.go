package search

import (
	"slices"
)

// Tier bases and bonuses; see the package documentation.
const (
	tierPhrase = 500
	tierExact  = 400
	tierPrefix = 300
	tierTypo   = 200
	tierFuzzy  = 100

	bonusEqual     = 15
	maxTypoPenalty = 10
)

// fieldBonus is added to matches in each kind of field.
var fieldBonus = [...]float64{fieldTitle: 40, fieldLabel: 35, fieldBody: 0}

// hit is a matching document before its snippet is made.
type hit struct {
	doc    int32
	field  uint32
	score  float64
	anchor int   // unit where the match is, for the snippet window
	fuzzy  []int // fuzzy matches: matched rune offsets in the folded field
}

// wordMatches returns the best word-matching field of each document whose
// kind is allowed.
func (ix *Index) wordMatches(q *query, kinds []Kind) []hit {
	var hits []hit
	st := newScanState(len(q.words))
	for _, f := range ix.candidates(q) {
		doc := ix.fields[f].doc
		if !kindAllowed(kinds, ix.docs[doc].Kind) {
			continue
		}
		h, ok := ix.scoreField(q, f, st)
		if !ok {
			continue
		}
		hits = keepBest(hits, h)
	}
	return hits
}

// keepBest adds h to hits, or replaces the last hit if it is for the same
// document and scores lower. Fields of a document are numbered
// consecutively, so hits gathered in field order meet their document's
// other hits next to each other.
func keepBest(hits []hit, h hit) []hit {
	n := len(hits)
	switch {
	case n == 0 || hits[n-1].doc != h.doc:
		return append(hits, h)
	case h.score > hits[n-1].score:
		hits[n-1] = h
	}
	return hits
}

// candidates returns, in ascending order, the fields that contain a match
// for every required query word (for ideographic words, every character).
func (ix *Index) candidates(q *query) []uint32 {
	reqs := ix.requirements(q)
	if reqs == nil {
		return nil
	}
	count := make([]uint16, len(ix.fields))
	var out []uint32
	for step, lists := range reqs {
		for _, l := range lists {
			for _, f := range ix.postings(l) {
				if count[f] != uint16(step) {
					continue
				}
				count[f]++
				if step == len(reqs)-1 {
					out = append(out, f)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// requirements returns, for each requirement a field must meet, the terms
// any of which meets it, cheapest requirement first. It returns nil if a
// requirement cannot be met or there is none.
func (ix *Index) requirements(q *query) [][]uint32 {
	var reqs [][]uint32
	for _, w := range q.words {
		switch {
		case !w.required:
		case w.ideo && w.chars == nil, !w.ideo && len(w.terms) == 0:
			return nil
		case w.ideo:
			for _, c := range w.chars {
				reqs = append(reqs, []uint32{c})
			}
		default:
			reqs = append(reqs, w.terms)
		}
	}
	slices.SortStableFunc(reqs, func(a, b []uint32) int {
		return ix.postingsLen(a) - ix.postingsLen(b)
	})
	return reqs
}

// postingsLen returns the total number of postings of terms.
func (ix *Index) postingsLen(terms []uint32) int {
	n := 0
	for _, t := range terms {
		n += int(ix.postOff[t+1] - ix.postOff[t])
	}
	return n
}

// scanState holds per-field match state, reused across fields.
type scanState struct {
	terms  []uint32 // the field's terms, when decoded
	best   []matchKind
	edits  []uint8
	last   []int
	first  int
	phrase int
	window int
	winAt  int
}

// newScanState returns a scanState for a query of n words.
func newScanState(n int) *scanState {
	return &scanState{best: make([]matchKind, n), edits: make([]uint8, n), last: make([]int, n)}
}

// reset prepares st for the next field.
func (st *scanState) reset() {
	clear(st.best)
	clear(st.edits)
	for i := range st.last {
		st.last[i] = -1
	}
	st.first, st.phrase, st.window, st.winAt = -1, -1, 0, -1
}

// see records that query word w matched at position p.
func (st *scanState) see(w int, kind matchKind, edits uint8, p int) {
	if kind > st.best[w] || (kind == st.best[w] && edits < st.edits[w]) {
		st.best[w], st.edits[w] = kind, edits
	}
	st.last[w] = p
	if st.first < 0 {
		st.first = p
	}
}

// scoreField scans field f for the query and scores it.
func (ix *Index) scoreField(q *query, f uint32, st *scanState) (hit, bool) {
	terms := ix.fieldTerms(f, st.terms)
	st.terms = terms
	st.reset()
	for p, t := range terms {
		if ix.scanAt(q, terms, p, t, st) {
			st.trackWindow(q, p)
		}
	}
	tier, edits := st.tier(q)
	if tier == 0 {
		return hit{}, false
	}
	rec := ix.fields[f]
	s := float64(tier) + fieldBonus[rec.kind] + st.tiebreak(q, len(terms))
	s -= float64(min(maxTypoPenalty, 2*edits))
	if q.phrase != nil && slices.Equal(terms, q.phrase) {
		s += bonusEqual
	}
	return hit{doc: rec.doc, field: f, score: s, anchor: st.anchor()}, true
}

// scanAt records the query words matching at position p of terms and
// reports whether any did.
func (ix *Index) scanAt(q *query, terms []uint32, p int, t uint32, st *scanState) bool {
	matched := false
	for _, wh := range q.hits(t) {
		st.see(wh.word, wh.kind, wh.edits, p)
		matched = true
	}
	for _, i := range q.ideo {
		w := &q.words[i]
		if w.chars != nil && w.chars[0] == t && hasPrefix(terms[p:], w.chars) {
			st.see(i, matchExact, 0, p)
			matched = true
		}
	}
	if st.phrase < 0 && q.nTok > 1 && q.phrase != nil && q.phrase[0] == t && hasPrefix(terms[p:], q.phrase) {
		st.phrase = p
	}
	return matched
}

// hasPrefix reports whether s starts with prefix.
func hasPrefix(s, prefix []uint32) bool {
	return len(s) >= len(prefix) && slices.Equal(s[:len(prefix)], prefix)
}

// trackWindow updates the smallest window holding all required words,
// once they have all been seen, ending at position p.
func (st *scanState) trackWindow(q *query, p int) {
	lo := p
	for i, w := range q.words {
		if !w.required {
			continue
		}
		if st.last[i] < 0 {
			return
		}
		lo = min(lo, st.last[i])
	}
	if size := p - lo + 1; st.winAt < 0 || size < st.window {
		st.window, st.winAt = size, lo
	}
}

// tier returns the tier base of the field (0 if it does not match) and
// the typing errors of its best match.
func (st *scanState) tier(q *query) (tier, edits int) {
	if st.phrase >= 0 {
		return tierPhrase, 0
	}
	worst := matchExact
	for i, w := range q.words {
		if !w.required {
			continue
		}
		worst = min(worst, st.best[i])
		edits += int(st.edits[i])
	}
	return [...]int{0, tierTypo, tierPrefix, tierExact}[worst], edits
}

// tiebreak returns the within-tier points: shorter fields, earlier
// matches and required words standing close together score higher.
func (st *scanState) tiebreak(q *query, n int) float64 {
	s := 8/(1+float64(n)/8) + 4/(1+float64(max(st.first, 0))/8)
	req := 0
	for _, w := range q.words {
		if w.required {
			req++
		}
	}
	if extra := st.window - req; st.winAt >= 0 && extra > 0 {
		return s + 4/(1+float64(extra))
	}
	return s + 4
}

// anchor returns the position the snippet should show.
func (st *scanState) anchor() int {
	switch {
	case st.phrase >= 0:
		return st.phrase
	case st.winAt >= 0:
		return st.winAt
	}
	return max(st.first, 0)
}
