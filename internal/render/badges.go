package render

import (
	"regexp"
	"strings"

	"github.com/margin-reader/margin/internal/reading"
)

// badgeColours are the colours of a fact-check note's badge (N4 !) by
// verdict, as SGR parameters: a solid background from green (accurate) to
// red (inaccurate), with white or black text, so that a badge reads the
// same on a dark or a light terminal.
var badgeColours = map[reading.Verdict]string{
	reading.Accurate:       "1;38;5;231;48;5;28",  // white on green
	reading.MostlyAccurate: "1;38;5;16;48;5;113",  // black on light green
	reading.Misleading:     "1;38;5;16;48;5;214",  // black on orange
	reading.Inaccurate:     "1;38;5;231;48;5;160", // white on red
	reading.Outdated:       "1;38;5;16;48;5;187",  // black on sand
	reading.Contested:      "1;38;5;231;48;5;97",  // white on purple
	reading.Unverifiable:   "1;38;5;231;48;5;243", // white on grey
	reading.CitationError:  "1;38;5;231;48;5;25",  // white on blue
}

// colourStyles are the styles whose badges are coloured by verdict; ascii
// and notty have no colour.
var colourStyles = map[string]bool{"dark": true, "light": true, "dracula": true, "tokyo-night": true, "pink": true}

// badgePattern finds a badge as glamour styles an inline code span: its
// style, the badge, and the reset after it.
var badgePattern = func() *regexp.Regexp {
	var glyphs []string
	for _, v := range reading.Verdicts {
		glyphs = append(glyphs, regexp.QuoteMeta(v.Glyph()))
	}
	return regexp.MustCompile("\x1b\\[[0-9;]*m(N[0-9]+[ \u00a0](?:" + strings.Join(glyphs, "|") + "))\x1b\\[0m")
}()

// glyphVerdict maps a badge's glyph back to its verdict.
var glyphVerdict = func() map[string]reading.Verdict {
	m := map[string]reading.Verdict{}
	for _, v := range reading.Verdicts {
		m[v.Glyph()] = v
	}
	return m
}()

// colourBadges gives each fact-check badge in styled output the colour of
// its verdict.
func colourBadges(out string) string {
	if !strings.Contains(out, "N") {
		return out
	}
	return badgePattern.ReplaceAllStringFunc(out, func(m string) string {
		badge := badgePattern.FindStringSubmatch(m)[1]
		_, glyph, _ := strings.Cut(strings.ReplaceAll(badge, "\u00a0", " "), " ")
		sgr, ok := badgeColours[glyphVerdict[glyph]]
		if !ok {
			return m
		}
		return "\x1b[" + sgr + "m" + badge + "\x1b[0m"
	})
}
