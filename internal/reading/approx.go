package reading

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Approximate matching, after Hypothesis's match-quote and the
// approx-string-match library it uses: when an anchor's words are no longer
// in the text, every place within a bounded edit distance of them is a
// candidate (found with Myers' bit-parallel algorithm), and the candidate
// that scores best on the quote, its prefix, its suffix and its nearness to
// the position hint wins.

// Weights of a candidate's score, as in Hypothesis's match-quote: the quote
// counts most, then its context; the position hint breaks ties.
const (
	quoteWeight  = 50
	prefixWeight = 20
	suffixWeight = 20
	posWeight    = 2
)

// maxApproxRunes bounds the quotes matched approximately: a longer quote is
// matched exactly or not at all (it is long enough to be unique, and the
// cost of matching grows with it).
const maxApproxRunes = 1000

// minApproxRunes is the shortest quote matched approximately: a change of a
// letter in a shorter one makes another word.
const minApproxRunes = 8

// MaxErrors is how many edits (characters inserted, deleted or replaced) an
// approximate match of a quote of n characters may have: a third of its
// length, at most 256, and none for a quote shorter than 8 characters.
// (Hypothesis allows half; a third still lets one word of a short quote
// change, "online software program" to "web software program", and keeps a
// deleted sentence from coming back as some other sentence of the section.)
func MaxErrors(n int) int {
	if n < minApproxRunes {
		return 0
	}
	return min(n/3, 256)
}

// cand is a candidate place for an anchor: byte offsets [start, end) in
// paragraph para's normalised text (normPara.text) of section sec.
type cand struct {
	sec        *Section
	para       int
	start, end int
	errors     int // edit distance between the quote and the text there
	score      float64
}

// exactLocation is the location of an exact match.
func (c cand) exactLocation() Location {
	back := c.sec.normalised().paras[c.para].back
	return Location{Section: c.sec.Number, Para: c.para, Start: back[c.start], End: back[c.end]}
}

// location is the location of an approximate match, with the text found.
func (c cand) location() Location {
	l := c.exactLocation()
	l.Fit = FitApprox
	l.Found = c.sec.Paragraphs[c.para].Plain[l.Start:l.End]
	return l
}

// pickBest scores the candidates and returns the best, the first of equals.
func pickBest(na normAnchor, hint int, cs []cand) (cand, bool) {
	var best cand
	found := false
	for _, c := range cs {
		c.score = score(na, c, hint)
		if !found || c.score > best.score {
			best, found = c, true
		}
	}
	return best, found
}

// bestApprox returns the best place for the anchor in section s: among
// loose, the places of its exact words, when there are any; else among the
// places within MaxErrors of them.
func bestApprox(s *Section, na normAnchor, hint int, loose []cand) (cand, bool) {
	if len(loose) > 0 {
		return pickBest(na, hint, loose)
	}
	quote := []rune(na.exact)
	k := MaxErrors(len(quote))
	if k == 0 || len(quote) > maxApproxRunes {
		return cand{}, false
	}
	var cs []cand
	pq := newPattern(quote)
	for i, p := range s.normalised().paras {
		text, offs := runesOf(p.text)
		for _, m := range pq.search(text, k) {
			cs = append(cs, cand{sec: s, para: i, start: offs[m.start], end: offs[m.end], errors: m.errors})
		}
	}
	return pickBest(na, hint, cs)
}

// score rates a candidate from 0 to 1, as match-quote does: the quote's
// similarity, the prefix's and the suffix's (each 1 − edits / length), and
// nearness to the hint, weighted.
func score(na normAnchor, c cand, hint int) float64 {
	text := c.sec.normalised().paras[c.para].text
	q := 1 - float64(c.errors)/float64(max(utf8.RuneCountInString(na.exact), 1))
	p, s := 1.0, 1.0
	if na.prefix != "" {
		prefix := []rune(na.prefix)
		before := []rune(text[:c.start])
		p = similarity(prefix, before[max(0, len(before)-len(prefix)-1):])
	}
	if na.suffix != "" {
		suffix := []rune(na.suffix)
		after := []rune(text[c.end:])
		s = similarity(suffix, after[:min(len(after), len(suffix)+1)])
	}
	pos := 1.0
	if hint > 0 {
		n := c.sec.normalised()
		at := n.offsets[c.para] + n.paras[c.para].back[c.start]
		size := max(n.size, 1)
		pos = 1 - math.Min(1, math.Abs(float64(at-hint))/float64(size))
	}
	return (quoteWeight*q + prefixWeight*p + suffixWeight*s + posWeight*pos) / (quoteWeight + prefixWeight + suffixWeight + posWeight)
}

