package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

func (a *app) checkCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [PATH]",
		Short: "Check a reading folder or compiled file and report every problem",
		Long: `Check a reading, as an author would before sharing it: PATH is a reading
folder (docs/FORMAT.md) or a compiled .margin file, by default the current
folder. Every file is read, prep.yaml included, and every problem is reported
at once, one a line, as a compiler reports them:

  notes/foo.md:12:3: error: …
  glossary/x.md:4: warning: …

Errors are what stops margin from opening the reading. Warnings point at what
an author may want to fix: sources with no date or not found (seen:
not-found), endnotes no section cites, sections that no note or glossary term
touches. margin check exits with status 1 when there is an error, 0 otherwise
(warnings alone included).`,
		Example: `  margin check ~/seminar/lamplighter
  margin check ~/seminar/lamplighter --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			path := "."
			if len(args) == 1 {
				path = args[0]
			}
			return a.runCheck(path, len(args) == 1, asJSON)
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print the problems as a JSON array of {"file", "line", "col", "severity", "message"}`)
	return cmd
}

// checkHint says what margin check takes.
const checkHint = "'margin check PATH' takes a reading folder (text/, glossary/, notes/: see docs/FORMAT.md) or a compiled .margin file"

func (a *app) runCheck(path string, given, asJSON bool) error {
	a.loadingWhole()
	diags, err := checkPath(path, given)
	if err != nil {
		return err
	}
	for i := range diags {
		diags[i].File = filepath.Join(path, diags[i].File)
		diags[i].Message = sanitize.Line(diags[i].Message)
	}
	errs, warnings := reading.CountErrors(diags)
	if asJSON {
		if diags == nil {
			diags = []reading.Diagnostic{}
		}
		if err := a.writeJSON(diags); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		for _, d := range diags {
			b.WriteString(sanitize.Line(d.String()) + "\n")
		}
		if _, err := a.io.out.Write([]byte(b.String())); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("%s and %s in %s", plural(errs, "error"), plural(warnings, "warning"), path)
	if errs > 0 {
		return &hintError{fmt.Errorf("%s", summary), []string{"fix the errors above: margin cannot open the reading until they are gone"}}
	}
	if !asJSON {
		summary = fmt.Sprintf("no errors, %s in %s", plural(warnings, "warning"), path)
		if warnings == 0 {
			summary = "no problems in " + path
		}
		_, err = fmt.Fprintf(a.io.errOut, "margin: %s\n", sanitize.Line(summary))
	}
	return err
}

// checkPath checks the reading folder or compiled file at path. given says
// whether the user named it: the current folder, taken by default, must
// look like a reading.
func checkPath(path string, given bool) ([]reading.Diagnostic, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, &hintError{fmt.Errorf("no reading at %s: no such file or folder", path), []string{checkHint}}
	case !st.IsDir():
		rd, err := openCompiled(path)
		if err != nil {
			return nil, err
		}
		return rd.Check(), nil
	case !reading.LooksLikeReading(os.DirFS(path)):
		if !given {
			return nil, &hintError{fmt.Errorf("the current folder is not a reading: it has no text/*.md"), []string{checkHint}}
		}
		return nil, &hintError{fmt.Errorf("%s is not a reading: it has no text/*.md", path), []string{checkHint}}
	}
	return reading.Check(os.DirFS(path)), nil
}
