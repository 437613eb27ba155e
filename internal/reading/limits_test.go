package reading_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
)

const bigSection = "text/02.1-chinas-social-credit-system.md"

// contentWith copies the built-in content, with section 2.1's body repeated
// until the file is about size bytes.
func contentWith(tb testing.TB, size int) fstest.MapFS {
	tb.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(margin.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(margin.Content(), p)
		out[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	orig := string(out[bigSection].Data)
	_, body, _ := strings.Cut(strings.TrimPrefix(orig, "---\n"), "---\n")
	var b strings.Builder
	b.WriteString(orig)
	// Each copy of the paragraph cites the same endnotes; plain text keeps
	// the section valid however often it is repeated.
	para := strings.NewReplacer("[^2]", "", "[^3]", "", "[^4]", "", "[^5]", "").Replace(body)
	for b.Len() < size {
		b.WriteString("\n" + para)
	}
	out[bigSection] = &fstest.MapFile{Data: []byte(b.String()), Mode: 0o644}
	return out
}

// TestContentFileOverLimit: a content file over MaxContentFileBytes is
// refused before it is parsed, naming the file, its size and the limit.
func TestContentFileOverLimit(t *testing.T) {
	_, err := reading.Load(contentWith(t, 2*reading.MaxContentFileBytes))
	var fe *reading.FileError
	if !errors.As(err, &fe) || fe.File != bigSection ||
		!strings.Contains(err.Error(), "more than the 1 MiB margin loads from one content file") {
		t.Fatalf("Load = %v, want an error naming %s and the limit", err, bigSection)
	}
	if _, err := reading.Load(contentWith(t, reading.MaxContentFileBytes-4096)); err != nil {
		t.Errorf("a section just under the limit: %v", err)
	}
}

// TestContentSpecialFile: a content file that is not a regular file (a FIFO
// in a reading from elsewhere) is refused before it is opened.
func TestContentSpecialFile(t *testing.T) {
	fsys := contentWith(t, 0)
	fsys[bigSection].Mode = fs.ModeNamedPipe | 0o644
	_, err := reading.Load(fsys)
	if err == nil || !strings.Contains(err.Error(), bigSection) || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Load = %v", err)
	}
}

// BenchmarkLoadLargeSection loads the reading with section 2.1 grown to each
// size, up to the limit: the time and memory per byte should stay flat.
func BenchmarkLoadLargeSection(b *testing.B) {
	for _, size := range []int{64 << 10, 256 << 10, 1<<20 - 4096} {
		fsys := contentWith(b, size)
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := reading.Load(fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
