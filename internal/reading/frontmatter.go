package reading

import (
	"bytes"
	"errors"
	"strings"

	"go.yaml.in/yaml/v3"
)

var errNoFrontMatter = errors.New("no front matter: the file must start with a line \"---\"")

// splitFrontMatter separates the YAML front matter of a Markdown file,
// checked by checkText, from its body. bodyLine is the line of the file on
// which the body starts.
func splitFrontMatter(data []byte) (meta, body []byte, bodyLine int, err error) {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, errNoFrontMatter
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	switch {
	case bytes.HasPrefix(rest, []byte("---\n")):
		return nil, rest[4:], 3, nil
	case end >= 0:
		meta = rest[:end+1]
		return meta, rest[end+5:], 3 + bytes.Count(meta, []byte("\n")), nil
	case bytes.HasSuffix(rest, []byte("\n---")):
		return rest[:len(rest)-3], nil, 0, nil
	}
	return nil, nil, 0, errors.New("front matter is not closed by a line \"---\"")
}

// decodeStrict decodes YAML into v, rejecting fields v does not have, so that
// a misspelt field in a content file is an error rather than silently lost.
// firstLine is the line of the file on which data starts, so that errors
// name the file's own lines.
func decodeStrict(name string, data []byte, firstLine int, v any) error {
	padded := append([]byte(strings.Repeat("\n", firstLine-1)), data...)
	dec := yaml.NewDecoder(bytes.NewReader(padded))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, errEOF) {
			return nil
		}
		return yamlErrors(name, err)
	}
	return nil
}

// parseDoc checks a Markdown file with front matter, splits it and decodes
// the front matter into meta. It returns the body, normalised by
// checkText, and the line on which it starts.
//
// A file whose bytes checkText refuses is parsed all the same, with those
// bytes replaced, so that err holds its other mistakes too; text is nil
// only when the file could not be parsed at all (err says why).
func parseDoc(name string, data []byte, meta any) (body string, bodyLine int, text []byte, err error) {
	text, textErr := checkText(name, data)
	if text == nil {
		return "", 0, nil, textErr
	}
	var errs Errors
	errs.collect(name, textErr)
	fm, b, bodyLine, err := splitFrontMatter(text)
	if err != nil {
		errs = append(errs, &FileError{File: name, Line: 1, Err: err})
		return "", 0, nil, errs
	}
	if err := decodeStrict(name, fm, 2, meta); err != nil {
		errs.collect(name, err)
		return "", 0, nil, errs
	}
	return string(b), bodyLine, text, errs.err()
}

// fieldError is a mistake in one field of a file's front matter: locate
// puts it at the line of key ("" for the body).
type fieldError struct {
	key string
	err error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// locate places a mistake found by an entry's or a note's check in its
// file text: a field's mistake at the line of its key (or, when the key
// is missing, the front matter's first line), one about the body at
// bodyLine, one about a source at that source's line, and "no sources" at
// the sources key.
func locate(name string, text []byte, bodyLine int, err error) *FileError {
	var fe *fieldError
	var se *SourceError
	switch {
	case errors.As(err, &se):
		return &FileError{File: name, Line: lineOf(sourceLines(text), se.Index), Err: err}
	case errors.As(err, &fe) && fe.key == "":
		return &FileError{File: name, Line: max(bodyLine, 1), Err: err}
	case errors.As(err, &fe):
		return &FileError{File: name, Line: keyLine(text, fe.key), Err: err}
	}
	return &FileError{File: name, Err: err}
}

// sourceLines returns the file line of each item of the front matter's
// sources list, in order (nil when there is none).
func sourceLines(text []byte) []int {
	fm, _, _, err := splitFrontMatter(text)
	if err != nil {
		return nil
	}
	var doc yaml.Node
	if yaml.Unmarshal(fm, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0].Content
	for i := 0; i+1 < len(m); i += 2 {
		if m[i].Value == "sources" && m[i+1].Kind == yaml.SequenceNode {
			var out []int
			for _, item := range m[i+1].Content {
				out = append(out, item.Line+1) // the front matter starts on line 2
			}
			return out
		}
	}
	return nil
}
