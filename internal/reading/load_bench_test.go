// Benchmarks of loading the built-in reading: the text alone (what toc needs),
// and with the glossary or the notes.
package reading_test

import (
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/reading"
)

func BenchmarkLoadText(b *testing.B) {
	for b.Loop() {
		if _, err := reading.Load(margin.Content()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadGlossary(b *testing.B) {
	for b.Loop() {
		rd, _ := reading.Load(margin.Content())
		if _, err := rd.Glossary(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadNotes(b *testing.B) {
	for b.Loop() {
		rd, _ := reading.Load(margin.Content())
		if _, err := rd.Notes(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	data := encodeReading(b, builtin(b))
	for b.Loop() {
		if _, err := reading.Decode(binenc.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookupTerm(b *testing.B) {
	rd, err := reading.Load(margin.Content())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, q := range []string{"authoritarian resiliance", "grid mgmt", "kmt", "失信被执行人"} {
			if _, err := rd.LookupTerm(q); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoadPrep measures what checking prep.yaml at Load would add to
// every command that opens a reading folder (see BENCHMARKS.md).
func BenchmarkLoadPrep(b *testing.B) {
	for b.Loop() {
		rd, _ := reading.Load(margin.Content())
		if _, _, err := rd.Prep("1"); err != nil {
			b.Fatal(err)
		}
	}
}
