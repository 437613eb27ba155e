package cli

import (
	"bytes"
	"encoding/csv"
	"html"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
)

// TestAnkiFormat parses the Anki file back as Anki's importer does: header
// lines "#key:value" first, then tab-separated rows with CSV quoting, each
// with a unique GUID in column 1, the fields Front and Back, and tags in
// column 4 (space-separated, no spaces inside a tag).
func TestAnkiFormat(t *testing.T) {
	rd, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	entries, err := rd.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeAnki(&buf, rd, entries); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	headers := map[string]string{}
	var body []string
	for _, line := range strings.SplitAfter(text, "\n") {
		if strings.HasPrefix(line, "#") && len(body) == 0 {
			k, v, ok := strings.Cut(strings.TrimSuffix(line, "\n"), ":")
			if !ok {
				t.Errorf("header without a colon: %q", line)
			}
			headers[k[1:]] = v
			continue
		}
		body = append(body, line)
	}
	want := map[string]string{"separator": "tab", "html": "true", "notetype": "Basic", "guid column": "1",
		"tags column": "4", "columns": "GUID\tFront\tBack\tTags", "deck": "margin::The Social Credit System"}
	for k, v := range want {
		if headers[k] != v {
			t.Errorf("header %q = %q, want %q", k, headers[k], v)
		}
	}
	r := csv.NewReader(strings.NewReader(strings.Join(body, "")))
	r.Comma = '\t'
	r.FieldsPerRecord = 4
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(entries) {
		t.Fatalf("%d rows, want %d", len(rows), len(entries))
	}
	guids := map[string]bool{}
	for i, row := range rows {
		e := entries[i]
		if row[0] != "margin-"+rd.Meta.ID+"-"+e.ID || guids[row[0]] {
			t.Errorf("row %d: GUID %q is not unique and derived from the entry id %q", i, row[0], e.ID)
		}
		guids[row[0]] = true
		if html.UnescapeString(row[1]) != e.Term {
			t.Errorf("row %d: front %q, want %q", i, row[1], e.Term)
		}
		back := html.UnescapeString(strings.NewReplacer("<i>", "", "</i>", "", "<br>", "\n").Replace(row[2]))
		if !strings.HasPrefix(back, strings.ReplaceAll(e.Definition, "*", "")) {
			t.Errorf("row %d: back %q does not start with the definition", i, row[2])
		}
		for _, alt := range e.Alt {
			if !strings.Contains(back, alt) {
				t.Errorf("row %d: back lacks the label %q", i, alt)
			}
		}
		for _, tag := range strings.Fields(row[3]) {
			if strings.ContainsAny(tag, "\t\"") {
				t.Errorf("row %d: tag %q", i, tag)
			}
		}
	}
	// The file is stable: the same bytes twice.
	var again bytes.Buffer
	_ = writeAnki(&again, rd, entries)
	if again.String() != text {
		t.Error("two exports differ")
	}
}

func TestAnkiField(t *testing.T) {
	for in, want := range map[string]string{
		"plain":        "plain",
		"a\tb":         "\"a\tb\"",
		`say "hi"`:     `"say ""hi"""`,
		"*x* and *y":   "<i>x</i> and *y",
		"<b> & *em*":   "&lt;b&gt; &amp; <i>em</i>",
		"three * * * ": "three <i> </i> * ",
	} {
		got := ankiField(in)
		if strings.HasPrefix(in, "*") || strings.Contains(in, "<b>") || strings.HasPrefix(in, "three") {
			got = ankiHTML(in)
			want = strings.TrimSpace(want)
		}
		if got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
