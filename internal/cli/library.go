package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/adrg/xdg"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/safefile"
	"github.com/margin-reader/margin/internal/sanitize"
	"github.com/spf13/cobra"
)

// compiledExt ends the name of a compiled reading file.
const compiledExt = ".margin"

// libraryHint says where the installed readings are listed.
const libraryHint = "run 'margin library' for the installed readings"

// dataDir is margin's data directory: $MARGIN_DATA_DIR, else margin/ under
// $XDG_DATA_HOME (the platform's data directory when it is not set), where
// marks.json is kept too.
func (a *app) dataDir() string {
	if dir := a.io.getenv("MARGIN_DATA_DIR"); dir != "" {
		return dir
	}
	if dir := a.io.getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "margin")
	}
	return filepath.Join(xdg.DataHome, "margin")
}

// libraryDir is where installed readings live: readings/ in the data
// directory, one folder or compiled file per reading, named by its name.
func (a *app) libraryDir() string { return filepath.Join(a.dataDir(), "readings") }

// libraryItem is one reading of the library.
type libraryItem struct {
	name    string
	path    string // "" for the built-in paper
	builtin bool
}

// installed lists the installed readings by name. A library that does
// not exist yet is empty; files margin did not put there are ignored, and
// so are the temporary ones of an install under way (their names start
// with a dot).
func (a *app) installed() ([]libraryItem, error) {
	dir := a.libraryDir()
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the library %s: %w", dir, err)
	}
	var out []libraryItem
	for _, e := range ents {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir():
			out = append(out, libraryItem{name: name, path: filepath.Join(dir, name)})
		case strings.HasSuffix(name, compiledExt) && e.Type().IsRegular():
			out = append(out, libraryItem{name: strings.TrimSuffix(name, compiledExt), path: filepath.Join(dir, name)})
		}
	}
	return out, nil
}

// builtinName is the built-in paper's name in the library: its reading id,
// read from its metadata alone (a small YAML file, not the whole reading).
var builtinName = sync.OnceValue(func() string {
	rd, err := builtinReading()
	if err != nil {
		return "built-in"
	}
	return rd.Meta.ID
})

// builtinReading returns the built-in paper (what load opens without
// --reading).
func builtinReading() (*reading.Reading, error) {
	b, err := builtinBundle()
	if err != nil {
		return nil, err
	}
	return b.Reading(), nil
}

// isBuiltin reports whether rd, the reading open, is the built-in paper:
// no --reading, or a reading with its id (the built-in one by name, or a
// copy of it), whose place is the one margin kept before it had others.
func (a *app) isBuiltin(rd *reading.Reading) bool {
	return a.readingDir() == "" || rd.Meta.ID == builtinName()
}

// library is every reading margin can open by name: the built-in paper
// first, then the installed ones.
func (a *app) library() ([]libraryItem, error) {
	items, err := a.installed()
	return append([]libraryItem{{name: builtinName(), builtin: true}}, items...), err
}

// openItem opens a reading of the library.
func openItem(it libraryItem) (*reading.Reading, error) {
	if it.builtin {
		return builtinReading()
	}
	return openPath(it.path)
}

// openPath opens the reading folder or compiled file at path, a folder
// compiled as margin pack would (see openReading).
func openPath(path string) (*reading.Reading, error) {
	if strings.HasSuffix(path, compiledExt) {
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			return openCompiled(path)
		}
	}
	b, err := openReading(path)
	if err != nil {
		return nil, err
	}
	return b.Reading(), nil
}

// readingID returns an item's reading id, reading as little as it can
// (a folder's text/paper.yaml); "" when it cannot be read.
func readingID(it libraryItem) string {
	if it.builtin {
		return it.name
	}
	if st, err := os.Stat(it.path); err == nil && st.IsDir() {
		m, err := reading.LoadMeta(os.DirFS(it.path))
		if err != nil {
			return ""
		}
		return m.ID
	}
	rd, err := openCompiled(it.path)
	if err != nil {
		return ""
	}
	return rd.Meta.ID
}

