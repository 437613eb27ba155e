package pdfimport

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// vocab counts the words of the document, lower-case, hyphenated compounds
// both whole ("socio-cultural") and by their parts. Words broken at a line
// end are not counted, so that a word's other occurrences decide its break.
type vocab struct {
	words map[string]int // whole tokens, compounds included
	parts map[string]int // tokens and the parts of compounds
	// marked says the producer marks its hyphenations (U+2010 or a soft
	// hyphen at line ends), so that a plain hyphen at a line end is real.
	marked bool
	// lower holds the words the text writes in lower case somewhere: a
	// name's words are not among them.
	lower map[string]bool
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’'
}

// newVocab counts the words of every line; a line's last token, when it
// ends with a hyphen, and the next line's first token are left out.
func newVocab(ps []*para) *vocab {
	v := &vocab{words: map[string]int{}, parts: map[string]int{}, lower: map[string]bool{}}
	brokenNext := false
	for _, p := range ps {
		for _, l := range p.lines {
			toks := strings.FieldsFunc(l, func(r rune) bool { return !isWordRune(r) })
			for i, t := range toks {
				if i == 0 && brokenNext {
					continue
				}
				if i == len(toks)-1 && (strings.HasSuffix(l, "-") || strings.HasSuffix(l, "‐")) {
					continue
				}
				v.add(t)
			}
			brokenNext = strings.HasSuffix(l, "-") || strings.HasSuffix(l, "‐")
			if strings.HasSuffix(l, "‐") {
				v.marked = true
			}
		}
	}
	return v
}

func (v *vocab) add(t string) {
	t = strings.Trim(t, "-'’")
	if t == "" {
		return
	}
	if isLowerWord(t) {
		v.lower[t] = true
	}
	t = strings.ToLower(t)
	v.words[t]++
	v.parts[t]++
	if strings.Contains(t, "-") {
		for _, part := range strings.Split(t, "-") {
			if part != "" {
				v.parts[part]++
			}
		}
	}
}

// joinDecision is what to do with a hyphen at a line end.
type joinDecision int

const (
	joinWord   joinDecision = iota // a hyphenation: drop the hyphen, join the word
	keepHyphen                     // a real hyphen: keep it, join without a space
)

// decideHyphen decides a line-final hyphen between the word fragments left
// and right. soft says the producer marked it as a hyphenation (U+2010 or
// a soft hyphen). sure is false when the document's vocabulary does not
// settle it.
func decideHyphen(left, right string, soft bool, v *vocab) (d joinDecision, sure bool) {
	l, r := strings.ToLower(left), strings.ToLower(right)
	joined, hy := v.words[l+r], v.words[l+"-"+r]
	switch {
	case !isLowerWord(right) || !isAlpha(left):
		return keepHyphen, true // "Lopez-/Ferreras", "VGG-/19", "COVID-/19"
	case joined > 0 && hy == 0:
		return joinWord, true
	case hy > 0 && joined == 0:
		return keepHyphen, true
	case hy > 0 && joined > 0:
		if hy > joined {
			return keepHyphen, false
		}
		return joinWord, false
	case soft:
		return joinWord, true
	case v.marked:
		return keepHyphen, true // the producer marks hyphenations, and this is not one
	case v.parts[l] == 0 || v.parts[r] == 0:
		return joinWord, true // "ar-/gues": a fragment that is no word of the text
	}
	return keepHyphen, false // "well-/known", both words, neither form elsewhere
}

func isLowerWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func isAlpha(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// hyphenBreak reports whether line a ends with a word broken by a hyphen,
// and returns a without the hyphen, the fragment before it and whether
// the producer marked it as a hyphenation.
func hyphenBreak(a string) (rest, left string, soft, ok bool) {
	var h string
	switch {
	case strings.HasSuffix(a, "‐"):
		h, soft = "‐", true
	case strings.HasSuffix(a, "-"):
		h = "-"
	default:
		return "", "", false, false
	}
	rest = strings.TrimSuffix(a, h)
	i := strings.LastIndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
	left = rest[i+1:]
	if j := strings.LastIndex(left, "-"); j >= 0 {
		left = left[j+1:]
	}
	if left == "" {
		return "", "", false, false // a dash standing alone
	}
	return rest, left, soft, true
}

// firstWord is the word that starts s.
func firstWord(s string) string {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// joinPair joins line a to line b, repairing a hyphenation at a's end. It
// returns the joined text and, when the hyphen could not be decided, a
// line for the review list.
func joinPair(a, b string, v *vocab, c *Counts) (string, string) {
	aOut, sep, bOut, review := joinParts(a, b, v, c)
	return aOut + sep + bOut, review
}

// joinParts is joinPair in parts: a with its end repaired, what goes
// between, and b; joining many lines, each is copied once.
func joinParts(a, b string, v *vocab, c *Counts) (aOut, sep, bOut, review string) {
	a = strings.TrimRight(a, " ")
	b = strings.TrimLeft(b, " ")
	rest, left, soft, ok := hyphenBreak(a)
	if !ok {
		a = restoreHyphen(a, v, c)
		if strings.HasSuffix(a, "—") || strings.HasSuffix(a, "/") || strings.IndexAny(b, "⁰¹²³⁴⁵⁶⁷⁸⁹") == 0 {
			return a, "", b, ""
		}
		return a, " ", b, ""
	}
	right := firstWord(b)
	d, sure := decideHyphen(left, right, soft, v)
	if d == joinWord {
		c.HyphensJoined++
		if !sure {
			review = "hyphen removed in " + strings.ToLower(left+right) + ` ("` + left + "-" + right + `" also occurs)`
		}
		return rest, "", b, review
	}
	c.HyphensKept++
	if !sure {
		review = `hyphen kept in "` + left + "-" + right + `" at a line end; it may be a hyphenation of "` + left + right + `"`
	}
	if soft {
		return rest + "-", "", b, review
	}
	return a, "", b, review
}

// joinAll joins lines into one text, repairing each line end; it returns
// the reviews of the hyphens it could not decide.
func joinAll(lines []string, v *vocab, c *Counts) (string, []string) {
	if len(lines) == 0 {
		return "", nil
	}
	var b strings.Builder
	var reviews []string
	cur := strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		aOut, sep, bOut, review := joinParts(cur, l, v, c)
		b.WriteString(aOut)
		b.WriteString(sep)
		cur = bOut
		if review != "" {
			reviews = append(reviews, review)
		}
	}
	b.WriteString(cur)
	return b.String(), reviews
}

// joinLines joins a paragraph's lines into its text.
func joinLines(p *para, v *vocab, c *Counts) {
	var reviews []string
	p.text, reviews = joinAll(p.lines, v, c)
	p.reviews = append(p.reviews, reviews...)
}

// restoreHyphen puts back the hyphen of a compound that pdftotext joined
// when it broke at a line end ("socio-|cultural" extracted as
// "sociocultural"): the line's last word, when the text has it
// hyphenated more often than not.
func restoreHyphen(a string, v *vocab, c *Counts) string {
	end := len(strings.TrimRightFunc(a, func(r rune) bool { return !unicode.IsLetter(r) }))
	start := strings.LastIndexFunc(a[:end], func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) + 1
	tok := a[start:end]
	seg := strings.LastIndex(tok, "-") + 1 // the hyphen is put back in the last part
	low := strings.ToLower(tok)
	if len(tok)-seg < 5 {
		return a
	}
	for j := seg + 2; j <= len(tok)-2; j++ {
		// The hyphenated form must be the text's usual one.
		if v.words[low[:j]+"-"+low[j:]] > v.words[low] {
			c.HyphensKept++
			return a[:start+j] + "-" + a[start+j:]
		}
	}
	return a
}

// restoreCompounds puts back, anywhere in a paragraph, the hyphen of a
// compound that pdftotext's plain output joined at a line end and moved
// up with the rest of the next line: a word the text mostly hyphenates.
// Each goes to review, since the author may have written both forms.
func restoreCompounds(p *para, v *vocab, c *Counts) {
	var b strings.Builder
	last := 0
	s := p.text
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && r != '-' {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		tok := s[i:j]
		if fixed := restoreHyphen(tok, v, c); fixed != tok {
			b.WriteString(s[last:i])
			b.WriteString(fixed)
			last = j
			p.reviews = append(p.reviews, fmt.Sprintf("hyphen restored in %q (pdftotext drops a hyphen that ends a line; the text writes it so elsewhere)", fixed))
		}
		i = j
	}
	if last > 0 {
		b.WriteString(s[last:])
		p.text = b.String()
	}
}
