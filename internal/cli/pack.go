package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/margin-reader/margin/internal/pack"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/safefile"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

func (a *app) packCmd() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "pack FOLDER",
		Short: "Compile a reading folder into one .margin file to share",
		Long: `Compile a reading folder (text/, glossary/ and notes/, as docs/FORMAT.md
describes) into one file: the reading parsed, its glossary, its notes, its
seminar prep and its search index, with a format version and a checksum.
Students open it with --reading FILE (or $MARGIN_READING) exactly as the
folder itself, and margin starts on it without parsing anything.

The file is named after the reading's id (text/paper.yaml), in the current
folder, unless -o names it; it is written whole or not at all. A mistake in
the folder is reported, file and line, and nothing is written.`,
		Example: `  margin pack ~/seminar/orwell               # writes <id>.margin here
  margin pack ~/seminar/orwell -o orwell.margin
  margin --reading orwell.margin toc`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef([]string{"name the reading folder to compile, e.g. 'margin pack ~/seminar/orwell'"}, "margin pack takes one folder, not %d arguments", len(args))
			}
			return nil
		},
		RunE: run(func(_ *cobra.Command, args []string) error { return a.runPack(args[0], output) }),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file (default: the reading's id and .margin, in the current folder)")
	return cmd
}

func (a *app) runPack(dir, output string) error {
	a.loadingWhole()
	rd, err := loadPackFolder(dir)
	if err != nil {
		return err
	}
	data, err := pack.Compile(rd)
	if err != nil {
		return &runError{fmt.Errorf("compiling %s: %w", dir, err)}
	}
	if output == "" {
		output = packName(rd, dir)
	}
	if err := safefile.WriteFile(output, data, 0o644); err != nil {
		return &hintError{err, []string{writeHint(output)}}
	}
	entries, _ := rd.Glossary()
	notes, _ := rd.Notes()
	_, err = fmt.Fprintf(a.io.errOut, "margin: wrote %s (%d sections, %d glossary entries, %d notes; %s)\n",
		sanitize.Line(output), len(rd.Sections), len(entries), len(notes), byteSize(len(data)))
	return err
}

// loadPackFolder loads the reading folder dir, glossary and notes included,
// its mistakes named by file and line.
func loadPackFolder(dir string) (*reading.Reading, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &hintError{fmt.Errorf("no reading folder at %s", dir), []string{"margin pack takes a folder with text/, glossary/ and notes/ (see docs/FORMAT.md)"}}
	case err != nil:
		return nil, fmt.Errorf("opening %s: %w", dir, err)
	case !st.IsDir():
		return nil, &hintError{fmt.Errorf("%s is not a folder", dir), []string{"margin pack takes a folder with text/, glossary/ and notes/ (see docs/FORMAT.md); a .margin file is already compiled"}}
	}
	rd, err := reading.Load(os.DirFS(dir))
	if err == nil {
		_, err = rd.Glossary()
	}
	if err == nil {
		_, err = rd.Notes()
	}
	if err == nil {
		_, _, err = rd.Prep("")
	}
	if err != nil {
		return nil, &runError{fmt.Errorf("reading %s: %w", dir, err)}
	}
	return rd, nil
}

// safeName is a reading id that makes a file name as it is.
var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// packName is the default name of dir's compiled file: the reading's id,
// or the folder's name should the id not make a plain file name.
func packName(rd *reading.Reading, dir string) string {
	name := rd.Meta.ID
	if !safeName.MatchString(name) || len(name) > 200 {
		name = filepath.Base(filepath.Clean(dir))
		if abs, err := filepath.Abs(dir); err == nil {
			name = filepath.Base(abs)
		}
		if !safeName.MatchString(name) {
			name = "reading"
		}
	}
	return name + pack.Ext
}

// byteSize writes n bytes for people: 812 B, 1.2 MB.
func byteSize(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
