package reading

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// distances returns, for each end j of text, the fewest edits that turn
// the pattern into some text[i:j]: Sellers' dynamic programming, the
// reference the bit-parallel search must agree with.
func distances(p, text []rune) []int {
	prev := make([]int, len(p)+1)
	for i := range prev {
		prev[i] = i
	}
	out := []int{len(p)}
	cur := make([]int, len(p)+1)
	for _, c := range text {
		cur[0] = 0
		for i := 1; i <= len(p); i++ {
			cost := 1
			if p[i-1] == c {
				cost = 0
			}
			cur[i] = min(prev[i-1]+cost, prev[i]+1, cur[i-1]+1)
		}
		out = append(out, cur[len(p)])
		prev, cur = cur, prev
	}
	return out
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func randomRunes(r *rand.Rand, n int, alphabet []rune) []rune {
	out := make([]rune, n)
	for i := range out {
		out[i] = alphabet[r.IntN(len(alphabet))]
	}
	return out
}

// Property: Myers' bit-parallel search reports, at every end position, the
// distance the dynamic programming gives, for patterns of one block and of
// several (longer than 64 characters).
func TestMyersAgreesWithDynamicProgramming(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabets := [][]rune{[]rune("ab"), []rune("abcd "), []rune("aé“”’ x")}
	for round := range 400 {
		alpha := alphabets[round%len(alphabets)]
		p := randomRunes(r, 1+r.IntN(150), alpha)
		text := randomRunes(r, r.IntN(300), alpha)
		k := r.IntN(len(p) + 1)
		want := distances(p, text)
		got := map[int]int{}
		newPattern(p).ends(text, k, func(end, errors int) { got[end] = errors })
		for j := 1; j <= len(text); j++ {
			e, ok := got[j]
			if want[j] <= k && (!ok || e != want[j]) || want[j] > k && ok {
				t.Fatalf("pattern %q text %q k %d: end %d: got %d (reported %v), want %d", string(p), string(text), k, j, e, ok, want[j])
			}
		}
		for _, m := range newPattern(p).search(text, k) {
			if d := editDistance(p, text[m.start:m.end]); d != m.errors || d > k {
				t.Fatalf("pattern %q text %q: match %+v has distance %d", string(p), string(text), m, d)
			}
		}
	}
}

// section builds a section of the given paragraphs.
func section(paras ...string) *Section {
	s := &Section{Number: "1"}
	for _, p := range paras {
		s.Paragraphs = append(s.Paragraphs, NewParagraph(p))
	}
	return s
}

const prose = "The party keeps a ledger of every citizen. Points are lost for jaywalking and won for giving blood. " +
	"A low score closes doors: no train tickets, no loans, no good schools for the children. " +
	"Officials describe the scheme as a way to build trust in a society that lacks it."

// Property: a quote taken from the text is found exactly where it was
// taken from, whatever the hint.
func TestLocateFindsQuotesTakenFromTheText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	s := section(prose, "A second paragraph, so that offsets cross paragraphs.")
	words := strings.Fields(prose)
	for range 200 {
		i := r.IntN(len(words) - 6)
		quote := strings.Join(words[i:i+3+r.IntN(4)], " ")
		loose, _ := LocateExact(s, Anchor{Exact: quote})
		loc, err := Locate(s, Anchor{Exact: quote, Position: r.IntN(len(prose))})
		if loose.Fit != FitExact {
			continue
		}
		if err != nil || loc.Fit != FitExact || s.Paragraphs[loc.Para].Plain[loc.Start:loc.End] != quote {
			t.Fatalf("Locate(%q) = %+v, %v", quote, loc, err)
		}
	}
}

