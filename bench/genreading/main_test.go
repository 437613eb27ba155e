package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// loadAll loads everything a command may need from a reading folder: the
// text, glossary (with where the text uses each term), notes (anchored),
// prep and the search corpus.
func loadAll(tb testing.TB, dir string) (*reading.Reading, *corpus.Corpus) {
	tb.Helper()
	rd, err := reading.Load(os.DirFS(dir))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := rd.Glossary(); err != nil {
		tb.Fatal(err)
	}
	if _, err := rd.Notes(); err != nil {
		tb.Fatal(err)
	}
	if _, _, err := rd.Prep(rd.Sections[0].Number); err != nil {
		tb.Fatal(err)
	}
	c, err := corpus.Build(rd)
	if err != nil {
		tb.Fatal(err)
	}
	return rd, c
}

// paperEntry holds the ids of the paper's own glossary entries.
var paperEntry = func() map[string]bool {
	rd, err := reading.Load(margin.Content())
	if err != nil {
		panic(err)
	}
	gl, err := rd.Glossary()
	if err != nil {
		panic(err)
	}
	out := map[string]bool{}
	for _, e := range gl {
		out[e.ID] = true
	}
	return out
}()

// Generated readings load without an error, at the sizes asked for: unique
// section numbers, slugs, glossary labels and ids, endnotes that run on,
// anchors that resolve, prep for sections that exist.
func TestGenerated(t *testing.T) {
	sizes := []Size{Size{}.orScale(1), Size{}.orScale(3), {Sections: 40, Terms: 90, Notes: 70}}
	if !testing.Short() {
		sizes = append(sizes, Book)
	}
	for _, size := range sizes {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			dir := t.TempDir()
			if err := Generate(margin.Content(), dir, size); err != nil {
				t.Fatal(err)
			}
			rd, c := loadAll(t, dir)
			gl, _ := rd.Glossary()
			notes, _ := rd.Notes()
			if len(rd.Sections) != size.Sections || len(gl) != size.Terms || len(notes) != size.Notes {
				t.Fatalf("%d sections, %d terms, %d notes; want %+v", len(rd.Sections), len(gl), len(notes), size)
			}
			// The paper's own entries are used where the paper uses them;
			// every generated one is a phrase of the text.
			for _, e := range gl {
				if _, own := paperEntry[e.ID]; !own && len(e.Uses) == 0 {
					t.Errorf("generated term %q (%s) is not used in the text", e.Term, e.ID)
				}
			}
			if len(c.Docs) == 0 {
				t.Error("no search documents")
			}
			// A copy's section is found by its number and its notes by id.
			last := rd.Sections[len(rd.Sections)-1]
			if s, err := rd.FindSection(last.Number); err != nil || s != last {
				t.Errorf("FindSection(%s): %v", last.Number, err)
			}
			if _, ok := rd.Note(notes[len(notes)-1].ID); !ok {
				t.Errorf("note %s not found", notes[len(notes)-1].ID)
			}
		})
	}
}

// The same flags write the same reading.
func TestGeneratedIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	size := Size{Sections: 25, Terms: 70, Notes: 60}
	for _, d := range []string{a, b} {
		if err := Generate(margin.Content(), d, size); err != nil {
			t.Fatal(err)
		}
	}
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// scales are the readings the benchmarks load: the paper's size, 10× and
// 100× its content (sections, terms and notes), and a book.
var scales = []struct {
	name string
	size Size
}{
	{"1x", Size{}.orScale(1)},
	{"10x", Size{}.orScale(10)},
	{"100x", Size{}.orScale(100)},
	{"book", Book},
}

var (
	genMu  sync.Mutex
	genDir = map[string]string{}
)

