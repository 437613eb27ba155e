package cli

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	margin "github.com/margin-reader/margin"
	"github.com/margin-reader/margin/internal/pack"
)

// copyReading writes the built-in reading's files into a folder, changed
// by edit (file name → new content), and returns the folder.
func copyReading(t *testing.T, edit func(name string, data []byte) []byte) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(margin.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(margin.Content(), p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), edit(p, data), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func runMargin(t *testing.T, env []string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "MARGIN_TEST_RUN_MAIN=1", "MARGIN_DATA_DIR="+t.TempDir(), "MARGIN_STATE_DIR="+t.TempDir(), "NO_COLOR=1"), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

// --reading (or $MARGIN_READING) opens a reading folder instead of the
// built-in paper: its own title, text and search index, never the
// embedded ones.
func TestReadingFolder(t *testing.T) {
	dir := copyReading(t, func(name string, data []byte) []byte {
		s := string(data)
		switch name {
		case "text/paper.yaml":
			s = strings.Replace(s, "The Social Credit System", "A Corrected Edition", 1)
		case "text/01-introduction.md":
			s = strings.Replace(s, "something interesting happened", "something xylophonic happened", 1)
		}
		return []byte(s)
	})
	out, errOut, err := runMargin(t, nil, "--reading", dir, "toc")
	if err != nil || !strings.Contains(out, "A Corrected Edition") {
		t.Fatalf("toc: %v %s\n%s", err, errOut, out)
	}
	out, _, err = runMargin(t, []string{"MARGIN_READING=" + dir}, "read", "1", "--width", "200")
	if err != nil || !strings.Contains(out, "something xylophonic happened") {
		t.Fatalf("read 1 with $MARGIN_READING: %v\n%s", err, out)
	}
	out, _, err = runMargin(t, nil, "--reading", dir, "search", "xylophonic")
	if err != nil || !strings.Contains(out, "xylophonic") {
		t.Fatalf("search does not use the reading's own index: %v\n%s", err, out)
	}
	_, errOut, err = runMargin(t, nil, "--reading", filepath.Join(dir, "nope"), "toc")
	if err == nil || !strings.Contains(errOut, "margin: error: no reading at") || !strings.Contains(errOut, "margin: hint: ") {
		t.Fatalf("a missing folder: %v\n%s", err, errOut)
	}
	broken := copyReading(t, func(name string, data []byte) []byte {
		if name == "notes/toilet-paper.md" {
			return []byte("---\nsection: \"2.1\"\n")
		}
		return data
	})
	_, errOut, err = runMargin(t, nil, "--reading", broken, "notes")
	if err == nil || !strings.Contains(errOut, "notes/toilet-paper.md") {
		t.Fatalf("a broken note is not named: %v\n%s", err, errOut)
	}
}

// A reading folder, the file margin pack makes of it and the built-in
// paper (the same content, embedded compiled) give the same output, byte
// for byte, for every command: they are read by the same code.
func TestFolderAndPackedFileAreAlike(t *testing.T) {
	dir := copyReading(t, func(_ string, data []byte) []byte { return data })
	file := filepath.Join(t.TempDir(), "paper.margin")
	if _, errOut, err := runMargin(t, nil, "pack", dir, "-o", file); err != nil {
		t.Fatalf("pack: %v\n%s", err, errOut)
	}
	commands := [][]string{
		{"toc"}, {"read", "2.1", "--width", "60"}, {"read", "coercive"}, {"endnotes"}, {"endnotes", "3"},
		{"glossary"}, {"glossary", "grid mgmt"}, {"glossary", "--json"}, {"glossary", "--anki"},
		{"notes"}, {"notes", "toilet-paper"}, {"notes", "--verdict", "inaccurate", "--json"},
		{"search", "tiananmen"}, {"search", "horsly", "--json"}, {"search", "zzzzqx"},
		{"handout", "2.1"}, {"cite"}, {"cite", "--format", "bibtex"}, {"quiz", "--seed", "42"},
		{"read", "9.9"}, {"glossary", "no such term"},
	}
	for _, args := range commands {
		var outs [3]string
		for i, reading := range []string{"", dir, file} {
			data := t.TempDir()
			env := []string{"MARGIN_READING=" + reading, "MARGIN_DATA_DIR=" + data}
			out, errOut, err := runMargin(t, env, args...)
			outs[i] = fmt.Sprintf("%s\n--- stderr\n%s\n--- %v", out, errOut, err)
		}
		if outs[1] != outs[2] {
			t.Errorf("margin %s: the folder and its compiled file differ:\n%s\n=== compiled:\n%s", strings.Join(args, " "), outs[1], outs[2])
		} else if outs[0] != outs[2] {
			t.Errorf("margin %s: the built-in paper and the compiled file differ:\n%s\n=== compiled:\n%s", strings.Join(args, " "), outs[0], outs[2])
		}
	}
	// Personal notes are kept by the reading's id: one added on the
	// compiled file is listed on the folder.
	data := t.TempDir()
	if _, errOut, err := runMargin(t, []string{"MARGIN_READING=" + file, "MARGIN_DATA_DIR=" + data}, "mark", "add", "2.1", "--quote", "ranging from A+++ to D", "a note"); err != nil {
		t.Fatalf("mark add: %v\n%s", err, errOut)
	}
	out, errOut, err := runMargin(t, []string{"MARGIN_READING=" + dir, "MARGIN_DATA_DIR=" + data}, "mark", "list")
	if err != nil || !strings.Contains(out, "a note") {
		t.Errorf("mark list on the folder: %v\n%s%s", err, out, errOut)
	}
}

// The second test reading (testdata/readings/mill-on-liberty) behaves the
// same as a folder and as the file margin pack makes of it, command by
// command: the compiled path carries everything a command shows.
func TestSecondReadingFolderAndPackedFileAreAlike(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "readings", "mill-on-liberty")
	file := filepath.Join(t.TempDir(), "mill.margin")
	if _, errOut, err := runMargin(t, nil, "pack", dir, "-o", file); err != nil {
		t.Fatalf("pack: %v\n%s", err, errOut)
	}
	commands := [][]string{
		{"toc"}, {"read", "1.1", "--width", "60"}, {"read", "penalties"}, {"endnotes"}, {"endnotes", "2"},
		{"glossary"}, {"glossary", "harm principel"}, {"glossary", "--json"}, {"glossary", "--anki"},
		{"notes"}, {"notes", "oath-rule"}, {"notes", "--json"},
		{"search", "infallibility"}, {"search", "despotsm", "--json"}, {"search", "zzzzqx"},
		{"handout", "2"}, {"cite"}, {"cite", "--format", "csl-json"}, {"quiz", "--seed", "42"},
		{"read", "9.9"}, {"glossary", "social credit"},
	}
	for _, args := range commands {
		var outs [2]string
		for i, reading := range []string{dir, file} {
			env := []string{"MARGIN_READING=" + reading, "MARGIN_DATA_DIR=" + t.TempDir()}
			out, errOut, err := runMargin(t, env, args...)
			outs[i] = fmt.Sprintf("%s\n--- stderr\n%s\n--- %v", out, errOut, err)
		}
		if outs[0] != outs[1] {
			t.Errorf("margin %s: the Mill folder and its compiled file differ:\n%s\n=== compiled:\n%s", strings.Join(args, " "), outs[0], outs[1])
		}
		if strings.Contains(outs[1], "Vochelet") {
			t.Errorf("margin %s on the Mill reading shows the built-in paper:\n%s", strings.Join(args, " "), outs[1])
		}
	}
}

