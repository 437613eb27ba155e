package marks

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var exportMarks = []Mark{
	{
		ID: "1", Reading: "vochelet-scs", Section: "2.1",
		Quote: "social credit system", Prefix: "China's ", Suffix: " is a",
		Text:    "Compare with Horsley: <not> a single score & no \"Black Mirror\".",
		Created: time.Date(2026, 3, 1, 11, 0, 0, 0, time.FixedZone("CET", 3600)),
	},
	{
		ID: "3", Reading: "vochelet-scs", Section: "0",
		Quote:   "authoritarian resilience",
		Text:    "Key term.\nSee the glossary.",
		Created: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC),
	},
}

var exportTarget = Target{Source: "https://example.org/vochelet-scs", Title: "The Social Credit System"}

func TestExportJSONIsAWebAnnotationCollection(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportJSON(&buf, exportMarks, exportTarget); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatalf("not valid JSON:\n%s", buf.String())
	}
	type selector struct{ Type, Exact, Prefix, Suffix string }
	var got struct {
		Context string `json:"@context"`
		ID      string
		Type    string
		Label   string
		Total   int
		First   struct {
			ID         string
			Type       string
			StartIndex *int
			Items      []struct {
				ID         string
				Type       string
				Motivation string
				Created    string
				Body       struct{ Type, Value, Format string }
				Target     struct {
					Source   string
					Selector selector
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Context != "http://www.w3.org/ns/anno.jsonld" || got.Type != "AnnotationCollection" ||
		got.Label != exportTarget.Title || got.Total != 2 {
		t.Errorf("collection = %q %q %q total %d", got.Context, got.Type, got.Label, got.Total)
	}
	if got.First.Type != "AnnotationPage" || got.First.StartIndex == nil || *got.First.StartIndex != 0 || len(got.First.Items) != 2 {
		t.Fatalf("first page = %+v, want an AnnotationPage from index 0 with 2 items", got.First)
	}
	seen := map[string]bool{got.ID: true, got.First.ID: true}
	for i, a := range got.First.Items {
		m := exportMarks[i]
		if a.Type != "Annotation" || a.Motivation != "commenting" {
			t.Errorf("item %d type/motivation = %q/%q", i, a.Type, a.Motivation)
		}
		if a.Body.Type != "TextualBody" || a.Body.Format != "text/plain" || a.Body.Value != m.Text {
			t.Errorf("item %d body = %+v, want TextualBody text/plain %q", i, a.Body, m.Text)
		}
		if want := exportTarget.Source + "#section-" + m.Section; a.Target.Source != want {
			t.Errorf("item %d target source = %q, want %q", i, a.Target.Source, want)
		}
		if want := (selector{"TextQuoteSelector", m.Quote, m.Prefix, m.Suffix}); a.Target.Selector != want {
			t.Errorf("item %d selector = %+v, want %+v", i, a.Target.Selector, want)
		}
		if want := m.Created.UTC().Format(time.RFC3339); a.Created != want {
			t.Errorf("item %d created = %q, want %q", i, a.Created, want)
		}
		seen[a.ID] = true
	}
	if got.First.Items[0].Created != "2026-03-01T10:00:00Z" {
		t.Errorf("created = %q, want UTC with Z", got.First.Items[0].Created)
	}
	for id := range seen {
		if !strings.HasPrefix(id, "urn:uuid:") {
			t.Errorf("id %q is not a urn:uuid IRI", id)
		}
	}
	if len(seen) != 4 {
		t.Errorf("ids are not distinct: %v", seen)
	}
	// No empty prefix/suffix keys; HTML characters not escaped.
	if strings.Contains(buf.String(), `"prefix": ""`) || !strings.Contains(buf.String(), "<not> a single score &") {
		t.Errorf("unexpected encoding:\n%s", buf.String())
	}

	var again bytes.Buffer
	if err := ExportJSON(&again, exportMarks, exportTarget); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Error("exporting the same marks twice gives different output")
	}
}

func TestExportJSONEmptyAndErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportJSON(&buf, nil, exportTarget); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"items": []`) || !strings.Contains(buf.String(), `"total": 0`) {
		t.Errorf("empty export:\n%s", buf.String())
	}
	if err := ExportJSON(&buf, exportMarks, Target{Title: "no source"}); err == nil {
		t.Error("ExportJSON without a source IRI succeeded")
	}
}

func TestUUIDv5(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	// RFC 9562, appendix A.4.
	if got, want := uuidV5(dns, "www.example.com"), "urn:uuid:2ed6657d-e927-568b-95e1-2665a8aea6a2"; got != want {
		t.Errorf("uuidV5 = %s, want %s", got, want)
	}
}

func TestExportMarkdown(t *testing.T) {
	marks := append([]Mark{
		{
			ID: "4", Reading: "vochelet-scs", Section: "2.1",
			Quote:   "*Black Mirror* [1] <b> 2. under_score",
			Text:    "Later note\x1b[2J on 2.1.",
			Created: time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC),
		},
		{
			ID: "7", Reading: "vochelet-scs", Section: "10",
			Quote:   "# not a heading",
			Text:    "Ten sorts after two.",
			Created: time.Date(2026, 3, 6, 8, 0, 0, 0, time.UTC),
		},
	}, exportMarks...)
	target := exportTarget
	target.Sections = map[string]string{"2.1": "China's Social Credit System"}

	var buf bytes.Buffer
	if err := ExportMarkdown(&buf, marks, target); err != nil {
		t.Fatal(err)
	}
	want := `# Notes on The Social Credit System

Source: https://example.org/vochelet-scs

## Section 0

> authoritarian resilience

Key term.
See the glossary.

*Note 3, 2026-03-02*

## 2.1 China's Social Credit System

> social credit system

Compare with Horsley: <not> a single score & no "Black Mirror".

*Note 1, 2026-03-01*

> \*Black Mirror\* \[1\] \<b> 2. under\_score

Later note[2J on 2.1.

*Note 4, 2026-03-05*

## Section 10

> \# not a heading

Ten sorts after two.

*Note 7, 2026-03-06*
`
	if got := buf.String(); got != want {
		t.Errorf("ExportMarkdown =\n%s\nwant\n%s", got, want)
	}
}

func TestExportMarkdownEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportMarkdown(&buf, nil, Target{}); err != nil {
		t.Fatal(err)
	}
	if want := "# Notes\n\nNo notes yet.\n"; buf.String() != want {
		t.Errorf("ExportMarkdown(no marks) = %q, want %q", buf.String(), want)
	}
}

func TestCompareSections(t *testing.T) {
	in := []string{"10", "2.10", "3", "2.2", "0", "2", "2.1", "appendix"}
	want := "0 2 2.1 2.2 2.10 3 10 appendix"
	sorted := append([]string(nil), in...)
	for i := range sorted { // insertion sort, to test the comparison alone
		for j := i; j > 0 && compareSections(sorted[j-1], sorted[j]) > 0; j-- {
			sorted[j-1], sorted[j] = sorted[j], sorted[j-1]
		}
	}
	if got := strings.Join(sorted, " "); got != want {
		t.Errorf("section order = %s, want %s", got, want)
	}
}
