package search

import (
	"fmt"
	"math/rand"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchQueries mixes phrase, multi-word, prefix, typo, Chinese, stop-word
// and no-match queries.
var benchQueries = []string{
	"social credit system",
	"authoritarian resilience",
	"autoritarian resiliance",
	"Horsly",
	"confuc",
	"tianamen square",
	"儒家",
	"Sebastien Billioud",
	"rewards punishments",
	"xylophone",
	"the",
	"a tool for authoritarian resilience in mainland china",
}

// shortDocs returns n short documents: the paper's sections and endnotes,
// the test glossary and notes, and made-up glossary entries.
func shortDocs(tb testing.TB, n int) []Doc {
	var out []Doc
	for _, d := range testDocs(tb) {
		if d.Kind != KindText {
			out = append(out, d)
		}
	}
	words := strings.Fields("state data trust credit score social surveillance market " +
		"regime citizen party value harmony control platform network digital law")
	for i := 0; len(out) < n; i++ {
		t := words[i%len(words)] + " " + words[(i*7+3)%len(words)]
		out = append(out, Doc{Kind: KindGlossary, Ref: fmt.Sprint("g", i), Title: t,
			Body: "Definition of " + t + " as used in the study of Chinese governance."})
	}
	return out[:n]
}

// paperBenchDocs returns the ~25 KB paper plus 100 short documents.
func paperBenchDocs(tb testing.TB) []Doc {
	var docs []Doc
	for _, d := range paperDocs(tb) {
		if d.Kind == KindText {
			docs = append(docs, d)
		}
	}
	return append(docs, shortDocs(tb, 100)...)
}

// syllables build made-up words for the synthetic corpus.
var syllables = strings.Fields("ka lo mi ne ru sa ti vo zu pe do gi ha ji xe qua")

// pseudoWord returns the k-th made-up word.
func pseudoWord(k uint64) string {
	var b strings.Builder
	for k++; k > 0; k /= 16 {
		b.WriteString(syllables[k%16])
	}
	return b.String()
}

// syntheticDocs builds a corpus of about size bytes from the paper's
// sentences, replacing some words with made-up words drawn from a Zipf
// distribution (so the vocabulary keeps growing, as in real text) and
// swapping some neighbouring words, plus 100 short documents.
func syntheticDocs(tb testing.TB, size int) []Doc {
	var sentences [][]string
	for _, d := range paperDocs(tb) {
		if d.Kind == KindText {
			sentences = append(sentences, strings.Fields(d.Body))
		}
	}
	rng := rand.New(rand.NewSource(1))
	zipf := rand.NewZipf(rng, 1.1, 20, 1<<20)
	docs := shortDocs(tb, 100)
	for total, i := 0, 0; total < size; i++ {
		body := mutate(sentences[i%len(sentences)], rng, zipf)
		docs = append(docs, Doc{Kind: KindText, Ref: fmt.Sprint(i / 50), Body: body})
		total += len(body)
	}
	return docs
}

// mutate returns a variant of a sentence.
func mutate(words []string, rng *rand.Rand, zipf *rand.Zipf) string {
	w := slices.Clone(words)
	for j := range w {
		switch p := rng.Float64(); {
		case p < 0.15:
			w[j] = pseudoWord(zipf.Uint64())
		case p < 0.25 && j > 0:
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
	return strings.Join(w, " ")
}

// textBytes returns the size of the searchable text of docs.
func textBytes(docs []Doc) int {
	n := 0
	for _, d := range docs {
		n += len(d.Title) + len(d.Body)
		for _, l := range d.Labels {
			n += len(l)
		}
	}
	return n
}

// indexBytes measures the heap growth caused by indexing docs.
func indexBytes(docs []Doc) (*Index, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix := New(docs)
	runtime.GC()
	runtime.ReadMemStats(&after)
	return ix, after.HeapAlloc - before.HeapAlloc
}

// runQueries searches benchQueries round-robin b.N times and reports the
// median and 90th-percentile query times and the given extra metrics.
func runQueries(b *testing.B, ix *Index, metrics map[string]float64) {
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := ix.Search(benchQueries[i%len(benchQueries)], Options{}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds()), "p90-µs")
	for unit, v := range metrics {
		b.ReportMetric(v, unit)
	}
}

// BenchmarkBuildPaper indexes the ~25 KB paper and 100 short documents.
func BenchmarkBuildPaper(b *testing.B) {
	docs := paperBenchDocs(b)
	b.SetBytes(int64(textBytes(docs)))
	b.ReportAllocs()
	for b.Loop() {
		New(docs)
	}
}

// BenchmarkSearchPaper runs the query mix over the paper index.
func BenchmarkSearchPaper(b *testing.B) {
	docs := paperBenchDocs(b)
	ix, mem := indexBytes(docs)
	runQueries(b, ix, map[string]float64{
		"index-B/text-B": float64(mem) / float64(textBytes(docs)),
		"text-KB":        float64(textBytes(docs)) / 1024,
	})
}

// corpusSizes are the synthetic corpus sizes benchmarked.
var corpusSizes = []struct {
	name string
	size int
}{{"300KB", 300 << 10}, {"1MB", 1 << 20}, {"3MB", 3 << 20}}

// BenchmarkBuildCorpus indexes synthetic corpora of growing size.
func BenchmarkBuildCorpus(b *testing.B) {
	for _, c := range corpusSizes {
		docs := syntheticDocs(b, c.size)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(textBytes(docs)))
			for b.Loop() {
				New(docs)
			}
		})
	}
}

// BenchmarkSearchCorpus runs the query mix over synthetic corpora of
// growing size and reports index memory per byte of text.
func BenchmarkSearchCorpus(b *testing.B) {
	for _, c := range corpusSizes {
		docs := syntheticDocs(b, c.size)
		ix, mem := indexBytes(docs)
		b.Run(c.name, func(b *testing.B) {
			runQueries(b, ix, map[string]float64{
				"index-B/text-B": float64(mem) / float64(textBytes(docs)),
				"terms":          float64(len(ix.terms)),
				"docs":           float64(len(docs)),
			})
		})
	}
}

// BenchmarkSearchCorpusPerQuery shows the cost of each query kind on the
// 3 MB corpus.
func BenchmarkSearchCorpusPerQuery(b *testing.B) {
	docs := syntheticDocs(b, 3<<20)
	ix := New(docs)
	for _, q := range benchQueries {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ix.Search(q, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
