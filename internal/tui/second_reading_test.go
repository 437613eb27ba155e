package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/margin-reader/margin/internal/reading"
)

// secondReading loads the repository's second test reading, Mill's On
// Liberty (testdata/readings/mill-on-liberty), from its folder.
func secondReading(t testing.TB) *reading.Reading {
	t.Helper()
	rd, err := reading.Load(os.DirFS(filepath.Join("..", "..", "testdata", "readings", "mill-on-liberty")))
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// The reader opens another reading at its own first section, with its own
// contents, glossary and search, and nothing of the built-in paper.
func TestReaderOnSecondReading(t *testing.T) {
	rd := secondReading(t)
	d := newDriverCfg(t, Config{Reading: rd, Renderer: renderer, Style: "dark", StateDir: t.TempDir()}, 90, 24)
	d.sectionIs("1")
	d.wantScreen("1 Introductory", "The subject of this Essay is not the so-called", "? help")
	d.checkSize()
	noPaper := func() {
		t.Helper()
		if s := strings.ToLower(d.screen()); strings.Contains(s, "vochelet") || strings.Contains(s, "social credit") {
			t.Fatalf("the built-in paper shows in another reading:\n%s", d.screen())
		}
	}
	noPaper()

	d.keys("t")
	d.wantScreen("2.1 Penalties", "1.2 One very")
	noPaper()
	d.keys("t")

	d.keys("/")
	d.typeText("bodmin")
	d.wantScreen("/bodmin", "Thomas Pooley")
	noPaper()
	d.keys("esc")

	d.keys("T")
	d.typeText("harm")
	d.wantScreen("Harm principle")
	d.keys("enter")
	d.wantScreen("self-protection")
	noPaper()
}
