package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/margin-reader/margin/internal/pdfimport"
	"github.com/margin-reader/margin/internal/safefile"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

// maxImportBytes bounds the file margin import reads: a PDF of a few
// hundred pages is well under it.
const maxImportBytes = 256 << 20

// importOptions are margin import's flags.
type importOptions struct {
	out    string
	dryRun bool
	force  bool
}

func (a *app) importCmd() *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Turn a PDF, a text extraction or a Markdown file into a reading folder",
		Long: `Turn a paper into a reading folder in margin's format (docs/FORMAT.md),
which 'margin --reading DIR' opens.

FILE is a PDF (its text is extracted with pdftotext, from poppler-utils), a
plain-text extraction or a Markdown file; - reads text from standard input.
margin repairs what extraction breaks: words hyphenated at line and page
ends (the document's own words tell a hyphenation from a real hyphen),
paragraphs split by page breaks, running heads, feet and page numbers, note
markers (superscripts, digits glued to words) into [^N] with the notes
section parsed into text/endnotes.yaml, headings into numbered sections
with the abstract apart, the title and byline into text/paper.yaml, and
ligatures and escapes.

It prints a summary of the repairs, and lists what it could not decide for
sure (a hyphen, a heading level, a number that may be a note marker) in
IMPORT-REVIEW.md in the folder, each at its file and line. The folder is
written whole or not at all; an existing one is replaced only with --force.`,
		Example: `  margin import paper.pdf -o week5             # a PDF, through pdftotext
  margin import extraction.txt -o week3
  margin import extraction.txt --dry-run        # the repairs and the review list, nothing written
  cat extraction.txt | margin import - -o week4
  margin check week3
  margin --reading week3 toc`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef([]string{"margin import paper.pdf -o DIR"}, "margin import takes one file, got %d", len(args))
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error { return a.runImport(cmd.Context(), args[0], o) }),
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "the reading folder to write (default: the file's name without its extension)")
	f.BoolVar(&o.dryRun, "dry-run", false, "print the summary and the review list, write nothing")
	f.BoolVar(&o.force, "force", false, "replace an existing, non-empty output folder")
	return cmd
}

// importHints are the hints for each input error.
func importHints(err error) []string {
	switch {
	case errors.Is(err, pdfimport.ErrNoPdftotext):
		return []string{"install poppler-utils: sudo apt-get install poppler-utils (Debian, Ubuntu), brew install poppler (macOS)",
			"or extract the text yourself and import the .txt file"}
	case errors.Is(err, pdfimport.ErrEncrypted):
		return []string{"remove the password first, e.g. qpdf --decrypt in.pdf out.pdf, then import out.pdf"}
	case errors.Is(err, pdfimport.ErrImageOnly):
		return []string{"OCR it first, e.g. ocrmypdf in.pdf out.pdf, then import out.pdf"}
	case errors.Is(err, pdfimport.ErrBinary):
		return []string{"margin import takes a PDF, a plain-text extraction (.txt) or Markdown (.md)"}
	case errors.Is(err, pdfimport.ErrUTF16):
		return []string{"save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8 in.txt > out.txt"}
	case errors.Is(err, pdfimport.ErrEmpty), errors.Is(err, pdfimport.ErrNoText):
		return []string{"check that the file is the paper, and not an empty export"}
	case errors.Is(err, pdfimport.ErrExists):
		return []string{"choose another folder with -o DIR, or replace it with --force"}
	case errors.Is(err, pdfimport.ErrNotFolder):
		return []string{"choose another folder with -o DIR"}
	}
	return nil
}

