package reading_test

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/binenc"
	"github.com/margin-reader/margin/internal/reading"
)

// These tests load every embedded file and resolve every anchor and
// cross-reference of the built-in reading.

func builtin(t testing.TB) *reading.Reading {
	t.Helper()
	rd, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatalf("loading the built-in reading: %v", err)
	}
	return rd
}

func TestBuiltinSections(t *testing.T) {
	rd := builtin(t)
	want := []string{"0", "1", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2", "4", "5"}
	var got []string
	for _, s := range rd.Sections {
		got = append(got, s.Number)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("sections = %v, want %v", got, want)
	}
	if rd.Meta.Author != "Robin Vochelet" || rd.Meta.Editor != "Nicole Basran" {
		t.Errorf("meta = %+v", rd.Meta)
	}
	if !strings.Contains(strings.ToLower(rd.Meta.VenueNote), "probably") {
		t.Errorf("the venue is not confirmed; venue_note must say probably: %q", rd.Meta.VenueNote)
	}
}

// Every endnote the body cites is in endnotes.yaml, each cited exactly once,
// in order; 25–29 are marked as not printed.
func TestBuiltinEndnoteReferences(t *testing.T) {
	rd := builtin(t)
	var refs []int
	for _, s := range rd.Sections {
		for _, p := range s.Paragraphs {
			refs = append(refs, p.Refs...)
		}
	}
	for i, n := range refs {
		if n != i+1 {
			t.Fatalf("reference %d is to note %d; the paper cites 1–29 in order", i+1, n)
		}
	}
	if len(refs) != 29 || len(rd.Endnotes) != 29 {
		t.Fatalf("%d references, %d endnotes; want 29 of each", len(refs), len(rd.Endnotes))
	}
	for _, e := range rd.Endnotes {
		if printed := e.N <= 24; e.Printed != printed {
			t.Errorf("endnote %d: printed = %v, want %v", e.N, e.Printed, printed)
		}
		if !e.Printed && (e.Text != "" || e.Title != "" || len(e.Authors) > 0) {
			t.Errorf("endnote %d is not printed in the source but has invented fields: %+v", e.N, e)
		}
		if e.Printed && e.Text == "" {
			t.Errorf("endnote %d has no text", e.N)
		}
		for _, field := range []string{e.Title, e.Container, e.Pages, e.Date} {
			if field != "" && !strings.Contains(e.Text, field) {
				t.Errorf("endnote %d: parsed field %q is not in the printed text", e.N, field)
			}
		}
	}
}

// The text keeps none of the PDF extraction's damage.
func TestBuiltinTextIsClean(t *testing.T) {
	rd := builtin(t)
	for _, s := range rd.Sections {
		for _, p := range s.Paragraphs {
			for _, bad := range []string{`\$`, "¹", "²", "³", "⁴", "- ", "  "} {
				if bad == "- " && !strings.Contains(p.Plain, " - ") && strings.Contains(p.Plain, "- ") {
					t.Errorf("section %s: a word hyphenated across a page break remains: %q", s.Number, around(p.Plain, "- "))
				}
				if bad != "- " && strings.Contains(p.Markdown, bad) {
					t.Errorf("section %s: %q remains in the text", s.Number, bad)
				}
			}
		}
	}
}

func around(s, sub string) string {
	i := strings.Index(s, sub)
	return s[max(0, i-20):min(len(s), i+20)]
}

func TestBuiltinGlossary(t *testing.T) {
	rd := builtin(t)
	entries, err := rd.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 40 {
		t.Errorf("%d glossary entries; the glossary needs at least 40", len(entries))
	}
	for _, e := range entries {
		if strings.Count(e.Definition, ". ") > 1 {
			t.Errorf("%s: the definition should be one sentence: %q", e.ID, e.Definition)
		}
		for _, s := range e.Sources {
			if s.Author == "" || s.Title == "" {
				t.Errorf("%s: a source without author or title: %+v", e.ID, s)
			}
		}
	}
}

func TestBuiltinNotes(t *testing.T) {
	rd := builtin(t)
	notes, err := rd.Notes()
	if err != nil {
		var ae *reading.AnchorError
		if errors.As(err, &ae) {
			t.Fatalf("%v", err)
		}
		t.Fatal(err)
	}
	if len(notes) < 30 {
		t.Errorf("%d notes; at least 30 are needed", len(notes))
	}
	for _, n := range notes {
		if r := len([]rune(n.Summary)); r > 400 {
			t.Errorf("notes/%s.md: the summary (first paragraph) has %d characters; it is shown whole under the section, so keep it under 400", n.ID, r)
		}
	}
	entries, _ := rd.Glossary()
	ids := map[string]bool{}
	for _, e := range entries {
		ids[e.ID] = true
	}
	for _, n := range notes {
		for _, rel := range n.Related {
			if !ids[rel] {
				t.Errorf("notes/%s.md: related term %q is not in the glossary", n.ID, rel)
			}
		}
	}
}

// Every content file is loaded: nothing in the folders is silently skipped.
func TestBuiltinNoStrayFiles(t *testing.T) {
	err := fs.WalkDir(margin.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch ext := path.Ext(p); {
		case ext == ".md", p == "text/paper.yaml", p == "text/endnotes.yaml", p == "text/prep.yaml":
			return nil
		default:
			return fmt.Errorf("%s is neither a section, an entry, a note nor a known YAML file", p)
		}
	})
	if err != nil {
		t.Error(err)
	}
}

