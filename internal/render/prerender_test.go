package render_test

import (
	"regexp"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/reading"
	"github.com/margin-reader/margin/internal/render"
)

// builtinPages returns the pages margin pre-renders, from the reading margin
// decodes at start-up.
func builtinPages(t testing.TB) []string {
	t.Helper()
	rd, err := reading.FromSnapshot(margin.Snapshot(), margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	pages, err := render.Pages(rd)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// prerendered returns a renderer holding the embedded pre-rendered pages.
func prerendered(t testing.TB) *render.Renderer {
	t.Helper()
	r := render.New()
	if err := r.UsePrerendered(margin.Prerendered()); err != nil {
		t.Fatal(err)
	}
	return r
}

// The embedded pre-rendered pages are what the content and glamour make of
// them now.
func TestPrerenderedIsFresh(t *testing.T) {
	fresh, err := render.New().Prerender(builtinPages(t))
	if err != nil {
		t.Fatal(err)
	}
	if string(fresh) != margin.Prerendered() {
		t.Fatal("prerendered.bin is out of date with glossary/, notes/, the pages made of them or glamour: run go generate .")
	}
}

// Every glossary entry and note looks exactly the same pre-rendered as
// rendered there and then, in the styles that are pre-rendered, at any
// width, in a full-screen view too.
func TestPrerenderedPagesLookTheSame(t *testing.T) {
	pre, live := prerendered(t), render.New()
	for _, o := range []render.Options{
		{Plain: true, Width: 80},
		{Plain: true, Width: 33},
		{Style: "dark", Width: 72},
		{Style: "dark", Width: 41, Fit: true},
	} {
		if !pre.Prerendered(o) {
			t.Fatalf("%+v: not pre-rendered", o)
		}
		for _, md := range builtinPages(t) {
			got, err := pre.Render(md, o)
			if err != nil {
				t.Fatal(err)
			}
			want, err := live.Render(md, o)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("%+v: pre-rendered page differs from the page rendered now:\n%s\n--- pre-rendered:\n%s\n--- rendered:\n%s", o, md, got, want)
			}
		}
	}
}

// The pre-rendered pages are a cache: a page that is not among them, or is
// no longer what was pre-rendered, and any other style, are rendered as
// usual.
func TestPrerenderedIsOnlyACache(t *testing.T) {
	pre, live := prerendered(t), render.New()
	page := builtinPages(t)[0]
	changed := strings.Replace(page, "\n\n", "\n\nA sentence added since the pages were built.\n\n", 1)
	for _, c := range []struct {
		md string
		o  render.Options
	}{
		{changed, render.Options{Plain: true, Width: 80}},
		{changed, render.Options{Style: "dark", Width: 80}},
		{page, render.Options{Style: "dracula", Width: 80}},
		{"# Something else\n\nNot a page of the reading.\n", render.Options{Plain: true, Width: 60}},
	} {
		got, err := pre.Render(c.md, c.o)
		if err != nil {
			t.Fatal(err)
		}
		want, err := live.Render(c.md, c.o)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%+v: got\n%s\nwant\n%s", c.o, got, want)
		}
	}
	if !strings.Contains(mustRender(t, pre, changed), "A sentence added since") {
		t.Fatal("a changed page shows as it was pre-rendered")
	}
	if pre.Prerendered(render.Options{Style: "dracula"}) {
		t.Fatal("dracula is not pre-rendered")
	}
	if render.New().Prerendered(render.Options{Plain: true}) {
		t.Fatal("a renderer without pre-rendered pages says it has them")
	}
}

func mustRender(t *testing.T, r *render.Renderer, md string) string {
	t.Helper()
	out, err := r.Render(md, render.Options{Plain: true, Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestUsePrerenderedRejectsOtherData(t *testing.T) {
	for name, data := range map[string]string{
		"empty":     "",
		"garbage":   "not pre-rendered pages",
		"truncated": margin.Prerendered()[:30],
		"snapshot":  string(margin.Snapshot()),
	} {
		if err := render.New().UsePrerendered(data); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// BenchmarkRenderPages shows every glossary entry and note once, wrapped
// to 80 columns as plain text, from their pre-rendered form and rendered by
// glamour there and then.
func BenchmarkRenderPages(b *testing.B) {
	pages := builtinPages(b)
	for name, r := range map[string]*render.Renderer{"prerendered": prerendered(b), "live": render.New()} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				for _, md := range pages {
					if _, err := r.Render(md, render.Options{Plain: true, Width: 80}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// No section, glossary entry or note shows a backslash before
// punctuation: glamour shows the backslash of some Markdown escapes
// ("US\$", "\&"), so content must not need them and escaping must not make
// them.
func TestPagesShowNoEscapes(t *testing.T) {
	escape := regexp.MustCompile(`\\[!-/:-@\[-` + "`" + `{-~]`)
	r, rd := render.New(), load(t)
	docs := builtinPages(t)
	for _, s := range rd.Sections {
		md, err := render.Section(rd, s, all, true)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, md)
	}
	for _, md := range docs {
		out, err := r.Render(md, render.Options{Plain: true, Width: 80})
		if err != nil {
			t.Fatal(err)
		}
		if m := escape.FindString(out); m != "" {
			t.Errorf("%q shows in:\n%s", m, out)
		}
	}
}
