package reading

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
)

// Fit says how well an anchor matched the text it was located in.
type Fit int

const (
	// FitExact: the quoted words stand in the text as quoted, with their
	// prefix and suffix, once, in the section the anchor names.
	FitExact Fit = iota
	// FitApprox: the words were found only approximately (a word changed),
	// or with another context, or in another section (Location.From names
	// the section the anchor named). Location.Found holds the text there.
	FitApprox
	// FitOrphan: the words were not found at all. The location marks
	// nothing (its Para is -1); the note is kept and listed as an orphan.
	FitOrphan
)

// String names the fit: "exact", "approximate" or "orphan".
func (f Fit) String() string {
	switch f {
	case FitExact:
		return "exact"
	case FitApprox:
		return "approximate"
	case FitOrphan:
		return "orphan"
	}
	return fmt.Sprintf("Fit(%d)", int(f))
}

// Location is a span of a section's plain text.
type Location struct {
	Section string
	Para    int // index into Section.Paragraphs; -1 for an orphan
	Start   int // byte offsets into Paragraph.Plain
	End     int
	// Fit says how the anchor matched; the zero value is FitExact.
	Fit Fit
	// Found is the text at the place, when Fit is FitApprox.
	Found string
	// From is the section the anchor named, when it was found in another
	// (a passage that moved); empty otherwise.
	From string
}

// Orphan reports whether the location marks nothing (FitOrphan).
func (l Location) Orphan() bool { return l.Fit == FitOrphan }

