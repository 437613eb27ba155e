package tui

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/adrg/xdg"

	"github.com/margin-reader/margin/internal/safefile"
)

// maxPositionBytes bounds the position file margin reads: it holds a few
// short fields, so anything larger is damaged.
const maxPositionBytes = 64 << 10

// StateDirEnv names the environment variable that overrides the directory
// where the reader keeps its position.
const StateDirEnv = "MARGIN_STATE_DIR"

// positionFile is the name of the file holding the reading position.
const positionFile = "position.json"

// StateDir returns the directory where the reader keeps its state:
// $MARGIN_STATE_DIR if set, otherwise margin under the XDG state directory.
func StateDir(getenv func(string) string) string {
	if d := getenv(StateDirEnv); d != "" {
		return d
	}
	return filepath.Join(xdg.StateHome, "margin")
}

// readingsDir is the folder of the state directory that keeps the state
// of every reading but the built-in paper, one folder per reading id.
const readingsDir = "readings"

// safeIDRe is a reading id that can name a folder as it is.
var safeIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,99}$`)

// ReadingStateDir returns the directory, within the state directory dir,
// that keeps one reading's state (its position.json), so that every
// reading has its own place. The built-in paper's is dir itself, where
// margin kept the one place it had before it opened other readings: a
// place saved then is found with no step by the user. Any other
// reading's is readings/ID/ (an id that cannot name a folder as it is
// is named by its hash).
func ReadingStateDir(dir, id string, builtin bool) string {
	if builtin {
		return dir
	}
	key := id
	if !safeIDRe.MatchString(id) {
		sum := sha256.Sum256([]byte(id))
		key = "id-" + hex.EncodeToString(sum[:12])
	}
	return filepath.Join(dir, readingsDir, key)
}

// position is where the reader left off.
type position struct {
	Section  string  `json:"section"`
	Line     int     `json:"line"`
	Fraction float64 `json:"fraction"` // line / lines of the rendered section
	Width    int     `json:"width"`    // text width the line refers to
}

// loadPosition reads the saved position. A missing file means no position;
// so does a file that cannot be read or does not parse, and then damaged
// says so in one line, for the reader to show once: the file is replaced
// when the position is next saved, never a reason not to start.
func loadPosition(dir string) (p position, ok bool, damaged string) {
	file := filepath.Join(dir, positionFile)
	data, err := safefile.ReadFile(file, maxPositionBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return position{}, false, ""
	case errors.Is(err, safefile.ErrTooLarge):
		return position{}, false, positionFile + " was damaged (" + err.Error() + "): it will be replaced"
	case err != nil:
		reason := err
		if pe, ok := errors.AsType[*fs.PathError](err); ok {
			reason = pe.Err
		}
		return position{}, false, fmt.Sprintf("cannot read %s: %v", file, reason)
	case json.Unmarshal(data, &p) != nil || p.Section == "":
		return position{}, false, positionFile + " was damaged: it will be replaced"
	}
	if p.Line < 0 || p.Fraction < 0 || p.Fraction > 1 {
		p.Line, p.Fraction = 0, 0
	}
	return p, true, ""
}

// samePlace reports whether two positions are the same place in the text.
func samePlace(a, b position) bool { return a.Section == b.Section && a.Line == b.Line }

// savePosition writes the position atomically and durably (see safefile):
// a symbolic link to the file stays a link.
func savePosition(dir string, p position) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return safefile.WriteFile(filepath.Join(dir, positionFile), append(data, '\n'), 0o600)
}
