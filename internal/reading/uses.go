package reading

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// span is a match in a paragraph's plain text, in bytes.
type span struct{ start, end int }

// foldedPara is a paragraph's plain text folded for matching, with the way
// back to byte offsets in Plain.
type foldedPara struct {
	str      string // folded
	text     []rune // folded runes
	origByte []int  // for each folded rune, the byte offset of its source rune in Plain; plus len(Plain)
	origEnd  []int  // for each folded rune, the byte offset just after its source rune
}

func foldPara(plain string) foldedPara {
	folded, origRune := fold.FoldMap(plain)
	byteAt := make([]int, 0, utf8.RuneCountInString(plain)+1)
	for i := range plain {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(plain))
	fp := foldedPara{str: folded, text: []rune(folded)}
	for _, ri := range origRune {
		fp.origByte = append(fp.origByte, byteAt[ri])
		fp.origEnd = append(fp.origEnd, byteAt[min(ri+1, len(byteAt)-1)])
	}
	return fp
}

// foldedLabel is a label folded for matching, as a string and as runes.
type foldedLabel struct {
	str   string
	runes []rune
}

// find returns the whole-word occurrences of the folded label in the
// paragraph. Han characters need no word boundary.
func (fp foldedPara) find(l foldedLabel) []span {
	var out []span
	label, n := l.runes, len(l.runes)
	// Most labels are in few paragraphs: strings.Contains rules out the
	// rest faster than comparing runes at every position.
	if n == 0 || !strings.Contains(fp.str, l.str) {
		return nil
	}
	for i := 0; i+n <= len(fp.text); i++ {
		if !runesEqual(fp.text[i:i+n], label) {
			continue
		}
		if i > 0 && isWordRune(fp.text[i-1]) && isWordRune(label[0]) {
			continue
		}
		if i+n < len(fp.text) && isWordRune(fp.text[i+n]) && isWordRune(label[n-1]) {
			continue
		}
		out = append(out, span{fp.origByte[i], fp.origEnd[i+n-1]})
	}
	return out
}

func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !unicode.Is(unicode.Han, r)
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// computeUses records, for every entry, how often each section uses one of
// its shown labels and where the first use stands.
func (r *Reading) computeUses(entries []*Entry) {
	labels := make([][]foldedLabel, len(entries))
	for i, e := range entries {
		for _, l := range e.Labels() {
			if f := fold.Fold(l); f != "" {
				labels[i] = append(labels[i], foldedLabel{f, []rune(f)})
			}
		}
	}
	for _, s := range r.Sections {
		folded := make([]foldedPara, len(s.Paragraphs))
		for i, p := range s.Paragraphs {
			folded[i] = foldPara(p.Plain)
		}
		for i, e := range entries {
			if u, ok := sectionUse(s.Number, folded, labels[i]); ok {
				e.Uses = append(e.Uses, u)
			}
		}
	}
}

func sectionUse(number string, paras []foldedPara, labels []foldedLabel) (Use, bool) {
	u := Use{Section: number}
	for pi, fp := range paras {
		var spans []span
		for _, l := range labels {
			spans = append(spans, fp.find(l)...)
		}
		spans = mergeSpans(spans)
		if len(spans) == 0 {
			continue
		}
		if u.Count == 0 {
			u.First = Location{Section: number, Para: pi, Start: spans[0].start, End: spans[0].end}
		}
		u.Count += len(spans)
	}
	return u, u.Count > 0
}

// mergeSpans sorts spans and merges overlapping ones, keeping the widest.
func mergeSpans(spans []span) []span {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// foldLabel is the key under which labels are compared for uniqueness.
func foldLabel(l string) string { return strings.ToLower(fold.Fold(l)) }
