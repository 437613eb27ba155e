package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/margin-reader/margin/internal/hostile"
	"github.com/margin-reader/margin/internal/marks"
)

// The reader, on a reading whose every field holds control sequences (see
// package hostile) and with a personal note full of them, draws no escape
// sequence but its own styling on any screen: the text, the table of
// contents, search and its results, the glossary browser, and the pop-ups
// of notes, terms, endnotes and the user's note.
func TestHostileReadingDrawsNoEscape(t *testing.T) {
	rd, err := hostile.Reading()
	if err != nil {
		t.Fatal(err)
	}
	store := marks.Open(filepath.Join(t.TempDir(), "marks.json"))
	if _, err := store.Add(marks.Mark{Reading: rd.Meta.ID, Section: "1.1", Quote: "Second paragraph",
		Text: "my note " + hostile.Payload}); err != nil {
		t.Fatal(err)
	}
	for _, plain := range []bool{false, true} {
		d := newDriverCfg(t, Config{Reading: rd, Renderer: renderer, Style: "dark", Plain: plain,
			StateDir: t.TempDir(), Marks: store}, 100, 30)
		seen := map[string]bool{}
		check := func(step string) {
			t.Helper()
			screen := d.m.screen()
			if err := hostile.CheckStyled(screen); err != nil {
				t.Fatalf("plain %v, %s: %v", plain, step, err)
			}
			if strings.Contains(screen, hostile.Marker) {
				seen[step] = true
			}
		}
		check("start")
		for i := range rd.Sections {
			d.keys("]")
			check("section " + rd.Sections[min(i+1, len(rd.Sections)-1)].Number)
		}
		// Every marker of 1.1 (the note, the terms, the endnotes, the
		// user's note), opened, and the related terms of each pop-up.
		for range 12 {
			d.keys("tab")
			check("tab")
			d.keys("enter")
			check("pop-up")
			d.keys("tab", "enter")
			check("related pop-up")
			d.keys("esc", "esc", "esc")
		}
		d.keys("t")
		check("contents")
		d.keys("esc", "/")
		d.typeText("alpha")
		check("search")
		d.keys("enter")
		check("search hit")
		d.keys("esc", "/")
		d.typeText("gnp")
		d.keys("down", "down")
		check("search results")
		d.keys("esc", "T")
		check("glossary browser")
		d.typeText("al")
		d.keys("enter")
		check("glossary entry")
		d.keys("esc", "esc", "v")
		check("sentence selected")
		d.keys("m")
		check("note box")
		d.keys("esc", "?")
		check("help")
		for _, step := range []string{"pop-up", "search results", "glossary browser", "glossary entry"} {
			if !seen[step] {
				t.Errorf("plain %v: the hostile text never showed at %s", plain, step)
			}
		}
	}
}
