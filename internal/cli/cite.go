package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/margin-reader/margin/internal/biblio"
	"github.com/margin-reader/margin/internal/handout"
	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

// citeFormats are the formats of margin cite: two citation styles, and two
// bibliography formats for citation managers.
var citeFormats = []string{"chicago", "apa", "bibtex", "csl-json"}

func (a *app) citeCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "cite",
		Short: "Cite the paper (Chicago, APA, BibTeX or CSL-JSON)",
		Long: `Print the paper's own citation in Chicago (notes and bibliography) and APA
style, or only the format you ask for with --format: chicago, apa, or
bibtex and csl-json for a citation manager.

Where the paper was published is only probably known: margin gives the
venue with a note saying how sure it is, and never invents a volume, an
issue or page numbers. For the references the paper itself cites, see
'margin endnotes --format bibtex' or '--format csl-json'.`,
		Example: `  margin cite
  margin cite --format apa
  margin cite --format bibtex >> references.bib
  margin --style light cite`,
		Args:              cobra.NoArgs,
		RunE:              run(func(_ *cobra.Command, _ []string) error { return a.runCite(format) }),
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.Flags().StringVar(&format, "format", "", "chicago, apa, bibtex or csl-json (default: chicago and apa)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(citeFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (a *app) runCite(format string) error {
	if slices.Contains(citeFormats, strings.ToLower(a.opts.style)) {
		return usagef([]string{"margin cite --format " + strings.ToLower(a.opts.style) + " (--style is the colour style of all output)"},
			"%q is a citation format, not a style", a.opts.style)
	}
	styles := biblio.Styles
	if format != "" {
		f := strings.ToLower(strings.TrimSpace(format))
		if !slices.Contains(citeFormats, f) {
			return usagef([]string{"citation formats: " + strings.Join(citeFormats, ", ")}, "unknown citation format %q", format)
		}
		styles = []string{f}
	}
	switch styles[0] {
	case "bibtex", "csl-json":
		rd, err := a.load()
		if err != nil {
			return err
		}
		if styles[0] == "bibtex" {
			_, err = io.WriteString(a.io.out, biblio.PaperBibTeX(rd.Meta))
			return err
		}
		return biblio.WritePaperCSL(a.io.out, rd.Meta)
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
		if rd.Meta.IsBook() {
			b.WriteString("The citation gives the publisher and year as the likeliest, and no edition or place.\n")
		} else {
			b.WriteString("The citation gives the journal and year as the likeliest venue, and no volume, issue or pages.\n")
		}
	}
	return a.emit(b.String())
}
