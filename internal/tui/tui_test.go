package tui

import (
	"github.com/margin-reader/margin/internal/render"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestOpensAtTheFirstSection(t *testing.T) {
	d := newDriver(t, 80, 24)
	s := d.m.rd.Sections[0]
	d.sectionIs(s.Number)
	d.wantScreen(s.Title, "? help", "%")
	d.checkSize()
}

func TestNextAndPreviousSection(t *testing.T) {
	d := newDriver(t, 80, 24)
	secs := d.m.rd.Sections
	d.keys("]")
	d.sectionIs(secs[1].Number)
	d.wantScreen(secs[1].Title)
	d.keys("L") // part 2 has no text of its own: it opens with 2.1
	d.sectionIs(secs[3].Number)
	d.wantScreen(secs[2].Title[:30], secs[3].Title)
	d.keys("L")
	d.sectionIs(secs[4].Number)
	d.keys("[")
	d.sectionIs(secs[3].Number)
	d.keys("H") // back past the empty part
	d.sectionIs(secs[1].Number)
	d.keys("[", "[", "[")
	d.sectionIs(secs[0].Number)
}

// Paging runs straight through the paper, as less and epy do across
// chapters: a page down at the end of a section opens the next one, a page
// up at its top the end of the one before. The last line says what is next.
func TestPagingCrossesSections(t *testing.T) {
	d := newDriver(t, 80, 12)
	secs := d.m.rd.Sections
	d.keys("]", "G")
	d.wantScreen("] next: " + secs[3].Number + " " + secs[3].Title[:20])
	d.keys("space")
	d.sectionIs(secs[3].Number)
	if d.m.offset != 0 {
		t.Errorf("the next section opened at line %d", d.m.offset)
	}
	d.keys("b")
	d.sectionIs(secs[1].Number)
	if d.m.offset != d.m.maxOffset() {
		t.Errorf("the previous section opened at line %d, not at its end (%d)", d.m.offset, d.m.maxOffset())
	}
	for _, k := range []string{"f", "pgdown"} {
		d.keys("G", k)
		d.sectionIs(secs[3].Number)
		d.keys("pgup")
		d.sectionIs(secs[1].Number)
	}
	d.keys("g", "b") // at the top of the introduction: back to the abstract's end
	d.sectionIs(secs[0].Number)
	d.keys("g", "b") // nothing before the abstract
	d.sectionIs(secs[0].Number)
	last := len(secs) - 1
	d.run(d.m.goTo(last))
	d.keys("G")
	d.wantScreen("The end of the paper.")
	d.keys("space")
	d.sectionIs(secs[last].Number)
}

func TestScrolling(t *testing.T) {
	d := newDriver(t, 80, 10)
	d.keys("]") // the introduction is longer than a screen
	if d.m.maxOffset() < 10 {
		t.Fatalf("section too short to test scrolling: %d lines", len(d.m.page.lines))
	}
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"space", 10}, {"b", 1}, {"d", 5}, {"u", 1},
		{"G", d.m.maxOffset()}, {"g", 0}, {"f", 9}, {"pgup", 0}, {"pgdown", 9},
	}
	for _, s := range steps {
		d.keys(s.key)
		if d.m.offset != s.want {
			t.Fatalf("after %s: offset %d, want %d", s.key, d.m.offset, s.want)
		}
	}
	d.keys("G")
	if !strings.Contains(d.screen(), "Asian values:") || !strings.Contains(d.screen(), "] next: ") {
		t.Errorf("bottom of the section does not show its lists:\n%s", d.screen())
	}
}

func TestPercentGrows(t *testing.T) {
	d := newDriver(t, 80, 24)
	first := d.m.percent()
	d.keys("]", "]", "]")
	if p := d.m.percent(); p <= first {
		t.Errorf("percent %d after three sections, %d at the start", p, first)
	}
	for range d.m.rd.Sections {
		d.keys("]")
	}
	d.keys("G")
	if p := d.m.percent(); p != 100 {
		t.Errorf("percent at the end is %d", p)
	}
}

