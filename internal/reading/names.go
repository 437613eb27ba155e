package reading

import (
	"io/fs"
	"strings"

	"github.com/margin-reader/margin/internal/fold"
)

// FindName resolves a query among named things the way sections and terms
// are found: ignoring case, accents, hyphens and word order, forgiving a
// small typo or a word cut short. labels(i) are the names of thing i;
// name(i) is how hints show it. It returns the index of the one thing the
// query names for sure, or a *NotFoundError (with the closest names) or
// an *AmbiguousError, whose What is what.
func FindName(what, query string, count int, labels func(i int) []string, name func(i int) string) (int, error) {
	q := strings.TrimSpace(query)
	spaced := func(i int) []string {
		var out []string
		for _, l := range labels(i) {
			out = append(out, l, strings.NewReplacer("-", " ", "_", " ").Replace(l))
		}
		return out
	}
	if i := squashedMatch(q, count, labels); i >= 0 {
		return i, nil
	}
	if i := typoMatch(q, count, labels); i >= 0 {
		return i, nil
	}
	cands := rank(q, count, spaced)
	win, amb := decide(cands)
	if win >= 0 {
		for _, c := range cands {
			if c.idx == win && (c.strong || c.tier == tierExact) {
				return win, nil
			}
		}
	}
	if len(amb) > 0 {
		return -1, &AmbiguousError{What: what, Query: q, Candidates: names(amb, name)}
	}
	return -1, &NotFoundError{What: what, Query: q, Closest: closest(q, 3, spaced, name, count)}
}

// LoadMeta reads only the metadata of the reading folder in fsys
// (text/paper.yaml), its id derived when it gives none, for a library
// that names readings without loading them.
func LoadMeta(fsys fs.FS) (Meta, error) {
	r := &Reading{fsys: fsys}
	err := r.loadMeta()
	return r.Meta, err
}

// squashedMatch returns the one thing whose label equals the query once
// both are folded and stripped of all but letters and digits ("Paper-2"
// and "paper2"), or -1.
func squashedMatch(q string, count int, labels func(i int) []string) int {
	key := squash(q)
	found := -1
	for i := 0; i < count && key != ""; i++ {
		for _, l := range labels(i) {
			if squash(l) == key && found != i {
				if found >= 0 {
					return -1
				}
				found = i
			}
		}
	}
	return found
}

// squash folds s and keeps only its letters and digits.
func squash(s string) string {
	return strings.Join(fold.Words(s), "")
}

// typoMatch returns the one thing whose label is within the typing errors
// fold.MaxEdits allows of the query (both squashed: "lmap" for "lamp"), or
// -1 when none is, or several are.
func typoMatch(q string, count int, labels func(i int) []string) int {
	key := squash(q)
	budget := fold.MaxEdits(key)
	found := -1
	for i := 0; i < count && budget > 0; i++ {
		for _, l := range labels(i) {
			if fold.WithinDistance(key, squash(l), budget) && found != i {
				if found >= 0 {
					return -1
				}
				found = i
			}
		}
	}
	return found
}
