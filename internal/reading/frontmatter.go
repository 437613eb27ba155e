package reading

import (
	"bytes"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"
)

var errNoFrontMatter = errors.New("no front matter: the file must start with a line \"---\"")

// splitFrontMatter separates the YAML front matter of a Markdown file from
// its body.
func splitFrontMatter(data []byte) (meta, body []byte, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, errNoFrontMatter
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	switch {
	case bytes.HasPrefix(rest, []byte("---\n")):
		return nil, rest[4:], nil
	case end >= 0:
		return rest[:end+1], rest[end+5:], nil
	case bytes.HasSuffix(rest, []byte("\n---")):
		return rest[:len(rest)-3], nil, nil
	}
	return nil, nil, errors.New("front matter is not closed by a line \"---\"")
}

// decodeStrict decodes YAML into v, rejecting fields v does not have, so that
// a misspelt field in a content file is an error rather than silently lost.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, errEOF) {
			return nil
		}
		return fmt.Errorf("invalid YAML: %w", err)
	}
	return nil
}

// parseDoc splits a Markdown file with front matter and decodes the front
// matter into meta.
func parseDoc(data []byte, meta any) (body string, err error) {
	fm, b, err := splitFrontMatter(data)
	if err != nil {
		return "", err
	}
	if err := decodeStrict(fm, meta); err != nil {
		return "", err
	}
	return string(b), nil
}
