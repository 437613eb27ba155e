package search

import (
	"unicode"

	"github.com/margin-reader/margin/internal/fold"
)

// Snippet window geometry, in runes.
const (
	snippetWidth  = 160
	snippetBefore = 40 // context kept before the match
	snapDistance  = 20 // how far a cut may move to fall between words
)

// ellipsis marks text cut from a snippet.
const ellipsis = '…'

// result builds the Result of hit h.
// scratch holds buffers that making one result after another reuses.
type scratch struct {
	units  []unit
	terms  []uint32
	marked []bool
}

func (ix *Index) result(q *query, h hit, sc *scratch) Result {
	rec := ix.fields[h.field]
	r := Result{Doc: int(rec.doc), Score: h.score, Field: rec.kind.String()}
	d := &ix.docs[rec.doc]
	if rec.kind == fieldLabel && int(rec.label) >= len(d.Labels)-d.Hidden {
		r.Snippet = ix.labelSnippet(rec)
		return r
	}
	text := ix.fieldText(h.field)
	if rec.kind == fieldLabel {
		r.Label = text
	}
	spans, anchor := ix.matchSpans(q, h, text, sc)
	rs := []rune(text)
	if q.literal != "" {
		if lit := literalSpans(text, q.literal); len(lit) > 0 {
			spans, anchor = lit, lit[0]
		}
	}
	r.Snippet, r.Highlights = makeSnippet(rs, outsideURLs(rs, spans), anchor)
	return r
}

// labelSnippet returns what to show for a match of a hidden label: the
// Title, or the start of the Body when there is no title.
func (ix *Index) labelSnippet(rec fieldRec) string {
	d := &ix.docs[rec.doc]
	text := d.Title
	if fold.Fold(text) == "" {
		text = d.Body
	}
	s, _ := makeSnippet([]rune(text), nil, Span{})
	return s
}

// matchSpans returns the spans of text (in runes of text) that matched the
// query, and the span to centre the snippet on.
func (ix *Index) matchSpans(q *query, h hit, text string, sc *scratch) ([]Span, Span) {
	folded, orig := fold.FoldMap(text)
	if h.fuzzy != nil {
		spans := make([]Span, 0, len(h.fuzzy))
		for _, p := range h.fuzzy {
			if p < len(orig) {
				spans = appendSpan(spans, Span{orig[p], orig[p] + 1})
			}
		}
		return spans, firstSpan(spans)
	}
	units := appendUnits(sc.units[:0], folded)
	sc.units = units
	marked := ix.markUnits(q, units, sc)
	var spans []Span
	anchor := Span{}
	for i, u := range units {
		s := Span{orig[u.start], orig[u.end-1] + 1}
		if i == h.anchor {
			anchor = s
		}
		if marked[i] {
			spans = appendSpan(spans, s)
		}
	}
	return spans, anchor
}

// firstSpan returns spans[0], or an empty span.
func firstSpan(spans []Span) Span {
	if len(spans) == 0 {
		return Span{}
	}
	return spans[0]
}

// appendSpan appends s to spans, merging it with the last span when they
// touch or overlap.
func appendSpan(spans []Span, s Span) []Span {
	if n := len(spans); n > 0 && s.Start <= spans[n-1].End {
		spans[n-1].End = max(spans[n-1].End, s.End)
		return spans
	}
	return append(spans, s)
}

