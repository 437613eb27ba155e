// Command genreading writes a large reading in margin's format, made from
// the built-in paper's own content, for measuring how margin scales:
//
//	go run ./bench/genreading -scale 10 -o /tmp/r10      # 10× the paper: 110 sections, 570 terms, 520 notes
//	go run ./bench/genreading -book -o /tmp/book         # 300 sections, 500 terms, 1,000 notes, about 9 MB
//	go run ./bench/genreading -sections 40 -terms 90 -notes 70 -o DIR
//
// The paper is copied as many times as needed. Copy k's sections are
// renumbered after copy k−1's (copy 2 of section 2.1 is 8.1), their slugs
// and titles get the copy's number, and their endnote references point at
// copy k's endnotes (29 a copy, numbered on). Copy k's notes anchor the
// same words in copy k's sections. Glossary entries past the paper's own
// take their bodies and sources from the paper's entries and, so that every
// label is unique and still found in the text, a phrase of the text as
// their term. The output is the same for the same flags; it loads without
// errors (TestGenerated).
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	margin "github.com/margin-reader/margin"
)

func main() {
	scale := flag.Int("scale", 1, "copies of the paper: sections, terms and notes all times this")
	book := flag.Bool("book", false, "book size: 300 sections, 500 glossary entries, 1,000 notes")
	sections := flag.Int("sections", 0, "sections (default: 11 × scale)")
	terms := flag.Int("terms", 0, "glossary entries (default: 57 × scale)")
	notes := flag.Int("notes", 0, "notes (default: 52 × scale)")
	out := flag.String("o", "", "folder to write the reading into (must not exist, or be empty)")
	flag.Parse()
	if *out == "" || *scale < 1 {
		fmt.Fprintln(os.Stderr, "usage: genreading [-scale N | -book | -sections S -terms T -notes N] -o DIR")
		os.Exit(2)
	}
	size := Size{Sections: *sections, Terms: *terms, Notes: *notes}
	if *book {
		size = Book
	}
	if err := Generate(margin.Content(), *out, size.orScale(*scale)); err != nil {
		fmt.Fprintln(os.Stderr, "genreading:", err)
		os.Exit(1)
	}
}

// maxPrep is the most prep.yaml may hold, under reading.MaxContentFileBytes.
const maxPrep = 1 << 20

// Size is how many sections, glossary entries and notes to write.
type Size struct{ Sections, Terms, Notes int }

// Book is the size of a book, as issue 17 measures it.
var Book = Size{Sections: 300, Terms: 500, Notes: 1000}

// orScale fills the counts left at zero with scale copies of base's.
func (s Size) orScale(scale int) Size {
	if s.Sections == 0 {
		s.Sections = 11 * scale
	}
	if s.Terms == 0 {
		s.Terms = 57 * scale
	}
	if s.Notes == 0 {
		s.Notes = 52 * scale
	}
	return s
}

// source is the paper's content, read once.
type source struct {
	sections []file // text/*.md in order
	glossary []file
	notes    []file
	endnotes string // text/endnotes.yaml
	prep     string // text/prep.yaml
	nEnd     int    // endnotes a copy
	nTop     int    // top-level section numbers a copy (0 … nTop−1)
	phrases  []string
}

type file struct{ name, data string }

func readDir(fsys fs.FS, dir string) ([]file, error) {
	names, err := fs.Glob(fsys, dir+"/*.md")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []file
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		out = append(out, file{path.Base(n), string(b)})
	}
	return out, nil
}

var (
	numberLine  = regexp.MustCompile(`(?m)^number: "([0-9.]+)"$`)
	slugLine    = regexp.MustCompile(`(?m)^slug: (.+)$`)
	titleLine   = regexp.MustCompile(`(?m)^title: (.+)$`)
	refMark     = regexp.MustCompile(`\[\^(\d+)\]`)
	endnoteN    = regexp.MustCompile(`(?m)^- n: (\d+)$`)
	refersTo    = regexp.MustCompile(`(?m)^(\s+refers_to: )(\d+)$`)
	sectionLine = regexp.MustCompile(`(?m)^section: "([0-9.]+)"$`)
	prepSection = regexp.MustCompile(`(?m)^- section: "([0-9.]+)"$`)
	endnotesKey = regexp.MustCompile(`(?m)^endnotes: \[([0-9, ]*)\]$`)
	labelLines  = regexp.MustCompile(`(?m)^(term|alt|hidden): .*\n`)
	emptyField  = regexp.MustCompile(`(?m)^  [a-z_]+: ""\n`)
)

func load(fsys fs.FS) (*source, error) {
	s := &source{}
	var err error
	if s.sections, err = readDir(fsys, "text"); err != nil {
		return nil, err
	}
	if s.glossary, err = readDir(fsys, "glossary"); err != nil {
		return nil, err
	}
	if s.notes, err = readDir(fsys, "notes"); err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(fsys, "text/endnotes.yaml")
	if err != nil {
		return nil, err
	}
	s.endnotes = string(b)
	s.nEnd = len(endnoteN.FindAllString(s.endnotes, -1))
	if b, err = fs.ReadFile(fsys, "text/prep.yaml"); err != nil {
		return nil, err
	}
	s.prep = string(b)
	for _, f := range s.sections {
		m := numberLine.FindStringSubmatch(f.data)
		if m == nil {
			return nil, fmt.Errorf("text/%s: no number", f.name)
		}
		top, _ := strconv.Atoi(strings.SplitN(m[1], ".", 2)[0])
		s.nTop = max(s.nTop, top+1)
	}
	s.phrases = phrases(s.sections, labels(s.glossary))
	return s, nil
}