// resolveReading turns what --reading (or $MARGIN_READING) says into the
// path of the reading to open: a path that exists is itself; anything
// else is an installed reading's name or reading id, found however it is
// spelt. It returns "" for the built-in paper (and for no value). A value
// that is plainly a path is returned as it is, for the loader to say what
// is wrong with it.
func (a *app) resolveReading(value string) (string, error) {
	if value == "" {
		return "", nil
	}
	if _, err := os.Stat(value); err == nil || strings.ContainsRune(value, os.PathSeparator) ||
		strings.HasPrefix(value, ".") || strings.HasSuffix(value, compiledExt) || strings.HasPrefix(value, "~") {
		return value, nil
	}
	items, err := a.library()
	if err != nil {
		return "", err
	}
	it, err := findItem(items, value, true)
	if err != nil {
		return "", err
	}
	return it.path, nil
}

// findItem finds the reading a name names: by its name exactly, then by
// name or reading id (when byID) however they are spelt.
func findItem(items []libraryItem, query string, byID bool) (libraryItem, error) {
	for _, it := range items {
		if it.name == query {
			return it, nil
		}
	}
	ids := make([]string, len(items))
	if byID {
		for i, it := range items {
			ids[i] = readingID(it)
		}
	}
	labels := func(i int) []string {
		if ids[i] != "" && ids[i] != items[i].name {
			return []string{items[i].name, ids[i]}
		}
		return []string{items[i].name}
	}
	name := func(i int) string { return items[i].name }
	i, err := reading.FindName("reading", query, len(items), labels, name)
	if err == nil {
		return items[i], nil
	}
	return libraryItem{}, noReadingError(query, err)
}

// noReadingError is the error for a name that names no reading: "no
// reading named …", with the closest names and where to see them all.
func noReadingError(query string, err error) error {
	var nf *reading.NotFoundError
	var amb *reading.AmbiguousError
	hints := []string{libraryHint}
	switch {
	case errors.As(err, &amb):
		hints = []string{"be more specific, or use one of: " + strings.Join(amb.Candidates, "; "), libraryHint}
		return &hintError{fmt.Errorf("%q names %d readings", query, len(amb.Candidates)), hints}
	case errors.As(err, &nf) && len(nf.Closest) > 0:
		hints = []string{"did you mean: " + strings.Join(nf.Closest, "; ") + "?", libraryHint}
	}
	return &hintError{fmt.Errorf("no reading named %q", query), hints}
}

// completeReadings completes the names of the readings margin can open by
// name; the shell completes paths when none matches.
func (a *app) completeReadings(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	items, _ := a.library()
	return completeFold(toComplete, libraryCompletions(items)), cobra.ShellCompDirectiveDefault
}

// completeInstalled completes the names of the installed readings, for
// 'margin library rm'.
func (a *app) completeInstalled(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	items, _ := a.installed()
	return completeFold(toComplete, libraryCompletions(items)), cobra.ShellCompDirectiveNoFileComp
}

func libraryCompletions(items []libraryItem) []completion {
	var out []completion
	for _, it := range items {
		desc := "installed reading"
		if it.builtin {
			desc = "the built-in paper"
		}
		out = append(out, completion{it.name, desc})
	}
	return out
}

func (a *app) libraryCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "library",
		Short: "List the readings installed for --reading NAME, and install or remove them",
		Long: `List the readings margin can open by name: the built-in paper and those
installed with 'margin library add', each with its title, author, and counts of
sections and notes. Open one with 'margin --reading NAME' (the name, or the
reading's id, however it is spelt). Installed readings live in readings/ in
margin's data directory ($MARGIN_DATA_DIR, else margin/ in the XDG data
directory).`,
		Example: `  margin library
  margin library --json`,
		Args: unknownCommand,
		RunE: run(func(cmd *cobra.Command, _ []string) error { return a.runLibrary(asJSON) }),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the readings as JSON")
	cmd.AddCommand(a.libraryAddCmd(), a.libraryRmCmd())
	return cmd
}

// libraryEntryJSON is one reading as 'margin library --json' prints it.
type libraryEntryJSON struct {
	Name     string `json:"name"`
	ID       string `json:"id"`
	Title    string `json:"title"`
	Author   string `json:"author"`
	Sections int    `json:"sections"`
	Notes    int    `json:"notes"`
	BuiltIn  bool   `json:"builtin"`
	Path     string `json:"path,omitempty"`
	Error    string `json:"error,omitempty"`
}