// markUnits reports for each unit whether it is part of a match: a word
// matching a required query word, an occurrence of an ideographic query
// word, or an occurrence of the whole query phrase. Stop words are marked
// only inside the phrase, unless the query is a single stop word.
func (ix *Index) markUnits(q *query, units []unit, sc *scratch) []bool {
	wordsCount := !q.onlyStop || q.nTok == 1
	terms := grow(sc.terms, len(units))
	sc.terms = terms
	for i, u := range units {
		t, ok := ix.lookup(u.text)
		if !ok {
			t = ^uint32(0)
		}
		terms[i] = t
	}
	marked := grow(sc.marked, len(units))
	clear(marked)
	sc.marked = marked
	for i, t := range terms {
		for _, wh := range q.hits(t) {
			marked[i] = marked[i] || (q.words[wh.word].required && wordsCount)
		}
		for _, w := range q.words {
			if w.ideo && w.chars != nil && hasPrefix(terms[i:], w.chars) {
				markRange(marked, i, len(w.chars))
			}
		}
		if q.nTok > 1 && q.phrase != nil && hasPrefix(terms[i:], q.phrase) {
			markRange(marked, i, len(q.phrase))
		}
	}
	return marked
}

// grow returns a slice of n elements, reusing buf's array when it is large
// enough. The elements are not cleared.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// markRange sets marked[i:i+n].
func markRange(marked []bool, i, n int) {
	for k := i; k < i+n && k < len(marked); k++ {
		marked[k] = true
	}
}

// makeSnippet cuts a window of about snippetWidth runes out of rs around
// anchor, cleans it for display and returns it with spans translated into
// snippet runes.
func makeSnippet(rs []rune, spans []Span, anchor Span) (string, []Span) {
	start, end := window(rs, anchor)
	out, pos := render(rs[start:end], start > 0, end < len(rs))
	var hl []Span
	for _, s := range spans {
		a, b := clamp(s.Start-start, 0, end-start), clamp(s.End-start, 0, end-start)
		if a < b && pos[a] < pos[b] {
			hl = append(hl, Span{pos[a], pos[b]})
		}
	}
	return out, hl
}

// clamp limits v to [lo, hi].
func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// window returns the rune range of rs to show for a match at anchor.
func window(rs []rune, anchor Span) (start, end int) {
	n := len(rs)
	if n <= snippetWidth {
		return 0, n
	}
	anchor.Start, anchor.End = clamp(anchor.Start, 0, n), clamp(anchor.End, 0, n)
	start = max(0, anchor.Start-snippetBefore)
	end = start + snippetWidth
	if end > n {
		end, start = n, n-snippetWidth
	}
	end = max(end, anchor.End)
	return snapStart(rs, start, anchor.Start), snapEnd(rs, end, anchor.End)
}

// snapStart moves a cut at start forward to the next word start, unless
// that is far away or past limit.
func snapStart(rs []rune, start, limit int) int {
	for k := start; k > 0 && k <= limit && k-start <= snapDistance; k++ {
		if isBlank(rs[k-1]) {
			return k
		}
	}
	return start
}

// snapEnd moves a cut at end back to the previous word end, unless that is
// far away or before limit.
func snapEnd(rs []rune, end, limit int) int {
	for k := end; k < len(rs) && k >= limit && end-k <= snapDistance; k-- {
		if isBlank(rs[k]) {
			return k
		}
	}
	return end
}

// isBlank reports whether r renders as a space in snippets.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// render cleans a window for display: blanks and control characters
// collapse to single spaces, format characters are dropped, and "…" marks
// cut ends. pos[k] is the snippet rune index of window rune k; pos has one
// extra entry for the end.
func render(w []rune, cutStart, cutEnd bool) (string, []int) {
	out := make([]rune, 0, len(w)+2)
	if cutStart {
		out = append(out, ellipsis)
	}
	pos := make([]int, len(w)+1)
	pending := false
	for k, r := range w {
		switch {
		case isBlank(r):
			pending = true
		case unicode.Is(unicode.Cf, r):
		default:
			if pending && len(out) > 0 && !(cutStart && len(out) == 1) {
				out = append(out, ' ')
			}
			pending = false
			pos[k] = len(out)
			out = append(out, r)
			continue
		}
		pos[k] = len(out)
	}
	pos[len(w)] = len(out)
	if cutEnd {
		out = append(out, ellipsis)
	}
	return string(out), pos
}
