package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/margin-reader/margin/internal/marks"
	"github.com/margin-reader/margin/internal/render"
)

// newNotesDriver is a reader with a notes store of its own.
func newNotesDriver(t *testing.T, store *marks.Store, w, h int) *driver {
	t.Helper()
	return newDriverCfg(t, Config{Reading: builtin(t), Renderer: renderer, Style: "dark", StateDir: t.TempDir(), Marks: store}, w, h)
}

func myMarkers(d *driver) []marker {
	var out []marker
	for _, mk := range d.m.page.markers {
		if mk.Kind == render.SpotMark {
			out = append(out, mk)
		}
	}
	return out
}

// A note added with margin mark add shows in the reader, where tab selects
// it and enter opens it.
func TestNotesFromTheStoreShow(t *testing.T) {
	store := marks.Open(filepath.Join(t.TempDir(), "marks.json"))
	rd := builtin(t)
	if _, err := store.Add(marks.Mark{Reading: rd.Meta.ID, Section: "2.1", Quote: "ranging from A+++ to D", Text: "Compare Sesame Credit."}); err != nil {
		t.Fatal(err)
	}
	d := newNotesDriver(t, store, 100, 40)
	d.keys("]", "]") // 1, then 2.1
	d.sectionIs("2.1")
	ms := myMarkers(d)
	if len(ms) != 1 || ms[0].Ref != "1" {
		t.Fatalf("personal notes on the page: %+v", ms)
	}
	d.wantScreen("✎ 1")
	d.keys("G")
	d.wantScreen("Your notes", "Compare Sesame Credit.")
	d.m.offset = ms[0].Line
	for i := 0; i < 30; i++ {
		if mk, ok := d.m.focused(); ok && mk.Kind == render.SpotMark {
			break
		}
		d.keys("tab")
	}
	d.keys("enter")
	d.wantScreen("Your note 1", "ranging from A+++ to D", "Compare Sesame Credit.", "e edits")
}

// v selects the first sentence on screen, j moves the selection, m writes
// a note on it, and the note is in the store and on the page at once; e
// edits it and x deletes it after a y.
func TestNotesWrittenInTheReader(t *testing.T) {
	store := marks.Open(filepath.Join(t.TempDir(), "marks.json"))
	d := newNotesDriver(t, store, 100, 30)
	d.keys("]", "]")
	d.keys("v")
	if d.m.sel != 0 || len(d.m.selection()) == 0 {
		t.Fatalf("v selected sentence %d, highlight %v", d.m.sel, d.m.selection())
	}
	d.keys("j")
	if d.m.sel != 1 {
		t.Fatalf("j moved the selection to %d", d.m.sel)
	}
	second := d.m.sentences()[1]
	d.keys("m")
	if d.m.mode() != modePrompt {
		t.Fatalf("m opened mode %d", d.m.mode())
	}
	d.wantScreen("note on “SCS is currently developed", "enter saves")
	d.typeText("Baidu? Check note 2.")
	d.keys("enter")
	list, err := store.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("store after m: %v %+v", err, list)
	}
	p := d.m.rd.Sections[d.m.sec].Paragraphs[second.Para].Plain
	if list[0].Text != "Baidu? Check note 2." || list[0].Quote != p[second.Start:second.End] || list[0].Section != "2.1" {
		t.Errorf("stored %+v", list[0])
	}
	if d.m.mode() != modeRead || len(myMarkers(d)) != 1 {
		t.Fatalf("the new note is not on the page (mode %d, markers %+v)", d.m.mode(), myMarkers(d))
	}
	d.wantScreen("your note 1 added")

	// e edits the note selected with tab.
	mk := myMarkers(d)[0]
	d.m.offset = max(mk.Line-2, 0)
	for i := 0; i < 40; i++ {
		if f, ok := d.m.focused(); ok && f.Kind == render.SpotMark {
			break
		}
		d.keys("tab")
	}
	d.keys("e")
	if d.m.mode() != modePrompt || d.m.box.input.Value() != "Baidu? Check note 2." {
		t.Fatalf("e: mode %d, box %q", d.m.mode(), d.m.box.input.Value())
	}
	d.typeText(" Done.")
	d.keys("enter")
	if list, _ := store.List(); len(list) != 1 || list[0].Text != "Baidu? Check note 2. Done." {
		t.Fatalf("after e: %+v", list)
	}

	// x asks first; any key but y keeps the note.
	for i := 0; i < 40; i++ {
		if f, ok := d.m.focused(); ok && f.Kind == render.SpotMark {
			break
		}
		d.keys("tab")
	}
	d.keys("x")
	d.wantScreen("delete your note 1?")
	d.keys("n")
	if list, _ := store.List(); len(list) != 1 {
		t.Fatal("n deleted the note")
	}
	for i := 0; i < 40; i++ {
		if f, ok := d.m.focused(); ok && f.Kind == render.SpotMark {
			break
		}
		d.keys("tab")
	}
	d.keys("x", "y")
	if list, _ := store.List(); len(list) != 0 {
		t.Fatalf("x y left %+v", list)
	}
	if len(myMarkers(d)) != 0 {
		t.Error("the deleted note is still on the page")
	}
}

