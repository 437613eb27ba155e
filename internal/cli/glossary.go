package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

type glossaryOptions struct {
	json bool
	anki bool
}

func (a *app) glossaryCmd() *cobra.Command {
	var o glossaryOptions
	cmd := &cobra.Command{
		Use:     "glossary [TERM]",
		Aliases: []string{"g", "define"},
		Short:   "List the glossary, or look up a term however you spell it",
		Long: `With no TERM, list every glossary term with its one-line definition.

With a TERM, show its full entry: definition, explanation, how the paper uses
it, where the paper uses it (computed from the text), related terms and
sources. TERM matches the term, its abbreviations, Chinese characters and
pinyin, ignoring case and accents, and forgives typos, abbreviations and
missing letters ("authoritarian resiliance", "grid mgmt", "kmt", "儒家").
When several terms fit, or the query only comes close to a term (a short
word misspelt, a beginning), the candidates are listed instead; with --json,
as {"query", "match": "ambiguous" or "closest", "candidates": […]}. With
--json, errors are JSON too, on standard error: {"error", "hints"}.`,
		Example: `  margin glossary
  margin glossary "authoritarian resilience"
  margin glossary grid mgmt
  margin glossary 失信被执行人
  margin glossary --json > glossary.json
  margin glossary --anki > vochelet-glossary.txt   # then File > Import in Anki`,
		RunE:              run(func(_ *cobra.Command, args []string) error { return a.runGlossary(args, o) }),
		ValidArgsFunction: a.completeTerms,
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON (SKOS-like field names)")
	cmd.Flags().BoolVar(&o.anki, "anki", false, "print an Anki import file (tab-separated; re-importing updates the cards)")
	cmd.MarkFlagsMutuallyExclusive("json", "anki")
	return cmd
}

func (a *app) runGlossary(args []string, o glossaryOptions) error {
	switch {
	case o.json || o.anki:
	case len(args) > 0:
		a.prepare()
	default:
		a.prepare()
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	entries, err := rd.Glossary()
	if err != nil {
		return err
	}
	if o.anki {
		if len(args) > 0 {
			return usagef([]string{"margin glossary --anki > cards.txt exports the whole glossary"}, "--anki exports the whole glossary; it takes no TERM")
		}
		return writeAnki(a.io.out, rd, entries)
	}
	if len(args) == 0 {
		if o.json {
			return a.writeJSON(glossaryJSON(entries))
		}
		return a.emit(glossaryList(entries))
	}
	query := strings.Join(args, " ")
	if err := checkQuery("glossary query", query, "'margin glossary hukou'"); err != nil {
		return err
	}
	m, err := rd.MatchTerm(query)
	var amb *reading.AmbiguousError
	if errors.As(err, &amb) {
		cands := entriesNamed(entries, amb.Candidates)
		if o.json {
			return a.writeJSON(candidatesJSON{Query: amb.Query, Match: "ambiguous", Candidates: summaryJSON(cands)})
		}
		return a.emit(candidatesList(fmt.Sprintf("“%s” fits several terms:", amb.Query), cands))
	}
	if err != nil {
		return err
	}
	if !m.Sure {
		cands := append([]*reading.Entry{m.Entry}, m.Others...)
		if o.json {
			return a.writeJSON(candidatesJSON{Query: strings.TrimSpace(query), Match: "closest", Candidates: summaryJSON(cands)})
		}
		return a.emit(candidatesList(fmt.Sprintf("No term is called “%s”; the closest:", strings.TrimSpace(query)), cands))
	}
	if o.json {
		return a.writeJSON(glossaryJSON([]*reading.Entry{m.Entry})[0])
	}
	return a.emit(render.EntryPage(rd, m.Entry))
}

// entriesNamed returns the entries with these terms, in the order given.
func entriesNamed(entries []*reading.Entry, terms []string) []*reading.Entry {
	var out []*reading.Entry
	for _, name := range terms {
		for _, e := range entries {
			if e.Term == name {
				out = append(out, e)
			}
		}
	}
	return out
}

func glossaryList(entries []*reading.Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Glossary (%d terms)\n\n", len(entries))
	for _, e := range entries {
		fmt.Fprintf(&b, "- **%s**: %s\n", render.EscapeInline(e.Term), e.Definition)
	}
	b.WriteString("\n→ `margin glossary TERM` for the full entry\n")
	return b.String()
}

// candidatesList lists the entries a query might mean, under a heading
// that says why the query did not open one.
func candidatesList(heading string, cands []*reading.Entry) string {
	var b strings.Builder
	b.WriteString(render.EscapeInline(heading) + "\n\n")
	for _, e := range cands {
		fmt.Fprintf(&b, "- **%s**: %s\n", render.EscapeInline(e.Term), e.Definition)
	}
	b.WriteString("\n→ `margin glossary TERM` with one of these\n")
	return b.String()
}

// candidatesJSON is what glossary --json prints when a query does not name
// one entry: Match is "ambiguous" (several fit equally) or "closest" (the
// nearest guesses, best first).
type candidatesJSON struct {
	Query      string             `json:"query"`
	Match      string             `json:"match"`
	Candidates []entrySummaryJSON `json:"candidates"`
}

type entrySummaryJSON struct {
	ID         string `json:"id"`
	PrefLabel  string `json:"prefLabel"`
	Definition string `json:"definition"`
}

func summaryJSON(entries []*reading.Entry) []entrySummaryJSON {
	out := make([]entrySummaryJSON, 0, len(entries))
	for _, e := range entries {
		out = append(out, entrySummaryJSON{ID: e.ID, PrefLabel: e.Term, Definition: e.Definition})
	}
	return out
}

type entryJSON struct {
	ID         string           `json:"id"`
	PrefLabel  string           `json:"prefLabel"`
	AltLabel   []string         `json:"altLabel,omitempty"`
	Definition string           `json:"definition"`
	Note       string           `json:"scopeNote,omitempty"`
	Related    []string         `json:"related,omitempty"`
	Contested  bool             `json:"contested"`
	Uses       []useJSON        `json:"usedIn"`
	Sources    []reading.Source `json:"sources"`
}

type useJSON struct {
	Section string `json:"section"`
	Count   int    `json:"count"`
}

func glossaryJSON(entries []*reading.Entry) []entryJSON {
	out := make([]entryJSON, 0, len(entries))
	for _, e := range entries {
		j := entryJSON{ID: e.ID, PrefLabel: e.Term, AltLabel: e.Alt, Definition: e.Definition, Note: e.Body,
			Related: e.Related, Contested: e.Contested, Sources: e.Sources, Uses: []useJSON{}}
		for _, u := range e.Uses {
			j.Uses = append(j.Uses, useJSON{u.Section, u.Count})
		}
		out = append(out, j)
	}
	return out
}

// writeJSON prints v as indented JSON, with every control and bidi
// character escaped (see sanitize.JSON).
func (a *app) writeJSON(v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	_, err = a.io.out.Write(append(sanitize.JSON(data), '\n'))
	return err
}