// renumber maps section number n of the paper to its number in copy k
// (from 0): top-level numbers run on after copy k−1's.
func (s *source) renumber(n string, k int) string {
	top, rest, _ := strings.Cut(n, ".")
	t, _ := strconv.Atoi(top)
	out := strconv.Itoa(k*s.nTop + t)
	if rest != "" {
		out += "." + rest
	}
	return out
}

func (s *source) endnote(n, k int) int { return k*s.nEnd + n }

// Generate writes a reading of the given size into dir, from the paper in
// fsys.
func Generate(fsys fs.FS, dir string, size Size) error {
	src, err := load(fsys)
	if err != nil {
		return err
	}
	per := len(src.sections)
	copies := (size.Sections + per - 1) / per
	w := &writer{dir: dir}
	w.mkdir("text", "glossary", "notes")
	w.write("text/paper.yaml", fmt.Sprintf("id: generated-%d-%d-%d\ntitle: \"A generated reading\"\nsubtitle: \"%d sections, %d glossary entries, %d notes, made by bench/genreading from the built-in paper\"\nauthor: \"margin's benchmarks\"\nyear: \"2026\"\n",
		size.Sections, size.Terms, size.Notes, size.Sections, size.Terms, size.Notes))
	kept := map[string]bool{}
	var endnotes, prep strings.Builder
	for k := 0; k < copies; k++ {
		for i, f := range src.sections {
			if k*per+i >= size.Sections {
				break
			}
			num := numberLine.FindStringSubmatch(f.data)[1]
			kept[src.renumber(num, k)] = true
			w.write(fmt.Sprintf("text/%04d-%02d-%s", k, i, f.name), src.section(f.data, k))
		}
		endnotes.WriteString(src.copyEndnotes(k))
		// One prep file holds at most 1 MiB (reading.MaxContentFileBytes):
		// past about 35 copies, the later copies have no prep.
		if p := src.copyPrep(k, kept); prep.Len()+len(p) <= maxPrep {
			prep.WriteString(p)
		}
	}
	w.write("text/endnotes.yaml", endnotes.String())
	w.write("text/prep.yaml", prep.String())
	for i := 0; i < size.Terms; i++ {
		name, data := src.entry(i)
		w.write("glossary/"+name, data)
	}
	n := 0
	for k := 0; n < size.Notes && k < copies; k++ {
		for _, f := range src.notes {
			if n == size.Notes {
				break
			}
			m := sectionLine.FindStringSubmatch(f.data)
			if m == nil || !kept[src.renumber(m[1], k)] {
				continue
			}
			w.write("notes/"+copyName(f.name, k), src.note(f.data, k, size.Terms))
			n++
		}
	}
	return w.err
}

// copyName is the file name of copy k of a glossary entry or note.
func copyName(name string, k int) string {
	if k == 0 {
		return name
	}
	return fmt.Sprintf("%s-%d.md", strings.TrimSuffix(name, ".md"), k+1)
}

func (s *source) section(data string, k int) string {
	if k == 0 {
		return data
	}
	data = numberLine.ReplaceAllStringFunc(data, func(l string) string {
		return fmt.Sprintf("number: %q", s.renumber(numberLine.FindStringSubmatch(l)[1], k))
	})
	data = slugLine.ReplaceAllString(data, fmt.Sprintf("slug: ${1}-%d", k+1))
	data = titleLine.ReplaceAllStringFunc(data, func(l string) string {
		t := strings.TrimPrefix(l, "title: ")
		if u, err := strconv.Unquote(t); err == nil {
			t = u
		} else if len(t) > 1 && t[0] == '\'' {
			t = strings.ReplaceAll(t[1:len(t)-1], "''", "'")
		}
		return fmt.Sprintf("title: %q", fmt.Sprintf("%s (%d)", t, k+1))
	})
	return refMark.ReplaceAllStringFunc(data, func(m string) string {
		n, _ := strconv.Atoi(refMark.FindStringSubmatch(m)[1])
		return fmt.Sprintf("[^%d]", s.endnote(n, k))
	})
}

func (s *source) copyEndnotes(k int) string {
	e := endnoteN.ReplaceAllStringFunc(s.endnotes, func(l string) string {
		n, _ := strconv.Atoi(endnoteN.FindStringSubmatch(l)[1])
		return fmt.Sprintf("- n: %d", s.endnote(n, k))
	})
	e = refersTo.ReplaceAllStringFunc(e, func(l string) string {
		m := refersTo.FindStringSubmatch(l)
		n, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("%s%d", m[1], s.endnote(n, k))
	})
	if k > 0 {
		// Empty fields say nothing: leaving them out keeps a hundred
		// copies' endnotes under the 1 MiB a content file may have.
		e = emptyField.ReplaceAllString(e, "")
	}
	return strings.TrimRight(e, "\n") + "\n"
}

