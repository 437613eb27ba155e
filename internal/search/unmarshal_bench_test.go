package search

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// readingDocs returns documents shaped like margin's built-in reading: the
// sample paper's sections, sentences and endnotes, then about 330 KB of
// glossary entries and fact-check notes with long bodies (paper sentences
// with made-up words, typographic quotes and dashes), about 1,100
// documents in all.
func readingDocs(tb testing.TB) []Doc {
	docs := testDocs(tb)
	var sentences [][]string
	for _, d := range paperDocs(tb) {
		if d.Kind == KindText {
			sentences = append(sentences, strings.Fields(d.Body))
		}
	}
	rng := rand.New(rand.NewSource(2))
	zipf := rand.NewZipf(rng, 1.1, 20, 1<<20)
	body := func(size int) string {
		var b strings.Builder
		for b.Len() < size {
			s := mutate(sentences[rng.Intn(len(sentences))], rng, zipf)
			switch rng.Intn(8) {
			case 0:
				s = "“" + s + "”"
			case 1:
				s = strings.Replace(s, " ", " — ", 1)
			case 2:
				s = strings.Replace(s, "s ", "’s ", 1)
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
		return b.String()
	}
	words := func(n int) string {
		w := strings.Fields(body(1))
		return strings.Join(w[:min(n, len(w))], " ")
	}
	for i, total := 0, 0; total < 330<<10; i++ {
		title := pseudoWord(zipf.Uint64()) + " " + pseudoWord(uint64(i))
		d := Doc{Kind: KindGlossary, Ref: fmt.Sprint("g", i), Title: title,
			Labels: []string{strings.ToUpper(title[:3])}, Body: body(60 + rng.Intn(400))}
		if i%2 == 1 {
			d = Doc{Kind: KindNote, Ref: fmt.Sprint("n", i), Section: "2.1", Title: words(12),
				Labels: []string{fmt.Sprint("n", i), words(8)}, Body: body(60 + rng.Intn(400))}
		}
		docs = append(docs, d)
		total += textBytes(docs[len(docs)-1:])
	}
	return docs
}

// BenchmarkBuildReading indexes documents shaped like the built-in reading.
func BenchmarkBuildReading(b *testing.B) {
	docs := readingDocs(b)
	b.SetBytes(int64(textBytes(docs)))
	b.ReportAllocs()
	for b.Loop() {
		New(docs)
	}
}

// BenchmarkMarshalBinary encodes the index of BenchmarkBuildReading.
func BenchmarkMarshalBinary(b *testing.B) {
	ix := New(readingDocs(b))
	b.ReportAllocs()
	var data []byte
	for b.Loop() {
		var err error
		if data, err = ix.MarshalBinary(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/1024, "data-KB")
}

// BenchmarkUnmarshalIndex decodes the index of BenchmarkBuildReading.
func BenchmarkUnmarshalIndex(b *testing.B) {
	docs := readingDocs(b)
	data, err := New(docs).MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := UnmarshalIndex(data, docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data))/1024, "data-KB")
	b.ReportMetric(float64(len(docs)), "docs")
	b.ReportMetric(float64(textBytes(docs))/1024, "text-KB")
}

// BenchmarkUnmarshalAndSearch decodes the index and runs one search, as
// margin search does.
func BenchmarkUnmarshalAndSearch(b *testing.B) {
	docs := readingDocs(b)
	data, err := New(docs).MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, err := UnmarshalIndex(data, docs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Search("horsley", Options{Limit: 5}); err != nil {
			b.Fatal(err)
		}
	}
}
