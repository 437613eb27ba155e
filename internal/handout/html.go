package handout

import (
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/margin-reader/margin/internal/sanitize"
)

// inline escapes text for HTML and turns the *emphasis* the team writes
// (titles of works) into <em>. Backslash escapes are kept as literal
// characters.
func inline(s string) template.HTML {
	s = oneLine(s)
	var b strings.Builder
	open := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_[]<>#|~&!", s[i+1]) >= 0:
			b.WriteString(template.HTMLEscapeString(s[i+1 : i+2]))
			i++
		case c == '*' && (open || strings.IndexByte(s[i+1:], '*') > 0):
			if open {
				b.WriteString("</em>")
			} else {
				b.WriteString("<em>")
			}
			open = !open
		default:
			b.WriteString(template.HTMLEscapeString(s[i : i+1]))
		}
	}
	if open {
		b.WriteString("</em>")
	}
	return template.HTML(b.String())
}

// page is the handout's template, parsed on first use rather than when
// margin starts: most margin commands never print a handout.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("handout").Funcs(template.FuncMap{"inline": inline}).Parse(pageText))
})

const pageText = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seminar handout: {{.Title}}</title>
<style>
:root { --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --accent: #7a2e0e; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 3rem; color: var(--ink); background: #fff;
  font-family: Georgia, "Times New Roman", "Noto Serif", serif; line-height: 1.45; }
header { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .75rem; }
.kicker { font: 600 .8rem/1.2 system-ui, "Helvetica Neue", Arial, sans-serif; letter-spacing: .08em;
  text-transform: uppercase; color: var(--accent); margin: 0 0 .35rem; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 .5rem; }
.citation { margin: .25rem 0; overflow-wrap: anywhere; }
.venue { color: var(--muted); font-size: .85rem; margin: .35rem 0 0; }
section { border-top: 1px solid var(--rule); padding-top: .75rem; margin-top: 1.5rem; }
main > section:first-child { border-top: 0; padding-top: 0; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
h2 .num { color: var(--accent); margin-right: .35rem; }
h3 { font: 600 .8rem/1.2 system-ui, "Helvetica Neue", Arial, sans-serif; letter-spacing: .06em;
  text-transform: uppercase; color: var(--muted); margin: 1rem 0 .4rem; }
.summary { margin: 0; }
dl.terms { margin: 0; display: grid; grid-template-columns: minmax(8rem, 12rem) 1fr; gap: .2rem .9rem; }
dl.terms dt { font-weight: bold; }
dl.terms dd { margin: 0; }
ul.claims { list-style: none; margin: 0; padding: 0; }
ul.claims li { margin: 0 0 .55rem; padding-left: .7rem; border-left: 3px solid var(--rule); }
.verdict { display: inline-block; font: 600 .72rem/1.4 system-ui, "Helvetica Neue", Arial, sans-serif;
  text-transform: uppercase; letter-spacing: .04em; border: 1px solid currentColor; border-radius: 3px;
  padding: 0 .3rem; margin-right: .35rem; white-space: nowrap; }
.evidence { display: block; color: var(--muted); font-size: .92rem; }
.sources { display: block; color: var(--muted); font-size: .82rem; font-style: italic; }
.v-accurate, .v-mostly-accurate { color: #1d6b2f; }
.v-misleading, .v-outdated { color: #8a5a00; }
.v-inaccurate, .v-citation-error { color: #a61b1b; }
.v-contested, .v-unverifiable { color: #3b4b8a; }
ol.questions { margin: 0; padding-left: 1.4rem; }
ol.questions li { margin-bottom: .4rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: .5rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 34rem) { dl.terms { grid-template-columns: 1fr; } dl.terms dd { margin-bottom: .35rem; } }
@media print {
  @page { size: auto; margin: 18mm 16mm; }
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  ul.claims li, ol.questions li, dl.terms dt, dl.terms dd { break-inside: avoid; page-break-inside: avoid; }
  .verdict { border-width: 1pt; }
}
</style>
</head>
<body>
<header>
<p class="kicker">Seminar handout</p>
<h1>{{.Title}}</h1>
<p class="citation">{{inline .Citation}}</p>
{{- if .VenueNote}}
<p class="venue">Venue: {{.VenueNote}}</p>
{{- end}}
</header>
<main>
{{- range .Sections}}
<section id="section-{{.Number}}">
<h2><span class="num">{{.Number}}</span>{{.Title}}</h2>
{{- if .Summary}}
<p class="summary">{{inline .Summary}}</p>
{{- end}}
{{- if .Terms}}
<h3>Key terms</h3>
<dl class="terms">
{{- range .Terms}}
<dt>{{.Term}}</dt>
<dd>{{inline .Definition}}</dd>
{{- end}}
</dl>
{{- end}}
{{- if .Claims}}
<h3>Contested claims</h3>
<ul class="claims">
{{- range .Claims}}
<li><span class="verdict v-{{.Class}}">{{.Glyph}} {{.Verdict}}</span>{{.Claim}}
<span class="evidence">{{inline .Evidence}}</span>
<span class="sources">Sources: {{.Sources}}</span></li>
{{- end}}
</ul>
{{- end}}
{{- if .Notes}}
<h3>The class's notes</h3>
<ul class="notes">
{{- range .Notes}}
<li>“{{.Quote}}”{{if .Status}} ({{.Status}}){{end}} — <em>{{.Creator}}</em>: {{.Text}}</li>
{{- end}}
</ul>
{{- end}}
{{- if .Questions}}
<h3>Discussion questions</h3>
<ol class="questions">
{{- range .Questions}}
<li>{{inline .}}</li>
{{- end}}
</ol>
{{- end}}
</section>
{{- end}}
</main>
<footer>Made with margin. Each fact-check in full: <code>margin notes ID</code>; each term: <code>margin glossary TERM</code>.</footer>
</body>
</html>
`

// HTML writes the handout as one self-contained HTML page. Its
// Content-Security-Policy lets the page load nothing and run nothing: only
// its own inline style applies. Text is escaped by html/template, and the
// page, like every output of margin, holds no control character (see
// package sanitize).
func (h *Handout) HTML(w io.Writer) error {
	var b strings.Builder
	if err := page().Execute(&b, h); err != nil {
		return err
	}
	_, err := io.WriteString(w, sanitize.String(b.String()))
	return err
}
