package pdfimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
)

// ReviewFile is the name of the review list in the folder written.
const ReviewFile = "IMPORT-REVIEW.md"

// quote writes s as a YAML double-quoted scalar (JSON's string syntax is
// YAML's).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// File names the section's file: text/02.1-slug.md.
func (s *Section) File() string {
	num := s.Number
	head, rest, _ := strings.Cut(num, ".")
	if len(head) < 2 {
		head = "0" + head
	}
	if rest != "" {
		head += "." + rest
	}
	return "text/" + head + "-" + s.Slug + ".md"
}

// markdown is the section's file.
func (s *Section) markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nnumber: %s\nslug: %s\ntitle: %s\n---\n", quote(s.Number), s.Slug, quote(s.Title))
	for i, p := range s.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		if strings.HasPrefix(p, "#") {
			p = `\` + p // a paragraph is never a heading
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// paragraphLine is the line of a section file on which paragraph i starts.
func paragraphLine(i int) int { return 6 + 2*i }

// paperYAML is text/paper.yaml.
func (r *Result) paperYAML() []byte {
	var b strings.Builder
	b.WriteString("# Imported by margin import: check it against the source (IMPORT-REVIEW.md).\n")
	fmt.Fprintf(&b, "id: %s\n", r.Meta.ID)
	for _, kv := range [][2]string{{"title", r.Meta.Title}, {"subtitle", r.Meta.Subtitle}, {"author", r.Meta.Author}, {"editor", r.Meta.Editor}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", kv[0], quote(kv[1]))
		}
	}
	return []byte(b.String())
}

// endnotesYAML is text/endnotes.yaml, and the line of each note in it.
func (r *Result) endnotesYAML() ([]byte, map[int]int) {
	var b strings.Builder
	lines := map[int]int{}
	b.WriteString("# Endnotes, imported by margin import (see docs/FORMAT.md).\n# text: the note exactly as printed; other fields: only what the printed text holds.\n")
	line := 3
	w := func(format string, args ...any) {
		fmt.Fprintf(&b, format, args...)
		line++
	}
	for _, e := range r.Endnotes {
		lines[e.N] = line
		w("- n: %d\n", e.N)
		w("  printed: %t\n", e.Printed)
		w("  text: %s\n", quote(e.Text))
		if len(e.Authors) > 0 {
			q := make([]string, len(e.Authors))
			for i, a := range e.Authors {
				q[i] = quote(a)
			}
			w("  authors: [%s]\n", strings.Join(q, ", "))
		}
		for _, kv := range [][2]string{{"title", e.Title}, {"container", e.Container}, {"volume", e.Volume}, {"issue", e.Issue},
			{"publisher", e.Publisher}, {"place", e.Place}, {"date", e.Date}, {"accessed", e.Accessed}, {"pages", e.Pages}, {"url", e.URL}, {"type", e.Type}} {
			if kv[1] != "" {
				w("  %s: %s\n", kv[0], quote(kv[1]))
			}
		}
		if e.Truncated {
			w("  truncated: true\n")
		}
		if e.RefersTo != 0 {
			w("  refers_to: %d\n", e.RefersTo)
		}
	}
	return []byte(b.String()), lines
}

// Review lists what the import was not sure of, each at its file and line.
func (r *Result) Review() []ReviewItem {
	var out []ReviewItem
	for _, m := range r.metaReviews {
		out = append(out, ReviewItem{"text/paper.yaml", 3, m})
	}
	for _, s := range r.Sections {
		for _, m := range s.reviews {
			out = append(out, ReviewItem{s.File(), 4, m})
		}
		for i, ms := range s.paraReview {
			for _, m := range ms {
				out = append(out, ReviewItem{s.File(), paragraphLine(i), m})
			}
		}
	}
	_, lines := r.endnotesYAML()
	for _, e := range r.Endnotes {
		for _, m := range r.noteReviews[e.N] {
			out = append(out, ReviewItem{"text/endnotes.yaml", lines[e.N], m})
		}
	}
	return out
}

// Files returns the reading folder's files by path.
func (r *Result) Files() map[string][]byte {
	files := map[string][]byte{"text/paper.yaml": r.paperYAML()}
	for _, s := range r.Sections {
		files[s.File()] = s.markdown()
	}
	if len(r.Endnotes) > 0 {
		files["text/endnotes.yaml"], _ = r.endnotesYAML()
	}
	var b strings.Builder
	b.WriteString("# Import review\n\nWhat `margin import` could not decide for sure. Check each against the source,\nfix the file if needed, then delete this file.\n\n")
	items := r.Review()
	if len(items) == 0 {
		b.WriteString("Nothing to review.\n")
	}
	for _, it := range items {
		fmt.Fprintf(&b, "- [ ] `%s:%d`: %s\n", it.File, it.Line, it.Msg)
	}
	files[ReviewFile] = []byte(b.String())
	return files
}

// Output folder errors.
var (
	ErrExists    = errors.New("the output folder exists and is not empty")
	ErrNotFolder = errors.New("a file is in the way of the output folder")
)

// Write writes the reading folder to dir. It builds it in a temporary
// folder beside dir and renames it into place, so that a failure leaves
// nothing behind; an existing non-empty dir is replaced only with force.
func (r *Result) Write(dir string, force bool) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("%s: %w", dir, ErrNotFolder)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !force {
		return fmt.Errorf("%s: %w", dir, ErrExists)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("checking %s: %w", dir, err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating the output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, ".margin-import-*")
	if err != nil {
		return fmt.Errorf("creating the output folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, d := range []string{"text", "glossary", "notes"} {
		if err := os.Mkdir(filepath.Join(tmp, d), 0o755); err != nil {
			return fmt.Errorf("creating the output folder: %w", err)
		}
	}
	for name, data := range r.Files() {
		if err := os.WriteFile(filepath.Join(tmp, filepath.FromSlash(name)), data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("creating the output folder: %w", err)
	}
	if _, err := reading.Load(os.DirFS(tmp)); err != nil {
		return fmt.Errorf("the imported reading does not load (a bug in margin import): %w", err)
	}
	if _, err := os.Stat(dir); err == nil {
		old := tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("replacing %s: %w", dir, err)
		}
		defer os.RemoveAll(old)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("moving the reading into %s: %w", dir, err)
	}
	return nil
}
