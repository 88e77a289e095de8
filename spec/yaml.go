package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Marshal renders the spec as YAML with the fixed key order of the API
// struct, two-space indentation and a trailing newline, then the two
// comment lines of checksum.go. Marshal(Unmarshal(b)) is byte-identical to
// b for every b that Marshal produced.
func Marshal(a *API) ([]byte, error) {
	body, err := writeSpec(a)
	if err != nil {
		return nil, fmt.Errorf("spec %s: encode: %w", a.Method, err)
	}
	return append(body, trailer(a.Method, body)...), nil
}

// encodeYAML is yaml.v3's encoding with two-space indentation.
func encodeYAML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Unmarshal parses a spec. Unknown keys are errors, reported with their
// line, so a typo in a hand-edited spec does not silently vanish. name is
// used in error messages (a file name).
func Unmarshal(name string, data []byte) (*API, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var a API
	if err := dec.Decode(&a); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty spec", name)
		}
		return nil, yamlError(name, err)
	}
	return &a, nil
}

// yamlError names the file and flattens yaml.v3's multi-line errors into
// "file: line N: what".
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%s: %s", name, strings.Join(te.Errors, "; "))
	}
	return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
}

// Load reads and validates one spec file.
func Load(path string) (*API, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	a, err := Unmarshal(path, data)
	if err != nil {
		return nil, err
	}
	if err := a.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}
