package toptest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// SimplifyJSON derives the simplify=true body from a format=json body
// (docs/top-protocol.md §3-4): the {"<method>_response": {...}} envelope is
// dropped, and every list wrapper {"<item>": [...]} becomes the plain array.
// An error_response is the same in both forms and is returned as it is.
// Key order and the text of numbers are kept; the result is compact.
//
// The derivation is exact for what TOP writes: without simplify a JSON
// array only ever appears as the single value of a list wrapper, so an
// object whose one key holds an array is a wrapper, never a struct (a
// struct whose one field is a list holds that list's wrapper object). A
// hand-written body that breaks this rule needs an explicit
// Reply.Simplify.
func SimplifyJSON(wrapped string) (string, error) {
	dec := json.NewDecoder(strings.NewReader(wrapped))
	dec.UseNumber()
	var root map[string]json.RawMessage
	if err := dec.Decode(&root); err != nil {
		return "", fmt.Errorf("want a JSON object: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", errors.New("want one JSON object, found more after it")
	}
	if len(root) != 1 {
		return "", fmt.Errorf("want one key, {\"<method>_response\": {...}}, found %d", len(root))
	}
	var key string
	var inner json.RawMessage
	for key, inner = range root { // the only entry
	}
	if key == "error_response" {
		var b bytes.Buffer
		if err := json.Compact(&b, []byte(wrapped)); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	if !strings.HasSuffix(key, "_response") {
		return "", fmt.Errorf("want the key <method>_response, found %q", key)
	}
	var b bytes.Buffer
	d := json.NewDecoder(bytes.NewReader(inner))
	d.UseNumber()
	isArray, err := unwrapLists(d, &b)
	if err != nil {
		return "", err
	}
	if isArray || !bytes.HasPrefix(b.Bytes(), []byte("{")) { // a scalar, or a wrapper at the root
		return "", fmt.Errorf("want an object under %q", key)
	}
	return b.String(), nil
}

// unwrapLists copies one JSON value from dec to out, replacing list
// wrappers by their arrays, and reports whether the value read was an
// array (a wrapper read is an object, though an array is written).
func unwrapLists(dec *json.Decoder, out *bytes.Buffer) (isArray bool, err error) {
	tok, err := dec.Token()
	if err != nil {
		return false, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '[' {
			out.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					out.WriteByte(',')
				}
				if _, err := unwrapLists(dec, out); err != nil {
					return false, err
				}
			}
			_, err := dec.Token() // ]
			out.WriteByte(']')
			return true, err
		}
		return false, unwrapObject(dec, out)
	case string:
		writeString(out, tok)
	case json.Number:
		out.WriteString(tok.String())
	case bool:
		fmt.Fprint(out, tok)
	case nil:
		out.WriteString("null")
	}
	return false, nil
}

// unwrapObject copies an object whose '{' has been read. A single key whose
// value is an array is a list wrapper: only the array is written.
func unwrapObject(dec *json.Decoder, out *bytes.Buffer) error {
	var obj bytes.Buffer
	obj.WriteByte('{')
	n, lastArray := 0, false
	var lastValue []byte
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if n > 0 {
			obj.WriteByte(',')
		}
		writeString(&obj, tok.(string)) // object keys are strings
		obj.WriteByte(':')
		start := obj.Len()
		if lastArray, err = unwrapLists(dec, &obj); err != nil {
			return err
		}
		lastValue = obj.Bytes()[start:]
		n++
	}
	if _, err := dec.Token(); err != nil { // }
		return err
	}
	if n == 1 && lastArray {
		out.Write(lastValue)
		return nil
	}
	obj.WriteByte('}')
	out.Write(obj.Bytes())
	return nil
}

// writeString writes s as a JSON string, leaving <, > and & as they are
// (TOP does not escape them).
func writeString(out *bytes.Buffer, s string) {
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	enc.Encode(s)               // cannot fail for a string
	out.Truncate(out.Len() - 1) // Encode's newline
}
