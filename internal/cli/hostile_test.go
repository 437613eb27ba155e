package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/margin-reader/margin/internal/hostile"
	"github.com/margin-reader/margin/internal/pack"
	"github.com/margin-reader/margin/internal/render"
)

// hostileRun runs margin on the hostile reading (see package hostile), off
// a terminal, with env as its environment, and returns what it printed.
func hostileRun(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	rd, err := hostile.Reading()
	if err != nil {
		t.Fatal(err)
	}
	b, err := pack.FromReading(rd)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	a := &app{
		io:        &streams{in: strings.NewReader(stdin), out: &out, errOut: &errOut, getenv: func(k string) string { return env[k] }},
		renderer:  render.New(),
		bundle:    b,
		restoreGC: func() {},
	}
	code = a.execute(args)
	return out.String(), errOut.String(), code
}

// Content and user text full of control sequences (package hostile's
// payload in every field of the reading, in the user's notes, the
// environment and the arguments) reach no output of any command, in any
// format, as an escape byte: only margin's own styling does.
func TestHostileContentReachesNoOutput(t *testing.T) {
	home := t.TempDir()
	data := filepath.Join(home, "data")
	env := map[string]string{
		"MARGIN_DATA_DIR": data,
		"XDG_CONFIG_HOME": filepath.Join(home, "config"),
		"XDG_DATA_HOME":   filepath.Join(home, "share"),
		"MARGIN_PAGER":    "less " + hostile.Payload,
	}
	p := hostile.Payload
	// A personal note written with the payload, to be listed and exported.
	if _, stderr, code := hostileRun(t, env, "", "mark", "add", "1.1", "--quote", "Second paragraph", "note "+p+" "+hostile.Marker); code != 0 {
		t.Fatalf("mark add: exit %d: %s", code, stderr)
	}
	if _, stderr, code := hostileRun(t, env, "note from stdin "+p+" "+hostile.Marker+"\n", "mark", "add", "1.1", "--quote", "First paragraph", "-"); code != 0 {
		t.Fatalf("mark add -: exit %d: %s", code, stderr)
	}
	type kind int
	const (
		text kind = iota
		styled
		jsonOut
	)
	tests := []struct {
		kind   kind
		args   []string
		marker bool // the payload's field is printed, so its marker must be
	}{
		{text, []string{"toc"}, true},
		{text, []string{"read"}, true},
		{text, []string{"read", "1.1", "--prep"}, true},
		{text, []string{"endnotes"}, true},
		{text, []string{"endnotes", "1-3"}, true},
		{text, []string{"endnotes", "--format", "bibtex"}, true},
		{text, []string{"glossary"}, true},
		{text, []string{"glossary", "alpha"}, true},
		{text, []string{"glossary", "alfa"}, true},
		{text, []string{"glossary", "a"}, false},
		{text, []string{"glossary", "--anki"}, true},
		{text, []string{"notes"}, true},
		{text, []string{"notes", "delta-claim"}, true},
		{text, []string{"notes", "N1", "--section", "1.1"}, true},
		{text, []string{"search", "alpha"}, true},
		{text, []string{"search", "delta", "words"}, true},
		{text, []string{"search", "gnp.exe"}, true},
		{text, []string{"handout"}, true},
		{text, []string{"handout", "1.1", "--format", "md"}, true},
		{text, []string{"handout", "--format", "html"}, true},
		{text, []string{"cite"}, true},
		{text, []string{"cite", "--format", "chicago"}, true},
		{text, []string{"cite", "--format", "apa"}, true},
		{text, []string{"cite", "--format", "bibtex"}, true},
		{text, []string{"quiz", "--n", "2", "--seed", "1"}, true},
		{text, []string{"mark", "list"}, true},
		{text, []string{"mark", "list", "1.1"}, true},
		{text, []string{"mark", "export"}, true},
		{text, []string{"config"}, false},
		{text, []string{"__complete", "read", ""}, false},
		{text, []string{"__complete", "glossary", ""}, false},
		{text, []string{"__complete", "notes", ""}, false},
		{text, []string{"__complete", "endnotes", ""}, false},
		{text, []string{"__complete", "mark", "rm", ""}, false},
		{text, []string{"man"}, false},
		// Errors, with the payload in the arguments and in the hints.
		{text, []string{"read", "nosuch" + p}, false},
		{text, []string{"glossary", "zzzz" + p}, false},
		{text, []string{"notes", "nosuch" + p}, false},
		{text, []string{"search", "qqqq" + p}, false},
		{text, []string{"endnotes", p}, false},
		{text, []string{"mark", "rm", p}, false},
		{text, []string{"mark", "add", "1.1", "--quote", p, "note"}, false},
		{text, []string{"cite", "--format", p}, false},
		{text, []string{"handout", "--format", p}, false},
		{text, []string{"--style", p, "toc"}, false},
		{text, []string{p}, false},
		// Styled, as on a terminal.
		{styled, []string{"--color", "always", "toc"}, true},
		{styled, []string{"--color", "always", "read"}, true},
		{styled, []string{"--color", "always", "read", "1.1", "--prep"}, true},
		{styled, []string{"--color", "always", "endnotes"}, true},
		{styled, []string{"--color", "always", "glossary"}, true},
		{styled, []string{"--color", "always", "glossary", "alpha"}, true},
		{styled, []string{"--color", "always", "notes"}, true},
		{styled, []string{"--color", "always", "notes", "delta-claim"}, true},
		{styled, []string{"--color", "always", "search", "alpha"}, true},
		{styled, []string{"--color", "always", "cite"}, true},
		{styled, []string{"--color", "always", "mark", "list"}, true},
		// JSON.
		{jsonOut, []string{"glossary", "--json"}, true},
		{jsonOut, []string{"glossary", "alpha", "--json"}, true},
		{jsonOut, []string{"glossary", "a", "--json"}, false},
		{jsonOut, []string{"notes", "--json"}, true},
		{jsonOut, []string{"notes", "delta-claim", "--json"}, true},
		{jsonOut, []string{"search", "alpha", "--json"}, true},
		{jsonOut, []string{"endnotes", "--format", "csl-json"}, true},
		{jsonOut, []string{"cite", "--format", "csl-json"}, true},
		{jsonOut, []string{"mark", "export", "--format", "json"}, true},
		{jsonOut, []string{"glossary", "zzzz" + p, "--json"}, false},
		{jsonOut, []string{"notes", "nosuch" + p, "--json"}, false},
	}
	for _, tt := range tests {
		name := strings.Join(tt.args, " ")
		stdout, stderr, _ := hostileRun(t, env, "wrong "+p+"\n\n", tt.args...)
		check := hostile.Check
		switch tt.kind {
		case styled:
			check = hostile.CheckStyled
		case jsonOut:
			check = hostile.CheckJSON
			for _, out := range []string{stdout, stderr} {
				if out != "" && !json.Valid([]byte(out)) {
					t.Errorf("margin %q: not JSON:\n%s", name, out)
				}
			}
			// The text is kept, its controls escaped.
			for _, esc := range []string{`\u001b]52;c;`, `\u009b6n`, `\u202egnp.exe\u2066\u202a`} {
				if tt.marker && !strings.Contains(stdout, esc) {
					t.Errorf("margin %q: no %s in the JSON", name, esc)
				}
			}
		}
		if err := check(stdout); err != nil {
			t.Errorf("margin %q: stdout: %v", name, err)
		}
		if err := hostile.Check(stderr); err != nil {
			t.Errorf("margin %q: stderr: %v", name, err)
		}
		if tt.marker && !strings.Contains(stdout, hostile.Marker) {
			t.Errorf("margin %q: the hostile text is not in the output (%q missing):\n%.300s", name, hostile.Marker, stdout)
		}
	}
	// The handout written to files, in both formats, and the message that
	// names the file.
	for _, name := range []string{"handout.md", "handout.html", "a\x1b]52;c;SE9TVElMRQ==\x07b.md"} {
		path := filepath.Join(home, name)
		_, stderr, code := hostileRun(t, env, "", "handout", "-o", path)
		if code != 0 {
			t.Fatalf("handout -o %q: exit %d: %s", name, code, stderr)
		}
		if err := hostile.Check(stderr); err != nil {
			t.Errorf("handout -o %q: stderr: %v", name, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := hostile.Check(string(b)); err != nil {
			t.Errorf("handout -o %q: the file: %v", name, err)
		}
		if !strings.Contains(string(b), hostile.Marker) {
			t.Errorf("handout -o %q: the hostile text is not in the file", name)
		}
	}
}

// A notes store edited by hand, with control sequences in every field
// (raw, as JSON lets them be written, and escaped), shows none of them in
// any command that reads it.
func TestHostileNotesStore(t *testing.T) {
	rd, err := hostile.Reading()
	if err != nil {
		t.Fatal(err)
	}
	p := hostile.Payload
	mark := map[string]any{"id": "7" + p, "reading": rd.Meta.ID, "section": "1.1", "quote": "Second paragraph " + p,
		"prefix": p, "suffix": p, "text": "note " + p, "created": "2026-01-02T03:04:05Z"}
	data, err := json.Marshal(map[string]any{"format": "margin-marks", "version": 1, "next_id": 8, "marks": []any{mark}})
	if err != nil {
		t.Fatal(err)
	}
	// JSON escapes the C0 controls (raw, they make the file invalid, which
	// margin refuses); the rest is raw, the 0x9b byte included.
	data = bytes.ReplaceAll(data, []byte("\ufffd38;2"), []byte("\x9b38;2"))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "marks.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"MARGIN_DATA_DIR": dir, "XDG_CONFIG_HOME": filepath.Join(dir, "config")}
	for _, args := range [][]string{
		{"read", "1.1"}, {"--color", "always", "read", "1.1"}, {"mark", "list"}, {"--color", "always", "mark", "list"},
		{"mark", "export"}, {"mark", "export", "--format", "json"}, {"__complete", "mark", "rm", ""},
		{"mark", "rm", strings.ToValidUTF8("7"+p, "\uFFFD")}, // the id as stored
	} {
		name := strings.Join(args, " ")
		stdout, stderr, code := hostileRun(t, env, "", args...)
		if code != 0 {
			t.Errorf("margin %q: exit %d: %s", name, code, stderr)
		}
		check := hostile.Check
		switch {
		case args[0] == "--color":
			check = hostile.CheckStyled
		case args[len(args)-1] == "json":
			check = hostile.CheckJSON
		}
		if err := check(stdout); err != nil {
			t.Errorf("margin %q: stdout: %v", name, err)
		}
		if err := hostile.Check(stderr); err != nil {
			t.Errorf("margin %q: stderr: %v", name, err)
		}
		if !strings.Contains(stdout, hostile.Marker) {
			t.Errorf("margin %q: the note is not in the output:\n%.300s", name, stdout)
		}
	}
}