func TestTableOfContents(t *testing.T) {
	d := newDriver(t, 100, 30)
	secs := d.m.rd.Sections
	d.keys("t")
	d.wantScreen(secs[0].Number+" "+secs[0].Title[:5], secs[3].Number+" "+secs[3].Title[:5])
	d.checkSize()
	d.keys("j", "j", "j", "enter")
	d.sectionIs(secs[3].Number)
	if d.m.mode() != modeRead || !d.m.showTOC {
		t.Fatalf("after enter: mode %d, sidebar %v", d.m.mode(), d.m.showTOC)
	}
	d.keys("j") // the text scrolls again
	d.keys("t", "t")
	if d.m.showTOC {
		t.Error("t t did not hide the sidebar")
	}
}

func TestTableOfContentsNarrow(t *testing.T) {
	d := newDriver(t, 40, 12)
	d.keys("t")
	d.wantScreen("▸ 0 ")
	d.checkSize()
	d.keys("G", "enter")
	d.sectionIs(d.m.rd.Sections[len(d.m.rd.Sections)-1].Number)
	if d.m.showTOC {
		t.Error("narrow contents stayed open after enter")
	}
}

func TestSearchJumpsAndHighlights(t *testing.T) {
	d := newDriver(t, 90, 24)
	d.keys("/")
	d.typeText("asian values")
	d.wantScreen("/asian values", "§3")
	d.checkSize()
	if len(d.m.search.hits) < 2 {
		t.Fatalf("%d hits", len(d.m.search.hits))
	}
	// choose the first sentence result
	for d.m.search.docs[d.m.search.results[d.m.search.cursor].Doc].Kind != "text" {
		d.keys("down")
	}
	d.keys("enter")
	if d.m.mode() != modeRead {
		t.Fatalf("mode %d after enter", d.m.mode())
	}
	if len(d.m.hl) == 0 {
		t.Fatal("no highlight after jumping to a hit")
	}
	line := -1
	for l := range d.m.hl {
		line = l
	}
	if line < d.m.offset || line >= d.m.offset+d.m.bodyHeight() {
		t.Fatalf("highlighted line %d off screen (offset %d)", line, d.m.offset)
	}
	hit := d.m.search.hit
	d.keys("n")
	if d.m.search.hit != (hit+1)%len(d.m.search.hits) {
		t.Fatalf("n: hit %d after %d", d.m.search.hit, hit)
	}
	d.wantScreen("hit ")
	d.keys("N")
	if d.m.search.hit != hit {
		t.Fatalf("N: hit %d, want %d", d.m.search.hit, hit)
	}
}

// Bubble Tea v2 reports a bracketed paste as a tea.PasteMsg, not as keys:
// it still reaches the search and filter boxes, and is ignored elsewhere.
func TestPasteIntoSearchAndFilter(t *testing.T) {
	d := newDriver(t, 90, 24)
	d.send(tea.PasteMsg{Content: "ignored"})
	if d.m.mode() != modeRead {
		t.Fatalf("a paste while reading changed the mode to %d", d.m.mode())
	}
	d.keys("/")
	d.send(tea.PasteMsg{Content: "asian values"})
	if v := d.m.search.input.Value(); v != "asian values" {
		t.Fatalf("search box holds %q after a paste", v)
	}
	if len(d.m.search.results) == 0 {
		t.Fatal("a pasted query found nothing")
	}
	d.keys("esc", "T")
	entries, _ := d.m.rd.Glossary()
	d.send(tea.PasteMsg{Content: strings.Fields(entries[3].Term)[0]})
	if n := len(d.m.gloss.entries); n == 0 || n == len(entries) {
		t.Fatalf("pasted filter: %d entries", n)
	}
}

func TestSearchNoMatchesAndCleanQuery(t *testing.T) {
	d := newDriver(t, 60, 10)
	d.keys("/")
	d.typeText("zzqqxx\x1b[31m\u009b")
	if v := d.m.search.input.Value(); strings.ContainsAny(v, "\x1b\u009b") {
		t.Fatalf("query keeps control characters: %q", v)
	}
	d.wantScreen("no matches for zzqqxx")
	d.keys("esc")
	if d.m.mode() != modeRead {
		t.Fatal("esc did not leave the search")
	}
	d.keys("n")
	d.wantScreen("no search hits")
}

func TestSearchOpensGlossaryResult(t *testing.T) {
	d := newDriver(t, 90, 24)
	d.keys("/")
	d.typeText("grid management")
	for i, r := range d.m.search.results {
		if d.m.search.docs[r.Doc].Kind == "glossary" {
			d.m.search.cursor = i
			break
		}
	}
	d.keys("enter")
	if d.m.mode() != modeOverlay {
		t.Fatalf("mode %d after opening a glossary result", d.m.mode())
	}
	d.wantScreen("Glossary:", "esc closes")
}

