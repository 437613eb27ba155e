package marks

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseHypothesisSearchResults(t *testing.T) {
	data, err := os.ReadFile("testdata/hypothesis-search.json")
	if err != nil {
		t.Fatal(err)
	}
	got, bad, err := ParseAnnotations(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d annotations, want 2: %+v", len(got), got)
	}
	a := got[0]
	want := Annotation{
		Row: "row 1 (id Zx8Qa1b2EeyAbCdEfGhIjK)", ID: "https://hypothes.is/a/Zx8Qa1b2EeyAbCdEfGhIjK",
		Creator: "ana", Text: "Sesame Credit ran from 350 to 950, not letters.",
		Quote: "ranging from A+++ to D", Prefix: "scores individuals ", Suffix: ". ",
		Source:  "https://issuu.com/example/social-credit",
		Created: time.Date(2026, 2, 10, 14, 3, 11, 0, time.UTC),
	}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("row 1:\n got %+v\nwant %+v", a, want)
	}
	if len(bad) != 2 || !strings.Contains(bad[0].Error(), "row 2") || !strings.Contains(bad[0].Error(), "reply") ||
		!strings.Contains(bad[1].Error(), "row 3") || !strings.Contains(bad[1].Error(), "highlight") {
		t.Errorf("unusable rows: %v", bad)
	}
	// A list of rows, as an export holds, reads the same.
	var top struct{ Rows []json.RawMessage }
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	list, _ := json.Marshal(top.Rows)
	again, _, err := ParseAnnotations(list)
	if err != nil || len(again) != 2 || again[0].ID != a.ID {
		t.Errorf("a list of rows: %+v, %v", again, err)
	}
}

func TestParseW3CForms(t *testing.T) {
	one := `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://example.org/anno1","type":"Annotation",
	  "creator":{"type":"Person","nickname":"cleo"},"bodyValue":"A comment",
	  "target":{"source":"urn:margin:x#section-2.1","selector":{"type":"TextQuoteSelector","exact":"words"}}}`
	got, bad, err := ParseAnnotations([]byte(one))
	if err != nil || len(bad) != 0 || len(got) != 1 {
		t.Fatalf("one annotation: %+v %v %v", got, bad, err)
	}
	if a := got[0]; a.Creator != "cleo" || a.Text != "A comment" || a.Section != "2.1" || a.Source != "urn:margin:x" {
		t.Errorf("one annotation: %+v", a)
	}
	body := `[{"id":"x","target":{"selector":[{"type":"TextPositionSelector","start":1,"end":2},{"type":"TextQuoteSelector","exact":"w"}]},
	  "body":[{"type":"TextualBody","value":"first"},{"type":"TextualBody","purpose":"tagging","value":"tag"},{"value":"second"}]}]`
	got, _, err = ParseAnnotations([]byte(body))
	if err != nil || len(got) != 1 || got[0].Text != "first\n\nsecond" {
		t.Errorf("bodies: %+v %v", got, err)
	}
	for _, notAnnotations := range []string{`{"a":1}`, `"text"`, `3`, `not json`, ``} {
		if _, _, err := ParseAnnotations([]byte(notAnnotations)); err == nil {
			t.Errorf("%q: no error", notAnnotations)
		}
	}
}

// Hostile text (terminal escapes, bidi overrides) is cleaned on the way in.
func TestParseAnnotationsCleansText(t *testing.T) {
	data := `{"rows":[{"id":"a","user":"acct:\u001b[31mmallory@hypothes.is","text":"x\u001b]8;;evil\u0007y\u202e",
	  "target":[{"selector":[{"type":"TextQuoteSelector","exact":"q\u0000uote"}]}]}]}`
	got, _, err := ParseAnnotations([]byte(data))
	if err != nil || len(got) != 1 {
		t.Fatal(got, err)
	}
	for _, s := range []string{got[0].Creator, got[0].Text, got[0].Quote} {
		if strings.ContainsAny(s, "\x1b\x07\x00\u202e") {
			t.Errorf("not cleaned: %q", s)
		}
	}
}