// esc cancels the note box and writes nothing; an empty note is refused
// with the box kept open.
func TestNoteBoxCancels(t *testing.T) {
	store := marks.Open(filepath.Join(t.TempDir(), "marks.json"))
	d := newNotesDriver(t, store, 100, 30)
	d.keys("m")
	d.typeText("never mind")
	d.keys("esc")
	if list, _ := store.List(); len(list) != 0 || d.m.mode() != modeRead {
		t.Fatalf("esc: mode %d, store %+v", d.m.mode(), list)
	}
	d.keys("m", "enter")
	if d.m.mode() != modePrompt || !strings.Contains(d.m.msg, "not saved") {
		t.Errorf("an empty note: mode %d, message %q", d.m.mode(), d.m.msg)
	}
}

// A notes store that cannot be read is reported on the status line, and the
// reader goes on without notes, writing nothing.
func TestUnreadableStoreIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marks.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	d := newNotesDriver(t, marks.Open(path), 160, 30)
	d.wantScreen("your notes are not shown")
	d.keys("m")
	if d.m.mode() == modePrompt {
		t.Error("the note box opened on a store that cannot be read")
	}
	if data, _ := os.ReadFile(path); string(data) != "{not json" {
		t.Errorf("the store was changed: %q", data)
	}
}

// Other people's notes say whose they are; a note whose words changed points
// where it now stands and says what the text reads; an orphan is listed at
// the section's end with its quote.
func TestOthersAndReanchoredNotesInTheReader(t *testing.T) {
	store := marks.Open(filepath.Join(t.TempDir(), "marks.json"))
	rd := builtin(t)
	_, err := store.Import("urn:x", []marks.Mark{
		{Reading: rd.Meta.ID, Section: "2.1", Quote: "ranging from A+++ to E", Text: "Ana's note.", Creator: "ana"},
		{Reading: rd.Meta.ID, Section: "2.1", Quote: "words the author never wrote", Text: "Lost note."},
	})
	if err != nil {
		t.Fatal(err)
	}
	d := newNotesDriver(t, store, 120, 40)
	d.keys("]", "]")
	d.sectionIs("2.1")
	ms := myMarkers(d)
	if len(ms) != 1 || ms[0].Ref != "1" {
		t.Fatalf("markers: %+v (the orphan marks nothing)", ms)
	}
	d.keys("G")
	d.wantScreen("re-anchored: the text now reads “ranging from A+++ to D”", "— ana",
		"no longer anchored: “words the author never wrote”", "Lost note.")
	d.m.offset = ms[0].Line
	for i := 0; i < 30; i++ {
		if mk, ok := d.m.focused(); ok && mk.Kind == render.SpotMark {
			break
		}
		d.keys("tab")
	}
	d.keys("enter")
	d.wantScreen("Note 1 by ana", "The text now reads: “ranging from A+++ to D”", "Ana's note.")
}

// The reader shows only the personal notes of the reading open: a note on
// another reading with the same section and words stays out.
func TestOnlyThisReadingsNotesShow(t *testing.T) {
	store := marks.Open(filepath.Join(t.TempDir(), "marks.json"))
	rd := builtin(t)
	for _, m := range []marks.Mark{
		{Reading: "another-reading", Section: "2.1", Quote: "ranging from A+++ to D", Text: "On another reading."},
		{Reading: rd.Meta.ID, Section: "2.1", Quote: "ranging from A+++ to D", Text: "On this one."},
	} {
		if _, err := store.Add(m); err != nil {
			t.Fatal(err)
		}
	}
	d := newNotesDriver(t, store, 100, 40)
	d.keys("]", "]")
	d.sectionIs("2.1")
	if ms := myMarkers(d); len(ms) != 1 || ms[0].Ref != "2" {
		t.Fatalf("personal notes on the page: %+v", ms)
	}
	d.keys("G")
	d.wantScreen("On this one.")
	if strings.Contains(d.screen(), "On another reading.") {
		t.Error("the reader shows a note of another reading")
	}
}