// similarity is 1 − (the fewest edits that make pattern a substring of
// text) / the pattern's length.
func similarity(pattern, text []rune) float64 {
	if len(pattern) == 0 {
		return 1
	}
	best := len(pattern)
	for _, m := range newPattern(pattern).search(text, len(pattern)) {
		best = min(best, m.errors)
	}
	return 1 - float64(best)/float64(len(pattern))
}

// runesOf returns the runes of s and, for each rune index (and the end),
// its byte offset in s.
func runesOf(s string) ([]rune, []int) {
	rs := make([]rune, 0, len(s))
	offs := make([]int, 0, len(s)+1)
	for i, r := range s {
		rs = append(rs, r)
		offs = append(offs, i)
	}
	return rs, append(offs, len(s))
}

// match is an approximate occurrence: runes [start, end) of a text, errors
// edits away from the pattern.
type match struct{ start, end, errors int }

// pattern is a search pattern prepared for Myers' algorithm: for each rune
// of the pattern, the bit vectors (64 pattern positions a word) of where it
// stands.
type pattern struct {
	runes  []rune
	peq    map[rune][]uint64
	blocks int
	zero   []uint64
	// first and last are the pattern's first and last words, when it
	// starts (ends) with a letter or digit.
	first, last []rune
}

func newPattern(p []rune) *pattern {
	nb := (len(p) + 63) / 64
	pq := &pattern{runes: p, peq: map[rune][]uint64{}, blocks: nb, zero: make([]uint64, nb)}
	for i, r := range p {
		v := pq.peq[r]
		if v == nil {
			v = make([]uint64, nb)
			pq.peq[r] = v
		}
		v[i/64] |= 1 << (i % 64)
	}
	i := 0
	for i < len(p) && isWord(p, i) {
		i++
	}
	pq.first = p[:i]
	j := len(p)
	for j > 0 && isWord(p, j-1) {
		j--
	}
	pq.last = p[j:]
	return pq
}

// ends calls each for every end position j (1 to len(text)) where some
// substring text[i:j] is at most k edits away from the pattern, with the
// fewest edits there. It is Myers' bit-parallel algorithm (1999) in the
// blocked form of Hyyrö (2003): one pass over the text, each step a few
// word operations per 64 characters of pattern.
func (pq *pattern) ends(text []rune, k int, each func(end, errors int)) {
	m := len(pq.runes)
	if m == 0 {
		return
	}
	pv := make([]uint64, pq.blocks)
	mv := make([]uint64, pq.blocks)
	for b := range pv {
		pv[b] = math.MaxUint64
	}
	last := uint64(1) << ((m - 1) % 64)
	score := m
	for j, c := range text {
		eqs := pq.peq[c]
		if eqs == nil {
			eqs = pq.zero
		}
		h := 0 // the first row is all zeros: a match may start anywhere
		for b := range pq.blocks {
			mask := uint64(1) << 63
			if b == pq.blocks-1 {
				mask = last
			}
			h = advance(&pv[b], &mv[b], eqs[b], h, mask)
		}
		score += h
		if score <= k {
			each(j+1, score)
		}
	}
}

// advance runs one text character through one 64-row block of the
// dynamic-programming matrix, kept as vertical deltas (pv: +1, mv: −1),
// given the horizontal delta hIn entering the block's top; it returns the
// horizontal delta at the row marked by last.
func advance(pv, mv *uint64, eq uint64, hIn int, last uint64) int {
	p, m := *pv, *mv
	var hNeg, hPos uint64
	if hIn < 0 {
		hNeg = 1
	} else if hIn > 0 {
		hPos = 1
	}
	eq |= hNeg
	xv := eq | m
	xh := (((eq & p) + p) ^ p) | eq
	ph := m | ^(xh | p)
	mh := p & xh
	hOut := 0
	if ph&last != 0 {
		hOut = 1
	} else if mh&last != 0 {
		hOut = -1
	}
	ph = ph<<1 | hPos
	mh = mh<<1 | hNeg
	*pv = mh | ^(xv | ph)
	*mv = ph & xv
	return hOut
}