func TestMarkersOpenOverlays(t *testing.T) {
	d := newDriver(t, 100, 40)
	opened := map[render.SpotKind]bool{}
	for range d.m.rd.Sections {
		for j, mk := range d.m.page.markers {
			if opened[mk.Kind] {
				continue
			}
			d.m.offset = mk.Line
			d.m.clampOffset()
			d.m.focus = -1
			for i := 0; i <= len(d.m.page.markers) && d.m.focus != j; i++ {
				d.keys("tab")
			}
			d.keys("enter")
			if d.m.mode() != modeOverlay {
				t.Fatalf("%s: enter opened nothing", mk.label)
			}
			d.wantScreen("esc closes")
			if d.m.ovs.cur.lines == nil || len(d.m.ovs.cur.lines) < 2 {
				t.Fatalf("%s: overlay not rendered", mk.label)
			}
			d.checkSize()
			d.keys("esc")
			if d.m.mode() != modeRead {
				t.Fatalf("%s: esc did not close the overlay", mk.label)
			}
			opened[mk.Kind] = true
		}
		d.keys("]")
	}
	for _, k := range []render.SpotKind{render.SpotNote, render.SpotTerm, render.SpotEndnote} {
		if !opened[k] {
			t.Errorf("no marker of kind %d found in the whole paper", k)
		}
	}
}

func TestMarkersAreWhereTheTextSays(t *testing.T) {
	for _, plain := range []bool{false, true} {
		d := newDriverCfg(t, Config{Reading: builtin(t), Renderer: renderer, Style: "light", Plain: plain, StateDir: t.TempDir()}, 100, 40)
		checkMarkers(t, d)
	}
}

func checkMarkers(t *testing.T, d *driver) {
	notes, _ := d.m.rd.Notes()
	found := 0
	for last := -1; d.m.sec != last; {
		last = d.m.sec
		for _, mk := range d.m.page.markers {
			if mk.Kind == render.SpotNote {
				found++
			}
		}
		for _, mk := range d.m.page.markers {
			l := d.m.page.plain[mk.Line]
			got := cutCols(l, mk.Col, mk.Col+mk.Width)
			if strings.TrimSpace(got) == "" || mk.Kind == render.SpotNote && !strings.Contains(got, "N") {
				t.Errorf("section %s: %s at %d:%d reads %q", d.m.rd.Sections[d.m.sec].Number, mk.label, mk.Line, mk.Col, got)
			}
		}
		d.keys("]")
	}
	if found != len(notes) {
		t.Errorf("plain %v: %d of %d note markers found on the pages", d.m.cfg.Plain, found, len(notes))
	}
}

func TestTabWithoutMarkers(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("G", "enter")
	if d.m.mode() != modeRead {
		t.Fatal("enter with nothing selected opened something")
	}
}

func TestGlossaryBrowser(t *testing.T) {
	d := newDriver(t, 80, 20)
	d.keys("T")
	entries, _ := d.m.rd.Glossary()
	d.wantScreen("filter:", entries[0].Term)
	word := strings.Fields(entries[3].Term)[0]
	d.typeText(word)
	if len(d.m.gloss.entries) == 0 || len(d.m.gloss.entries) == len(entries) {
		t.Fatalf("filter %q: %d entries", word, len(d.m.gloss.entries))
	}
	d.checkSize()
	first := d.m.gloss.entries[0]
	d.keys("enter")
	d.wantScreen(first.Term, "esc closes")
	d.keys("esc")
	if d.m.mode() != modeGlossary {
		t.Fatalf("esc from the entry went to mode %d, not back to the glossary", d.m.mode())
	}
	d.keys("esc")
	if d.m.mode() != modeRead {
		t.Fatal("esc did not close the glossary")
	}
	d.keys("y")
	if d.m.mode() != modeGlossary {
		t.Fatal("y did not open the glossary")
	}
}

