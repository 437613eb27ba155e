package cli

import (
	"path/filepath"
)

// The library's and check's help examples work on a small reading of the
// test data, copied to ~/seminar/lamplighter first (HOME is the examples'
// folder).
func init() {
	fixture, err := filepath.Abs(filepath.Join("testdata", "readings", "lamplighter"))
	if err != nil {
		panic(err)
	}
	copyIt := "mkdir -p ~/seminar && cp -R '" + fixture + "' ~/seminar/"
	for _, line := range []string{
		"margin check ~/seminar/lamplighter",
		"margin check ~/seminar/lamplighter --json",
		"margin library add ~/seminar/lamplighter",
		"margin library add ~/seminar/lamplighter --name lamp --force",
	} {
		exampleSetup[line] = copyIt
	}
	exampleSetup["margin library rm lamplighter"] = copyIt + " && margin library add ~/seminar/lamplighter"
}