// describe opens a library item and sums it up; a reading that does not
// open is described by its error, never a reason not to list the others.
func describe(it libraryItem) libraryEntryJSON {
	e := libraryEntryJSON{Name: it.name, BuiltIn: it.builtin, Path: it.path}
	rd, err := openItem(it)
	if err != nil {
		e.Error = firstError(err, it.path)
		return e
	}
	e.ID, e.Title, e.Author, e.Sections = rd.Meta.ID, rd.Meta.FullTitle(), rd.Meta.Author, len(rd.Sections)
	notes, err := rd.Notes()
	if err != nil {
		e.Error = firstError(err, it.path)
	}
	e.Notes = len(notes)
	return e
}

// firstError sums up why a reading does not open: its first mistake, and
// how many more 'margin check' would show.
func firstError(err error, path string) string {
	var errs reading.Errors
	switch {
	case !errors.As(err, &errs) || len(errs) == 0:
		return oneLine(err.Error())
	case len(errs) == 1:
		return oneLine(errs[0].Error())
	}
	return fmt.Sprintf("%s (and %s: run 'margin check %s')", oneLine(errs[0].Error()), plural(len(errs)-1, "more error"), path)
}

func (a *app) runLibrary(asJSON bool) error {
	items, err := a.library()
	if err != nil {
		return err
	}
	entries := make([]libraryEntryJSON, len(items))
	for i, it := range items {
		entries[i] = describe(it)
	}
	if asJSON {
		return a.writeJSON(entries)
	}
	st, err := a.settings()
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, e := range entries {
		writeLibraryEntry(&b, e, st.width)
	}
	if _, err := io.WriteString(a.io.out, b.String()); err != nil {
		return err
	}
	if len(items) == 1 {
		_, err = io.WriteString(a.io.errOut, "margin: hint: install a reading with 'margin library add PATH', then open it with 'margin --reading NAME'\n")
	}
	return err
}

// writeLibraryEntry writes one reading of the list: its name, then its
// title, and its author and counts, indented and wrapped to width.
func writeLibraryEntry(b *strings.Builder, e libraryEntryJSON, width int) {
	b.WriteString(sanitize.Line(e.Name))
	if e.BuiltIn {
		b.WriteString("  (built-in)")
	}
	b.WriteString("\n")
	indented := func(s string) {
		for _, l := range strings.Split(wrapWords(sanitize.Line(s), max(width-4, 20)), "\n") {
			b.WriteString("    " + l + "\n")
		}
	}
	if e.Title != "" {
		indented(e.Title)
		parts := []string{}
		if e.Author != "" {
			parts = append(parts, e.Author)
		}
		parts = append(parts, plural(e.Sections, "section"))
		if e.Error == "" {
			parts = append(parts, plural(e.Notes, "note"))
		}
		indented(strings.Join(parts, " · "))
	}
	if e.Error != "" {
		indented("cannot be opened: " + e.Error)
	}
}

// plural is "1 note" or "3 notes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func (a *app) libraryAddCmd() *cobra.Command {
	var name string
	var force bool
	cmd := &cobra.Command{
		Use:   "add PATH",
		Short: "Install a reading folder or compiled file in the library",
		Long: `Install a reading in the library, so that 'margin --reading NAME' opens it
from anywhere. PATH is a reading folder (its text/, glossary/ and notes/ are
copied) or a compiled .margin file. The reading is checked first, as 'margin
check' does: one with errors is not installed. The name is PATH's own name
unless --name gives another; a reading already installed under that name is
replaced only with --force.`,
		Example: `  margin library add ~/seminar/lamplighter
  margin library add ~/seminar/lamplighter --name lamp --force`,
		Args: cobra.ExactArgs(1),
		RunE: run(func(cmd *cobra.Command, args []string) error { return a.runLibraryAdd(args[0], name, force) }),
	}
	cmd.Flags().StringVar(&name, "name", "", "the name to install it under (default: PATH's own name)")
	cmd.Flags().BoolVar(&force, "force", false, "replace a reading already installed under that name")
	_ = cmd.RegisterFlagCompletionFunc("name", cobra.NoFileCompletions)
	return cmd
}

