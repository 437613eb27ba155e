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
func parseDoc(name string, data []byte, meta any) (body string, bodyLine int, text []byte, err error) {
	text, err = checkText(name, data)
	if err != nil {
		return "", 0, nil, err
	}
	fm, b, bodyLine, err := splitFrontMatter(text)
	if err != nil {
		return "", 0, nil, &FileError{File: name, Line: 1, Err: err}
	}
	if err := decodeStrict(name, fm, 2, meta); err != nil {
		return "", 0, nil, err
	}
	return string(b), bodyLine, text, nil
}
