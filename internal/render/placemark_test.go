package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/reading"
)

// paperCopy copies the built-in paper into a directory, edits its section
// 2.1 with edit, and loads it.
func paperCopy(t *testing.T, edit func(string) string) *reading.Reading {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"text", "glossary", "notes"} {
		fsys, err := fs.Sub(margin.Content(), sub)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(dir, sub), fsys); err != nil {
			t.Fatal(err)
		}
	}
	name := filepath.Join(dir, "text", "02.1-chinas-social-credit-system.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	changed := edit(string(data))
	if changed == string(data) {
		t.Fatal("the edit changed nothing")
	}
	if err := os.WriteFile(name, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	rd, err := reading.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// A personal note made on the paper follows its words when one word of
// them changes, says what the text now reads, and becomes an orphan, listed
// with its quote, when its sentence is deleted.
func TestPersonalNoteSurvivesAnEditedText(t *testing.T) {
	orig, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	s := orig.Section("2.1")
	quote := "given a grade, ranging from A+++ to D"
	loc, err := reading.LocateExact(s, reading.Anchor{Exact: quote})
	if err != nil {
		t.Fatal(err)
	}
	m := marks.Mark{ID: "1", Reading: orig.Meta.ID, Section: "2.1", Quote: quote, Text: "Letters?",
		Position: s.Offset(loc), TextHash: s.TextHash()}
	if um := PlaceMark(orig, m); um.Orphan || um.Loc.Fit != reading.FitExact {
		t.Fatalf("on the paper itself: %+v", um)
	}

	rd := paperCopy(t, func(text string) string {
		return strings.Replace(text, "given a grade, ranging", "given a mark, ranging", 1)
	})
	if rd.Section("2.1").TextHash() == m.TextHash {
		t.Fatal("the text hash did not change with the text")
	}
	um := PlaceMark(rd, m)
	if um.Orphan || um.Loc.Fit != reading.FitApprox || um.Loc.Found != "given a mark, ranging from A+++ to D" {
		t.Fatalf("one word changed: %+v", um)
	}
	md, err := Section(rd, rd.Section("2.1"), Show{Marks: []UserMark{um}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "A+++ to D") || !strings.Contains(md, "re-anchored: the text now reads “given a mark, ranging from A+++ to D”") {
		t.Errorf("the section does not show where the note now points:\n%s", md)
	}

	rd = paperCopy(t, func(text string) string {
		start := strings.Index(text, "Their commercial and social interactions")
		end := strings.Index(text[start:], ". ") + start + 2
		return text[:start] + text[end:]
	})
	um = PlaceMark(rd, m)
	if !um.Orphan || um.InText() {
		t.Fatalf("sentence deleted: %+v", um)
	}
	md, err = Section(rd, rd.Section("2.1"), Show{Marks: []UserMark{um}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "no longer anchored: “given a grade, ranging from A+++ to D” is not found in the text") {
		t.Errorf("the orphan is not listed:\n%s", md)
	}
}
