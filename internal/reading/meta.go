package reading

import (
	"errors"
	"fmt"
	"slices"
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

// Seen says what margin's authors actually saw of a source: one fixed value
// per source, so that a reader knows how far a citation was checked.
type Seen string

// The values of Seen, from the most direct look at a work to none.
const (
	SeenOriginal Seen = "original"  // the work as published
	SeenCopy     Seen = "copy"      // its text in a copy that is not the publisher's (Via names it)
	SeenAbstract Seen = "abstract"  // only its abstract, summary or catalogue record
	SeenQuotedIn Seen = "quoted-in" // not the work: another work quoting it (Via names it)
	SeenNotFound Seen = "not-found" // neither the work nor a copy: what is cited is unconfirmed
)

// SeenValues lists the values of Seen in order, for messages and docs.
var SeenValues = []Seen{SeenOriginal, SeenCopy, SeenAbstract, SeenQuotedIn, SeenNotFound}

// Valid reports whether v is one of SeenValues.
func (v Seen) Valid() bool { return slices.Contains(SeenValues, v) }

// NeedsVia reports whether a source seen this way must name what was read.
func (v Seen) NeedsVia() bool { return v == SeenCopy || v == SeenQuotedIn }

// Label is the value in a few words, for lists: "original", "a copy"…
func (v Seen) Label() string {
	switch v {
	case SeenCopy:
		return "a copy"
	case SeenAbstract:
		return "abstract only"
	case SeenQuotedIn:
		return "quoted elsewhere"
	case SeenNotFound:
		return "not found"
	default:
		return string(v)
	}
}

// Describe says in words what was seen; via is the copy or the quoting work.
func (v Seen) Describe(via string) string {
	switch v {
	case SeenOriginal:
		return "seen: the original"
	case SeenCopy:
		return "seen in a copy: " + via
	case SeenAbstract:
		return "seen: the abstract only"
	case SeenQuotedIn:
		return "not seen; quoted in " + via
	default:
		return "not found: unconfirmed"
	}
}

// Source is a work cited by a glossary entry or a fact-check note.
type Source struct {
	Author string `yaml:"author" json:"author"`
	Title  string `yaml:"title" json:"title"`
	Venue  string `yaml:"venue" json:"venue,omitempty"`
	Date   string `yaml:"date" json:"date,omitempty"` // YYYY, YYYY-MM, YYYY-MM-DD, or "n.d." for an undated work
	URL    string `yaml:"url" json:"url,omitempty"`   // the work's own address
	Seen   Seen   `yaml:"seen" json:"seen"`
	Via    string `yaml:"via" json:"via,omitempty"` // the copy or quoting work read, when Seen needs one
	Note   string `yaml:"note" json:"note,omitempty"`
}

// String formats the source as a one-line citation, ending with what was
// seen of it in brackets.
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
	return strings.Join(nonEmpty(parts), ", ") + " (" + s.Seen.Describe(s.Via) + ")"
}

// check requires what identifies a source: an author (a person or an
// organisation) and a title or, where no title was recorded, a URL; and
// what was seen of it, with the copy or quoting work where that needs one.
func (s Source) check() error {
	switch {
	case strings.TrimSpace(s.Author) == "":
		return errors.New("a source needs an author (a person or an organisation)")
	case strings.TrimSpace(s.Title) == "" && strings.TrimSpace(s.URL) == "":
		return errors.New("a source needs a title or a URL")
	case s.Seen == "":
		return fmt.Errorf("a source needs seen: %s", seenList())
	case !s.Seen.Valid():
		return fmt.Errorf("seen: %q is not one of %s", s.Seen, seenList())
	case s.Seen.NeedsVia() && strings.TrimSpace(s.Via) == "":
		return fmt.Errorf("seen: %s needs via: the copy or work that was read", s.Seen)
	case !s.Seen.NeedsVia() && s.Via != "":
		return fmt.Errorf("via is only for seen: copy or quoted-in, not %s", s.Seen)
	}
	return nil
}

// SourceError is a mistake in one source of an entry or a note.
type SourceError struct {
	Index int // from 0
	Err   error
}

func (e *SourceError) Error() string { return fmt.Sprintf("source %d: %v", e.Index+1, e.Err) }
func (e *SourceError) Unwrap() error { return e.Err }

func seenList() string {
	names := make([]string, len(SeenValues))
	for i, v := range SeenValues {
		names[i] = string(v)
	}
	return strings.Join(names, " | ")
}

// complete reports whether the source has an author, a title and a venue.
func (s Source) complete() bool {
	return strings.TrimSpace(s.Author) != "" && strings.TrimSpace(s.Title) != "" && strings.TrimSpace(s.Venue) != ""
}

// checkSources checks every source, and that at least one is complete:
// author, title and, when needVenue, venue. It returns every mistake; one
// about a given source is a *SourceError.
func checkSources(sources []Source, needVenue bool) []error {
	if len(sources) == 0 {
		return []error{&fieldError{"sources", errors.New("no sources")}}
	}
	var errs []error
	full := false
	for i, s := range sources {
		if err := s.check(); err != nil {
			errs = append(errs, &SourceError{Index: i, Err: err})
			continue
		}
		full = full || s.complete() || !needVenue && s.Title != ""
	}
	switch {
	case full || len(errs) > 0:
	case needVenue:
		errs = append(errs, &fieldError{"sources", errors.New("no source has an author, a title and a venue")})
	default:
		errs = append(errs, &fieldError{"sources", errors.New("no source has an author and a title")})
	}
	return errs
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
