// Command scaleload times each step of loading readings of different
// sizes, in one process, and prints how each step grows with the reading:
//
//	go run ./bench/genreading -scale 1 -o /tmp/gen/1x    # and 10x, 100x, -book
//	go run ./bench/scaleload -n 5 /tmp/gen/1x /tmp/gen/10x /tmp/gen/100x /tmp/gen/book
//
// For every reading and step it runs the step n times and keeps the
// fastest run's wall time and the least CPU time (user and system, of the
// whole process, garbage collection included), so that a machine busy
// with other work disturbs the figures less than Go's benchmarks, which
// report the mean wall time. It also prints the bytes each step allocates
// and each reading's size on disk; the last columns are the time per MB
// of content, which stays flat when a step is linear.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/margin-reader/margin/internal/corpus"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

func main() {
	n := flag.Int("n", 5, "runs of each step; the fastest is kept")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: scaleload [-n N] READING-DIR...")
		os.Exit(2)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "reading\tMB\tstep\twall ms\tCPU ms\talloc MB\twall ms/MB\tCPU ms/MB\t")
	for _, dir := range flag.Args() {
		mb := float64(size(dir)) / 1e6
		for _, st := range steps {
			r, err := measure(dir, st, *n)
			if err != nil {
				fmt.Fprintf(os.Stderr, "scaleload: %s: %s: %v\n", dir, st.name, err)
				os.Exit(1)
			}
			fmt.Fprintf(tw, "%s\t%.2f\t%s\t%.1f\t%.1f\t%.1f\t%.2f\t%.2f\t\n", filepath.Base(dir), mb, st.name,
				ms(r.wall), ms(r.cpu), float64(r.alloc)/1e6, ms(r.wall)/mb, ms(r.cpu)/mb)
		}
	}
	tw.Flush()
}

// step is one thing a command does with a reading: prepare, untimed,
// then run, timed.
type step struct {
	name    string
	prepare func(dir string) (*reading.Reading, error)
	run     func(rd *reading.Reading, dir string) error
}

func loadText(dir string) (*reading.Reading, error) { return reading.Load(os.DirFS(dir)) }

func loadAll(dir string) (*reading.Reading, error) {
	rd, err := reading.Load(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	if _, err := rd.Glossary(); err != nil {
		return nil, err
	}
	_, err = rd.Notes()
	return rd, err
}

func none(string) (*reading.Reading, error) { return nil, nil }

var steps = []step{
	{"text (toc)", none, func(_ *reading.Reading, dir string) error { _, err := loadText(dir); return err }},
	{"glossary", loadText, func(rd *reading.Reading, _ string) error { _, err := rd.Glossary(); return err }},
	{"notes", loadText, func(rd *reading.Reading, _ string) error { _, err := rd.Notes(); return err }},
	{"prep", loadText, func(rd *reading.Reading, _ string) error { _, _, err := rd.Prep("1"); return err }},
	{"search corpus", loadAll, func(rd *reading.Reading, _ string) error { _, err := corpus.Build(rd); return err }},
	{"lookups", loadAll, lookups},
	{"render a section", loadAll, renderSection},
	{"everything", none, func(_ *reading.Reading, dir string) error {
		rd, err := loadAll(dir)
		if err != nil {
			return err
		}
		if _, _, err := rd.Prep("1"); err != nil {
			return err
		}
		_, err = corpus.Build(rd)
		return err
	}},
}

// lookups finds a section by misspelt title words, a term by a misspelt
// label and the last note by its id, as read, glossary and notes do.
func lookups(rd *reading.Reading, _ string) error {
	_, _ = rd.FindSection("econmic incentives") // several match past 1×: still the whole search
	last := rd.Sections[len(rd.Sections)-1]
	if _, err := rd.FindSection(last.Slug); err != nil {
		return err
	}
	if _, err := rd.LookupTerm("authoritarian resiliance"); err != nil {
		return err
	}
	notes, _ := rd.Notes()
	if _, ok := rd.Note(notes[len(notes)-1].ID); !ok {
		return fmt.Errorf("no note %s", notes[len(notes)-1].ID)
	}
	return nil
}

// renderSection composes and renders the reading's last section with its
// annotations, plain, at 80 columns, as margin read does.
func renderSection(rd *reading.Reading, _ string) error {
	s := rd.Sections[len(rd.Sections)-1]
	md, err := render.Section(rd, s, render.Show{Endnotes: true, Terms: true, Notes: true}, true)
	if err != nil {
		return err
	}
	_, err = render.New().Render(md, render.Options{Plain: true, Width: 80})
	return err
}

type result struct {
	wall, cpu time.Duration
	alloc     uint64
}

func measure(dir string, st step, n int) (result, error) {
	best := result{wall: time.Hour, cpu: time.Hour}
	for range n {
		rd, err := st.prepare(dir)
		if err != nil {
			return best, err
		}
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		c0, t0 := cpu(), time.Now()
		if err := st.run(rd, dir); err != nil {
			return best, err
		}
		wall, used := time.Since(t0), cpu()-c0
		runtime.ReadMemStats(&m1)
		best.wall, best.cpu = min(best.wall, wall), min(best.cpu, used)
		best.alloc = m1.TotalAlloc - m0.TotalAlloc
	}
	return best, nil
}

// cpu is the CPU time the process has used, user and system.
func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// size is the bytes of the files under dir.
func size(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