func TestHelpListsKeys(t *testing.T) {
	d := newDriver(t, 80, 30)
	d.keys("?")
	d.wantScreen("table of contents", "search", "glossary", "quit", "tab")
	for _, k := range []string{"esc", "q", "?"} {
		d.keys("?", "x", "j", k)
		if d.m.mode() != modeRead || d.quit {
			t.Fatalf("%s did not close the help (mode %d, quit %v)", k, d.m.mode(), d.quit)
		}
	}
	short := newDriver(t, 80, 8)
	short.keys("?", "j", "j")
	if short.m.mode() != modeHelp || short.m.help.off != 2 {
		t.Errorf("j in the help: mode %d, offset %d", short.m.mode(), short.m.help.off)
	}
	short.keys("G")
	if !strings.Contains(short.screen(), "quit (your place is kept)") {
		t.Errorf("the end of the help is out of reach:\n%s", short.screen())
	}
}

// The README's table of the reader's keys is the help screen, line for line.
func TestREADMEKeysMatchTheHelp(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(data), "### The interactive reader")
	if !ok {
		t.Fatal("README has no section on the interactive reader")
	}
	_, block, _ := strings.Cut(after, "```\n")
	block, _, _ = strings.Cut(block, "```")
	want := strings.Join(readingKeys.helpText(), "\n") + "\n"
	if block != want {
		t.Errorf("README's key table differs from the help; it should read:\n%s", want)
	}
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		d := newDriver(t, 80, 24)
		d.keys(k)
		if !d.quit {
			t.Errorf("%s did not quit", k)
		}
	}
	d := newDriver(t, 80, 24)
	d.keys("/", "ctrl+c")
	if !d.quit {
		t.Error("ctrl+c in the search box did not quit")
	}
}

func TestTinyWindow(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {10, 3}, {1, 1}} {
		d := newDriver(t, size[0], size[1])
		seq := []string{"j", "G", "]", "tab", "enter", "esc", "t", "j", "enter", "t", "esc", "/", "a", "enter", "n",
			"T", "e", "enter", "esc", "esc", "?", "x", "d", "u", "b", "space", "[", "shift+tab"}
		for _, k := range seq {
			d.keys(k)
			if size[0] >= 10 {
				d.checkSize()
			}
		}
	}
}

func TestResizeReRenders(t *testing.T) {
	d := newDriver(t, 100, 30)
	d.keys("]", "d")
	wide := d.m.page
	d.send(tea.WindowSizeMsg{Width: 50, Height: 20})
	d.sectionIs(d.m.rd.Sections[1].Number)
	if d.m.page == wide {
		t.Fatal("the page was not re-rendered at the new width")
	}
	if d.m.offset == 0 {
		t.Error("resizing lost the place")
	}
	d.checkSize()
	for _, l := range d.m.page.plain {
		if w := ansi.StringWidth(l); w > 50 {
			t.Fatalf("line %d columns wide at width 50: %q", w, l)
		}
	}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if d.m.page != wide {
		t.Error("going back to the old width did not use the cached page")
	}
}

func TestMouseWheel(t *testing.T) {
	d := newDriver(t, 80, 10)
	d.keys("]")
	d.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if d.m.offset != 3 {
		t.Fatalf("wheel down: offset %d", d.m.offset)
	}
	d.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if d.m.offset != 0 {
		t.Fatalf("wheel up: offset %d", d.m.offset)
	}
}

func TestPositionIsRestored(t *testing.T) {
	dir := t.TempDir()
	d := newDriverIn(t, dir, 80, 20)
	d.keys("]", "j", "j", "j")
	if err := savePosition(dir, d.m.position()); err != nil {
		t.Fatal(err)
	}
	e := newDriverIn(t, dir, 80, 20)
	e.sectionIs(d.m.rd.Sections[1].Number)
	if e.m.offset != 3 {
		t.Errorf("restored offset %d, want 3", e.m.offset)
	}
	f := newDriverIn(t, dir, 60, 20) // another width: by fraction
	f.sectionIs(d.m.rd.Sections[1].Number)
	if f.m.offset == 0 {
		t.Error("restoring at another width lost the place")
	}
}

func TestBadPositionFileIsIgnored(t *testing.T) {
	for _, data := range []string{"{not json", `{"section":"99.9"}`, `{"section":"1","line":-5,"fraction":7}`, ""} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, positionFile), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		d := newDriverIn(t, dir, 80, 20)
		if d.m.page == nil || d.m.offset != 0 {
			t.Errorf("%q: page %v, offset %d", data, d.m.page != nil, d.m.offset)
		}
		if damaged := data == "{not json" || data == ""; damaged != strings.Contains(d.screen(), "was damaged") {
			t.Errorf("%q: damaged %v, but the status line reads: %s", data, damaged, d.m.msg)
		}
		d.keys("j")
		if strings.Contains(d.screen(), "was damaged") {
			t.Errorf("%q: reported more than once", data)
		}
		d.keys("]")
		d.send(saveMsg{})
		if p, ok, msg := loadPosition(dir); !ok || msg != "" || p.Section != d.m.rd.Sections[d.m.sec].Number {
			t.Errorf("%q: the damaged file was not replaced: %+v %v %q", data, p, ok, msg)
		}
	}
}