func (a *app) runImport(ctx context.Context, file string, o importOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	name, data, err := a.readImport(file)
	if err != nil {
		return err
	}
	if o.out == "" && !o.dryRun {
		if file == "-" {
			return usagef([]string{"cat paper.txt | margin import - -o DIR"}, "reading from standard input needs -o DIR")
		}
		o.out = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	if !o.dryRun {
		// Checked before the work, and again by Write.
		if st, err := os.Stat(o.out); err == nil && !st.IsDir() {
			err := fmt.Errorf("%s: %w", o.out, pdfimport.ErrNotFolder)
			return &hintError{err, importHints(err)}
		}
		if entries, err := os.ReadDir(o.out); err == nil && len(entries) > 0 && !o.force {
			err := fmt.Errorf("%s: %w", o.out, pdfimport.ErrExists)
			return &hintError{err, importHints(err)}
		}
	}
	res, err := importData(ctx, file, data)
	if err != nil {
		return &hintError{fmt.Errorf("importing %s: %w", name, err), importHints(err)}
	}
	if !o.dryRun {
		if err := res.Write(o.out, o.force); err != nil {
			return &hintError{err, importHints(err)}
		}
	}
	w := a.io.errOut
	if o.dryRun {
		w = a.io.out
	}
	return printImportReport(w, name, o, res)
}

// readImport reads the file to import, or standard input for "-".
func (a *app) readImport(file string) (name string, data []byte, err error) {
	if file == "-" {
		data, err = io.ReadAll(io.LimitReader(a.io.in, maxImportBytes+1))
		if err != nil {
			return "", nil, fmt.Errorf("reading standard input: %w", err)
		}
		if len(data) > maxImportBytes {
			return "", nil, fmt.Errorf("standard input is over %s", safefile.Size(maxImportBytes))
		}
		return "standard input", data, nil
	}
	data, err = safefile.ReadFile(file, maxImportBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, &hintError{fmt.Errorf("no file %s", file), []string{"margin import takes the path of a PDF, .txt or .md file"}}
	}
	if err != nil {
		return "", nil, err
	}
	return file, data, nil
}

// importData imports a file's bytes: a PDF through pdftotext, text as it
// is.
func importData(ctx context.Context, file string, data []byte) (*pdfimport.Result, error) {
	kind, err := pdfimport.Detect(data)
	if err != nil {
		return nil, err
	}
	text := string(data)
	if kind == pdfimport.KindPDF {
		path := file
		if file == "-" {
			tmp, err := os.CreateTemp("", "margin-import-*.pdf")
			if err != nil {
				return nil, err
			}
			defer os.Remove(tmp.Name())
			if _, err := tmp.Write(data); err != nil {
				tmp.Close()
				return nil, err
			}
			tmp.Close()
			path = tmp.Name()
		}
		if text, err = pdfimport.Pdftotext(ctx, os.Getenv("MARGIN_PDFTOTEXT"), path); err != nil {
			return nil, err
		}
	}
	if kind == pdfimport.KindPDF {
		return pdfimport.Layout(text)
	}
	return pdfimport.Text(text)
}

// printImportReport prints what was imported, the repairs and the review
// list.
func printImportReport(w io.Writer, name string, o importOptions, res *pdfimport.Result) error {
	var b strings.Builder
	printed := len(res.Endnotes) - len(res.Unprinted)
	into := "into " + o.out
	if o.dryRun {
		into = "(dry run: nothing written)"
	}
	fmt.Fprintf(&b, "margin: imported %s %s: %q, %s, %s", name, into, res.Meta.Title, importPlural(len(res.Sections), "section"), importPlural(printed, "endnote"))
	if len(res.Unprinted) > 0 {
		fmt.Fprintf(&b, " (+%d cited but not printed)", len(res.Unprinted))
	}
	b.WriteString("\n")
	for _, l := range res.Counts.Lines() {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	review := res.Review()
	switch {
	case len(review) == 0:
		b.WriteString("Nothing to review.\n")
	case o.dryRun:
		fmt.Fprintf(&b, "To review (%d):\n", len(review))
	default:
		fmt.Fprintf(&b, "To review (%d, also in %s):\n", len(review), filepath.Join(o.out, pdfimport.ReviewFile))
	}
	for _, it := range review {
		fmt.Fprintf(&b, "  %s\n", it)
	}
	if !o.dryRun {
		fmt.Fprintf(&b, "Next: margin --reading %s toc\n", o.out)
	}
	_, err := io.WriteString(w, sanitize.String(b.String()))
	return err
}

// importPlural is "1 section", "2 sections".
func importPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
