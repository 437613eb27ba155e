package reading

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxTextErrors caps the errors reported for the bytes of one file: a file
// in the wrong encoding would otherwise give one per character.
const maxTextErrors = 10

// checkText checks the bytes of a content file and returns them with line
// ends made "\n" (CRLF and a lone CR alike) and a UTF-8 byte order mark
// removed. A content file is UTF-8 text: invalid UTF-8, NUL, ESC and the
// other C0 and C1 control characters (tab and line ends apart) are errors,
// each located by line and column (in bytes, from 1), so that content
// which would write terminal escape sequences fails when it is loaded.
//
// A file with such bytes is still returned, each refused byte replaced by
// '?' (so that lines and columns stay the same), along with the errors:
// its other mistakes can then be found too. Only a UTF-16 file, which
// cannot be read as text at all, returns nil.
func checkText(name string, data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) ||
		len(data) >= 2 && (data[0] == 0) != (data[1] == 0) {
		return nil, fileErrorf(name, 1, "the file is UTF-16; save it as UTF-8")
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	var errs Errors
	clean := data // a copy once a byte is refused
	line, lineStart := 1, 0
	for i := 0; i < len(data); {
		c := data[i]
		if c == '\n' {
			line, lineStart = line+1, i+1
			i++
			continue
		}
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size == 1:
			msg = fmt.Sprintf("invalid UTF-8 (byte 0x%02X); save the file as UTF-8", c)
		case r == 0:
			msg = "NUL byte; content files are text"
		case r == 0x1b:
			msg = "ESC (U+001B): content may not hold terminal escape sequences"
		case r < 0x20 || r == 0x7f:
			msg = fmt.Sprintf("control character U+%04X", r)
		case r >= 0x80 && r <= 0x9f:
			msg = fmt.Sprintf("C1 control character U+%04X: content may not hold terminal controls", r)
		}
		if msg != "" {
			if len(errs) == 0 {
				clean = bytes.Clone(data)
			}
			for k := i; k < i+size; k++ {
				clean[k] = '?'
			}
			switch {
			case len(errs) < maxTextErrors:
				errs = append(errs, &FileError{File: name, Line: line, Col: i - lineStart + 1, Err: fmt.Errorf("%s", msg)})
			case len(errs) == maxTextErrors:
				errs = append(errs, fileErrorf(name, line, "more errors in this file; not shown"))
			}
		}
		i += size
	}
	if len(errs) > 0 {
		return clean, errs
	}
	return data, nil
}

// keyLine returns the line of data (counting from 1) on which the first
// YAML key named key stands, at any indentation ("- key:" included), or 1
// when there is none.
func keyLine(data []byte, key string) int {
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimLeft(l, " -")
		if strings.HasPrefix(t, key+":") {
			return i + 1
		}
		if i > 0 && strings.TrimSpace(l) == "---" {
			break // the end of the front matter
		}
	}
	return 1
}

// yamlLineRe finds the line numbers in the YAML library's messages.
var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlErrors turns an error of the YAML library into one FileError per
// mistake it reports, each at its line.
func yamlErrors(name string, err error) Errors {
	var out Errors
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "yaml: unmarshal errors:" {
			continue
		}
		if m := yamlLineRe.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			out = append(out, fileErrorf(name, n, "invalid YAML: %s", m[2]))
			continue
		}
		out = append(out, fileErrorf(name, 0, "invalid YAML: %s", strings.TrimPrefix(l, "yaml: ")))
	}
	return out
}
