package pdfimport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"unicode/utf8"
)

// Kind is what an input file is.
type Kind int

// The kinds of input.
const (
	KindText Kind = iota // a plain-text extraction or Markdown
	KindPDF
)

// Input errors: each is reported as it is, with a hint, and nothing is
// written.
var (
	ErrEmpty       = errors.New("the file is empty")
	ErrBinary      = errors.New("the file is neither a PDF nor text")
	ErrEncrypted   = errors.New("the PDF is encrypted")
	ErrImageOnly   = errors.New("the PDF has no text layer (scanned pages?)")
	ErrNoPdftotext = errors.New("pdftotext (poppler-utils) is not installed")
	ErrUTF16       = errors.New("the text is UTF-16")
)

// Detect says what data is: a PDF, or text (UTF-8). Empty input, binary
// data and UTF-16 text are errors.
func Detect(data []byte) (Kind, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return 0, ErrEmpty
	case bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")):
		return KindPDF, nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return 0, ErrUTF16
	}
	// Text has no NUL bytes and is mostly valid UTF-8.
	sample := data[:min(len(data), 64<<10)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return 0, ErrBinary
	}
	bad, controls := 0, 0
	for i := 0; i < len(sample); {
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n == 1 && len(sample)-i >= utf8.UTFMax {
			bad++
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			controls++
		}
		i += n
	}
	if (bad+controls)*20 > len(sample) {
		return 0, ErrBinary
	}
	return KindText, nil
}

// Pdftotext runs poppler's pdftotext on a PDF file and returns its text,
// pages separated by form feeds, in reading order (columns followed), as
// BBoxText makes it of pdftotext's word boxes.
// bin is the program, "" for pdftotext on PATH.
func Pdftotext(ctx context.Context, bin, path string) (string, error) {
	if bin == "" {
		bin = "pdftotext"
	}
	p, err := exec.LookPath(bin)
	if err != nil {
		return "", ErrNoPdftotext
	}
	// -bbox-layout: every word with its box, hyphens as printed (the
	// plain output joins lines that end with a hyphen, dropping it).
	cmd := exec.CommandContext(ctx, p, "-bbox-layout", "-enc", "UTF-8", path, "-")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		low := strings.ToLower(msg)
		if strings.Contains(low, "password") || strings.Contains(low, "encrypt") {
			return "", ErrEncrypted
		}
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("pdftotext could not read the PDF: %s", firstLine(msg))
	}
	text, err := BBoxText(&stdout)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		return "", ErrImageOnly
	}
	return text, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
