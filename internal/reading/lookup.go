package reading

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/margin-reader/margin/internal/fold"
	"github.com/sahilm/fuzzy"
)

// Match tiers, best first.
const (
	tierNone  = 0
	tierFuzzy = 1 // letters in order (sahilm/fuzzy)
	tierWords = 2 // every query word matches a label word: exactly, as a prefix, an abbreviation or within a typo
	tierExact = 3 // the whole label, folded
)

type candidate struct {
	idx   int
	tier  int
	score float64
	// strong is true when the match leaves little doubt: the whole label,
	// or every query word matching a label word whole, or misspelt or cut
	// short when it is long enough not to match by chance.
	strong bool
}

// rank scores items by their labels against a query and returns the
// candidates of the best tier that has any, best first.
func rank(query string, n int, labels func(i int) []string) []candidate {
	q := fold.Fold(query)
	qWords := fold.Words(query)
	if q == "" {
		return nil
	}
	var cands []candidate
	for i := 0; i < n; i++ {
		best := candidate{idx: i}
		for _, l := range labels(i) {
			c := scoreLabel(q, qWords, l)
			if c.tier > best.tier || c.tier == best.tier && (c.score > best.score || c.score == best.score && c.strong) {
				best.tier, best.score, best.strong = c.tier, c.score, c.strong
			}
		}
		if best.tier > tierNone {
			cands = append(cands, best)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	top := 0
	for _, c := range cands {
		top = max(top, c.tier)
	}
	out := cands[:0]
	for _, c := range cands {
		if c.tier == top {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

func scoreLabel(q string, qWords []string, label string) candidate {
	l := fold.Fold(label)
	if l == "" {
		return candidate{}
	}
	if l == q {
		return candidate{tier: tierExact, score: 1, strong: true}
	}
	if s, strong, ok := wordScore(qWords, fold.Words(label)); ok {
		return candidate{tier: tierWords, score: s, strong: strong}
	}
	if ms := fuzzy.Find(strings.ReplaceAll(q, " ", ""), []string{l}); len(ms) == 1 && utf8.RuneCountInString(q) >= 3 && compact(ms[0].MatchedIndexes, len(q)) {
		// Normalise sahilm/fuzzy's unbounded score into (0, 1).
		return candidate{tier: tierFuzzy, score: 1 / (1 + float64(max(0, 100-ms[0].Score))/50)}
	}
	return candidate{}
}

// compact reports whether a fuzzy match's letters lie close together: within
// twice the query's length. Letters in order scattered across a long label
// ("xinjang" in "Shehui Xinyong Tixi Jianshe Guihua Gangyao") are chance,
// not a misspelling.
func compact(idx []int, qlen int) bool {
	return len(idx) > 0 && idx[len(idx)-1]-idx[0] < 2*qlen
}

// wordScore matches every query word to a distinct label word and returns the
// mean match quality, weighted by how much of the label was covered, and
// whether every word matched strongly (see strongWord).
func wordScore(qWords, lWords []string) (score float64, strong, ok bool) {
	if len(qWords) == 0 || len(lWords) == 0 {
		return 0, false, false
	}
	used := make([]bool, len(lWords))
	total := 0.0
	strong = true
	for _, qw := range qWords {
		bestJ, bestQ := -1, 0.0
		for j, lw := range lWords {
			if used[j] {
				continue
			}
			if q := wordMatch(qw, lw); q > bestQ {
				bestJ, bestQ = j, q
			}
		}
		if bestJ < 0 {
			return 0, false, false
		}
		used[bestJ] = true
		total += bestQ
		strong = strong && strongWord(qw, bestQ)
	}
	coverage := float64(len(qWords)) / float64(len(lWords))
	return total / float64(len(qWords)) * (0.5 + 0.5*min(coverage, 1)), strong, true
}

// strongWord reports whether a query word's match (of quality q, from
// wordMatch) leaves little doubt: the whole word, or a typo or a beginning
// of a word of five letters or more ("resilence", "surveil"). A short word
// misspelt ("1984" for 1989) or cut short ("ai") and an abbreviation are
// guesses.
func strongWord(qw string, q float64) bool {
	switch q {
	case 1:
		return true
	case 0.8, 0.7:
		return utf8.RuneCountInString(qw) >= 5
	}
	return false
}

// wordMatch rates how well a query word matches a label word, 0 for not at all.
func wordMatch(qw, lw string) float64 {
	switch {
	case qw == lw:
		return 1
	case utf8.RuneCountInString(qw) >= 2 && strings.HasPrefix(lw, qw):
		return 0.8
	case fold.WithinDistance(qw, lw, fold.MaxEdits(lw)):
		return 0.7
	case isAbbrev(qw, lw):
		return 0.6
	}
	return 0
}

// isAbbrev reports whether qw abbreviates lw: same first letter, and its
// letters appear in lw in order ("mgmt" for "management", "vals" for "values").
func isAbbrev(qw, lw string) bool {
	q, l := []rune(qw), []rune(lw)
	if len(q) < 2 || len(q) >= len(l) || q[0] != l[0] {
		return false
	}
	j := 0
	for _, r := range l {
		if j < len(q) && r == q[j] {
			j++
		}
	}
	return j == len(q)
}

// closest returns up to n labels nearest to the query, for hints: best-tier
// candidates first, then labels within a generous edit distance.
func closest(query string, n int, labels func(i int) []string, name func(i int) string, count int) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] && len(out) < n {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, c := range rank(query, count, labels) {
		add(name(c.idx))
	}
	type dist struct {
		idx, d int
	}
	q := fold.Fold(query)
	var ds []dist
	for i := 0; i < count; i++ {
		best := 1 << 30
		for _, l := range labels(i) {
			best = min(best, fold.Distance(q, fold.Fold(l)))
		}
		ds = append(ds, dist{i, best})
	}
	sort.SliceStable(ds, func(a, b int) bool { return ds[a].d < ds[b].d })
	for _, d := range ds {
		if d.d <= max(3, utf8.RuneCountInString(q)/2) {
			add(name(d.idx))
		}
	}
	return out
}

// decide turns ranked candidates into one choice, an ambiguity or nothing.
// A candidate wins outright when it is exact or clearly ahead of the next.
func decide(cands []candidate) (winner int, ambiguous []int) {
	switch {
	case len(cands) == 0:
		return -1, nil
	case len(cands) == 1, cands[0].tier == tierExact && len(cands) >= 1 && (len(cands) == 1 || cands[1].score < cands[0].score),
		cands[0].score-cands[1].score >= 0.15:
		return cands[0].idx, nil
	}
	for _, c := range cands {
		if cands[0].score-c.score < 0.15 {
			ambiguous = append(ambiguous, c.idx)
		}
	}
	return -1, ambiguous
}

// FindSection resolves a section query: a number ("2.1"), a slug, or words
// of a title matched forgivingly ("coercive", "asian values chinese").
func (r *Reading) FindSection(query string) (*Section, error) {
	q := strings.TrimSpace(query)
	if s := r.byNumber[strings.TrimSuffix(q, ".")]; s != nil {
		return s, nil
	}
	for _, s := range r.Sections {
		if s.Slug == q {
			return s, nil
		}
	}
	labels := func(i int) []string {
		s := r.Sections[i]
		return []string{s.Title, strings.ReplaceAll(s.Slug, "-", " ")}
	}
	name := func(i int) string { return r.Sections[i].Label() }
	win, amb := decide(rank(q, len(r.Sections), labels))
	if win >= 0 {
		return r.Sections[win], nil
	}
	if len(amb) > 0 {
		return nil, &AmbiguousError{What: "section", Query: q, Candidates: names(amb, name)}
	}
	if isSectionNumber(q) {
		return nil, &NotFoundError{What: "section", Query: q, Closest: r.closestNumbers(q, 3)}
	}
	return nil, &NotFoundError{What: "section", Query: q, Closest: closest(q, 3, labels, name, len(r.Sections))}
}

// isSectionNumber reports whether q looks like a section number: digits
// and dots, starting with a digit.
func isSectionNumber(q string) bool {
	if q == "" || q[0] < '0' || q[0] > '9' {
		return false
	}
	return strings.Trim(q, "0123456789.") == ""
}

// closestNumbers names the n sections whose numbers are fewest edits from
// q ("7.3" gives 2.3 and 3.1 …), in reading order among equals.
func (r *Reading) closestNumbers(q string, n int) []string {
	secs := append([]*Section(nil), r.Sections...)
	sort.SliceStable(secs, func(i, j int) bool {
		return fold.Distance(q, secs[i].Number) < fold.Distance(q, secs[j].Number)
	})
	var out []string
	for _, s := range secs[:min(n, len(secs))] {
		out = append(out, s.Label())
	}
	return out
}

// LookupTerm finds the glossary entry a query names: by any label, hidden
// ones included, ignoring case and accents, then forgiving typos,
// abbreviations and letters left out.
func (r *Reading) LookupTerm(query string) (*Entry, error) {
	m, err := r.MatchTerm(query)
	return m.Entry, err
}

// TermMatch is the glossary entry a query found, and how sure the match is.
type TermMatch struct {
	Entry *Entry
	// Sure is true when the query names the entry: its id or a label, or
	// every word of the query matches a word of a label whole (or misspelt
	// or cut short when long enough). Otherwise the entry is only the
	// closest guess.
	Sure bool
	// Others are the next closest entries, best first, when the match is
	// not sure.
	Others []*Entry
}

// MatchTerm is LookupTerm, saying how sure the match is.
func (r *Reading) MatchTerm(query string) (TermMatch, error) {
	entries, err := r.Glossary()
	if err != nil {
		return TermMatch{}, err
	}
	q := strings.TrimSpace(query)
	labels := func(i int) []string { return entries[i].AllLabels() }
	name := func(i int) string { return entries[i].Term }
	if e, ok := r.Entry(q); ok {
		return TermMatch{Entry: e, Sure: true}, nil
	}
	if e := exactLabel(entries, q); e != nil {
		return TermMatch{Entry: e, Sure: true}, nil
	}
	cands := rank(q, len(entries), labels)
	win, amb := decide(cands)
	if win >= 0 {
		m := TermMatch{Entry: entries[win], Sure: cands[0].tier == tierExact || cands[0].strong}
		if !m.Sure {
			for _, c := range cands[1:min(len(cands), 4)] {
				m.Others = append(m.Others, entries[c.idx])
			}
		}
		return m, nil
	}
	if len(amb) > 0 {
		return TermMatch{}, &AmbiguousError{What: "term", Query: q, Candidates: names(amb, name)}
	}
	shown := func(i int) []string { return entries[i].Labels() }
	return TermMatch{}, &NotFoundError{What: "term", Query: q, Closest: closest(q, 3, shown, name, len(entries))}
}

// exactLabel returns the one entry with a label equal to q once folded, or
// nil when none or several have one (ranking then decides or lists them).
func exactLabel(entries []*Entry, q string) *Entry {
	fq := fold.Fold(q)
	var found *Entry
	for _, e := range entries {
		for _, l := range e.AllLabels() {
			if fold.Fold(l) != fq {
				continue
			}
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	return found
}

// FindNote finds a fact-check note by its id, a unique beginning of it, or
// words of it matched forgivingly, like sections and terms ("si" when one
// id starts so, "horsley score", "singapor compliance"). Several notes
// fitting as well give an AmbiguousError.
func (r *Reading) FindNote(id string) (*Note, error) {
	notes, err := r.Notes()
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(strings.TrimSpace(id))
	var prefixed []int
	for i, n := range notes {
		if n.ID == q {
			return n, nil
		}
		if strings.HasPrefix(n.ID, q) && q != "" {
			prefixed = append(prefixed, i)
		}
	}
	name := func(i int) string { return notes[i].ID }
	switch {
	case len(prefixed) == 1:
		return notes[prefixed[0]], nil
	case len(prefixed) > 1:
		return nil, &AmbiguousError{What: "note", Query: id, Candidates: names(prefixed, name)}
	}
	ids := func(i int) []string { return []string{strings.ReplaceAll(notes[i].ID, "-", " ")} }
	win, amb := decide(rank(q, len(notes), ids))
	if win >= 0 {
		return notes[win], nil
	}
	if len(amb) > 0 {
		return nil, &AmbiguousError{What: "note", Query: id, Candidates: names(amb, name)}
	}
	labels := func(i int) []string { return []string{strings.ReplaceAll(notes[i].ID, "-", " "), notes[i].Claim} }
	return nil, &NotFoundError{What: "note", Query: id, Closest: closest(q, 3, labels, name, len(notes))}
}

func names(idx []int, name func(int) string) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = name(k)
	}
	return out
}
