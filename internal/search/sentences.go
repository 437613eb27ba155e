package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits a paragraph of prose into sentences. A sentence ends
// after ".", "!", "?", "…" (or "。", "！", "？"), possibly followed by
// closing quotes or brackets, when the next word starts with an upper-case
// letter, a digit, an uncased letter or an opening quote or bracket. It
// does not end after common abbreviations ("e.g.", "i.e.", "no.", "p.",
// "Dr.", "vs.", ...), dotted initialisms and initials ("U.S.", "A.I.",
// "J."), or inside a quotation that closes later in the paragraph.
//
// Sentences never drops or adds text: strings.Join(Sentences(p), " ")
// equals strings.Join(strings.Fields(p), " "). A paragraph is only split at
// whitespace, so text written without spaces (Chinese, Japanese) stays one
// sentence per whitespace-separated run.
func Sentences(paragraph string) []string {
	chunks := strings.Fields(paragraph)
	if len(chunks) == 0 {
		return nil
	}
	quoted := insideQuotes(chunks)
	var out []string
	start := 0
	for i := 0; i < len(chunks)-1; i++ {
		if !quoted[i] && endsSentence(chunks[i], chunks[i+1]) {
			out = append(out, strings.Join(chunks[start:i+1], " "))
			start = i + 1
		}
	}
	return append(out, strings.Join(chunks[start:], " "))
}

// abbreviations never end a sentence (lower case, with the final dot).
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "cf.": true, "vs.": true, "viz.": true,
	"no.": true, "nos.": true, "p.": true, "pp.": true, "vol.": true,
	"vols.": true, "ch.": true, "chap.": true, "sec.": true, "fig.": true,
	"ed.": true, "eds.": true, "trans.": true, "dr.": true, "mr.": true,
	"mrs.": true, "ms.": true, "prof.": true, "st.": true, "jr.": true,
	"sr.": true, "gen.": true, "gov.": true, "sen.": true, "rep.": true,
	"al.": true, "approx.": true, "ca.": true, "c.": true, "op.": true,
	"cit.": true, "ibid.": true, "art.": true, "para.": true, "est.": true,
	"dept.": true, "univ.": true, "jan.": true, "feb.": true, "mar.": true,
	"apr.": true, "jun.": true, "jul.": true, "aug.": true, "sep.": true,
	"sept.": true, "oct.": true, "nov.": true, "dec.": true, "mt.": true,
}

// closers may follow a sentence's final punctuation.
const closers = `"')]}»’”*_`

// openers may precede the first letter of a sentence.
const openers = `"'([{«‘“*_¿¡`

// endsSentence reports whether a sentence ends after chunk cur, given that
// chunk next follows it.
func endsSentence(cur, next string) bool {
	core := strings.TrimRight(cur, closers)
	last, _ := utf8.DecodeLastRuneInString(core)
	switch last {
	case '!', '?', '…', '。', '！', '？':
	case '.':
		if isAbbreviation(core) {
			return false
		}
	default:
		return false
	}
	return startsSentence(next)
}

// isAbbreviation reports whether word, ending in ".", is an abbreviation,
// a dotted initialism or an initial.
func isAbbreviation(word string) bool {
	word = strings.TrimLeft(word, openers)
	if abbreviations[strings.ToLower(word)] {
		return true
	}
	return isInitialism(word)
}

// isInitialism reports whether word is one or more letters each followed
// by a dot: "J.", "U.S.", "A.I.", "e.g.".
func isInitialism(word string) bool {
	if word == "" {
		return false
	}
	for word != "" {
		r, size := utf8.DecodeRuneInString(word)
		if !unicode.IsLetter(r) || !strings.HasPrefix(word[size:], ".") {
			return false
		}
		word = word[size+1:]
	}
	return true
}

// startsSentence reports whether chunk can begin a sentence.
func startsSentence(chunk string) bool {
	rest := strings.TrimLeft(chunk, openers)
	if rest == "" {
		return chunk != ""
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.IsDigit(r) ||
		(unicode.IsLetter(r) && !unicode.IsLower(r))
}

// quoteEvent is a double quotation mark found in a chunk.
type quoteEvent struct {
	chunk int
	open  bool
}

// insideQuotes reports for each chunk whether the text right after it is
// inside a quotation that is closed later in the paragraph. Unclosed
// quotation marks are ignored.
func insideQuotes(chunks []string) []bool {
	inside := make([]bool, len(chunks))
	var stack []int // chunks of unmatched opening marks
	for _, e := range quoteEvents(chunks) {
		switch {
		case e.open:
			stack = append(stack, e.chunk)
		case len(stack) > 0:
			from := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for c := from; c < e.chunk; c++ {
				inside[c] = true
			}
		}
	}
	return inside
}

// quoteEvents lists the double quotation marks of the chunks in order,
// classifying straight quotes as opening when they start a word.
func quoteEvents(chunks []string) []quoteEvent {
	var events []quoteEvent
	for i, c := range chunks {
		prev := ' '
		for _, r := range c {
			switch r {
			case '“', '«':
				events = append(events, quoteEvent{i, true})
			case '”', '»':
				events = append(events, quoteEvent{i, false})
			case '"':
				events = append(events, quoteEvent{i, prev == ' ' || strings.ContainsRune(openers, prev)})
			}
			prev = r
		}
	}
	return events
}