// Export, import into an empty store, export again: the same notes, with
// the same ids; importing again adds nothing.
func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := Open(filepath.Join(dir, "a.json"))
	src.Now = func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }
	for _, m := range exportMarks {
		if _, err := src.Add(m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := src.Import(exportTarget.Source, []Mark{{Reading: "vochelet-scs", Section: "1", Quote: "q", Text: "by cleo", Creator: "cleo", Origin: "urn:x:1"}}); err != nil {
		t.Fatal(err)
	}
	first := exportOf(t, src)

	dst := Open(filepath.Join(dir, "b.json"))
	for round := range 2 {
		got, bad, err := ParseAnnotations(first)
		if err != nil || len(bad) != 0 {
			t.Fatal(err, bad)
		}
		var ms []Mark
		for _, a := range got {
			ms = append(ms, Mark{Reading: "vochelet-scs", Section: a.Section, Quote: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix,
				Text: a.Text, Creator: a.Creator, Origin: a.ID, Created: a.Created})
		}
		res, err := dst.Import(exportTarget.Source, ms)
		if err != nil {
			t.Fatal(err)
		}
		if round == 0 && (len(res.Added) != 3 || res.Duplicates != 0) || round == 1 && (len(res.Added) != 0 || res.Duplicates != 3) {
			t.Fatalf("round %d: added %d, duplicates %d", round, len(res.Added), res.Duplicates)
		}
	}
	if second := exportOf(t, dst); !bytes.Equal(first, second) {
		t.Errorf("export after the round trip differs:\n%s\n---\n%s", first, second)
	}
	// Importing one's own export into one's own store adds nothing either.
	got, _, _ := ParseAnnotations(first)
	var ms []Mark
	for _, a := range got {
		ms = append(ms, Mark{Reading: "vochelet-scs", Section: a.Section, Quote: a.Quote, Text: a.Text, Creator: a.Creator, Origin: a.ID, Created: a.Created})
	}
	if res, err := src.Import(exportTarget.Source, ms); err != nil || len(res.Added) != 0 || res.Duplicates != 3 {
		t.Errorf("own export into own store: %+v %v", res, err)
	}
}

// Without an id, a note is the same note when its creator, quote and text
// are.
func TestImportWithoutIDsByContent(t *testing.T) {
	st := Open(filepath.Join(t.TempDir(), "m.json"))
	m := Mark{Reading: "r", Section: "1", Quote: "q", Text: "t", Creator: "ana"}
	res, err := st.Import("urn:r", []Mark{m, m, {Reading: "r", Section: "1", Quote: "q", Text: "t", Creator: "ben"}, {Reading: "r", Quote: "gone", Text: "orphan"}})
	if err != nil || len(res.Added) != 3 || res.Duplicates != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	all, _ := st.List()
	if all[2].Section != "" || all[2].Quote != "gone" {
		t.Errorf("an orphan with no section is kept: %+v", all[2])
	}
}

func exportOf(t *testing.T, st *Store) []byte {
	t.Helper()
	ms, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ExportJSON(&buf, ms, exportTarget); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func FuzzParseAnnotations(f *testing.F) {
	for _, name := range []string{"testdata/hypothesis-search.json", "testdata/hypothesis-export.json"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	var buf bytes.Buffer
	_ = ExportJSON(&buf, exportMarks, exportTarget)
	f.Add(buf.Bytes())
	f.Add([]byte(`{"target":{"selector":{"type":"RangeSelector","refinedBy":{"type":"TextQuoteSelector","exact":"x"}}},"bodyValue":"y"}`))
	f.Add([]byte(`[{"user":"acct:@","text":"t","target":[{"source":"#section-%zz","selector":[{"type":"TextQuoteSelector","exact":"\u202e"}]}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, bad, err := ParseAnnotations(data)
		if err != nil {
			if len(got) != 0 || len(bad) != 0 {
				t.Fatal("an error with results")
			}
			return
		}
		for _, a := range got {
			if strings.TrimSpace(a.Quote) == "" || a.Text == "" {
				t.Fatalf("unusable annotation returned: %+v", a)
			}
			for _, s := range []string{a.Row, a.ID, a.Creator, a.Text, a.Quote, a.Prefix, a.Suffix, a.Section, a.Source} {
				if Clean(s) != s {
					t.Fatalf("not clean: %q", s)
				}
			}
		}
		for _, b := range bad {
			if b.Row == "" || b.Reason == "" {
				t.Fatalf("row error without row or reason: %+v", b)
			}
		}
	})
}

// A store written before notes kept a hint, a hash or a creator reads as
// before, and takes new notes with them, with no step by the user.
func TestOldStoreKeepsWorking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marks.json")
	old := `{"format":"margin-marks","version":1,"next_id":3,"marks":[{"id":"2","reading":"r","section":"2.1","quote":"q","text":"old","created":"2026-01-02T03:04:05Z"}]}`
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	st := Open(path)
	ms, err := st.List()
	if err != nil || len(ms) != 1 || ms[0].Position != 0 || ms[0].TextHash != "" || ms[0].Creator != "" {
		t.Fatalf("%+v %v", ms, err)
	}
	m, err := st.Add(Mark{Reading: "r", Section: "1", Quote: "w", Text: "new", Position: 12, TextHash: "abc"})
	if err != nil || m.ID != "3" {
		t.Fatal(m, err)
	}
	ms, err = st.List()
	if err != nil || len(ms) != 2 || ms[0].Text != "old" || ms[1].Position != 12 || ms[1].TextHash != "abc" {
		t.Fatalf("%+v %v", ms, err)
	}
}

func TestExportMarkdownNamesCreators(t *testing.T) {
	var buf bytes.Buffer
	ms := []Mark{{ID: "4", Reading: "r", Section: "1", Quote: "q", Text: "t", Creator: "ana_b", Created: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}}
	if err := ExportMarkdown(&buf, ms, exportTarget); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `*Note 4 by ana\_b, 2026-01-02*`) {
		t.Errorf("no creator:\n%s", buf.String())
	}
}

// The Hypothesis client's own export file reads like the API's results.
func TestParseHypothesisClientExport(t *testing.T) {
	data, err := os.ReadFile("testdata/hypothesis-export.json")
	if err != nil {
		t.Fatal(err)
	}
	got, bad, err := ParseAnnotations(data)
	if err != nil || len(bad) != 0 || len(got) != 1 {
		t.Fatalf("%+v %v %v", got, bad, err)
	}
	if a := got[0]; a.Creator != "ana" || a.Quote != "Alibaba and Baidu" || a.Prefix != "platform environment: " || a.ID != "https://hypothes.is/a/Ex1Ex1Ex1Ex1Ex1Ex1Ex1a" {
		t.Errorf("%+v", a)
	}
}
