package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/margin-reader/margin/internal/reading"
)

// Every source in the JSON outputs says what was seen of it, and names the
// copy or quoting work where that needs one.
func TestJSONSourcesSayWhatWasSeen(t *testing.T) {
	for _, args := range [][]string{{"notes", "--json"}, {"glossary", "--json"}} {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "MARGIN_TEST_RUN_MAIN=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("margin %v: %v", args, err)
		}
		var doc any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("margin %v: %v", args, err)
		}
		n := 0
		eachSource(doc, func(s map[string]any) {
			n++
			seen, _ := s["seen"].(string)
			via, _ := s["via"].(string)
			if !reading.Seen(seen).Valid() {
				t.Errorf("margin %v: source %q has seen %q", args, s["title"], seen)
			}
			if reading.Seen(seen).NeedsVia() && via == "" {
				t.Errorf("margin %v: source %q seen as %s names no via", args, s["title"], seen)
			}
			if _, old := s["confirmed"]; old {
				t.Errorf("margin %v: source %q still has confirmed", args, s["title"])
			}
		})
		if n < 40 {
			t.Errorf("margin %v: only %d sources found in the JSON", args, n)
		}
	}
}

// eachSource calls f for every object in a "sources" or "citation" list.
func eachSource(v any, f func(map[string]any)) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			eachSource(x, f)
		}
	case map[string]any:
		for k, x := range v {
			if list, ok := x.([]any); ok && (k == "sources" || k == "citation") {
				for _, s := range list {
					if m, ok := s.(map[string]any); ok {
						f(m)
					}
				}
				continue
			}
			eachSource(x, f)
		}
	}
}