// nameRe is what a library name may be: letters, digits, dots, hyphens and
// underscores, starting with a letter or a digit, as a file name anywhere.
var nameRe = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$`)

// defaultName makes a library name from a path's last element: its words
// joined by hyphens, without the .margin ending.
func defaultName(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	base := strings.TrimSuffix(filepath.Base(path), compiledExt)
	f := strings.FieldsFunc(base, func(r rune) bool { return r == ' ' || r == '\t' || r == '/' || r == '\\' || r == ':' })
	return strings.Trim(strings.Join(f, "-"), ".-_")
}

func (a *app) runLibraryAdd(src, name string, force bool) error {
	a.loadingWhole()
	if name == "" {
		name = defaultName(src)
	}
	if !nameRe.MatchString(name) {
		return usagef([]string{"give a name of letters, digits, '.', '-' or '_' with --name"}, "%q cannot be a reading's name", name)
	}
	if strings.EqualFold(name, builtinName()) {
		return usagef([]string{"give it another name with --name"}, "%q is the built-in paper's name", name)
	}
	st, err := os.Stat(src)
	if err != nil {
		return &hintError{fmt.Errorf("no reading at %s: %w", src, errors.Unwrap(err)), []string{"'margin library add' takes a reading folder (docs/FORMAT.md) or a compiled .margin file"}}
	}
	items, err := a.installed()
	if err != nil {
		return err
	}
	var old *libraryItem
	for i, it := range items {
		if strings.EqualFold(it.name, name) {
			old = &items[i]
		}
	}
	if old != nil && !force {
		return &hintError{fmt.Errorf("a reading named %q is already installed", old.name), []string{"add --force to replace it, or give this one another name with --name"}}
	}
	if err := a.validate(src, st.IsDir()); err != nil {
		return err
	}
	if err := os.MkdirAll(a.libraryDir(), 0o755); err != nil {
		return fmt.Errorf("creating the library: %w", err)
	}
	dest := filepath.Join(a.libraryDir(), name)
	if !st.IsDir() {
		dest += compiledExt
	}
	if err := install(src, dest, st.IsDir(), old); err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.io.out, "Installed %s as %q: open it with 'margin --reading %s'.\n", sanitize.Line(src), name, name)
	return err
}

// validate checks the reading at src as 'margin check' does and refuses
// one with errors, printing them.
func (a *app) validate(src string, dir bool) error {
	var diags []reading.Diagnostic
	if dir {
		if !reading.LooksLikeReading(os.DirFS(src)) {
			return &hintError{fmt.Errorf("%s is not a reading folder: it has no text/*.md", src), []string{"a reading folder holds text/, glossary/ and notes/ (see docs/FORMAT.md)"}}
		}
		diags = reading.Check(os.DirFS(src))
	} else {
		rd, err := openCompiled(src)
		if err != nil {
			return err
		}
		diags = rd.Check()
	}
	errs, _ := reading.CountErrors(diags)
	if errs == 0 {
		return nil
	}
	for _, d := range diags {
		if d.Severity == reading.SeverityError {
			d.File = filepath.Join(src, d.File)
			fmt.Fprintln(a.io.errOut, sanitize.Line(d.String()))
		}
	}
	return &hintError{fmt.Errorf("%s has %s: not installed", src, plural(errs, "error")), []string{"fix them and run 'margin check " + src + "' to see that none is left"}}
}

// install copies the reading at src into the library at dest: into a
// temporary name first, then renamed into place, so that a failed install
// leaves nothing behind; old, when replaced, goes only once the new one
// is complete.
func install(src, dest string, dir bool, old *libraryItem) error {
	lib := filepath.Dir(dest)
	tmp, err := os.MkdirTemp(lib, ".add-")
	if err != nil {
		return fmt.Errorf("installing: %w", err)
	}
	defer os.RemoveAll(tmp) // the copy once renamed away, or what a failure left
	staged := filepath.Join(tmp, filepath.Base(dest))
	if dir {
		err = copyReadingFolder(src, staged)
	} else {
		err = copyFile(src, staged)
	}
	if err != nil {
		return fmt.Errorf("installing %s: %w", src, err)
	}
	if old != nil {
		if err := os.Rename(old.path, filepath.Join(tmp, "old")); err != nil {
			return fmt.Errorf("replacing %s: %w", old.name, err)
		}
	}
	if err := os.Rename(staged, dest); err != nil {
		if old != nil {
			_ = os.Rename(filepath.Join(tmp, "old"), old.path)
		}
		return fmt.Errorf("installing %s: %w", src, err)
	}
	return safefile.SyncDir(lib)
}

// readingDirs are the folders of a reading that margin reads, and so
// copies.
var readingDirs = []string{"text", "glossary", "notes"}

// copyReadingFolder copies a reading's content files (text/*.md and
// *.yaml, glossary/*.md, notes/*.md) from src into a new folder dest.
func copyReadingFolder(src, dest string) error {
	for _, d := range readingDirs {
		ents, err := os.ReadDir(filepath.Join(src, d))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dest, d), 0o755); err != nil {
			return err
		}
		for _, e := range ents {
			n := e.Name()
			if strings.HasPrefix(n, ".") || !(strings.HasSuffix(n, ".md") || d == "text" && strings.HasSuffix(n, ".yaml")) {
				continue
			}
			if err := copyFile(filepath.Join(src, d, n), filepath.Join(dest, d, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxCompiledBytes bounds a compiled reading margin installs.
const maxCompiledBytes = 256 << 20

// copyFile copies one regular file, bounded in size.
func copyFile(src, dest string) error {
	limit := int64(reading.MaxContentFileBytes)
	if strings.HasSuffix(src, compiledExt) {
		limit = maxCompiledBytes
	}
	data, err := safefile.ReadFile(src, limit)
	if err != nil {
		return err
	}
	return safefile.WriteFile(dest, data, 0o644)
}

func (a *app) libraryRmCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "rm NAME",
		Aliases: []string{"remove"},
		Short:   "Remove an installed reading from the library",
		Long: `Remove an installed reading: its copy in the library, never the folder or
