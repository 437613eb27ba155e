package marks

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/margin-reader/margin/internal/sanitize"
)

// Target describes the reading that exported marks annotate.
type Target struct {
	// Source is the reading's IRI, without a fragment, e.g. its URL. Each
	// mark targets Source + "#section-" + its section.
	Source string
	// Title is the reading's title, used as the collection's label and the
	// Markdown heading. Optional.
	Title string
	// Sections optionally maps section numbers to their titles, for the
	// Markdown section headings.
	Sections map[string]string
}

// annoContext is the JSON-LD context of the W3C Web Annotation model.
const annoContext = "http://www.w3.org/ns/anno.jsonld"

type annoCollection struct {
	Context string    `json:"@context"`
	ID      string    `json:"id"`
	Type    string    `json:"type"`
	Label   string    `json:"label,omitempty"`
	Total   int       `json:"total"`
	First   *annoPage `json:"first,omitempty"`
}

type annoPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	StartIndex int          `json:"startIndex"`
	Items      []annotation `json:"items"`
}

type annotation struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	Motivation string       `json:"motivation"`
	Created    string       `json:"created"`
	Creator    *annoCreator `json:"creator,omitempty"`
	Body       annoBody     `json:"body"`
	Target     annoTarget   `json:"target"`
}

// annoCreator is an annotation's creator, a W3C Agent.
type annoCreator struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type annoBody struct {
	Type   string `json:"type"`
	Value  string `json:"value"`
	Format string `json:"format"`
}

type annoTarget struct {
	Source   string       `json:"source"`
	Selector annoSelector `json:"selector"`
}

type annoSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// ExportJSON writes marks, in the given order, as a W3C Web Annotation
// AnnotationCollection (JSON-LD, context http://www.w3.org/ns/anno.jsonld).
// Following the model, the collection embeds its one page as "first", an
// AnnotationPage whose "items" are the annotations. Each annotation has
// motivation "commenting", a TextualBody (text/plain) holding the note, a
// target whose source is target.Source + "#section-" + section with a
// TextQuoteSelector (exact, prefix, suffix), its creation time in UTC, and
// its creator (a Person with a name) when the mark has one.
// Control and bidi characters are written as \u escapes (see sanitize.JSON).
// The collection, page and annotations get stable urn:uuid ids derived from
// the source and the marks, so exporting twice gives the same ids.
func ExportJSON(w io.Writer, marks []Mark, target Target) error {
	source := strings.TrimSpace(target.Source)
	if source == "" {
		return errors.New("export notes as JSON: the reading has no source IRI")
	}
	collectionID := uuidURN(source)
	page := &annoPage{
		ID:    uuidURN(source + "\npage 1"),
		Type:  "AnnotationPage",
		Items: make([]annotation, 0, len(marks)),
	}
	for _, m := range marks {
		var creator *annoCreator
		if m.Creator != "" {
			creator = &annoCreator{Type: "Person", Name: m.Creator}
		}
		page.Items = append(page.Items, annotation{
			ID:         ExportID(source, m),
			Type:       "Annotation",
			Motivation: "commenting",
			Created:    m.Created.UTC().Format(time.RFC3339),
			Creator:    creator,
			Body:       annoBody{Type: "TextualBody", Value: m.Text, Format: "text/plain"},
			Target: annoTarget{
				Source: source + "#section-" + url.PathEscape(m.Section),
				Selector: annoSelector{
					Type:   "TextQuoteSelector",
					Exact:  m.Quote,
					Prefix: m.Prefix,
					Suffix: m.Suffix,
				},
			},
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(annoCollection{
		Context: annoContext,
		ID:      collectionID,
		Type:    "AnnotationCollection",
		Label:   target.Title,
		Total:   len(marks),
		First:   page,
	})
	if err == nil {
		_, err = w.Write(sanitize.JSON(buf.Bytes()))
	}
	if err != nil {
		return fmt.Errorf("export notes as JSON: %w", err)
	}
	return nil
}

// ExportID is the id ExportJSON gives a mark's annotation: the id of the
// annotation it was imported from, if it was; else a urn:uuid derived from
// the source, the reading, the mark's id and its creation time, the same at
// every export.
func ExportID(source string, m Mark) string {
	if m.Origin != "" {
		return m.Origin
	}
	return uuidURN(strings.Join([]string{strings.TrimSpace(source), m.Reading, m.ID, m.Created.UTC().Format(time.RFC3339Nano)}, "\n"))
}

// uuidNamespaceURL is the RFC 9562 name space for URLs.
var uuidNamespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuidURN returns the name-based (SHA-1, version 5) UUID of name in the URL
// name space, as a URN.
func uuidURN(name string) string { return uuidV5(uuidNamespaceURL, name) }

// uuidV5 returns the name-based (SHA-1, version 5) UUID of name in the name
// space ns, as a URN.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// ExportMarkdown writes marks as a readable Markdown document: a heading with
// target.Title, then one "##" section per section number in reading order
// (titled from target.Sections when known), and in each the marks oldest
// first, each as the quoted words in a block quote, the note, and a line
// with the note's id, its creator when it is someone else's, and its date.
// All text is cleaned (see Clean); the quotes are escaped so that they read
// exactly as in the reading.
func ExportMarkdown(w io.Writer, marks []Mark, target Target) error {
	sorted := slices.Clone(marks)
	slices.SortStableFunc(sorted, func(a, b Mark) int {
		return cmp.Or(
			compareSections(a.Section, b.Section),
			a.Created.Compare(b.Created),
			compareIDs(a.ID, b.ID),
		)
	})

	var bw strings.Builder
	title := strings.TrimSpace(Clean(target.Title))
	if title == "" {
		fmt.Fprintf(&bw, "# Notes\n")
	} else {
		fmt.Fprintf(&bw, "# Notes on %s\n", oneLine(title))
	}
	if src := strings.TrimSpace(Clean(target.Source)); src != "" {
		fmt.Fprintf(&bw, "\nSource: %s\n", oneLine(src))
	}
	if len(sorted) == 0 {
		fmt.Fprintf(&bw, "\nNo notes yet.\n")
	}
	section := ""
	for i, m := range sorted {
		m = cleanMark(m)
		if i == 0 || m.Section != section {
			section = m.Section
			heading := "Section " + oneLine(section)
			if t := strings.TrimSpace(Clean(target.Sections[section])); t != "" {
				heading = oneLine(section) + " " + oneLine(t)
			}
			fmt.Fprintf(&bw, "\n## %s\n", heading)
		}
		fmt.Fprintf(&bw, "\n> %s\n\n", escapeMarkdown(oneLine(m.Quote)))
		if text := strings.TrimSpace(m.Text); text != "" {
			fmt.Fprintf(&bw, "%s\n\n", text)
		}
		by := ""
		if c := oneLine(m.Creator); c != "" {
			by = " by " + escapeMarkdown(c)
		}
		fmt.Fprintf(&bw, "*Note %s%s, %s*\n", oneLine(m.ID), by, m.Created.Format(time.DateOnly))
	}
	// The whole document goes through the sanitizer once more: nothing in
	// it, the title and section names included, reaches a terminal or a
	// Markdown renderer as a control character or a reference to one.
	if _, err := io.WriteString(w, sanitize.String(bw.String())); err != nil {
		return fmt.Errorf("export notes as Markdown: %w", err)
	}
	return nil
}

// oneLine folds runs of white space, newlines included, to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// markdownEscaper backslash-escapes the characters that Markdown reads as
// inline markup.
var markdownEscaper = strings.NewReplacer("\\", "\\\\", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "<", "\\<")

// escapeMarkdown makes a single line of text read literally in Markdown:
// inline markup characters are escaped, and so is a leading character that
// would start a heading, quote, list or thematic break.
func escapeMarkdown(s string) string {
	s = markdownEscaper.Replace(s)
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '=', '~':
		return "\\" + s
	}
	if n := len(s) - len(strings.TrimLeft(s, "0123456789")); n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') {
		return s[:n] + "\\" + s[n:]
	}
	return s
}

// compareSections orders section numbers as a reading does: "2" < "2.1" <
// "2.10" < "3". Non-numeric parts compare as text, after numbers.
func compareSections(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if c := compareIDs(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}

// compareIDs compares numerically when both are numbers, numbers first.
func compareIDs(a, b string) int {
	na, ea := strconv.Atoi(a)
	nb, eb := strconv.Atoi(b)
	switch {
	case ea == nil && eb == nil:
		return cmp.Compare(na, nb)
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	return strings.Compare(a, b)
}
