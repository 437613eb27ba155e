package biblio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
)

// CSLItem is one CSL-JSON item, with the field names of the CSL-JSON schema
// (citation-style-language/schema, csl-data.json).
type CSLItem struct {
	ID             string   `json:"id"`
	Type           string   `json:"type"`
	Author         []Name   `json:"author,omitempty"`
	Title          string   `json:"title,omitempty"`
	ContainerTitle string   `json:"container-title,omitempty"`
	Volume         string   `json:"volume,omitempty"`
	Issue          string   `json:"issue,omitempty"`
	Page           string   `json:"page,omitempty"`
	Publisher      string   `json:"publisher,omitempty"`
	PublisherPlace string   `json:"publisher-place,omitempty"`
	Issued         *CSLDate `json:"issued,omitempty"`
	Accessed       *CSLDate `json:"accessed,omitempty"`
	URL            string   `json:"URL,omitempty"`
	Note           string   `json:"note,omitempty"`
}

// CSLDate is a CSL-JSON date: date-parts when the printed date parses, a
// literal otherwise.
type CSLDate struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Season    int     `json:"season,omitempty"`
	Literal   string  `json:"literal,omitempty"`
}

// cslTypes maps the endnotes' types to CSL types.
var cslTypes = map[string]string{
	"article": "article-journal",
	"news":    "article-newspaper",
	"chapter": "chapter",
	"book":    "book",
	"report":  "report",
	"webpage": "webpage",
}

// cslDate converts a printed date; empty gives nil.
func cslDate(s string) *CSLDate {
	if s == "" {
		return nil
	}
	d, ok := ParseDate(s)
	if !ok {
		return &CSLDate{Literal: s}
	}
	parts := []int{d.Year}
	if d.Month > 0 {
		parts = append(parts, d.Month)
	}
	if d.Day > 0 {
		parts = append(parts, d.Day)
	}
	return &CSLDate{DateParts: [][]int{parts}, Season: d.Season}
}

// CSL converts one endnote to a CSL-JSON item; ok is false when the note has
// no entry of its own (see Skip). A note's page is the page it cites. A note
// cut off in the source is typed "document" and says so in its note field.
func CSL(e reading.Endnote) (CSLItem, bool) {
	if Skip(e) != "" {
		return CSLItem{}, false
	}
	it := CSLItem{
		ID:             Key(e.N),
		Type:           cslTypes[e.Type],
		Title:          e.Title,
		ContainerTitle: e.Container,
		Volume:         e.Volume,
		Issue:          e.Issue,
		Page:           e.Pages,
		Publisher:      e.Publisher,
		PublisherPlace: e.Place,
		Issued:         cslDate(e.Date),
		Accessed:       cslDate(e.Accessed),
		URL:            e.URL,
	}
	if it.Type == "" {
		it.Type = "document"
	}
	for _, a := range e.Authors {
		it.Author = append(it.Author, SplitName(a))
	}
	if e.Truncated {
		it.Note = "endnote " + strconv.Itoa(e.N) + " is cut off in the source; the title is incomplete"
	}
	return it, true
}

// WriteCSL writes the entries of the given endnotes as a CSL-JSON array
// (always an array, "[]" when empty).
func WriteCSL(w io.Writer, notes []reading.Endnote) error {
	items := []CSLItem{}
	for _, e := range notes {
		if it, ok := CSL(e); ok {
			items = append(items, it)
		}
	}
	return writeJSON(w, items)
}

// writeJSON writes v as indented JSON, with every control and bidi
// character escaped (see sanitize.JSON).
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding CSL-JSON: %w", err)
	}
	_, err := w.Write(sanitize.JSON(buf.Bytes()))
	return err
}