// generated is the folder of the reading of a scale: $GENREADING_DIR/NAME
// when that is set (bench/scale.sh writes them there, so that the disk has
// settled before anything is timed), else one written once per test binary.
func generated(b *testing.B, name string, size Size) string {
	genMu.Lock()
	defer genMu.Unlock()
	if d, ok := genDir[name]; ok {
		return d
	}
	if root := os.Getenv("GENREADING_DIR"); root != "" {
		d := filepath.Join(root, name)
		if _, err := os.Stat(d); err != nil {
			b.Fatalf("GENREADING_DIR: %v (go run ./bench/genreading -o %s …)", err, d)
		}
		genDir[name] = d
		return d
	}
	d, err := os.MkdirTemp("", "genreading-"+name+"-")
	if err != nil {
		b.Fatal(err)
	}
	if err := Generate(margin.Content(), d, size); err != nil {
		b.Fatal(err)
	}
	genDir[name] = d
	return d
}

func TestMain(m *testing.M) {
	code := m.Run()
	if os.Getenv("GENREADING_DIR") == "" {
		for _, d := range genDir {
			os.RemoveAll(d)
		}
	}
	os.Exit(code)
}

// BenchmarkLoad measures each step a command takes on a reading folder, at
// 1×, 10× and 100× the paper and at book size: the text (toc, read), the
// glossary with where the text uses each term (glossary), the notes with
// their anchors (notes, read), the prep (handout), the search corpus and
// index (search), and all of them together. Each step must grow linearly:
// 10× the content ≤ 12× the time (BENCHMARKS.md, "Readings of any size").
//
//	go test ./bench/genreading -run XX -bench Load -benchmem -benchtime 3x
func BenchmarkLoad(b *testing.B) {
	for _, sc := range scales {
		if sc.name == "100x" && testing.Short() {
			continue
		}
		dir := generated(b, sc.name, sc.size)
		fsys := os.DirFS(dir)
		load := func(b *testing.B) *reading.Reading {
			rd, err := reading.Load(fsys)
			if err != nil {
				b.Fatal(err)
			}
			return rd
		}
		b.Run(sc.name+"/text", func(b *testing.B) {
			for b.Loop() {
				load(b)
			}
		})
		b.Run(sc.name+"/glossary", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				rd := load(b)
				b.StartTimer()
				if _, err := rd.Glossary(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(sc.name+"/notes", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				rd := load(b)
				b.StartTimer()
				if _, err := rd.Notes(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(sc.name+"/prep", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				rd := load(b)
				b.StartTimer()
				if _, _, err := rd.Prep("1"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(sc.name+"/corpus", func(b *testing.B) {
			rd := load(b)
			if _, err := rd.Glossary(); err != nil {
				b.Fatal(err)
			}
			if _, err := rd.Notes(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := corpus.Build(rd); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(sc.name+"/all", func(b *testing.B) {
			for b.Loop() {
				loadAll(b, dir)
			}
		})
	}
}

// BenchmarkRenderSection composes and renders one of the last sections of each reading, as
// `margin read` does (plain, 80 columns): a section's cost must not grow
// with the rest of the reading.
func BenchmarkRenderSection(b *testing.B) {
	for _, sc := range scales {
		if sc.name == "100x" && testing.Short() {
			continue
		}
		rd, _ := loadAll(b, generated(b, sc.name, sc.size))
		s := rd.Sections[len(rd.Sections)-2]
		r := render.New()
		show := render.Show{Endnotes: true, Terms: true, Notes: true}
		b.Run(sc.name, func(b *testing.B) {
			for b.Loop() {
				md, err := render.Section(rd, s, show, true)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := r.Render(md, render.Options{Plain: true, Width: 80}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEverySection finds the terms and notes of every section, as
// reading or printing a whole reading does (read, handout, the reader going
// through a book): with the indexes behind Reading.UsesIn and NotesIn this
// grows with the reading; scanning every entry and note for each section
// grew with its square.
func BenchmarkEverySection(b *testing.B) {
	for _, sc := range scales {
		if sc.name == "100x" && testing.Short() {
			continue
		}
		dir := generated(b, sc.name, sc.size)
		b.Run(sc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				rd, _ := loadAll(b, dir)
				runtime.GC() // the load's garbage is not the step's
				b.StartTimer()
				for _, s := range rd.Sections {
					if _, err := render.SectionTerms(rd, s.Number); err != nil {
						b.Fatal(err)
					}
					if _, err := rd.NotesIn(s.Number); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
