package cli

import (
	"errors"
	"fmt"
	margin "github.com/margin-reader/margin"
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
	opt, err := searchOpts(o)
	if err != nil {
		return err
	}
	rd, err := a.load()
	if err != nil {
		return err
	}
	c, err := corpus.Restore(rd, margin.SearchCorpus())
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
	ro, err := a.opts.renderOptions(a.io)
	if err != nil {
		return err
	}
	return a.emit(resultsMarkdown(c, query, results, ro.Plain))
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

func resultsMarkdown(c *corpus.Corpus, query string, results []search.Result, plain bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Search: “%s” (%d results)\n\n", render.EscapeInline(sanitize.Line(query)), len(results))
	for _, kind := range kindOrder {
		first := true
		for _, r := range results {
			d := c.Docs[r.Doc]
			if d.Kind != kind {
				continue
			}
			if first {
				fmt.Fprintf(&b, "### %s\n\n", kindHeading[kind])
				first = false
			}
			fmt.Fprintf(&b, "- %s\n  %s\n  → `%s`\n", where(d), highlight(r.Snippet, r.Highlights, plain), openCommand(d))
		}
		if !first {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// where says where a result is.
func where(d search.Doc) string {
	switch d.Kind {
	case search.KindSection, search.KindText:
		return "**§" + d.Section + "**"
	case search.KindGlossary:
		return "**" + render.EscapeInline(d.Title) + "**"
	case search.KindNote:
		return "**note " + d.Ref + "** (§" + d.Section + ")"
	case search.KindEndnote:
		return "**endnote " + d.Ref + "**"
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

// highlight escapes a snippet and marks its highlighted rune spans: bold on a
// terminal, « » in plain text.
func highlight(snippet string, spans []search.Span, plain bool) string {
	open, close := "**", "**"
	if plain {
		open, close = "«", "»"
	}
	rs := []rune(snippet)
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		if sp.Start < last || sp.End > len(rs) || sp.Start >= sp.End {
			continue
		}
		b.WriteString(render.EscapeRun(string(rs[last:sp.Start])))
		b.WriteString(open + render.EscapeRun(string(rs[sp.Start:sp.End])) + close)
		last = sp.End
	}
	b.WriteString(render.EscapeRun(string(rs[last:])))
	return b.String()
}

type resultJSON struct {
	Kind       string   `json:"kind"`
	Ref        string   `json:"ref"`
	Section    string   `json:"section,omitempty"`
	Title      string   `json:"title,omitempty"`
	Field      string   `json:"field"`
	Snippet    string   `json:"snippet"`
	Highlights [][2]int `json:"highlights"`
	Score      float64  `json:"score"`
	Open       string   `json:"open"`
}

func resultsJSON(c *corpus.Corpus, results []search.Result) []resultJSON {
	out := make([]resultJSON, 0, len(results))
	for _, r := range results {
		d := c.Docs[r.Doc]
		j := resultJSON{Kind: string(d.Kind), Ref: d.Ref, Section: d.Section, Title: d.Title, Field: r.Field,
			Snippet: r.Snippet, Highlights: [][2]int{}, Score: r.Score, Open: openCommand(d)}
		for _, h := range r.Highlights {
			j.Highlights = append(j.Highlights, [2]int{h.Start, h.End})
		}
		out = append(out, j)
	}
	return out
}
