package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// A lookup of 100,000 characters (a pasted file, say) is refused at once
// with an error and a hint, not matched for seconds with half a gigabyte.
func TestLongQueriesAreRefused(t *testing.T) {
	long := strings.Repeat("a", 100000)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"glossary", long}, "the glossary query is 100000 characters long; margin looks up at most 200"},
		{[]string{"search", long}, "the search query is 100000 characters long; margin looks up at most 200"},
		{[]string{"notes", long}, "the note query is 100000 characters long; margin looks up at most 200"},
		{[]string{"read", long}, "the section name is 100000 characters long; margin looks up at most 200"},
		{[]string{"handout", long}, "the section name is 100000 characters long; margin looks up at most 200"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, os.Args[0], tc.args...)
		cmd.Env = append(os.Environ(), "MARGIN_TEST_RUN_MAIN=1", "MARGIN_DATA_DIR="+t.TempDir(), "NO_COLOR=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		cancel()
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		if err == nil || len(lines) != 2 || lines[0] != "margin: error: "+tc.want ||
			!strings.HasPrefix(lines[1], "margin: hint: give a few words, e.g. ") || stdout.Len() != 0 {
			t.Errorf("margin %s <100000 characters>: %v\nstdout: %.200s\nstderr: %.400s", tc.args[0], err, stdout.String(), stderr.String())
		}
	}
}
