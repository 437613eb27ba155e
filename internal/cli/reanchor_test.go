package cli

import (
	"strings"
	"testing"
)

// Editing a word inside a note's anchor in a copy of the paper re-anchors
// the note, fact-check and personal alike, and says so; deleting the
// sentence orphans them, and nothing stops the reading from opening.
func TestNotesSurviveAnEditedCopy(t *testing.T) {
	const sentence = `This "all-seeing, all-knowing" online software program—known as the Social Credit System (SCS)—centralizes the majority of Chinese citizens' data and has faced much backlash from Western democracies and international human rights organizations. `
	edited := copyReading(t, func(name string, data []byte) []byte {
		if name == "text/01-introduction.md" {
			return []byte(strings.Replace(string(data), "online software program", "web software program", 1))
		}
		return data
	})
	deleted := copyReading(t, func(name string, data []byte) []byte {
		if name == "text/01-introduction.md" {
			return []byte(strings.Replace(string(data), sentence, "", 1))
		}
		return data
	})
	data := t.TempDir()
	env := []string{"MARGIN_DATA_DIR=" + data}
	if out, errOut, err := runMargin(t, env, "mark", "add", "1", "--quote", "online software program", "A program?"); err != nil {
		t.Fatalf("mark add: %v %s %s", err, out, errOut)
	}

	out, errOut, err := runMargin(t, env, "--reading", edited, "notes", "all-seeing-all-knowing", "--plain", "--width", "200")
	if err != nil || !strings.Contains(out, `**"all-seeing, all-knowing" web software program**`) && !strings.Contains(out, `"all-seeing, all-knowing" web software program`) {
		t.Fatalf("the fact-check does not follow its words: %v %s\n%s", err, errOut, out)
	}
	out, _, err = runMargin(t, env, "--reading", edited, "mark", "list", "--width", "200")
	if err != nil || !strings.Contains(out, "“online software program” (re-anchored: the text now reads “web software program”)") {
		t.Fatalf("the personal note does not follow its words: %v\n%s", err, out)
	}

	out, errOut, err = runMargin(t, env, "--reading", deleted, "notes", "all-seeing-all-knowing", "--plain")
	if err != nil || !strings.Contains(out, "(the passage is no longer in the text)") {
		t.Fatalf("an orphaned fact-check: %v %s\n%s", err, errOut, out)
	}
	out, _, err = runMargin(t, env, "--reading", deleted, "read", "1", "--width", "200")
	if err != nil || !strings.Contains(out, `*Its passage is no longer in the text:* “"all-seeing, all-knowing" online software program”`) {
		t.Fatalf("read lists the orphaned fact-check without saying its passage is gone: %v\n%s", err, out)
	}
	if err != nil || !strings.Contains(out, "[my note 1] (no longer anchored: “online software program” is not found in the text)") {
		t.Fatalf("an orphaned personal note: %v\n%s", err, out)
	}
	out, _, err = runMargin(t, env, "--reading", deleted, "mark", "list", "--orphans")
	if err != nil || !strings.Contains(out, "my note 1") {
		t.Fatalf("mark list --orphans: %v\n%s", err, out)
	}
}
