package handout

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/hostile"
	"github.com/margin-reader/margin/internal/reading"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func builtin(t testing.TB) *reading.Reading {
	t.Helper()
	rd, err := reading.Load(margin.Content())
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

func build(t testing.TB, numbers ...string) *Handout {
	t.Helper()
	rd := builtin(t)
	var secs []*reading.Section
	for _, n := range numbers {
		secs = append(secs, rd.Section(n))
	}
	h, err := Build(rd, secs)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./internal/handout -update' to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run 'go test ./internal/handout -update' and review the diff", name)
	}
}

func TestGoldenMarkdown(t *testing.T) {
	golden(t, "handout.md", []byte(build(t).Markdown()))
	golden(t, "handout-2.1.md", []byte(build(t, "2.1").Markdown()))
}

func TestGoldenHTML(t *testing.T) {
	var buf bytes.Buffer
	if err := build(t).HTML(&buf); err != nil {
		t.Fatal(err)
	}
	golden(t, "handout.html", buf.Bytes())
}

func TestContent(t *testing.T) {
	h := build(t, "2.1")
	if len(h.Sections) != 1 {
		t.Fatalf("%d sections", len(h.Sections))
	}
	s := h.Sections[0]
	if s.Summary == "" || len(s.Questions) < 3 || len(s.Terms) == 0 || len(s.Claims) == 0 {
		t.Errorf("section 2.1 is incomplete: %+v", s)
	}
	for _, c := range s.Claims {
		whole := strings.TrimSuffix(c.Evidence, " …")
		if c.Verdict == "" || c.Evidence == "" || !strings.ContainsAny(whole[len(whole)-1:], ".?!)\"”") {
			t.Errorf("claim %s: verdict %q, evidence cut mid-sentence: %q", c.ID, c.Verdict, c.Evidence)
		}
		if !regexp.MustCompile(`^[^·]+, (\d{4}[-\d]*|n\.d\.) \((original|a copy|abstract only|quoted elsewhere|not found)\)( · |$)`).MatchString(c.Sources) {
			t.Errorf("claim %s: sources do not say who and what was seen: %q", c.ID, c.Sources)
		}
	}
	if !strings.Contains(h.Citation, "*McGill Journal of Political Studies*") || strings.Contains(h.Citation, "no.") {
		t.Errorf("citation: %q", h.Citation)
	}
}

// The HTML page is self-contained and escapes what it shows.
func TestHTMLSelfContained(t *testing.T) {
	h := build(t)
	h.Sections[0].Title = `<script>alert("x")</script> & co`
	h.Sections[0].Questions = append(h.Sections[0].Questions, `Is *Black Mirror* <b>fair</b>?`)
	var buf bytes.Buffer
	if err := h.HTML(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`<html lang="en">`, `<meta charset="utf-8">`, "@media print", "&lt;script&gt;", "&amp; co",
		"<em>Black Mirror</em> &lt;b&gt;fair&lt;/b&gt;?"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the HTML", want)
		}
	}
	for _, bad := range []string{"<script", "<link", "src=", "http://fonts", "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("the HTML has %q", bad)
		}
	}
}

func TestInline(t *testing.T) {
	for in, want := range map[string]string{
		"a *b* c":      "a <em>b</em> c",
		"5 * 3":        "5 * 3",
		`\*not\* <x>`:  "*not* &lt;x&gt;",
		"*open":        "*open",
		`"q" & 'a'`:    "&#34;q&#34; &amp; &#39;a&#39;",
		"*a* and *b*.": "<em>a</em> and <em>b</em>.",
	} {
		if got := string(inline(in)); got != want {
			t.Errorf("inline(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBrowser opens the HTML handout in headless Chromium: the page must load
// and render (its DOM carries the title) and print to PDF. It is skipped
// without a chromium binary unless MARGIN_REQUIRE_BROWSER=1.
func TestBrowser(t *testing.T) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("MARGIN_REQUIRE_BROWSER") == "1" {
			t.Fatal("MARGIN_REQUIRE_BROWSER=1 but no chromium on PATH")
		}
		t.Skip("no chromium on PATH")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "handout.html")
	var buf bytes.Buffer
	if err := build(t).HTML(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	chrome := func(args ...string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
			"--user-data-dir=" + filepath.Join(dir, "profile")}
		cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", bin, args, err, stderr.String())
		}
		return out
	}
	dom := string(chrome("--dump-dom", "file://"+page))
	for _, want := range []string{"Seminar handout: The Social Credit System", "Discussion questions", "Contested claims"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered DOM has no %q", want)
		}
	}
	pdf := filepath.Join(dir, "handout.pdf")
	chrome("--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page)
	data, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("no PDF printed: %v", err)
	}
	if shot := os.Getenv("MARGIN_HANDOUT_SCREENSHOT"); shot != "" {
		chrome("--window-size=900,1400", "--screenshot="+shot, "file://"+page)
	}
}

// The page allows itself nothing but its inline style: its
// Content-Security-Policy, first in its head, loads nothing, runs nothing
// and submits nothing, should a browser ever find markup in it.
func TestHTMLContentSecurityPolicy(t *testing.T) {
	var buf bytes.Buffer
	if err := build(t).HTML(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`
	i := strings.Index(out, csp)
	if i < 0 {
		t.Fatalf("no Content-Security-Policy in the HTML:\n%.600s", out)
	}
	if j := strings.Index(out, "<style>"); j < i {
		t.Errorf("the Content-Security-Policy comes after the style, at byte %d", i)
	}
	if strings.Count(out, "Content-Security-Policy") != 1 {
		t.Errorf("more than one Content-Security-Policy")
	}
}

// A handout of a hostile reading, in either format, escapes everything and
// carries no control character nor a reference to one; its Markdown
// carries no reference a renderer would decode into one.
func TestHostileHandout(t *testing.T) {
	rd, err := hostile.Reading()
	if err != nil {
		t.Fatal(err)
	}
	h, err := Build(rd, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := h.HTML(&buf); err != nil {
		t.Fatal(err)
	}
	for format, out := range map[string]string{"md": h.Markdown(), "html": buf.String()} {
		if err := hostile.Check(out); err != nil {
			t.Errorf("%s: %v", format, err)
		}
		if !strings.Contains(out, hostile.Marker) {
			t.Errorf("%s: the hostile text is missing", format)
		}
	}
}
