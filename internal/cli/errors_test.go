package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/margin-reader/margin/internal/reading"
)

// An argument of 100,000 characters is not echoed back whole: the error
// keeps its beginning and says how long it was.
func TestPrintErrorCutsLongArguments(t *testing.T) {
	long := strings.Repeat("ab", 50000)
	err := &reading.NotFoundError{What: "section", Query: long}
	var buf bytes.Buffer
	printError(&buf, err, []string{"read", long})
	out := buf.String()
	if len(out) > 400 {
		t.Errorf("error is %d bytes long:\n%.400s", len(out), out)
	}
	if !strings.Contains(out, "(100000 characters)") {
		t.Errorf("error does not give the argument's length:\n%s", out)
	}
	if !strings.HasPrefix(out, `margin: error: no section matches "abab`) {
		t.Errorf("error lost its beginning:\n%s", out)
	}
}
