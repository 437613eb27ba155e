package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// pagedApp is margin on a terminal of 5 rows, with the given environment,
// writing to buffers.
func pagedApp(env map[string]string) (*app, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	s := &streams{out: &out, errOut: &errOut, tty: true, width: 80, height: 5,
		getenv: func(k string) string { return env[k] }}
	return &app{io: s, opts: globalOptions{color: "auto"}}, &out, &errOut
}

// tenLines is more than the 5-row screen holds, so it is paged.
var tenLines = strings.Repeat("line\n", 10)

// The pager runs through the shell, as in git and gh: a quoted argument
// stays one argument.
func TestPagerRunsThroughTheShell(t *testing.T) {
	a, out, errOut := pagedApp(map[string]string{"MARGIN_PAGER": `sed 's/^/> /'`})
	if err := a.page(tenLines); err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("> line\n", 10); out.String() != want {
		t.Errorf("paged through %q: got %q, want %q (stderr %q)", `sed 's/^/> /'`, out.String(), want, errOut.String())
	}
	a, out, _ = pagedApp(map[string]string{"PAGER": `tr 'a-z' 'A-Z'`})
	if err := a.page(tenLines); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "LINE\n") {
		t.Errorf("$PAGER with quotes: got %q", out.String())
	}
}

// LESS=FRX and LV=-c are set for the pager when unset, as git does, so that
// less shows colours instead of ESC[38;5;…; a value the user set is kept.
func TestPagerGetsLessAndLv(t *testing.T) {
	show := `printf '%s|%s\n' "$LESS" "$LV"; cat >/dev/null`
	for _, tc := range []struct {
		less, lv *string
		want     string
	}{
		{nil, nil, "FRX|-c\n"},
		{ptr("-i"), nil, "-i|-c\n"},
		{ptr(""), ptr("-a"), "|-a\n"},
	} {
		for k, v := range map[string]*string{"LESS": tc.less, "LV": tc.lv} {
			t.Setenv(k, "")
			if v == nil {
				os.Unsetenv(k)
			} else {
				os.Setenv(k, *v)
			}
		}
		a, out, _ := pagedApp(map[string]string{"MARGIN_PAGER": show})
		if err := a.page(tenLines); err != nil {
			t.Fatal(err)
		}
		if out.String() != tc.want {
			t.Errorf("LESS=%v LV=%v: the pager saw %q, want %q", deref(tc.less), deref(tc.lv), out.String(), tc.want)
		}
	}
}

func ptr(s string) *string { return &s }

func deref(s *string) string {
	if s == nil {
		return "(unset)"
	}
	return *s
}

// A dumb terminal gets no pager (less would complain that it is "not fully
// functional"), and nor does "cat", "--no-pager" or an empty $MARGIN_PAGER.
func TestNoPager(t *testing.T) {
	for _, env := range []map[string]string{
		{"TERM": "dumb", "MARGIN_PAGER": "sed s/^/paged:/"},
		{"TERM": "dumb", "PAGER": "sed s/^/paged:/"},
		{"MARGIN_PAGER": "cat", "PAGER": "sed s/^/paged:/"},
	} {
		a, out, _ := pagedApp(env)
		if err := a.page(tenLines); err != nil {
			t.Fatal(err)
		}
		if out.String() != tenLines {
			t.Errorf("%v: got %q, want the text unpaged", env, out.String())
		}
	}
	a, out, _ := pagedApp(map[string]string{"MARGIN_PAGER": "sed s/^/paged:/"})
	a.opts.noPager = true
	if err := a.page(tenLines); err != nil {
		t.Fatal(err)
	}
	if out.String() != tenLines {
		t.Errorf("--no-pager: got %q", out.String())
	}
}

// A pager that cannot be run: margin says so in one warning and prints the
// text itself.
func TestMissingPager(t *testing.T) {
	a, out, errOut := pagedApp(map[string]string{"MARGIN_PAGER": "no-such-pager-here -R"})
	if err := a.page(tenLines); err != nil {
		t.Fatal(err)
	}
	if out.String() != tenLines {
		t.Errorf("got %q, want the text", out.String())
	}
	if !strings.HasPrefix(errOut.String(), `margin: warning: cannot run the pager "no-such-pager-here -R" (from $MARGIN_PAGER)`) ||
		strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("stderr = %q, want one warning naming the pager", errOut.String())
	}
}