// Encoding a reading is deterministic, and decoding it and encoding again
// gives the same bytes: nothing is lost on the way. (That the built-in
// paper.margin is current is tested in package pack.)
func TestEncodeDecode(t *testing.T) {
	data := encodeReading(t, builtin(t))
	r := binenc.NewReader(data)
	rd, err := reading.Decode(r)
	if err != nil || r.Done() != nil {
		t.Fatalf("Decode: %v, %v", err, r.Done())
	}
	if again := encodeReading(t, rd); again != data {
		t.Fatal("decoding a reading and encoding it again changes it")
	}
	if again := encodeReading(t, builtin(t)); again != data {
		t.Fatal("encoding the same reading twice gives other bytes")
	}
	for n := 0; n < len(data); n += 1 + len(data)/200 {
		if _, err := reading.Decode(binenc.NewReader(data[:n])); err == nil {
			t.Errorf("a reading cut to %d of %d bytes decodes", n, len(data))
		}
	}
}

func encodeReading(tb testing.TB, rd *reading.Reading) string {
	tb.Helper()
	var w binenc.Writer
	if err := reading.Encode(&w, rd); err != nil {
		tb.Fatal(err)
	}
	return string(w.Buf)
}

func TestBuiltinPrep(t *testing.T) {
	rd := builtin(t)
	for _, s := range rd.Sections {
		p, ok, err := rd.Prep(s.Number)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Errorf("section %s has no seminar prep", s.Number)
			continue
		}
		if p.Summary == "" || len(p.Questions) < 3 || len(p.Questions) > 5 {
			t.Errorf("section %s: prep needs a summary and 3–5 questions, has %d", s.Number, len(p.Questions))
		}
	}
}

// A damaged encoded reading is an error, never a panic, then or when its
// lazy parts are decoded; what decodes is usable. The seeds are small (a
// reading of one section, with a glossary entry, a note and prep), so that
// the fuzzer's minimising of new inputs stays quick.
func FuzzDecode(f *testing.F) {
	small := encodeReading(f, smallReading(f))
	f.Add(small)
	f.Add(small[:len(small)/2])
	f.Add("\x01x\x00\x00\x00")
	f.Fuzz(func(t *testing.T, data string) {
		rd, err := reading.Decode(binenc.NewReader(data))
		if err != nil {
			return
		}
		entries, _ := rd.Glossary()
		notes, _ := rd.Notes()
		rd.Prep("1")
		for _, e := range entries {
			for _, u := range e.Uses {
				_ = rd.Section(u.First.Section).Paragraphs[u.First.Para].Plain[u.First.Start:u.First.End]
			}
		}
		for _, n := range notes {
			if n.Loc.Section != "" {
				_ = rd.Section(n.Loc.Section).Paragraphs[n.Loc.Para].Plain[n.Loc.Start:n.Loc.End]
			}
		}
	})
}

// Every source of every entry and note is dated (or marked "n.d.", for a
// work that has none) and says what was seen of it; the loader requires
// the seen value, so this checks the date and that no study-aid site is
// cited.
func TestBuiltinSourcesAreDated(t *testing.T) {
	rd := builtin(t)
	entries, err := rd.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	notes, err := rd.Notes()
	if err != nil {
		t.Fatal(err)
	}
	check := func(file string, sources []reading.Source) {
		for i, s := range sources {
			if !datePattern.MatchString(s.Date) {
				t.Errorf("%s: source %d (%s): date %q is not YYYY, YYYY-MM, YYYY-MM-DD or n.d.", file, i+1, s.Title, s.Date)
			}
			if !s.Seen.Valid() {
				t.Errorf("%s: source %d: seen %q", file, i+1, s.Seen)
			}
			for _, site := range studyAidSites {
				if strings.Contains(strings.ToLower(s.URL+" "+s.Via+" "+s.Venue), site) {
					t.Errorf("%s: source %d cites the study-aid site %s", file, i+1, site)
				}
			}
		}
	}
	for _, e := range entries {
		check("glossary/"+e.ID+".md", e.Sources)
	}
	for _, n := range notes {
		check("notes/"+n.ID+".md", n.Sources)
	}
}