// orphanAt is the location of an anchor not found, named after section.
func orphanAt(section string) Location {
	return Location{Section: section, Para: -1, Fit: FitOrphan}
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

// normAnchor is an anchor's text as it is matched: white space collapsed,
// curly quotes straightened.
type normAnchor struct{ exact, prefix, suffix string }

func normalise(a Anchor) normAnchor {
	exact, _ := normQuotes(collapse(a.Exact))
	prefix, _ := normQuotes(collapse(a.Prefix))
	suffix, _ := normQuotes(collapse(a.Suffix))
	return normAnchor{exact, prefix, suffix}
}

// exactHits finds where the anchor's words stand in section s: hits, where
// its prefix and suffix stand around them too, and loose, every place of the
// words whatever stands around them.
func exactHits(s *Section, na normAnchor) (hits, loose []cand) {
	if na.exact == "" {
		return nil, nil
	}
	for i, p := range s.normalised().paras {
		text := p.text
		for from := 0; ; {
			k := strings.Index(text[from:], na.exact)
			if k < 0 {
				break
			}
			start, end := from+k, from+k+len(na.exact)
			c := cand{sec: s, para: i, start: start, end: end}
			loose = append(loose, c)
			if hasAffix(text[:start], na.prefix, true) && hasAffix(text[end:], na.suffix, false) {
				hits = append(hits, c)
			}
			_, size := utf8.DecodeRuneInString(text[start:])
			from = start + size
		}
	}
	return hits, loose
}

// LocateExact finds the one place in section s where the anchor's words
// stand, with its prefix and suffix. Curly and straight quotes count as the
// same, and runs of white space as one space; otherwise the match is exact.
// Anything else (no such place, or several) is an *AnchorError. It is the
// check for a new anchor (a note being added or re-attached); Locate finds
// an existing anchor in a text that may have changed.
func LocateExact(s *Section, a Anchor) (Location, error) {
	hits, loose := exactHits(s, normalise(a))
	if len(hits) == 1 {
		return hits[0].exactLocation(), nil
	}
	err := &AnchorError{Section: s.Number, Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Count: len(hits)}
	if len(hits) == 0 {
		err.ExactCount = len(loose)
		if len(loose) == 0 {
			err.Closest = ClosestPassage(s, a.Exact)
		}
	}
	return Location{}, err
}

// Locate finds an anchor in section s, the way Hypothesis re-anchors an
// annotation in a changed document: first the exact words with their
// prefix and suffix (Fit FitExact); when they are not there, the best of
// the places where the words stand with another context, or else of the
// places that come within a bounded number of errors of them (Fit
// FitApprox, Found holding the text there), scored by how like the quote,
// the prefix and the suffix they are and how near a.Position; when nothing
// comes near, an orphan (Fit FitOrphan). Several places that all match
// exactly are an *AnchorError (Count > 1): the anchor does not say which;
// unless it has a position hint (a personal note's), when the nearest wins
// (Fit FitApprox).
func Locate(s *Section, a Anchor) (Location, error) {
	na := normalise(a)
	hits, loose := exactHits(s, na)
	switch {
	case len(hits) == 1:
		return hits[0].exactLocation(), nil
	case len(hits) > 1 && a.Position > 0:
		// The words and their context now stand twice (a sentence was
		// repeated): the one nearest where they stood.
		c, _ := pickBest(na, a.Position, hits)
		return c.location(), nil
	case len(hits) > 1:
		return Location{}, &AnchorError{Section: s.Number, Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Count: len(hits)}
	}
	if c, ok := bestApprox(s, na, a.Position, loose); ok {
		return c.location(), nil
	}
	return orphanAt(s.Number), nil
}

// Locate finds an anchor made on the named section of this reading: in that
// section first (see the function Locate), then, when it is an orphan
// there, its exact words in the other sections, in case the passage moved
// (Fit FitApprox, From naming the section the anchor named). An anchor that
// names no section, or one the reading does not have, is looked for in the
// whole reading, approximately too; there a single exact match is
// FitExact. The result is an
// orphan, named after section, when the words are nowhere near.
func (r *Reading) Locate(section string, a Anchor) (Location, error) {
	own := r.byNumber[section]
	if own != nil {
		loc, err := Locate(own, a)
		if err != nil || !loc.Orphan() {
			return loc, err
		}
	}
	na := normalise(a)
	var exact, loose []cand
	for _, s := range r.Sections {
		if s != own {
			hits, ls := exactHits(s, na)
			exact, loose = append(exact, hits...), append(loose, ls...)
		}
	}
	if own == nil && len(exact) == 1 {
		return exact[0].exactLocation(), nil
	}
	// A passage that moved keeps its words: elsewhere, only the exact words
	// count (an approximate match in another section is too likely to be
	// another passage), with their context if they can.
	best, found := pickBest(na, 0, exact)
	if !found {
		best, found = pickBest(na, 0, loose)
	}
	if !found && own == nil {
		// The anchor names no section we have: the whole reading is its
		// own section.
		for _, s := range r.Sections {
			if c, ok := bestApprox(s, na, 0, nil); ok && (!found || c.score > best.score) {
				best, found = c, true
			}
		}
	}
	if !found {
		return orphanAt(section), nil
	}
	loc := best.location()
	loc.From = section
	return loc, nil
}

// Offset is the byte offset of a location in its section's plain text (the
// paragraphs' Plain joined by one newline): the position hint an anchor
// keeps (Anchor.Position). It is 0 for an orphan.
func (s *Section) Offset(l Location) int {
	if l.Para < 0 || l.Para >= len(s.Paragraphs) {
		return 0
	}
	return s.normalised().offsets[l.Para] + l.Start
}

// Context returns up to n bytes of the text on each side of a location,
// within its paragraph and cut at word boundaries: the prefix and suffix a
// new anchor keeps (Hypothesis keeps 32 characters each side), so that a
// changed text can be matched on them too.
func (s *Section) Context(l Location, n int) (prefix, suffix string) {
	if l.Para < 0 || l.Para >= len(s.Paragraphs) {
		return "", ""
	}
	p := s.Paragraphs[l.Para].Plain
	from := max(0, l.Start-n)
	for from > 0 && from < l.Start && p[from-1] != ' ' {
		from++
	}
	to := min(len(p), l.End+n)
	for to < len(p) && to > l.End && p[to] != ' ' {
		to--
	}
	return p[from:l.Start], p[l.End:to]
}

// TextHash is a short hash of the section's plain text: a note keeps the
// hash of the text it was made on, so that margin can tell when the text
// has changed since.
func (s *Section) TextHash() string {
	n := s.normalised()
	normMu.Lock()
	defer normMu.Unlock()
	if n.hash == "" {
		n.hash = s.computeHash()
	}
	return n.hash
}

// At returns the location of the words quote at the position hint offset
// (see Offset), if they stand there exactly: the quick way to find a note
// made on this very text (its text hash the section's), as Hypothesis
// tries an annotation's position before searching for its quote.
func (s *Section) At(offset int, quote string) (Location, bool) {
	n := s.normalised()
	for i, start := range n.offsets {
		plain := s.Paragraphs[i].Plain
		if offset < start || offset > start+len(plain) {
			continue
		}
		at := offset - start
		if quote != "" && strings.HasPrefix(plain[at:], quote) {
			return Location{Section: s.Number, Para: i, Start: at, End: at + len(quote)}, true
		}
		return Location{}, false
	}
	return Location{}, false
}

func (s *Section) computeHash() string {
	h := sha256.New()
	for i, p := range s.Paragraphs {
		if i > 0 {
			h.Write([]byte{'\n'})
		}
		h.Write([]byte(p.Plain))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// normSection is a section's text as anchors are matched against it,
// computed once per section (see Section.normalised).
type normSection struct {
	paras   []normPara
	offsets []int  // each paragraph's offset in the section's plain text
	size    int    // the length of the section's plain text
	hash    string // TextHash, once computed
}

type normPara struct {
	text string // Plain, curly quotes straightened
	back []int  // for each byte offset of text (and its length), the offset in Plain
}

// normMu guards every Section's norm.
var normMu sync.Mutex

// normalised returns the section's normalised text, computing it on first
// use: locating a thousand notes in a section normalises it once. A
// section's paragraphs must not change once it has been used.
func (s *Section) normalised() *normSection {
	normMu.Lock()
	defer normMu.Unlock()
	if s.norm != nil {
		return s.norm
	}
	n := &normSection{paras: make([]normPara, len(s.Paragraphs)), offsets: make([]int, len(s.Paragraphs))}
	off := 0
	for i, p := range s.Paragraphs {
		text, back := normQuotes(p.Plain)
		n.paras[i] = normPara{text, back}
		n.offsets[i] = off
		off += len(p.Plain) + 1
	}
	n.size = max(off-1, 0)
	s.norm = n
	return n
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

// place settles a note located at load: one found in another section moves
// there (Loc.From keeps the section its file names), and the anchor keeps
// the position hint of where it stands when its file gives none.
func (n *Note) place(r *Reading) {
	if n.Loc.Orphan() {
		return
	}
	n.Section = n.Loc.Section
	if s := r.byNumber[n.Section]; s != nil && n.Anchor.Position == 0 && n.Loc.Fit == FitExact {
		n.Anchor.Position = s.Offset(n.Loc)
	}
}

// AnchorWarning describes how a note's anchor fits the text, for a
// validator such as margin check: "" for an exact anchor; else one line
// saying that the words were found only approximately (and what the text
// reads there), in another section, or not at all (an orphan, kept).
func (n *Note) AnchorWarning() string {
	l := n.Loc
	switch {
	case l.Orphan():
		return fmt.Sprintf("the words %q are no longer in section %s; the note is kept as an orphan", n.Anchor.Exact, l.Section)
	case l.Fit == FitApprox && l.From != "" && l.From != l.Section:
		return fmt.Sprintf("the words %q are no longer in section %s but in section %s: %q", n.Anchor.Exact, l.From, l.Section, l.Found)
	case l.Fit == FitApprox && l.Found == collapse(n.Anchor.Exact):
		return fmt.Sprintf("the words %q stand in section %s, but not between the anchor's prefix and suffix", n.Anchor.Exact, l.Section)
	case l.Fit == FitApprox:
		return fmt.Sprintf("the words %q matched only approximately in section %s: the text reads %q", n.Anchor.Exact, l.Section, l.Found)
	}
	return ""
}
