package reading

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// Location is a span of a section's plain text.
type Location struct {
	Section string
	Para    int // index into Section.Paragraphs
	Start   int // byte offsets into Paragraph.Plain
	End     int
}

// AnchorError reports an anchor that does not resolve to exactly one place.
type AnchorError struct {
	Section string
	Exact   string
	Prefix  string
	Suffix  string
	Count   int    // how many places matched (0 or more than 1)
	Closest string // the passage that comes closest, when Count is 0
	// ExactCount is how many times the exact words occur, whatever stands
	// around them: when Count is 0 and ExactCount is not, it is the prefix
	// or the suffix that did not match.
	ExactCount int
}

func (e *AnchorError) Error() string {
	if e.Count > 1 {
		return fmt.Sprintf("the words %q occur %d times in section %s; add a prefix or suffix to say which", e.Exact, e.Count, e.Section)
	}
	if e.ExactCount > 0 {
		times := fmt.Sprintf("%d times", e.ExactCount)
		if e.ExactCount == 1 {
			times = "once"
		}
		var around string
		switch {
		case e.Prefix != "" && e.Suffix != "":
			around = fmt.Sprintf("never after %q and before %q", e.Prefix, e.Suffix)
		case e.Prefix != "":
			around = fmt.Sprintf("never after the prefix %q", e.Prefix)
		default:
			around = fmt.Sprintf("never before the suffix %q", e.Suffix)
		}
		return fmt.Sprintf("the words %q occur %s in section %s, but %s", e.Exact, times, e.Section, around)
	}
	msg := fmt.Sprintf("the words %q are not in section %s", e.Exact, e.Section)
	if e.Closest != "" {
		msg += fmt.Sprintf("; closest passage: %q", e.Closest)
	}
	return msg
}

// Locate finds the one place in section s where the anchor's words stand.
// Curly and straight quotes count as the same, and runs of white space as one
// space; otherwise the match is exact.
func Locate(s *Section, a Anchor) (Location, error) {
	exact, _ := normQuotes(collapse(a.Exact))
	prefix, _ := normQuotes(collapse(a.Prefix))
	suffix, _ := normQuotes(collapse(a.Suffix))
	var hits []Location
	exactCount := 0
	for i, p := range s.Paragraphs {
		text, back := normQuotes(p.Plain)
		for from := 0; exact != ""; {
			k := strings.Index(text[from:], exact)
			if k < 0 {
				break
			}
			exactCount++
			start, end := from+k, from+k+len(exact)
			if hasAffix(text[:start], prefix, true) && hasAffix(text[end:], suffix, false) {
				hits = append(hits, Location{Section: s.Number, Para: i, Start: back[start], End: back[end]})
			}
			_, size := utf8.DecodeRuneInString(text[start:])
			from = start + size
		}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	err := &AnchorError{Section: s.Number, Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Count: len(hits)}
	if len(hits) == 0 {
		err.ExactCount = exactCount
		if exactCount == 0 {
			err.Closest = ClosestPassage(s, a.Exact)
		}
	}
	return Location{}, err
}

// hasAffix reports whether the text before (or after) a match ends (or
// starts) with the affix, allowing a space and quotation marks between
// them (the affix of "name-and-shame" in 'system of "name-and-shame"' may be
// "system of").
func hasAffix(text, affix string, before bool) bool {
	if affix == "" {
		return true
	}
	if before {
		text = strings.TrimSuffix(text, " ")
		affix = strings.TrimSuffix(affix, " ")
		bare := strings.TrimRight(affix, `"' `)
		return strings.HasSuffix(text, affix) || bare != "" && strings.HasSuffix(strings.TrimRight(text, `"' `), bare)
	}
	text = strings.TrimPrefix(text, " ")
	affix = strings.TrimPrefix(affix, " ")
	bare := strings.TrimLeft(affix, `"' `)
	return strings.HasPrefix(text, affix) || bare != "" && strings.HasPrefix(strings.TrimLeft(text, `"' `), bare)
}

// collapse folds runs of white space into single spaces and trims.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// normQuotes replaces curly quotes with straight ones. It returns the result
// and, for each of its byte offsets (and its length), the offset in s.
func normQuotes(s string) (string, []int) {
	var b strings.Builder
	back := make([]int, 0, len(s)+1)
	for i, r := range s {
		switch r {
		case '‘', '’', '‚', '′':
			r = '\''
		case '“', '”', '„', '″':
			r = '"'
		}
		n := utf8.RuneLen(r)
		for k := 0; k < n; k++ {
			back = append(back, i)
		}
		b.WriteRune(r)
	}
	back = append(back, len(s))
	return b.String(), back
}

// ClosestPassage returns the sentence of section s that shares the most words
// with text: a hint for an anchor that does not resolve.
func ClosestPassage(s *Section, text string) string {
	want := map[string]bool{}
	for _, w := range fold.Words(text) {
		want[w] = true
	}
	type cand struct {
		text  string
		score float64
	}
	var cands []cand
	for _, p := range s.Paragraphs {
		for _, sent := range splitSentences(p.Plain) {
			words := fold.Words(sent)
			common := 0
			for _, w := range words {
				if want[w] {
					common++
				}
			}
			if common > 0 {
				cands = append(cands, cand{sent, float64(common) / float64(len(words)+len(want))})
			}
		}
	}
	if len(cands) == 0 {
		return ""
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	return cands[0].text
}

// splitSentences is a rough sentence splitter, good enough for hints.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text)-1; i++ {
		if (text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i+1] == ' ' {
			out = append(out, text[start:i+1])
			start = i + 2
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}