// The reader saves its place as it goes, only when it has moved, and on a
// hang-up before it quits.
func TestPlaceIsSavedAsYouRead(t *testing.T) {
	dir := t.TempDir()
	d := newDriverIn(t, dir, 80, 20)
	d.send(saveMsg{})
	if _, err := os.Stat(filepath.Join(dir, positionFile)); err == nil {
		t.Error("saved a place the reader never left")
	}
	d.keys("]", "]", "]", "j", "j")
	d.send(saveMsg{})
	p, ok, _ := loadPosition(dir)
	if !ok || p.Section != d.m.rd.Sections[d.m.sec].Number || p.Section != "2.2" || p.Line != 2 {
		t.Fatalf("after moving: %+v %v", p, ok)
	}
	d.keys("j")
	d.send(hangupMsg{})
	if !d.quit {
		t.Error("a hang-up does not quit")
	}
	if p, _, _ := loadPosition(dir); p.Line != 3 {
		t.Errorf("a hang-up did not save the place: %+v", p)
	}
}

func TestSavePositionIsAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if err := savePosition(dir, position{Section: "2.1", Line: 4}); err != nil {
		t.Fatal(err)
	}
	p, ok, _ := loadPosition(dir)
	if !ok || p.Section != "2.1" || p.Line != 4 {
		t.Fatalf("loaded %+v %v", p, ok)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestStateDir(t *testing.T) {
	env := map[string]string{StateDirEnv: "/x/y"}
	if got := StateDir(func(k string) string { return env[k] }); got != "/x/y" {
		t.Errorf("StateDir = %q", got)
	}
	if got := StateDir(func(string) string { return "" }); !strings.HasSuffix(got, "margin") {
		t.Errorf("StateDir = %q", got)
	}
}

// The search box opens empty each time; the last query is one ↑ away.
func TestSearchOpensEmpty(t *testing.T) {
	d := newDriver(t, 90, 24)
	d.keys("/")
	d.typeText("horsley")
	d.keys("esc", "/")
	if v := d.m.search.input.Value(); v != "" {
		t.Fatalf("the search box reopened with %q", v)
	}
	if len(d.m.search.results) != 0 {
		t.Errorf("the old results are still listed")
	}
	d.keys("up")
	if v := d.m.search.input.Value(); v != "horsley" {
		t.Fatalf("↑ brought back %q, want the last query", v)
	}
	d.wantScreen("/horsley")
	d.typeText(" score")
	if v := d.m.search.input.Value(); v != "horsley score" {
		t.Errorf("typing after ↑ gives %q", v)
	}
}

// A glossary pop-up shows what margin glossary TERM shows: where the paper
// uses the term, its related terms and its sources; tab selects a related
// term, enter opens it over the first, and esc goes back.
func TestGlossaryPopUpIsTheFullEntry(t *testing.T) {
	d := newDriver(t, 100, 60)
	d.run(d.m.openEntry("grid-management"))
	d.wantScreen("Where the paper uses it", "tab selects a related term")
	d.keys("G")
	d.wantScreen("Related terms", "Sources")
	first := d.m.ovs.cur.links[0]
	d.keys("tab")
	d.wantScreen("enter opens " + first.Term)
	d.keys("enter")
	if d.m.ovs.cur.title != "Glossary: "+first.Term {
		t.Fatalf("enter opened %q, want %s", d.m.ovs.cur.title, first.Term)
	}
	d.keys("esc")
	if d.m.mode() != modeOverlay || d.m.ovs.cur.title != "Glossary: Grid management" {
		t.Fatalf("esc went to mode %d, %q; want the first entry back", d.m.mode(), d.m.ovs.cur.title)
	}
	d.keys("esc")
	if d.m.mode() != modeRead {
		t.Errorf("esc from the first pop-up: mode %d", d.m.mode())
	}
	d.run(d.m.openNote("single-score-horsley"))
	d.wantScreen("MISLEADING")
	d.keys("G")
	d.wantScreen("Sources", "(seen")
}
