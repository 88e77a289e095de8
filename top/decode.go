package top

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// DecodeResponse decodes a TOP response body into v, a pointer to a
// generated response struct. It accepts every shape TOP sends:
//
//   - JSON with the <key>_response envelope and wrapped lists
//     ({"orders": {"order": [...]}});
//   - JSON with simplify=true (fields at the root, plain arrays);
//   - XML with a <key>_response root and list wrapper elements.
//
// An error_response (JSON or XML) is returned as *Error. A body that is none
// of these is a plain error; the caller adds the HTTP status and an excerpt.
// The body decides the format: format is what the caller asked for and is
// only used in messages, since gateways answer some failures in the other
// format. method is the TOP method name; it derives the envelope key.
func DecodeResponse(body []byte, format Format, method string, v any) error {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return errors.New("top: empty response body")
	}
	key := responseKey(method)
	var (
		tree any
		err  error
	)
	switch trimmed[0] {
	case '{':
		tree, err = jsonBody(trimmed, key)
	case '<':
		tree, err = xmlBody(trimmed, key)
	default:
		return fmt.Errorf("top: response body (asked for %s) is neither JSON nor XML", format)
	}
	if err != nil {
		return err
	}
	return fill(tree, v)
}

// errorKey is the envelope key of TOP errors, in JSON and XML alike.
const errorKey = "error_response"

// responseKey mirrors spec.API.ResponseKey (the runtime must not import the
// generator's packages): dots become underscores, a leading "taobao_" is
// dropped, "_response" is appended.
func responseKey(method string) string {
	m := strings.TrimPrefix(method, "taobao.")
	return strings.ReplaceAll(m, ".", "_") + "_response"
}

// jsonBody parses a JSON body and returns the value that holds the
// response fields, or the *Error of an error_response.
func jsonBody(body []byte, key string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("top: response body is not valid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("top: response body has data after the JSON value")
	}
	obj, ok := root.(map[string]any)
	if !ok {
		return nil, errors.New("top: response body is JSON but not an object")
	}
	if e, ok := obj[errorKey]; ok {
		return nil, errorFromTree(e)
	}
	if inner, ok := obj[key]; ok {
		return inner, nil
	}
	// Tolerate an envelope key we did not derive (a method spelled with
	// other case, a gateway alias) when the body is clearly an envelope.
	if len(obj) == 1 {
		for k, inner := range obj {
			if _, isObj := inner.(map[string]any); isObj && strings.HasSuffix(k, "_response") {
				return inner, nil
			}
		}
	}
	// simplify=true: the root is the response itself.
	return obj, nil
}

// errorFromTree builds the TOP error from a decoded error_response. The code
// arrives as a number or a string; a code that is not a number is kept in
// SubCode when that is empty, so nothing the gateway said is lost.
func errorFromTree(t any) error {
	e := &Error{}
	fields, ok := fieldsOf(t)
	if !ok {
		return errors.New("top: error_response is not an object")
	}
	for _, f := range fields {
		s, _ := scalarText(f.val)
		switch f.name {
		case "code":
			s = strings.TrimSpace(s)
			if n, err := strconv.Atoi(s); err == nil {
				e.Code = n
			} else if e.SubCode == "" {
				e.SubCode = s
			}
		case "msg":
			e.Msg = s
		case "sub_code":
			e.SubCode = s
		case "sub_msg":
			e.SubMsg = s
		case "request_id":
			e.RequestID = s
		}
	}
	return e
}

type namedValue struct {
	name string
	val  any
}

// fieldsOf lists the members of a JSON object or XML element in a fixed
// order (JSON object keys sorted, XML children in document order).
func fieldsOf(t any) ([]namedValue, bool) {
	switch t := t.(type) {
	case map[string]any:
		out := make([]namedValue, 0, len(t))
		for _, k := range sortedKeys(t) {
			out = append(out, namedValue{k, t[k]})
		}
		return out, true
	case *xmlNode:
		out := make([]namedValue, 0, len(t.kids))
		for _, k := range t.kids {
			out = append(out, namedValue{k.name, k.value()})
		}
		return out, true
	}
	return nil, false
}

// scalarText returns the text of a scalar tree value.
func scalarText(t any) (string, bool) {
	switch t := t.(type) {
	case string:
		return t, true
	case json.Number:
		return string(t), true
	case bool:
		return strconv.FormatBool(t), true
	case nil:
		return "", true
	}
	return "", false
}
