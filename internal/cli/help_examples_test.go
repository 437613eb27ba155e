package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/margin-reader/margin/internal/render"
	"github.com/spf13/cobra"
)

// helpExample is one command line shown in a command's --help.
type helpExample struct {
	command string // the command whose help shows it
	line    string // the shell command, without its comment
	comment string // what the comment says it does, if it has one
}

// helpExamples collects the examples from every command's help: the
// Examples section and any command line indented in the long description.
func helpExamples(root *cobra.Command) []helpExample {
	var out []helpExample
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, text := range []string{c.Example, c.Long} {
			for _, l := range strings.Split(text, "\n") {
				if !strings.HasPrefix(l, "  ") {
					continue
				}
				l = strings.TrimSpace(l)
				if !strings.HasPrefix(l, "margin ") && !strings.Contains(l, "| margin ") && !strings.Contains(l, "&& margin ") {
					continue
				}
				ex := helpExample{command: c.CommandPath(), line: l}
				if i := strings.Index(l, " # "); i >= 0 {
					ex.line, ex.comment = strings.TrimSpace(l[:i]), strings.TrimSpace(l[i+3:])
				}
				out = append(out, ex)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// exampleSetup is what an example needs done first, in a fresh data
// directory, when the examples before it in the same help do not do it.
var exampleSetup = map[string]string{
	"margin mark rm 1": `margin mark add 2.1 --quote "ranging from A+++ to D" "a note"`,
	// A classmate's export, signed with her name.
	"margin mark import ana-notes.jsonld": `MARGIN_DATA_DIR=$PWD/ana margin mark add 2.1 --quote "ranging from A+++ to D" "Ana's note" && ` +
		`MARGIN_DATA_DIR=$PWD/ana margin mark export --format json --creator ana > ana-notes.jsonld`,
	"margin mark import --creator ben ben-notes.jsonld": `MARGIN_DATA_DIR=$PWD/ben margin mark add 2.1 --quote "Alibaba and Baidu" "Ben's note" && ` +
		`MARGIN_DATA_DIR=$PWD/ben margin mark export --format json > ben-notes.jsonld`,
	"margin mark import hypothesis.json": `printf '%s' '{"total":1,"rows":[{"id":"h1","user":"acct:cleo@hypothes.is","text":"Cleo'"'"'s note",` +
		`"target":[{"source":"https://example.org/","selector":[{"type":"TextQuoteSelector","exact":"ranging from A+++ to D"}]}]}]}' > hypothesis.json`,
	"margin handout 2.1 --marks":                            `margin mark add 2.1 --quote "ranging from A+++ to D" "A note for the class"`,
	"margin mark move 1 --quote \"ranging from A+++ to D\"": `margin mark add 2.1 --quote "Alibaba and Baidu" "a note"`,
	// The built-in paper's folders stand in for a seminar's reading.
	"margin pack ~/seminar/orwell": `mkdir -p ~/seminar/orwell && cp -R "$MARGIN_EXAMPLE_READING"/text "$MARGIN_EXAMPLE_READING"/glossary "$MARGIN_EXAMPLE_READING"/notes ~/seminar/orwell`,
	// margin import's examples import a small extraction.
	"margin import extraction.txt -o week3":         importSeminar,
	"cat extraction.txt | margin import - -o week4": importSeminar,
	"margin import extraction.txt --dry-run":        importSeminar,
	"margin import paper.pdf -o week5":              importPaperPDF,
}

// importPaperPDF writes paper.pdf, a one-page PDF (whose cross-reference
// table pdftotext rebuilds).
const importPaperPDF = `printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 300]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj 4 0 obj<</Length 60>>stream\nBT /F1 12 Tf 20 250 Td (A paper from a PDF, in short.) Tj ET\nendstream endobj 5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' > paper.pdf`

// importSeminar writes extraction.txt, a small text extraction, afresh.
const importSeminar = `rm -rf week4 && printf 'A Seminar Paper\n\nBy Ann Author\n\nIntroduction\n\nThe argument starts here and ends there.\n' > extraction.txt`

// exampleChecks says, for each example, what shows that it did what its
// comment (or its redirection) says. Every example with a comment needs one.
var exampleChecks = map[string]func(t *testing.T, dir, stdout, stderr string){
	"margin pack ~/seminar/orwell": func(t *testing.T, dir, _, stderr string) {
		if files, _ := filepath.Glob(filepath.Join(dir, "*.margin")); len(files) != 1 || !strings.HasPrefix(stderr, "margin: wrote "+filepath.Base(files[0])) {
			t.Errorf("no <id>.margin in the current folder: %v; %s", files, stderr)
		}
	},
	"margin toc": func(t *testing.T, _, stdout, _ string) {
		mustMatch(t, stdout, `(?m)^\s*2\.1\s+China's Social Credit System`)
	},
	"margin read 2.1": func(t *testing.T, _, stdout, _ string) {
		mustMatch(t, stdout, `(?m)^#* ?2\.1 China's Social Credit System`)
	},
	"margin read coercive": func(t *testing.T, _, stdout, _ string) {
		mustMatch(t, stdout, `(?m)^#* ?2\.2 Coercive`)
	},
	`margin glossary "grid mgmt"`: func(t *testing.T, _, stdout, _ string) {
		mustMatch(t, stdout, `(?m)^#* ?Grid management$`)
	},
	"margin glossary --anki > vochelet-glossary.txt": func(t *testing.T, dir, _, _ string) {
		mustMatch(t, readFile(t, dir, "vochelet-glossary.txt"), `(?m)^#separator:tab$`)
	},
	"margin handout 2.1 2.2 -o week3.html": func(t *testing.T, dir, _, stderr string) {
		mustMatch(t, readFile(t, dir, "week3.html"), `^<!DOCTYPE html>`)
		mustMatch(t, stderr, `\(2 sections, HTML\)`)
	},
	"margin handout 3 -o asian-values.html": func(t *testing.T, dir, _, _ string) {
		html := readFile(t, dir, "asian-values.html")
		mustMatch(t, html, `^<!DOCTYPE html>`)
		mustMatch(t, html, `Asian values`)
		mustMatch(t, html, `<span class="num">3\.1</span>Defining Asian values`)
		mustMatch(t, html, `<span class="num">3\.2</span>`)
	},
	"margin handout 2.1 --marks": func(t *testing.T, _, stdout, _ string) {
		mustMatch(t, stdout, `(?m)^#* ?The class's notes$`)
		mustMatch(t, stdout, `ranging from A\+\+\+ to D.*me.*A note for the class`)
	},
	"margin handout 2.1 --format md -o week3.txt": func(t *testing.T, dir, _, _ string) {
		mustMatch(t, readFile(t, dir, "week3.txt"), `(?m)^## 2\.1 China`)
	},
	`printf 'blacklist\nhukou\n' | margin quiz --n 2 --seed 1`: func(t *testing.T, _, stdout, _ string) {
		mustMatch(t, stdout, `(?m)^Score: 2/2$`)
	},
	"margin notes N4 --section 2.1": func(t *testing.T, dir, stdout, _ string) {
		read, _, err := runExample(t, dir, "margin read 2.1 --width 1000")
		if err != nil {
			t.Fatal(err)
		}
		mustMatch(t, read, `keep track \[N4: misleading\]`)
		mustMatch(t, stdout, `MISLEADING: Centralising citizens' data`)
	},
	"margin man | man -l -": func(t *testing.T, _, stdout, _ string) {
		mustMatch(t, stdout, `MARGIN\(1\)`)
		mustMatch(t, stdout, `(?m)^\s+margin read \[SECTION\.\.\.\]$`)
	},
	"margin import paper.pdf -o week5": func(t *testing.T, dir, _, stderr string) {
		mustMatch(t, stderr, `imported paper.pdf into week5`)
		mustMatch(t, readFile(t, dir, "week5/text/01-introduction.md"), `A paper from a PDF, in short\.`)
	},
	"margin import extraction.txt --dry-run": func(t *testing.T, dir, stdout, _ string) {
		mustMatch(t, stdout, `dry run: nothing written`)
		if _, err := os.Stat(filepath.Join(dir, "extraction")); err == nil {
			t.Error("--dry-run wrote a folder")
		}
	},
	"margin quiz --seed 42": func(t *testing.T, dir, stdout, _ string) {
		again, _, err := runExample(t, dir, "margin quiz --seed 42")
		if err != nil || again != stdout {
			t.Errorf("--seed 42 twice gave different quizzes (%v):\n%s\n---\n%s", err, stdout, again)
		}
	},
}

// Every example in every command's --help runs, succeeds, and does what its
// comment says; an example that writes a file writes it.
func TestHelpExamples(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	scripts := map[string]string{
		"margin": "#!/bin/sh\nMARGIN_TEST_RUN_MAIN=1 exec '" + self + "' \"$@\"\n",
		"less":   "#!/bin/sh\nexec cat\n", // the examples' pager, off a terminal
	}
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	content, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MARGIN_EXAMPLE_READING", content)
	t.Setenv("HOME", dir)
	for _, v := range []string{"XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"} {
		t.Setenv(v, filepath.Join(dir, v))
	}
	for _, v := range []string{"NO_COLOR", "PAGER", "MARGIN_PAGER", "GLAMOUR_STYLE", "MARGIN_DATA_DIR", "MARGIN_STATE_DIR"} {
		t.Setenv(v, "")
	}

	examples := helpExamples((&app{io: systemStreams(), renderer: render.New()}).rootCmd())
	if len(examples) < 30 {
		t.Fatalf("found only %d examples in the help", len(examples))
	}
	for i, ex := range examples {
		if i == 0 || ex.command != examples[i-1].command {
			// Each command's examples start from no personal notes.
			t.Setenv("MARGIN_DATA_DIR", filepath.Join(dir, "data", strings.ReplaceAll(ex.command, " ", "-")))
		}
		if setup := exampleSetup[ex.line]; setup != "" {
			if _, stderr, err := runExample(t, dir, setup); err != nil {
				t.Fatalf("%s: %v\n%s", setup, err, stderr)
			}
		}
		if strings.Contains(ex.line, ".pdf") {
			if _, err := exec.LookPath("pdftotext"); err != nil {
				if os.Getenv("MARGIN_REQUIRE_PDFTOTEXT") == "1" {
					t.Fatalf("MARGIN_REQUIRE_PDFTOTEXT=1 but no pdftotext on PATH for %s", ex.line)
				}
				t.Logf("pdftotext is not installed: skipping %s", ex.line)
				continue
			}
		}
		if strings.Contains(ex.line, "| man ") {
			if _, err := exec.LookPath("man"); err != nil {
				t.Logf("man is not installed: skipping %s", ex.line)
				continue
			}
		}
		check, checked := exampleChecks[ex.line]
		if ex.comment != "" && !checked {
			t.Errorf("%s --help: %q says %q, and no check in exampleChecks tests that", ex.command, ex.line, ex.comment)
		}
		stdout, stderr, err := runExample(t, dir, ex.line)
		if err != nil || strings.Contains(stderr, "margin: error") {
			t.Errorf("%s --help: %s\n%v\n%s", ex.command, ex.line, err, stderr)
			continue
		}
		if _, file, ok := strings.Cut(strings.Replace(ex.line, ">>", ">", 1), " > "); ok {
			file = strings.Replace(strings.TrimSpace(file), "~", dir, 1) // HOME is dir
			if out := readFile(t, dir, file); out == "" {
				t.Errorf("%s --help: %s wrote an empty file", ex.command, ex.line)
			}
		} else if strings.TrimSpace(stdout) == "" && !strings.Contains(ex.line, " -o ") && !strings.Contains(ex.line, "mark rm") && !strings.HasPrefix(ex.line, "margin pack ") {
			t.Errorf("%s --help: %s printed nothing", ex.command, ex.line)
		}
		if check != nil {
			t.Run(ex.line, func(t *testing.T) { check(t, dir, stdout, stderr) })
		}
	}
}

func runExample(t *testing.T, dir, line string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	if !filepath.IsAbs(name) {
		name = filepath.Join(dir, name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Error(err)
	}
	return string(data)
}

func mustMatch(t *testing.T, s, re string) {
	t.Helper()
	if !regexp.MustCompile(re).MatchString(s) {
		t.Errorf("no match for %s in:\n%.2000s", re, s)
	}
}
