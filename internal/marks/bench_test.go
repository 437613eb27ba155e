package marks

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeBigStore writes a store of n notes to a temporary directory.
func writeBigStore(b *testing.B, n int) *Store {
	b.Helper()
	var sb strings.Builder
	sb.WriteString(`{"format":"margin-marks","version":1,"next_id":` + fmt.Sprint(n+1) + `,"marks":[`)
	for i := 1; i <= n; i++ {
		if i > 1 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"id":"%d","reading":"vochelet-scs","section":"3.%d","quote":"social credit","prefix":"the ","suffix":" system","text":"note number %d, a sentence or two long, as notes are.","created":"2026-03-01T10:00:00Z"}`, i, i%5+1, i)
	}
	sb.WriteString("]}\n")
	p := filepath.Join(b.TempDir(), "marks.json")
	if err := os.WriteFile(p, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return Open(p)
}

// BenchmarkList10000 lists a store of 10,000 notes.
func BenchmarkList10000(b *testing.B) {
	s := writeBigStore(b, 10000)
	for b.Loop() {
		if _, err := s.List(); err != nil {
			b.Fatal(err)
		}
	}
}
