package biblio

import (
	"io"
	"strconv"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/sanitize"
)

// PaperKey is the citation key of the paper itself: the author's family
// name and the year ("vochelet2021"), else the reading's id.
func PaperKey(m reading.Meta) string {
	key := m.ID
	if n := SplitName(m.Author); n.Family != "" {
		key = n.Family + m.Year
	}
	key = strings.ToLower(strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return r
		}
		return -1
	}, key))
	if key == "" {
		return "paper"
	}
	return key
}

// PaperBibTeX is the paper's own BibTeX entry. Like Cite, it gives no
// volume, issue or pages, and adds the venue note when the venue is
// uncertain.
func PaperBibTeX(m reading.Meta) string {
	typ := "article"
	switch {
	case m.IsBook():
		typ = "book"
	case m.Venue == "":
		typ = "misc"
	}
	var fs []field
	add := func(name, value string) {
		if strings.TrimSpace(value) != "" {
			fs = append(fs, field{name, "{" + EscapeBibTeX(value) + "}"})
		}
	}
	if m.Author != "" {
		fs = append(fs, field{"author", "{" + bibName(SplitName(m.Author)) + "}"})
	}
	add("title", m.FullTitle())
	switch typ {
	case "article":
		add("journal", m.Venue)
	case "book":
		add("publisher", m.Venue)
	}
	add("year", m.Year)
	if m.URL != "" {
		fs = append(fs, field{"url", "{" + escapeURL(m.URL) + "}"})
	}
	add("note", m.VenueNote)
	return sanitize.String(bibtexEntry(typ, PaperKey(m), fs))
}

// PaperCSL is the paper's own CSL-JSON item.
func PaperCSL(m reading.Meta) CSLItem {
	it := CSLItem{ID: PaperKey(m), Type: "article-journal", Title: m.FullTitle(), ContainerTitle: m.Venue, URL: m.URL, Note: m.VenueNote}
	switch {
	case m.IsBook():
		it.Type, it.ContainerTitle, it.Publisher = "book", "", m.Venue
	case m.Venue == "":
		it.Type = "article"
	}
	if m.Author != "" {
		it.Author = []Name{SplitName(m.Author)}
	}
	if y, err := strconv.Atoi(m.Year); err == nil {
		it.Issued = &CSLDate{DateParts: [][]int{{y}}}
	}
	return it
}

// WritePaperCSL writes the paper's own CSL-JSON item, in an array as
// citation managers import it.
func WritePaperCSL(w io.Writer, m reading.Meta) error {
	return writeJSON(w, []CSLItem{PaperCSL(m)})
}
