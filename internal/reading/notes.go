package reading

import (
	"errors"
	"fmt"
	"strings"
)

// Verdict is a fact-check rating, from one fixed scale.
type Verdict string

// The verdict scale, modelled on ClaimReview's reviewRating.
const (
	Accurate       Verdict = "accurate"
	MostlyAccurate Verdict = "mostly-accurate"
	Misleading     Verdict = "misleading"
	Inaccurate     Verdict = "inaccurate"
	Outdated       Verdict = "outdated"
	Contested      Verdict = "contested"
	Unverifiable   Verdict = "unverifiable"
	CitationError  Verdict = "citation-error"
)

// Verdicts lists the scale in order, best rating first.
var Verdicts = []Verdict{Accurate, MostlyAccurate, Misleading, Inaccurate, Outdated, Contested, Unverifiable, CitationError}

// Valid reports whether v is on the scale.
func (v Verdict) Valid() bool {
	for _, x := range Verdicts {
		if v == x {
			return true
		}
	}
	return false
}

// Label is the verdict in words: "mostly accurate".
func (v Verdict) Label() string { return strings.ReplaceAll(string(v), "-", " ") }

// Glyph is a one-column symbol for the verdict.
func (v Verdict) Glyph() string {
	switch v {
	case Accurate:
		return "✓"
	case MostlyAccurate:
		return "≈"
	case Misleading:
		return "!"
	case Inaccurate:
		return "✗"
	case Outdated:
		return "↺"
	case Contested:
		return "⇄"
	case Unverifiable:
		return "?"
	case CitationError:
		return "†" // a reference mark; § is margin's mark for a section
	}
	return "•"
}

// Rating places the verdict on ClaimReview's 1 (false) to 5 (true) scale;
// 0 means the scale does not apply (contested, unverifiable, citation error).
func (v Verdict) Rating() int {
	switch v {
	case Accurate:
		return 5
	case MostlyAccurate:
		return 4
	case Misleading, Outdated:
		return 2
	case Inaccurate:
		return 1
	}
	return 0
}

// Anchor locates a passage by its exact words, as a W3C TextQuoteSelector.
type Anchor struct {
	Exact  string `yaml:"exact" json:"exact"`
	Prefix string `yaml:"prefix" json:"prefix,omitempty"`
	Suffix string `yaml:"suffix" json:"suffix,omitempty"`
	// Position is a hint: the byte offset of the words in the section's
	// plain text (see Section.Offset) when the anchor was made; 0 when
	// unknown. Re-anchoring a changed text prefers, among equally good
	// places, the one nearest to it. A fact-check note may give it; when it
	// does not, it is computed when the note is loaded.
	Position int `yaml:"position" json:"position,omitempty"`
}

// Note is a fact-check note anchored to a claim in the paper.
type Note struct {
	ID       string
	Section  string
	Anchor   Anchor
	Claim    string
	Verdict  Verdict
	Endnotes []int
	Related  []string
	Sources  []Source
	// Summary is the body's first paragraph; Body is the rest.
	Summary string
	Body    string
	// Loc is where the anchor stands, resolved at load time.
	Loc Location
}

type noteMeta struct {
	Section  string   `yaml:"section"`
	Anchor   Anchor   `yaml:"anchor"`
	Claim    string   `yaml:"claim"`
	Verdict  Verdict  `yaml:"verdict"`
	Endnotes []int    `yaml:"endnotes"`
	Related  []string `yaml:"related"`
	Sources  []Source `yaml:"sources"`
}

func parseNote(name, id string, data []byte) (*Note, error) {
	var m noteMeta
	body, bodyLine, text, err := parseDoc(name, data, &m)
	if text == nil {
		return nil, err
	}
	var errs Errors
	errs.collect(name, err)
	n := &Note{ID: id, Section: m.Section, Anchor: m.Anchor, Claim: strings.TrimSpace(m.Claim),
		Verdict: m.Verdict, Endnotes: m.Endnotes, Related: m.Related, Sources: m.Sources}
	n.Summary, n.Body = splitFirstParagraph(unwrap(body))
	for _, err := range n.check() {
		errs = append(errs, locate(name, text, bodyLine, err))
	}
	return n, errs.err()
}

// check returns every mistake in the note's fields.
func (n *Note) check() []error {
	var errs []error
	if !slugRe.MatchString(n.ID) {
		errs = append(errs, fmt.Errorf("id %q is not lower-case kebab-case", n.ID))
	}
	if n.Section == "" {
		errs = append(errs, &fieldError{"section", errors.New("no section")})
	}
	if strings.TrimSpace(n.Anchor.Exact) == "" {
		errs = append(errs, &fieldError{"anchor", errors.New("no anchor.exact")})
	}
	if n.Claim == "" {
		errs = append(errs, &fieldError{"claim", errors.New("no claim")})
	}
	if !n.Verdict.Valid() {
		errs = append(errs, &fieldError{"verdict", fmt.Errorf("verdict %q is not one of %s", n.Verdict, verdictList())})
	}
	if n.Summary == "" {
		errs = append(errs, &fieldError{"", errors.New("no body")})
	}
	return append(errs, checkSources(n.Sources, true)...)
}

func verdictList() string {
	var ss []string
	for _, v := range Verdicts {
		ss = append(ss, string(v))
	}
	return strings.Join(ss, ", ")
}
