package reading

import (
	"errors"
	"fmt"
	"strings"
)

// Meta describes the paper: what margin shows at the top of a reading.
type Meta struct {
	ID        string `yaml:"id"` // a short id for the reading, used in exports
	Title     string `yaml:"title"`
	Subtitle  string `yaml:"subtitle"`
	Author    string `yaml:"author"`
	Editor    string `yaml:"editor"`
	Venue     string `yaml:"venue"`
	VenueNote string `yaml:"venue_note"`
	Year      string `yaml:"year"`
	URL       string `yaml:"url"`
}

// FullTitle is "Title: Subtitle".
func (m Meta) FullTitle() string {
	if m.Subtitle == "" {
		return m.Title
	}
	return m.Title + ": " + m.Subtitle
}

// Source is a work cited by a glossary entry or a fact-check note.
type Source struct {
	Author    string `yaml:"author" json:"author"`
	Title     string `yaml:"title" json:"title"`
	Venue     string `yaml:"venue" json:"venue,omitempty"`
	Date      string `yaml:"date" json:"date,omitempty"`
	URL       string `yaml:"url" json:"url,omitempty"`
	Confirmed bool   `yaml:"confirmed" json:"confirmed"`
	Note      string `yaml:"note" json:"note,omitempty"`
}

// String formats the source as a one-line citation.
func (s Source) String() string {
	title := ""
	if s.Title != "" {
		title = "“" + s.Title + "”"
	}
	parts := []string{s.Author, title}
	for _, p := range []string{s.Venue, s.Date, s.URL} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	out := strings.Join(nonEmpty(parts), ", ")
	if !s.Confirmed {
		out += " (not confirmed)"
	}
	return out
}

// check requires what identifies a source: an author (a person or an
// organisation) and a title or, where no title was recorded, a URL.
func (s Source) check() error {
	if strings.TrimSpace(s.Author) == "" {
		return errors.New("a source needs an author (a person or an organisation)")
	}
	if strings.TrimSpace(s.Title) == "" && strings.TrimSpace(s.URL) == "" {
		return errors.New("a source needs a title or a URL")
	}
	return nil
}

// complete reports whether the source has an author, a title and a venue.
func (s Source) complete() bool {
	return strings.TrimSpace(s.Author) != "" && strings.TrimSpace(s.Title) != "" && strings.TrimSpace(s.Venue) != ""
}

// checkSources checks every source, and that at least one is complete:
// author, title and, when needVenue, venue.
func checkSources(sources []Source, needVenue bool) error {
	if len(sources) == 0 {
		return errors.New("no sources")
	}
	full := false
	for i, s := range sources {
		if err := s.check(); err != nil {
			return fmt.Errorf("source %d: %w", i+1, err)
		}
		full = full || s.complete() || !needVenue && s.Title != ""
	}
	if !full {
		if needVenue {
			return errors.New("no source has an author, a title and a venue")
		}
		return errors.New("no source has an author and a title")
	}
	return nil
}

func nonEmpty(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" && s != `""` {
			out = append(out, s)
		}
	}
	return out
}

// Prep is the seminar preparation for one section: a summary of its argument
// and discussion questions.
type Prep struct {
	Section   string   `yaml:"section"`
	Summary   string   `yaml:"summary"`
	Questions []string `yaml:"questions"`
}

// Endnote is one of the paper's endnotes.
type Endnote struct {
	N         int      `yaml:"n" json:"n"`
	Printed   bool     `yaml:"printed" json:"printed"`
	Truncated bool     `yaml:"truncated" json:"truncated,omitempty"`
	Text      string   `yaml:"text" json:"text"`
	Authors   []string `yaml:"authors" json:"authors,omitempty"`
	Title     string   `yaml:"title" json:"title,omitempty"`
	Container string   `yaml:"container" json:"container,omitempty"`
	Volume    string   `yaml:"volume" json:"volume,omitempty"`
	Issue     string   `yaml:"issue" json:"issue,omitempty"`
	Publisher string   `yaml:"publisher" json:"publisher,omitempty"`
	Place     string   `yaml:"place" json:"place,omitempty"`
	Date      string   `yaml:"date" json:"date,omitempty"`
	Accessed  string   `yaml:"accessed" json:"accessed,omitempty"`
	Pages     string   `yaml:"pages" json:"pages,omitempty"`
	URL       string   `yaml:"url" json:"url,omitempty"`
	Type      string   `yaml:"type" json:"type,omitempty"`
	RefersTo  int      `yaml:"refers_to" json:"refers_to,omitempty"`
}

// Display is the endnote's printed text, or a plain statement that the
// source does not print it.
func (e Endnote) Display() string {
	switch {
	case !e.Printed:
		return "(not printed in the source: the body cites this note, but the paper's endnotes stop at 24)"
	case e.Truncated:
		return e.Text + " … (cut off in the source)"
	}
	return e.Text
}