// search returns the approximate occurrences of the pattern in text with at
// most k errors: of each run of adjacent end positions, the best (see
// better), extended back to its best start. Of two with the same errors,
// the one that starts and ends on word boundaries wins, then the one whose
// length is nearest the pattern's: "to E" found in "to D." is "to D", not
// "to". A match that keeps the quote's first and last words may cost one
// more error each: "counted them aloud" found in "counted them all aloud"
// is all of it, not "counted them all".
func (pq *pattern) search(text []rune, k int) []match {
	var out []match
	var run []match // the ends of the current run
	prev := -2
	flush := func() {
		if len(run) == 0 {
			return
		}
		least := run[0].errors
		for _, e := range run {
			least = min(least, e.errors)
		}
		found := false
		var best match
		for _, e := range run {
			if e.errors > least && !pq.endsWord(text, e.end) {
				continue
			}
			if m := pq.withStart(text, e.end, k); !found || pq.better(text, m, best) {
				best, found = m, true
			}
		}
		out = append(out, best)
		run = run[:0]
	}
	pq.ends(text, k, func(end, errors int) {
		if end != prev+1 {
			flush()
		}
		prev = end
		run = append(run, match{end: end, errors: errors})
	})
	flush()
	return out
}

// better reports whether match a is a better choice than b: the one with
// fewer errors, less two for each of the quote's first and last words it
// keeps whole (see edges); then the one that fits words better (see fit);
// then the one whose length is nearest the pattern's.
func (pq *pattern) better(text []rune, a, b match) bool {
	ca, cb := a.errors-2*pq.edges(text, a), b.errors-2*pq.edges(text, b)
	if ca != cb {
		return ca < cb
	}
	if fa, fb := pq.fit(text, a), pq.fit(text, b); fa != fb {
		return fa > fb
	}
	m := len(pq.runes)
	return abs(a.end-a.start-m) < abs(b.end-b.start-m)
}

// edges counts the quote's first and last words that a match keeps whole,
// where it starts and where it ends (0 to 2).
func (pq *pattern) edges(text []rune, m match) int {
	n := 0
	if pq.startsWord(text, m.start) {
		n++
	}
	if pq.endsWord(text, m.end) {
		n++
	}
	return n
}

// startsWord reports whether text[at:] starts with the pattern's first word,
// whole; endsWord whether text[:at] ends with its last word, whole.
func (pq *pattern) startsWord(text []rune, at int) bool {
	w := pq.first
	return len(w) > 0 && at+len(w) <= len(text) && slices.Equal(text[at:at+len(w)], w) &&
		!isWord(text, at-1) && !isWord(text, at+len(w))
}

func (pq *pattern) endsWord(text []rune, at int) bool {
	w := pq.last
	return len(w) > 0 && at-len(w) >= 0 && at <= len(text) && slices.Equal(text[at-len(w):at], w) &&
		!isWord(text, at-len(w)-1) && !isWord(text, at)
}

// isWord reports whether text[i] is a letter or digit (false outside text).
func isWord(text []rune, i int) bool {
	return i >= 0 && i < len(text) && (unicode.IsLetter(text[i]) || unicode.IsDigit(text[i]))
}

// fit counts how well a match sits in the text's words, 0 to 4: it does not
// cut a word at its start, nor at its end, and its first and last
// characters are of the kind (letter or digit, space, other) of the
// pattern's.
func (pq *pattern) fit(text []rune, m match) int {
	if m.end <= m.start {
		return 0
	}
	n := 0
	if !(isWord(text, m.start-1) && isWord(text, m.start)) {
		n++
	}
	if !(isWord(text, m.end-1) && isWord(text, m.end)) {
		n++
	}
	if kind(text[m.start]) == kind(pq.runes[0]) {
		n++
	}
	if kind(text[m.end-1]) == kind(pq.runes[len(pq.runes)-1]) {
		n++
	}
	return n
}

// kind classes a character: 0 a letter or digit, 1 a space, 2 anything else.
func kind(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return 0
	case unicode.IsSpace(r):
		return 1
	}
	return 2
}

// withStart finds where the occurrence ending at end starts: of the starts
// within k errors, the best (see better).
func (pq *pattern) withStart(text []rune, end, k int) match {
	p := pq.runes
	m := len(p)
	from := max(0, end-m-k)
	w := text[from:end]
	n := len(w)
	// Edit distances between suffixes of p and suffixes of w, row by row.
	prev := make([]int, n+1)
	cur := make([]int, n+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= m; i++ {
		cur[0] = i
		pc := p[m-i]
		for j := 1; j <= n; j++ {
			cost := 1
			if w[n-j] == pc {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	var best match
	found := false
	for j := 0; j <= n; j++ {
		c := match{start: end - j, end: end, errors: prev[j]}
		if c.errors <= k && (!found || pq.better(text, c, best)) {
			best, found = c, true
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