// Property: a quote whose text lost or changed a few characters is found
// approximately, at a place overlapping the one it came from, and Found is
// the text there; the hint is not needed.
func TestLocateReanchorsAnEditedQuote(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields(prose)
	for range 200 {
		i := r.IntN(len(words) - 8)
		quote := strings.Join(words[i:i+6], " ")
		at := strings.Index(prose, quote)
		// Change one character inside the quote in the text.
		k := at + 1 + r.IntN(len(quote)-2)
		edited := prose[:k] + "#" + prose[k+1:]
		s := section(edited)
		loc, err := Locate(s, Anchor{Exact: quote})
		if err != nil || loc.Fit != FitApprox {
			t.Fatalf("edited %q: Locate = %+v, %v", quote, loc, err)
		}
		if loc.Found != edited[loc.Start:loc.End] || loc.End <= at || loc.Start >= at+len(quote) {
			t.Fatalf("edited %q: found %q at %d–%d, the quote was at %d", quote, loc.Found, loc.Start, loc.End, at)
		}
		if d := editDistance([]rune(quote), []rune(loc.Found)); d > MaxErrors(utf8.RuneCountInString(quote)) {
			t.Fatalf("found %q is %d edits from %q", loc.Found, d, quote)
		}
	}
}

func TestLocateScoresContextAndHint(t *testing.T) {
	// The words occur twice, neither after the prefix any more: the one
	// whose context is most like it wins.
	s := section("He said no train tickets, and then he said no train tickets again, twice.")
	loc, err := Locate(s, Anchor{Exact: "no train tickets", Suffix: ", and thus"})
	if err != nil || loc.Fit != FitApprox || loc.Start != strings.Index(s.Paragraphs[0].Plain, "no train") {
		t.Fatalf("context: %+v, %v", loc, err)
	}
	loc, err = Locate(s, Anchor{Exact: "no train tickets", Suffix: " agian, twice"})
	if err != nil || loc.Start != strings.LastIndex(s.Paragraphs[0].Plain, "no train") {
		t.Fatalf("context: %+v, %v", loc, err)
	}
	// Equal context: the position hint decides.
	last := strings.LastIndex(s.Paragraphs[0].Plain, "no train")
	loc, err = Locate(s, Anchor{Exact: "no train tickets", Prefix: "xyz", Position: last})
	if err != nil || loc.Start != last {
		t.Fatalf("hint: %+v, %v", loc, err)
	}
	// Several exact places is the author's mistake, as before, unless a
	// hint says which (a personal note whose sentence is now repeated).
	if _, err := Locate(s, Anchor{Exact: "no train tickets"}); err == nil {
		t.Fatal("an ambiguous anchor is an error")
	}
	loc, err = Locate(s, Anchor{Exact: "no train tickets", Position: last - 3})
	if err != nil || loc.Start != last || loc.Fit != FitApprox {
		t.Fatalf("ambiguous with a hint: %+v, %v", loc, err)
	}
	// Words that are nowhere near: an orphan, marking nothing.
	loc, err = Locate(s, Anchor{Exact: "completely unrelated words about the weather"})
	if err != nil || loc.Fit != FitOrphan || loc.Para != -1 || !loc.Orphan() {
		t.Fatalf("orphan: %+v, %v", loc, err)
	}
}

func TestReadingLocateFindsAMovedPassage(t *testing.T) {
	rd, err := Load(testFS(map[string]string{"text/01.md": sec1, "text/02.1.md": sec21}))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := rd.Locate("2.1", Anchor{Exact: "Second ‘quoted’ paragraph"})
	if err != nil || loc.Section != "1" || loc.From != "2.1" || loc.Fit != FitApprox || loc.Found != "Second ‘quoted’ paragraph" {
		t.Fatalf("moved: %+v, %v", loc, err)
	}
	// No section named (a note imported from elsewhere): one exact match
	// anywhere is exact.
	loc, err = rd.Locate("", Anchor{Exact: "Second 'quoted' paragraph"})
	if err != nil || loc.Section != "1" || loc.Fit != FitExact {
		t.Fatalf("no section: %+v, %v", loc, err)
	}
	loc, err = rd.Locate("2.1", Anchor{Exact: "words that are in no section of it"})
	if err != nil || loc.Fit != FitOrphan || loc.Section != "2.1" {
		t.Fatalf("orphan: %+v, %v", loc, err)
	}
}

// copyPaper copies the built-in paper's content into a new directory, for a
// test to change.
func copyPaper(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"text", "glossary", "notes"} {
		fsys, err := fs.Sub(builtinFS(t), sub)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(dir, sub), fsys); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// editFile replaces old (which must occur) with new in a file.
func editFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func noteByID(t *testing.T, dir, id string) *Note {
	t.Helper()
	rd, err := Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	notes, err := rd.Notes()
	if err != nil {
		t.Fatalf("a changed text must not stop the notes loading: %v", err)
	}
	for _, n := range notes {
		if n.ID == id {
			return n
		}
	}
	t.Fatalf("note %s is gone: orphans are never dropped", id)
	return nil
}

// Editing one word inside a fact-check note's anchor in a copy of the paper
// re-anchors the note approximately; deleting the sentence orphans it.
func TestFactCheckNoteSurvivesAnEditedText(t *testing.T) {
	dir := copyPaper(t)
	intro := filepath.Join(dir, "text", "01-introduction.md")
	n := noteByID(t, dir, "all-seeing-all-knowing")
	if n.Loc.Fit != FitExact || n.Anchor.Position == 0 || n.AnchorWarning() != "" {
		t.Fatalf("before the edit: %+v, position %d", n.Loc, n.Anchor.Position)
	}

	editFile(t, intro, `"all-seeing, all-knowing" online software`, `"all-seeing, all-knowing" web software`)
	n = noteByID(t, dir, "all-seeing-all-knowing")
	if n.Loc.Fit != FitApprox || n.Loc.Found != `"all-seeing, all-knowing" web software program` || n.Section != "1" {
		t.Fatalf("after one word changed: %+v", n.Loc)
	}

	if w := n.AnchorWarning(); w != `the words "\"all-seeing, all-knowing\" online software program" matched only approximately in section 1: the text reads "\"all-seeing, all-knowing\" web software program"` {
		t.Errorf("warning: %s", w)
	}

	editFile(t, intro, `This "all-seeing, all-knowing" web software program—known as the Social Credit System (SCS)—centralizes the majority of Chinese citizens' data and has faced much backlash from Western democracies and international human rights organizations.`, "")
	n = noteByID(t, dir, "all-seeing-all-knowing")
	if n.Loc.Fit != FitOrphan || n.Loc.Para != -1 || n.Section != "1" {
		t.Fatalf("after the sentence went: %+v", n.Loc)
	}
	if w := n.AnchorWarning(); !strings.Contains(w, "are no longer in section 1; the note is kept as an orphan") {
		t.Errorf("warning: %s", w)
	}
}

func FuzzLocate(f *testing.F) {
	f.Add(prose, "no train tickets", "", "", 0)
	f.Add(prose, "no trian tickets, no loans", "closes doors: ", "", 40)
	f.Add("a “b” c\n\nd", `"b" c`, "a", "d", 3)
	f.Add("ééééééééé", "éééxéééé", "", "", 2)
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string, hint int) {
		s := section(strings.Split(text, "\n\n")...)
		loc, err := Locate(s, Anchor{Exact: exact, Prefix: prefix, Suffix: suffix, Position: hint})
		if err != nil {
			if _, ok := err.(*AnchorError); !ok {
				t.Fatalf("error %T: %v", err, err)
			}
			return
		}
		switch loc.Fit {
		case FitOrphan:
			if loc.Para != -1 {
				t.Fatalf("orphan at paragraph %d", loc.Para)
			}
			return
		case FitExact, FitApprox:
		default:
			t.Fatalf("fit %v", loc.Fit)
		}
		if loc.Para < 0 || loc.Para >= len(s.Paragraphs) {
			t.Fatalf("paragraph %d of %d", loc.Para, len(s.Paragraphs))
		}
		plain := s.Paragraphs[loc.Para].Plain
		if loc.Start < 0 || loc.Start > loc.End || loc.End > len(plain) {
			t.Fatalf("span %d–%d of %d", loc.Start, loc.End, len(plain))
		}
		if loc.Fit == FitApprox {
			if loc.Found != plain[loc.Start:loc.End] {
				t.Fatalf("Found %q, text there %q", loc.Found, plain[loc.Start:loc.End])
			}
			na := normalise(Anchor{Exact: exact})
			found, _ := normQuotes(loc.Found)
			q := []rune(na.exact)
			if d := editDistance(q, []rune(found)); d > MaxErrors(len(q)) {
				t.Fatalf("found %q is %d edits from %q (at most %d)", found, d, na.exact, MaxErrors(len(q)))
			}
		}
	})
}

