package pdfimport

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	mdHeadingRe  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdFootnoteRe = regexp.MustCompile(`^\[\^(\d{1,4})\]:\s*(.*)$`)
)

// headingMark starts a line that Markdown marks as a heading, followed by
// its level (1–6) and the heading's text.
const headingMark = "\ue001"

// titleLevel is the level markdown gives the title.
const titleLevel = 9

// markdown prepares a Markdown file: its headings (# …) are marked with
// their level, the first one the title when no other has its level, and
// its footnote definitions ([^1]: …) are moved to a notes section at the
// end; marked says it found headings so marked. Text that has neither is
// returned as it is.
func markdown(src string) (out string, marked bool) {
	lines := strings.Split(src, "\n")
	var headings []int
	var levels []int
	hasNotes := false
	fence := false
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fence = !fence
		}
		if fence {
			continue
		}
		if m := mdHeadingRe.FindStringSubmatch(l); m != nil {
			headings = append(headings, i)
			levels = append(levels, len(m[1]))
		}
		if mdFootnoteRe.MatchString(l) {
			hasNotes = true
		}
	}
	if len(headings) == 0 && !hasNotes {
		return src, false
	}
	// The title: a first heading whose level no other heading has.
	title := -1
	if len(levels) > 0 {
		title = 0
		for _, lv := range levels[1:] {
			if lv <= levels[0] {
				title = -1
			}
		}
	}
	shift := 0
	if len(levels) > 1 {
		shift = levels[1] - 1
		for _, lv := range levels[1:] {
			shift = min(shift, lv-1)
		}
	}
	at := make(map[int]int, len(headings)) // line → heading index
	for k, line := range headings {
		at[line] = k
	}
	var body, notes []string
	inNote := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := mdFootnoteRe.FindStringSubmatch(l); m != nil {
			notes = append(notes, m[1]+". "+m[2])
			inNote = true
			continue
		}
		if inNote && (strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t")) {
			notes = append(notes, strings.TrimSpace(l))
			continue
		}
		inNote = false
		if k, ok := at[i]; ok {
			m := mdHeadingRe.FindStringSubmatch(l)
			if k == title {
				body = append(body, "", headingMark+strconv.Itoa(titleLevel)+m[2], "")
				continue
			}
			body = append(body, "", headingMark+strconv.Itoa(levels[k]-shift)+m[2], "")
			continue
		}
		body = append(body, l)
	}
	if len(notes) > 0 {
		body = append(body, "", headingMark+"1Notes", "")
		body = append(body, notes...)
	}
	return strings.Join(body, "\n"), len(headings) > 0
}

// markedHeading reads a line marked by markdown: its level and text.
func markedHeading(l string) (level int, text string, ok bool) {
	rest, ok := strings.CutPrefix(l, headingMark)
	if !ok || rest == "" {
		return 0, "", false
	}
	return int(rest[0] - '0'), strings.TrimSpace(rest[1:]), true
}