// copyPrep is copy k of prep.yaml, for the sections kept.
func (s *source) copyPrep(k int, kept map[string]bool) string {
	locs := prepSection.FindAllStringSubmatchIndex(s.prep, -1)
	var b strings.Builder
	for i, loc := range locs {
		end := len(s.prep)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		num := s.renumber(s.prep[loc[2]:loc[3]], k)
		if !kept[num] {
			continue
		}
		item := strings.TrimRight(s.prep[loc[0]:end], "\n") + "\n"
		b.WriteString(fmt.Sprintf("- section: %q", num) + item[loc[1]-loc[0]:])
	}
	return b.String()
}

// entry is glossary entry i: the paper's own entries first, then entries
// with the paper's bodies and sources and a phrase of the text as term.
func (s *source) entry(i int) (name, data string) {
	f := s.glossary[i%len(s.glossary)]
	k := i / len(s.glossary)
	if k == 0 {
		return f.name, f.data
	}
	term := s.phrases[(i-len(s.glossary))%len(s.phrases)]
	if i-len(s.glossary) >= len(s.phrases) {
		term = fmt.Sprintf("%s %d", term, k+1) // past the phrases: unique, though not in the text
	}
	labels := fmt.Sprintf("term: %q\nalt: [%q]\nhidden: []\n", term, fmt.Sprintf("%s %d", firstTerm(f.data), k+1))
	data = labelLines.ReplaceAllString(f.data, "")
	data = strings.Replace(data, "---\n", "---\n"+labels, 1)
	return copyName(f.name, k), data
}

func firstTerm(data string) string {
	for _, l := range strings.Split(data, "\n") {
		if t, ok := strings.CutPrefix(l, "term: "); ok {
			if u, err := strconv.Unquote(t); err == nil {
				return u
			}
			return strings.Trim(t, `'"`)
		}
	}
	return "term"
}

// note is copy k of a note: the same words in copy k's section, copy k's
// endnotes, and related terms that exist.
func (s *source) note(data string, k, terms int) string {
	if k == 0 {
		return data
	}
	data = sectionLine.ReplaceAllStringFunc(data, func(l string) string {
		return fmt.Sprintf("section: %q", s.renumber(sectionLine.FindStringSubmatch(l)[1], k))
	})
	return endnotesKey.ReplaceAllStringFunc(data, func(l string) string {
		var ns []string
		for _, f := range strings.Split(endnotesKey.FindStringSubmatch(l)[1], ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
				ns = append(ns, strconv.Itoa(s.endnote(n, k)))
			}
		}
		return "endnotes: [" + strings.Join(ns, ", ") + "]"
	})
}

// labels is every label of the paper's glossary, lower-cased.
func labels(entries []file) map[string]bool {
	out := map[string]bool{}
	for _, f := range entries {
		for _, l := range strings.Split(f.data, "\n") {
			for _, key := range []string{"term: ", "alt: ", "hidden: "} {
				if v, ok := strings.CutPrefix(l, key); ok {
					for _, p := range strings.Split(strings.Trim(v, "[]"), ",") {
						if u, err := strconv.Unquote(strings.TrimSpace(p)); err == nil {
							out[strings.ToLower(u)] = true
						}
					}
				}
			}
		}
	}
	return out
}

// phrases lists distinct two- and three-word phrases of the paper's text,
// in the order they first occur, each word of four letters or more, none
// a label of the paper's glossary: terms that the text uses.
func phrases(sections []file, taken map[string]bool) []string {
	var words []string
	for _, f := range sections {
		_, body, _ := strings.Cut(strings.TrimPrefix(f.data, "---\n"), "\n---\n")
		for _, w := range strings.Fields(refMark.ReplaceAllString(body, " ")) {
			ok := len(w) >= 4 // and letters only: punctuation ends a phrase
			for _, r := range w {
				ok = ok && r < 0x80 && unicode.IsLetter(r)
			}
			if !ok {
				w = "" // breaks a phrase
			}
			words = append(words, w)
		}
	}
	seen := map[string]bool{}
	var out []string
	for n := 2; n <= 3; n++ {
	next:
		for i := 0; i+n <= len(words); i++ {
			for _, w := range words[i : i+n] {
				if w == "" {
					continue next
				}
			}
			p := strings.Join(words[i:i+n], " ")
			if key := strings.ToLower(p); !seen[key] && !taken[key] {
				seen[key] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// writer writes files under dir and keeps the first error.
type writer struct {
	dir string
	err error
}

func (w *writer) mkdir(names ...string) {
	for _, n := range names {
		if w.err == nil {
			w.err = os.MkdirAll(filepath.Join(w.dir, n), 0o755)
		}
	}
}

func (w *writer) write(name, data string) {
	if w.err == nil {
		w.err = os.WriteFile(filepath.Join(w.dir, name), []byte(data), 0o644)
	}
}