// BenchmarkLocateApprox locates a quote with one word changed in the
// paper's longest section: the cost of re-anchoring one note.
func BenchmarkLocateApprox(b *testing.B) {
	rd, err := Load(builtinFS(b))
	if err != nil {
		b.Fatal(err)
	}
	var s *Section
	for _, x := range rd.Sections {
		if s == nil || x.normalised().size > s.normalised().size {
			s = x
		}
	}
	words := strings.Fields(s.Paragraphs[len(s.Paragraphs)/2].Plain)
	words[3] = "xylophone"
	a := Anchor{Exact: strings.Join(words[:12], " ")}
	b.ReportMetric(float64(s.normalised().size), "section-bytes")
	for b.Loop() {
		if loc, _ := Locate(s, a); loc.Fit != FitApprox {
			b.Fatalf("%+v", loc)
		}
	}
}

func TestSectionContext(t *testing.T) {
	s := section("one two three four five six seven eight nine ten")
	loc, err := LocateExact(s, Anchor{Exact: "five six"})
	if err != nil {
		t.Fatal(err)
	}
	prefix, suffix := s.Context(loc, 10)
	if prefix != "four " || suffix != " seven" { // whole words within 10 bytes
		t.Errorf("Context = %q, %q", prefix, suffix)
	}
	if p, q := s.Context(Location{Para: -1}, 10); p != "" || q != "" {
		t.Errorf("an orphan has context %q %q", p, q)
	}
	if s.Offset(loc) != strings.Index(s.Paragraphs[0].Plain, "five") {
		t.Errorf("Offset = %d", s.Offset(loc))
	}
	two := section("first paragraph", "one two three four five six")
	loc, _ = LocateExact(two, Anchor{Exact: "five six"})
	if at, ok := two.At(two.Offset(loc), "five six"); !ok || at != loc {
		t.Errorf("At(Offset) = %+v %v, want %+v", at, ok, loc)
	}
	if _, ok := two.At(two.Offset(loc), "four five"); ok {
		t.Error("At found words that are not there")
	}
	if _, ok := two.At(1000, "five"); ok {
		t.Error("At found words past the end")
	}
	if h := two.TextHash(); h != two.TextHash() || h == section("first paragraph", "one two").TextHash() || len(h) != 16 {
		t.Errorf("TextHash %q", h)
	}
}

// margin check says so when a word of a note's anchor changed, and lists
// the note as an orphan when its sentence went.
func TestCheckReportsReanchoredAndOrphanedNotes(t *testing.T) {
	dir := copyPaper(t)
	intro := filepath.Join(dir, "text", "01-introduction.md")
	editFile(t, intro, `"all-seeing, all-knowing" online software`, `"all-seeing, all-knowing" web software`)
	want := `notes/all-seeing-all-knowing.md:4: warning: anchor “"all-seeing, all-knowing" online software program” matched only approximately in section 1: found “"all-seeing, all-knowing" web software program”`
	if !hasDiagnostic(Check(os.DirFS(dir)), want) {
		t.Errorf("no %s", want)
	}
	editFile(t, intro, `This "all-seeing, all-knowing" web software program—known as the Social Credit System (SCS)—centralizes the majority of Chinese citizens' data and has faced much backlash from Western democracies and international human rights organizations.`, "")
	want = `notes/all-seeing-all-knowing.md:4: warning: orphaned: anchor “"all-seeing, all-knowing" online software program” is no longer in section 1`
	ds := Check(os.DirFS(dir))
	if !hasDiagnostic(ds, want) {
		t.Errorf("no %s in %v", want, ds)
	}
	for _, d := range ds {
		if d.Severity == SeverityError {
			t.Errorf("a changed text is no error: %s", d)
		}
	}
}

func hasDiagnostic(ds []Diagnostic, want string) bool {
	for _, d := range ds {
		if d.String() == want {
			return true
		}
	}
	return false
}

// An approximate match keeps the quote's first and last words when the
// text still has them, at the cost of an error more: "counted them aloud"
// in "counted them all aloud" is all four words, not "counted them all".
func TestApproxKeepsTheQuotesEdges(t *testing.T) {
	s := section("He lit each lamp in turn and counted them all aloud.")
	loc, err := Locate(s, Anchor{Exact: "counted them aloud"})
	if err != nil || loc.Found != "counted them all aloud" {
		t.Fatalf("%+v, %v", loc, err)
	}
}
