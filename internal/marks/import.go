package marks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// MaxImportBytes is the largest annotation file Import reads: 32 MiB.
const MaxImportBytes = 32 << 20

// maxImportItems bounds the annotations read from one file.
const maxImportItems = 100000

// Annotation is a note read from another tool's file (see ParseAnnotations),
// not yet anchored in a reading.
type Annotation struct {
	// Row says where in the file the annotation stands, for warnings:
	// "annotation 3" or "row 3 (id …)".
	Row string
	// ID is the annotation's id (an IRI for a W3C annotation; Hypothesis
	// rows get their https://hypothes.is/a/ID address); empty when none.
	ID      string
	Creator string // whose it is: a name, or empty when the file says not
	Text    string
	Quote   string
	Prefix  string
	Suffix  string
	// Section is the section the annotation names, read from a target
	// source ending "#section-N" (as margin exports); empty when unknown.
	Section string
	Source  string // the target's source IRI, without a fragment
	Created time.Time
}

// RowError is an annotation of the file that cannot be used (no quote, a
// reply, a highlight with no note…). ParseAnnotations returns the others.
type RowError struct {
	Row    string
	Reason string
}

// Error names the row and why it cannot be used.
func (e *RowError) Error() string { return e.Row + ": " + e.Reason }

// ParseAnnotations reads a file of annotations: W3C Web Annotation JSON (an
// AnnotationCollection as ExportJSON writes it, with its first page or its
// items, an AnnotationPage, one Annotation, or a list of them) or
// Hypothesis JSON (the client's export {"export_date": …, "annotations":
// […]}, the API's search results {"total": N, "rows": […]}, or a list of
// rows). Each annotation needs a
// TextQuoteSelector and a note; the ones that cannot be used are returned
// as *RowError, one each, after the usable ones. A file that is neither is
// an error. Strings are cleaned (see Clean).
func ParseAnnotations(data []byte) ([]Annotation, []*RowError, error) {
	if len(data) > MaxImportBytes {
		return nil, nil, fmt.Errorf("the file is larger than %d MiB", MaxImportBytes>>20)
	}
	var top any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		return nil, nil, fmt.Errorf("it is not JSON (%s)", strings.TrimPrefix(err.Error(), "json: "))
	}
	items, kind, err := annotationItems(top)
	if err != nil {
		return nil, nil, err
	}
	if len(items) > maxImportItems {
		return nil, nil, fmt.Errorf("it holds %d annotations, more than the %d margin imports at once", len(items), maxImportItems)
	}
	var out []Annotation
	var bad []*RowError
	for i, it := range items {
		a, err := parseAnnotation(it, fmt.Sprintf("%s %d", kind, i+1))
		if err != nil {
			bad = append(bad, err)
			continue
		}
		out = append(out, a)
	}
	return out, bad, nil
}

// annotationItems finds the list of annotations in a decoded file, and
// what to call each in a warning.
func annotationItems(top any) ([]any, string, error) {
	switch v := top.(type) {
	case []any:
		return v, "annotation", nil
	case map[string]any:
		if rows, ok := v["rows"].([]any); ok {
			return rows, "row", nil
		}
		// The Hypothesis client's export: {"export_date", "export_userid",
		// "client_version", "annotations": […]}.
		if anns, ok := v["annotations"].([]any); ok {
			return anns, "annotation", nil
		}
		if items, ok := v["items"].([]any); ok {
			return items, "annotation", nil
		}
		if first, ok := v["first"].(map[string]any); ok {
			items, _ := first["items"].([]any)
			return items, "annotation", nil
		}
		if _, ok := v["target"]; ok {
			return []any{v}, "annotation", nil
		}
		if t := str(v["type"]); t == "AnnotationCollection" || t == "AnnotationPage" {
			return nil, "annotation", nil // an empty collection
		}
	}
	return nil, "", errors.New(`it is neither W3C Web Annotation JSON nor Hypothesis JSON (no "items", "first", "rows", "annotations" or "target")`)
}

