package cli

import (
	"fmt"
	"strings"

	"github.com/margin-reader/margin/internal/biblio"
	"github.com/margin-reader/margin/internal/handout"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

func (a *app) citeCmd() *cobra.Command {
	var style string
	cmd := &cobra.Command{
		Use:   "cite",
		Short: "Cite the paper (Chicago and APA)",
		Long: `Print the paper's own citation in Chicago (notes and bibliography) and APA
style, or only the style you ask for with --style.

Where the paper was published is only probably known: margin gives the
venue with a note saying how sure it is, and never invents a volume, an
issue or page numbers. For the references the paper itself cites, see
'margin endnotes --format bibtex' or '--format csl-json'.

(Here --style names a citation style; it replaces the global --style.)`,
		Example: `  margin cite
  margin cite --style apa`,
		Args:              cobra.NoArgs,
		RunE:              run(func(_ *cobra.Command, _ []string) error { return a.runCite(style) }),
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.Flags().StringVar(&style, "style", "", "citation style: chicago or apa (default both)")
	_ = cmd.RegisterFlagCompletionFunc("style", cobra.FixedCompletions(biblio.Styles, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) runCite(style string) error {
	styles := biblio.Styles
	if style != "" {
		s := strings.ToLower(strings.TrimSpace(style))
		if s != "chicago" && s != "apa" {
			return usagef([]string{"citation styles: " + strings.Join(biblio.Styles, ", ")}, "unknown citation style %q", style)
		}
		styles = []string{s}
	}
	a.prepare()
	rd, err := a.load()
	if err != nil {
		return err
	}
	proper := biblio.ProperNouns(rd)
	var b strings.Builder
	for _, s := range styles {
		c, err := biblio.Cite(rd.Meta, s, proper)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "**%s**\n\n%s\n\n", c.Name, handout.CitationMarkdown(c.Text))
	}
	if rd.Meta.VenueNote != "" {
		fmt.Fprintf(&b, "**Where it was published:** %s\n\n", render.EscapeInline(rd.Meta.VenueNote))
		b.WriteString("The citation gives the journal and year as the likeliest venue, and no volume, issue or pages.\n")
	}
	return a.emit(b.String())
}
