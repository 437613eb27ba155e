package search

import (
	"slices"
	"strings"
	"unicode"

	"github.com/margin-reader/margin/internal/fold"
)

// ordinaryPunct is punctuation that separates words in a query without
// meaning anything: a query holding only these besides words is searched
// word by word.
const ordinaryPunct = `.,;:!?'"“”‘’()[]{}-–—/…«»`

// literalOf returns the folded query when it holds characters that words
// leave out, such as "A+++" or "C#": the words alone ("a") would match
// anything, so results must hold the query as written, ignoring case and
// accents. It returns "" for other queries.
func literalOf(clean string) string {
	for _, r := range clean {
		if !fold.IsWordRune(r) && !unicode.IsSpace(r) && !strings.ContainsRune(ordinaryPunct, r) {
			return fold.Fold(clean)
		}
	}
	return ""
}

// literalSpans returns the spans, in runes of text, where the folded
// literal lit stands, ignoring case and accents.
func literalSpans(text, lit string) []Span {
	folded, orig := fold.FoldMap(text)
	fr, lr := []rune(folded), []rune(lit)
	var out []Span
	for i := 0; len(lr) > 0 && i+len(lr) <= len(fr) && i+len(lr) <= len(orig); i++ {
		if slices.Equal(fr[i:i+len(lr)], lr) {
			out = append(out, Span{orig[i], orig[i+len(lr)-1] + 1})
			i += len(lr) - 1
		}
	}
	return out
}

// docHasLiteral reports whether any field of document d holds lit.
func (ix *Index) docHasLiteral(d int32, lit string) bool {
	doc := &ix.docs[d]
	if strings.Contains(fold.Fold(doc.Title), lit) || strings.Contains(fold.Fold(doc.Body), lit) {
		return true
	}
	for _, l := range doc.Labels {
		if strings.Contains(fold.Fold(l), lit) {
			return true
		}
	}
	return false
}

// urlSpans returns the spans, in runes of text, of the web addresses in it:
// from "http://" or "https://" to the next space or closing bracket.
func urlSpans(rs []rune) []Span {
	var out []Span
	for i := 0; i < len(rs); i++ {
		if !hasPrefixRunes(rs[i:], "http://") && !hasPrefixRunes(rs[i:], "https://") {
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '>' && rs[j] != ')' {
			j++
		}
		out = append(out, Span{i, j})
		i = j
	}
	return out
}

func hasPrefixRunes(rs []rune, p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// outsideURLs drops the spans that fall inside a web address of rs: a
// highlighted word in the middle of an address reads as a broken address.
func outsideURLs(rs []rune, spans []Span) []Span {
	urls := urlSpans(rs)
	if len(urls) == 0 {
		return spans
	}
	out := spans[:0:0]
	for _, s := range spans {
		inside := false
		for _, u := range urls {
			if s.Start >= u.Start && s.End <= u.End {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, s)
		}
	}
	return out
}
