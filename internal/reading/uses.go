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
// its shown labels and where the first use stands. It reads the text once:
// text and labels are cut into tokens (a word, or any other single
// character), the labels are put in a trie of tokens, and the trie is
// walked from each token of the text, so the work grows with the text and
// the length of the labels, not with the text times the labels. A label
// matches where its tokens are the text's, which is a whole-word match: a
// word token must be the text's whole word.
func (r *Reading) computeUses(entries []*Entry) {
	t := &labelTrie{}
	for i, e := range entries {
		for _, l := range e.Labels() {
			if f := fold.Fold(l); f != "" {
				t.add(f, i)
			}
		}
	}
	for _, s := range r.Sections {
		uses := make([]Use, len(entries))
		for pi, p := range s.Paragraphs {
			byEntry := map[int][]span{}
			t.each(foldPara(p.Plain), func(entry int, sp span) { byEntry[entry] = append(byEntry[entry], sp) })
			for entry, spans := range byEntry {
				spans = mergeSpans(spans)
				u := &uses[entry]
				if u.Count == 0 {
					u.Section = s.Number
					u.First = Location{Section: s.Number, Para: pi, Start: spans[0].start, End: spans[0].end}
				}
				u.Count += len(spans)
			}
		}
		for i, u := range uses {
			if u.Count > 0 {
				entries[i].Uses = append(entries[i].Uses, u)
			}
		}
	}
}

// token is a word (a run of word runes) or any other single rune of a
// folded text: its text, and where it starts and ends, in runes.
type token struct {
	s          string
	start, end int
}

// tokens cuts a folded text into tokens.
func tokens(s string) []token {
	var out []token
	at, ri := 0, 0 // byte and rune offsets of the token being read
	inWord := false
	i, n := 0, 0
	for i = 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		w := isWordRune(r)
		if inWord && !w {
			out = append(out, token{s[at:i], ri, n})
			inWord = false
		}
		switch {
		case w && !inWord:
			at, ri, inWord = i, n, true
		case !w:
			out = append(out, token{s[i : i+size], n, n + 1})
		}
		i += size
		n++
	}
	if inWord {
		out = append(out, token{s[at:], ri, n})
	}
	return out
}

// labelTrie holds folded labels as paths of tokens; ends lists the entries
// of the labels that end at a node.
type labelTrie struct {
	next map[string]*labelTrie
	ends []int
}

func (t *labelTrie) add(label string, entry int) {
	for _, tok := range tokens(label) {
		if t.next == nil {
			t.next = map[string]*labelTrie{}
		}
		c := t.next[tok.s]
		if c == nil {
			c = &labelTrie{}
			t.next[tok.s] = c
		}
		t = c
	}
	t.ends = append(t.ends, entry)
}

// each calls f with every occurrence, in the paragraph, of a label in the
// trie, and the entry it belongs to.
func (t *labelTrie) each(fp foldedPara, f func(entry int, sp span)) {
	toks := tokens(fp.str)
	for i := range toks {
		node := t
		for j := i; j < len(toks); j++ {
			if node = node.next[toks[j].s]; node == nil {
				break
			}
			for _, e := range node.ends {
				f(e, span{fp.origByte[toks[i].start], fp.origEnd[toks[j].end-1]})
			}
		}
	}
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