file it was installed from. Your notes on it are kept. The built-in paper
cannot be removed.`,
		Example:           "  margin library rm lamplighter",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeInstalled,
		RunE:              run(func(cmd *cobra.Command, args []string) error { return a.runLibraryRm(args[0]) }),
	}
}

func (a *app) runLibraryRm(name string) error {
	if strings.EqualFold(name, builtinName()) {
		return &hintError{fmt.Errorf("the built-in paper cannot be removed"), []string{libraryHint}}
	}
	items, err := a.installed()
	if err != nil {
		return err
	}
	i := slices.IndexFunc(items, func(it libraryItem) bool { return it.name == name })
	if i < 0 {
		// Removing asks nothing, so it takes the exact name only: a name
		// found otherwise is only a hint.
		it, err := findItem(items, name, false)
		if err != nil {
			return err
		}
		return &hintError{fmt.Errorf("no reading named %q", name), []string{"did you mean " + it.name + "? 'margin library rm' takes the exact name", libraryHint}}
	}
	it := items[i]
	// Renamed away first, so that a removal cut short leaves no half
	// reading, only a hidden folder the library ignores.
	trash, err := os.MkdirTemp(a.libraryDir(), ".rm-")
	if err != nil {
		return fmt.Errorf("removing %s: %w", it.name, err)
	}
	defer os.RemoveAll(trash)
	if err := os.Rename(it.path, filepath.Join(trash, filepath.Base(it.path))); err != nil {
		return fmt.Errorf("removing %s: %w", it.name, err)
	}
	if err := os.RemoveAll(trash); err != nil {
		return fmt.Errorf("removing %s: %w", it.name, err)
	}
	_, err = fmt.Fprintf(a.io.out, "Removed %q from the library.\n", it.name)
	return err
}

// markOnReading checks that the personal note id is on the reading open,
// so that 'margin mark rm' never removes a note of another reading.
// Unknown ids are left to the store to report.
func (a *app) markOnReading(id string) error {
	rd, err := a.load()
	if err != nil {
		return err
	}
	all, err := a.marksStore().List()
	if err != nil {
		return storeError(err)
	}
	for _, m := range all {
		if m.ID == id && m.Reading != rd.Meta.ID {
			hint := "open that reading with --reading to remove it"
			if m.Reading == builtinName() {
				hint = "it is on the built-in paper: run 'margin mark rm " + id + "' without --reading"
			}
			return &hintError{fmt.Errorf("note %s is on another reading (%s), not on %q", id, sanitize.Line(m.Reading), sanitize.Line(rd.Meta.Title)), []string{hint}}
		}
	}
	return nil
}