var datePattern = regexp.MustCompile(`^(n\.d\.|\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)$`)

// Study-aid sites are not where a seminar should be sent.
var studyAidSites = []string{"fiveable", "noblechatter", "study.com", "coursehero", "sparknotes", "gradesaver", "enotes.com", "bartleby"}

// Seminar questions leave the judgement to the seminar: none hands over
// margin's verdict.
func TestBuiltinPrepQuestionsAreOpen(t *testing.T) {
	rd := builtin(t)
	words := []string{"fact-check", "fact check", "factcheck"}
	for _, v := range reading.Verdicts {
		words = append(words, string(v), strings.ReplaceAll(string(v), "-", " "))
	}
	for _, s := range rd.Sections {
		p, _, err := rd.Prep(s.Number)
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range p.Questions {
			for _, w := range words {
				if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`).MatchString(q) {
					t.Errorf("section %s, question %d uses %q, margin's own verdict: %s", s.Number, i+1, w, q)
				}
			}
		}
	}
}

// A student finds each of these terms by the name they meet, and a name that
// belongs to one concept never resolves to another through a broad label.
func TestBuiltinTermsAStudentStopsAt(t *testing.T) {
	rd := builtin(t)
	for query, id := range map[string]string{
		"stability maintenance": "stability-maintenance", "维稳": "stability-maintenance", "weiwen": "stability-maintenance",
		"Three Bonds": "three-bonds", "三纲": "three-bonds", "sangang": "three-bonds",
		"social punishment": "social-punishment", "社会性惩戒": "social-punishment",
		"National Development and Reform Commission": "ndrc", "NDRC": "ndrc",
		"People's Bank of China": "peoples-bank-of-china", "PBoC": "peoples-bank-of-china",
		"Supreme People's Court": "supreme-peoples-court", "SPC": "supreme-peoples-court",
		"Belt and Road Initiative": "belt-and-road-initiative", "BRI": "belt-and-road-initiative",
		"hukou": "hukou", "household registration": "hukou",
		"dang'an": "dangan", "dangan": "dangan", "档案": "dangan",
		"People's Action Party": "peoples-action-party", "PAP": "peoples-action-party",
		"preference falsification": "preference-falsification",
		"health code":              "health-code", "健康码": "health-code",
		"radius of trust": "radius-of-trust",
		"chengxin":        "chengxin-trustworthiness",
	} {
		e, err := rd.LookupTerm(query)
		if err != nil {
			t.Errorf("glossary %q: %v", query, err)
			continue
		}
		if e.ID != id {
			t.Errorf("glossary %q finds %s, want %s", query, e.ID, id)
		}
	}
}

// smallReading is a reading of one section with an endnote, a glossary
// entry that the text uses, a fact-check note and seminar prep.
func smallReading(tb testing.TB) *reading.Reading {
	tb.Helper()
	src := "  - author: A\n    title: T\n    date: \"2020\"\n    seen: original\n"
	fsys := fstest.MapFS{
		"text/paper.yaml":    {Data: []byte("title: T\nauthor: A\n")},
		"text/endnotes.yaml": {Data: []byte("- n: 1\n  printed: true\n  text: The one endnote.\n")},
		"text/prep.yaml":     {Data: []byte("- section: \"1\"\n  summary: S.\n  questions: [\"Q1?\", \"Q2?\", \"Q3?\"]\n")},
		"text/01.md":         {Data: []byte("---\nnumber: \"1\"\nslug: intro\ntitle: Introduction\n---\nThe party said trust twice: trust.[^1]\n\nSecond paragraph.\n")},
		"glossary/trust.md":  {Data: []byte("---\nterm: Trust\nsources:\n" + src + "---\nA definition.\n")},
		"notes/said.md":      {Data: []byte("---\nsection: \"1\"\nanchor:\n  exact: \"The party said\"\nclaim: \"C.\"\nverdict: accurate\nsources:\n" + src[:len(src)-1] + "\n    venue: V\n---\nSummary.\n")},
	}
	rd, err := reading.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := rd.Glossary(); err != nil {
		tb.Fatal(err)
	}
	if _, err := rd.Notes(); err != nil {
		tb.Fatal(err)
	}
	return rd
}