// parseAnnotation reads one W3C annotation or Hypothesis row.
func parseAnnotation(it any, row string) (Annotation, *RowError) {
	obj, ok := it.(map[string]any)
	if !ok {
		return Annotation{}, &RowError{row, "it is not a JSON object"}
	}
	a := Annotation{Row: row}
	a.ID = oneLine(Clean(str(obj["id"])))
	if a.ID != "" {
		a.Row = fmt.Sprintf("%s (id %s)", row, abbreviateText(a.ID, 40))
	}
	_, hypothesis := obj["user"]
	if hypothesis {
		if a.ID != "" && !strings.Contains(a.ID, ":") {
			a.ID = "https://hypothes.is/a/" + url.PathEscape(a.ID)
		}
		a.Creator = accountName(str(obj["user"]))
		if info, ok := obj["user_info"].(map[string]any); ok && a.Creator == "" {
			a.Creator = str(info["display_name"])
		}
		a.Text = str(obj["text"])
		if refs, ok := obj["references"].([]any); ok && len(refs) > 0 && !hasQuote(obj["target"]) {
			return a, &RowError{a.Row, "a reply to another annotation, anchored to no words"}
		}
	} else {
		a.Creator = creatorName(obj["creator"])
		a.Text = bodyText(obj["body"])
		if a.Text == "" {
			a.Text = str(obj["bodyValue"])
		}
	}
	a.Creator = oneLine(Clean(a.Creator))
	a.Text = strings.TrimSpace(Clean(a.Text))
	if created := str(obj["created"]); created != "" {
		if t, err := time.Parse(time.RFC3339Nano, created); err == nil {
			a.Created = t.UTC().Truncate(time.Second)
		}
	}
	if !readTarget(obj["target"], &a) {
		return a, &RowError{a.Row, "it has no TextQuoteSelector (no quoted words to anchor it to)"}
	}
	a.Quote, a.Prefix, a.Suffix = Clean(a.Quote), Clean(a.Prefix), Clean(a.Suffix)
	a.Section, a.Source = oneLine(Clean(a.Section)), oneLine(Clean(a.Source))
	switch {
	case strings.TrimSpace(a.Quote) == "":
		return a, &RowError{a.Row, "its TextQuoteSelector quotes no words"}
	case a.Text == "":
		return a, &RowError{a.Row, "a highlight with no note"}
	}
	return a, nil
}

// str is v if it is a string, else "".
func str(v any) string {
	s, _ := v.(string)
	return s
}

// accountName is the name in a Hypothesis account, "acct:ana@hypothes.is".
func accountName(user string) string {
	name, _ := strings.CutPrefix(user, "acct:")
	if at := strings.LastIndexByte(name, '@'); at > 0 {
		name = name[:at]
	}
	return name
}

// creatorName reads a W3C creator: a name, an IRI, an Agent object (name,
// nickname or id), or a list of them (the first).
func creatorName(v any) string {
	switch c := v.(type) {
	case string:
		return accountName(c)
	case []any:
		if len(c) > 0 {
			return creatorName(c[0])
		}
	case map[string]any:
		for _, k := range []string{"name", "nickname", "id"} {
			if s := str(c[k]); s != "" {
				return accountName(s)
			}
		}
	}
	return ""
}

// bodyText reads a W3C body: a TextualBody's value, or the values of a
// list of bodies (tags left out), joined by blank lines.
func bodyText(v any) string {
	switch b := v.(type) {
	case string:
		return "" // an IRI of a body elsewhere
	case map[string]any:
		if str(b["purpose"]) == "tagging" {
			return ""
		}
		return str(b["value"])
	case []any:
		var parts []string
		for _, x := range b {
			if s := strings.TrimSpace(bodyText(x)); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "\n\n")
	}
	return ""
}

// hasQuote reports whether a target holds a TextQuoteSelector.
func hasQuote(v any) bool {
	var a Annotation
	return readTarget(v, &a)
}

// readTarget reads the first target with a TextQuoteSelector into a.
func readTarget(v any, a *Annotation) bool {
	switch t := v.(type) {
	case []any:
		for _, x := range t {
			if readTarget(x, a) {
				return true
			}
		}
	case map[string]any:
		if readSelector(t["selector"], a) {
			source := str(t["source"])
			a.Source, a.Section = source, ""
			if base, frag, ok := strings.Cut(source, "#"); ok {
				a.Source = base
				if sec, ok := strings.CutPrefix(frag, "section-"); ok {
					if s, err := url.PathUnescape(sec); err == nil {
						a.Section = s
					}
				}
			}
			return true
		}
	}
	return false
}

// readSelector reads the first TextQuoteSelector of a selector or list.
func readSelector(v any, a *Annotation) bool {
	switch s := v.(type) {
	case []any:
		for _, x := range s {
			if readSelector(x, a) {
				return true
			}
		}
	case map[string]any:
		if str(s["type"]) == "TextQuoteSelector" {
			a.Quote, a.Prefix, a.Suffix = str(s["exact"]), str(s["prefix"]), str(s["suffix"])
			return true
		}
		// A RangeSelector may refine to a quote.
		return readSelector(s["refinedBy"], a)
	}
	return false
}

// abbreviateText shortens s to n characters for a message.
func abbreviateText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