// A damaged compiled file is refused in one line that says what is wrong,
// with what to do: never a panic, never the built-in paper instead.
func TestDamagedPackedFile(t *testing.T) {
	dir := t.TempDir()
	paper := []byte(margin.Paper())
	newer := append([]byte{}, paper...)
	newer[len(pack.Magic)]++
	type run struct {
		name string
		data []byte
		args []string
		want string
	}
	runs := []run{
		{"cut.margin", paper[:len(paper)/3], []string{"toc"}, "damaged (truncated)"},
		{"newer.margin", newer, []string{"toc"}, "compiled by a newer margin (format 4; this margin reads format 3)"},
		{"empty.margin", nil, []string{"toc"}, "not a compiled margin reading"},
	}
	// A byte changed in each part is found by the first command that reads
	// that part (the others do not read it: that is what makes a book's
	// file open quickly).
	for i, use := range []struct {
		part string
		args []string
	}{
		{"the text", []string{"toc"}},
		{"the glossary", []string{"glossary", "grid mgmt"}},
		{"the notes", []string{"notes", "toilet-paper"}},
		{"the prep", []string{"read", "2.1", "--prep", "--no-pager"}},
		{"the search index", []string{"search", "horsley"}},
	} {
		off, size := partAt(paper, i)
		flipped := append([]byte{}, paper...)
		flipped[off+size/2] ^= 0x40
		runs = append(runs, run{fmt.Sprintf("flipped%d.margin", i), flipped, use.args, "damaged (checksum mismatch in " + use.part + ")"})
	}
	for _, tt := range runs {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, errOut, err := runMargin(t, nil, append([]string{"--reading", path}, tt.args...)...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if err == nil || out != "" || len(lines) != 2 || lines[0] != "margin: error: "+path+": "+tt.want || !strings.HasPrefix(lines[1], "margin: hint: ") {
			t.Errorf("%s: %v\nstdout: %s\nstderr: %s", tt.name, err, out, errOut)
		}
	}
}

// partAt returns where part i of a compiled reading lies, as its header
// says (docs/FORMAT.md).
func partAt(data []byte, i int) (off, size int) {
	off = pack.HeaderSize
	for k := 0; ; k++ {
		size = int(binary.LittleEndian.Uint64(data[len(pack.Magic)+2+12*k:]))
		if k == i {
			return off, size
		}
		off += size
	}
}
