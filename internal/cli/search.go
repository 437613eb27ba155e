package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/render"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/margin-reader/margin/internal/search"
	"github.com/spf13/cobra"
)

type searchOptions struct {
	in    []string
	limit int
	json  bool
}

// searchKinds maps the --in names to document kinds.
var searchKinds = map[string][]search.Kind{
	"text":     {search.KindSection, search.KindText},
	"glossary": {search.KindGlossary},
	"notes":    {search.KindNote},
	"endnotes": {search.KindEndnote},
}

var kindOrder = []search.Kind{search.KindSection, search.KindText, search.KindGlossary, search.KindNote, search.KindEndnote}

var kindHeading = map[search.Kind]string{
	search.KindSection:  "Sections",
	search.KindText:     "In the paper",
	search.KindGlossary: "Glossary",
	search.KindNote:     "Fact-check notes",
	search.KindEndnote:  "Endnotes",
}

func (a *app) searchCmd() *cobra.Command {
	var o searchOptions
	cmd := &cobra.Command{
		Use:     "search QUERY...",
		Aliases: []string{"find"},
		Short:   "Search the paper, glossary, fact-check notes and endnotes",
		Long: `Search every part of the reading: the paper's sentences and section titles,
the glossary, the fact-check notes and the endnotes. Words may come in any
order, be cut short or misspelt ("tianamen", "kosta survey"); case and
accents do not matter. Results are grouped by kind and ranked, each with where
it is, a snippet with the matched words highlighted (bold on a terminal,
between « » in plain text) and the command that opens it.

With no results, margin says so, suggests words from the reading, and exits
with status 1.`,
		Example: `  margin search tiananmen
  margin search kostka survey
  margin search "grid management" --in glossary,notes
  margin search horsley --json`,
		Args: cobra.MinimumNArgs(1),
		RunE: run(func(_ *cobra.Command, args []string) error { return a.runSearch(args, o) }),
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.in, "in", nil, "where to search: text, glossary, notes, endnotes (default: all)")
	f.IntVar(&o.limit, "limit", 5, "results per kind")
	f.BoolVar(&o.json, "json", false, "print JSON")
	_ = cmd.RegisterFlagCompletionFunc("in", cobra.FixedCompletions([]string{"text", "glossary", "notes", "endnotes"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) runSearch(args []string, o searchOptions) error {
	query := strings.Join(args, " ")
	if err := checkQuery("search query", query, "'margin search tiananmen'"); err != nil {
		return err
	}
	opt, err := searchOpts(o)
	if err != nil {
		return err
	}
	c, err := a.corpus()
	if err != nil {
		return err
	}
	results, err := c.Index.Search(query, opt)
	if errors.Is(err, search.ErrEmptyQuery) {
		return usagef([]string{"search for words, e.g. 'margin search tiananmen'"}, "the search query is empty")
	}
	if err != nil {
		return err
	}
	if len(results) == 0 {
		hint := "try fewer or other words"
		if s := c.Index.Suggest(query, 3); len(s) > 0 {
			hint = "did you mean: " + strings.Join(s, "; ") + "?"
		}
		return &hintError{fmt.Errorf("no results for %q", sanitize.Line(query)), []string{hint}}
	}
	if o.json {
		return a.writeJSON(resultsJSON(c, results))
	}
	ro, err := a.renderOptions()
	if err != nil {
		return err
	}
	return a.page(render.Hits(resultsTitle(query, len(results)), resultGroups(c, results), ro))
}

func searchOpts(o searchOptions) (search.Options, error) {
	if o.limit < 1 || o.limit > 1000 {
		return search.Options{}, usagef([]string{"use a --limit from 1 to 1000"}, "invalid --limit %d", o.limit)
	}
	opt := search.Options{Limit: o.limit}
	for _, name := range o.in {
		kinds, ok := searchKinds[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			return opt, usagef([]string{"use --in with text, glossary, notes or endnotes"}, "cannot search in %q", name)
		}
		opt.Kinds = append(opt.Kinds, kinds...)
	}
	return opt, nil
}

func resultsTitle(query string, n int) string {
	noun := "results"
	if n == 1 {
		noun = "result"
	}
	return fmt.Sprintf("Search: “%s” (%d %s)", sanitize.Line(query), n, noun)
}

// resultGroups groups the results by kind, in kindOrder, keeping their rank
// within each kind.
func resultGroups(c *corpus.Corpus, results []search.Result) []render.HitGroup {
	var groups []render.HitGroup
	for _, kind := range kindOrder {
		g := render.HitGroup{Heading: kindHeading[kind]}
		for _, r := range results {
			d := c.Docs[r.Doc]
			if d.Kind != kind {
				continue
			}
			h := render.Hit{Where: where(d), Snippet: r.Snippet, Open: openCommand(d)}
			for _, sp := range r.Highlights {
				h.Marks = append(h.Marks, render.Mark{Start: sp.Start, End: sp.End})
			}
			if h.Snippet == h.Where && d.Body != "" {
				// The title is already the heading: show what the entry says.
				h.Snippet, h.Marks = bodyStart(d.Body), nil
			} else if r.Label != "" && kind == search.KindGlossary {
				h.Where += " (also called " + r.Label + ")"
				h.Snippet, h.Marks = bodyStart(d.Body), nil
			}
			g.Hits = append(g.Hits, h)
		}
		groups = append(groups, g)
	}
	return groups
}

// bodyStartRunes is how much of a document's text stands for it in results.
const bodyStartRunes = 160

// bodyStart is the beginning of a document's text, cut between words.
func bodyStart(body string) string {
	r := []rune(body)
	if len(r) <= bodyStartRunes {
		return body
	}
	cut := bodyStartRunes
	for cut > bodyStartRunes/2 && r[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// where says where a result is.
func where(d search.Doc) string {
	switch d.Kind {
	case search.KindSection, search.KindText:
		return "§" + d.Section
	case search.KindGlossary:
		return d.Title
	case search.KindNote:
		return "note " + d.Ref + " (§" + d.Section + ")"
	case search.KindEndnote:
		return "endnote " + d.Ref
	}
	return ""
}

// openCommand is the command that opens a result.
func openCommand(d search.Doc) string {
	switch d.Kind {
	case search.KindGlossary:
		return "margin glossary " + d.Ref
	case search.KindNote:
		return "margin notes " + d.Ref
	case search.KindEndnote:
		return "margin endnotes " + d.Ref
	}
	return "margin read " + d.Section
}

type resultJSON struct {
	Kind       string   `json:"kind"`
	Ref        string   `json:"ref"`
	Section    string   `json:"section,omitempty"`
	Title      string   `json:"title,omitempty"`
	Field      string   `json:"field"`
	Snippet    string   `json:"snippet"`
	Label      string   `json:"label,omitempty"`
	Highlights [][2]int `json:"highlights"`
	Score      float64  `json:"score"`
	Open       string   `json:"open"`
}

func resultsJSON(c *corpus.Corpus, results []search.Result) []resultJSON {
	out := make([]resultJSON, 0, len(results))
	for _, r := range results {
		d := c.Docs[r.Doc]
		j := resultJSON{Kind: string(d.Kind), Ref: d.Ref, Section: d.Section, Title: d.Title, Field: r.Field,
			Snippet: r.Snippet, Label: r.Label, Highlights: [][2]int{}, Score: r.Score, Open: openCommand(d)}
		for _, h := range r.Highlights {
			j.Highlights = append(j.Highlights, [2]int{h.Start, h.End})
		}
		out = append(out, j)
	}
	return out
}
