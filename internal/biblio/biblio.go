// Package biblio turns a reading's bibliographic data into structured
// bibliographies: the endnotes' references as CSL-JSON and BibTeX entries,
// and the paper's own citation in Chicago and APA style.
//
// It uses only the fields parsed from the printed text (see docs/FORMAT.md):
// what the printed note lacks stays empty, never guessed. Notes that are not
// printed in the source and ibid-style notes (which point back to another
// note) produce no entry of their own.
package biblio

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/margin-reader/margin/internal/reading"
)

// Name is a person's name split into family and given parts, or a literal
// name (an organisation, or a name margin cannot split with confidence).
type Name struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// particles are lower-case name particles ("van", "de") whose presence makes
// a split uncertain: such names are kept literal.
var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "du": true, "da": true, "di": true, "la": true, "le": true, "al": true, "bin": true, "ibn": true}

// SplitName splits a name written given-name first ("Anne S. Cheung") at its
// last word. A single word, a name with a particle or a lower-case word, or a
// name with a comma is returned as a literal.
func SplitName(name string) Name {
	words := strings.Fields(name)
	if len(words) < 2 || strings.Contains(name, ",") {
		return Name{Literal: strings.Join(words, " ")}
	}
	for _, w := range words {
		r := []rune(w)
		if particles[strings.ToLower(w)] || !unicode.IsUpper(r[0]) {
			return Name{Literal: strings.Join(words, " ")}
		}
	}
	return Name{Family: words[len(words)-1], Given: strings.Join(words[:len(words)-1], " ")}
}

// Date is a parsed date: a year, and a month and a day when known (0 when
// not); Season is 1 (spring) to 4 (winter) when the date names a season.
type Date struct {
	Year, Month, Day, Season int
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

var seasons = map[string]int{"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

// ParseDate parses the date forms the endnotes print: "2017", "August 2018",
// "April 3, 2018", "Spring 2018", and ISO "2018-11-16" or "2018-11". It
// reports false for anything else.
func ParseDate(s string) (Date, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if s == "" {
		return Date{}, false
	}
	if parts := strings.Split(s, "-"); len(parts) <= 3 && len(parts[0]) == 4 {
		var d Date
		nums := make([]int, len(parts))
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil {
				nums = nil
				break
			}
			nums[i] = n
		}
		if nums != nil {
			d.Year = nums[0]
			if len(nums) > 1 {
				d.Month = nums[1]
			}
			if len(nums) > 2 {
				d.Day = nums[2]
			}
			return d, d.valid()
		}
	}
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	year, err := strconv.Atoi(words[len(words)-1])
	if err != nil || len(words[len(words)-1]) != 4 {
		return Date{}, false
	}
	d := Date{Year: year}
	switch len(words) {
	case 1:
	case 2:
		w := strings.ToLower(words[0])
		if m, ok := months[w]; ok {
			d.Month = m
		} else if se, ok := seasons[w]; ok {
			d.Season = se
		} else {
			return Date{}, false
		}
	case 3:
		m, ok := months[strings.ToLower(words[0])]
		day, err := strconv.Atoi(words[1])
		if !ok || err != nil {
			return Date{}, false
		}
		d.Month, d.Day = m, day
	default:
		return Date{}, false
	}
	return d, d.valid()
}

func (d Date) valid() bool {
	return d.Year >= 1000 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 12 && d.Day >= 0 && d.Day <= 31 && (d.Day == 0 || d.Month > 0)
}

// ISO formats the date as YYYY, YYYY-MM or YYYY-MM-DD.
func (d Date) ISO() string {
	switch {
	case d.Day > 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case d.Month > 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d", d.Year)
}

// Skip says why an endnote has no entry of its own, or "" when it has one.
func Skip(e reading.Endnote) string {
	switch {
	case !e.Printed:
		return "not printed in the source"
	case e.RefersTo > 0:
		return fmt.Sprintf("refers to note %d", e.RefersTo)
	case e.Title == "" && e.URL == "":
		return "no reference to parse"
	}
	return ""
}

// Key is the stable identifier of endnote n's entry: "endnote3".
func Key(n int) string { return "endnote" + strconv.Itoa(n) }
