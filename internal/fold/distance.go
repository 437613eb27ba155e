package fold

import "unicode/utf8"

// Distance returns the optimal-string-alignment Damerau–Levenshtein
// distance between a and b, counted in runes: the number of insertions,
// deletions, substitutions and transpositions of two adjacent runes needed
// to turn a into b, where no substring is edited twice.
func Distance(a, b string) int {
	var abuf, bbuf [64]rune
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	return osa(ra, rb, len(ra)+len(rb))
}

// WithinDistance reports whether Distance(a, b) <= max. It stops as soon
// as the bound cannot be met, so it is much cheaper than Distance for
// dissimilar words. A negative max is never met.
func WithinDistance(a, b string, max int) bool {
	if max < 0 {
		return false
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la-lb > max || lb-la > max {
		return false
	}
	var abuf, bbuf [64]rune
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	return osa(ra, rb, max) <= max
}

// MaxEdits returns the number of typing errors tolerated in a query word:
// 0 for words of up to 3 runes, 1 for 4 to 7 runes, 2 for 8 or more.
// Short words get no budget because one edit turns them into too many
// other words.
func MaxEdits(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	default:
		return 2
	}
}

// appendRunes appends the runes of s to dst.
func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// osa computes the optimal-string-alignment distance between a and b,
// returning any value above max as soon as every alignment exceeds max.
func osa(a, b []rune, max int) int {
	if len(a) < len(b) {
		a, b = b, a // keep rows short
	}
	if len(b) == 0 {
		return len(a)
	}
	var stack [3 * 65]int
	rows := stack[:]
	if need := 3 * (len(b) + 1); need > len(rows) {
		rows = make([]int, need)
	}
	w := len(b) + 1
	prev2, prev, cur := rows[:w], rows[w:2*w], rows[2*w:3*w]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		if osaRow(a, b, i, prev2, prev, cur) > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// osaRow fills row i of the distance table into cur and returns its
// minimum.
func osaRow(a, b []rune, i int, prev2, prev, cur []int) int {
	cur[0] = i
	best := i
	for j := 1; j <= len(b); j++ {
		cost := 1
		if a[i-1] == b[j-1] {
			cost = 0
		}
		v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
			v = min(v, prev2[j-2]+1)
		}
		cur[j] = v
		best = min(best, v)
	}
	return best
}
