package top

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
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
// A value that does not fit its field is a *DecodeError naming the field.
// The body decides the format: format is what the caller asked for and is
// only used in messages, since gateways answer some failures in the other
// format. method is the TOP method name; it derives the envelope key.
//
// The body is decoded in one pass, straight into v, through a plan of v's
// type made once by reflection and cached; methods of v's types
// (UnmarshalJSON, UnmarshalXML) are never called, so generated methods
// can call DecodeResponse.
func DecodeResponse(body []byte, format Format, method string, v any) error {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return errors.New("top: empty response body")
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		// What is wrong with the body comes first, as for a good target.
		if err := DecodeResponse(body, format, method, new(struct{})); err != nil {
			return err
		}
		return fmt.Errorf("top: decode response into %T: want a non-nil pointer", v)
	}
	switch trimmed[0] {
	case '{':
		return decodeJSON(trimmed, responseKey(method), rv.Elem())
	case '<':
		return decodeXML(trimmed, responseKey(method), rv.Elem())
	}
	return fmt.Errorf("top: response body (asked for %s) is neither JSON nor XML", format)
}

// UnmarshalJSON decodes a JSON response body of method into v like
// DecodeResponse: the full body (the <key>_response envelope) or the
// simplify=true body, and an error_response as *Error. It is what the
// UnmarshalJSON methods of generated response types call, so json.Unmarshal
// gives the same result as DecodeResponse. JSON null leaves v alone, as
// encoding/json expects of an Unmarshaler.
func UnmarshalJSON(data []byte, method string, v any) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	return DecodeResponse(data, JSON, method, v)
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

// decodeJSON decodes a JSON body: the envelope's value, or the root itself
// for simplify=true. Usually the first key decides, and the body is read
// once; a body whose shape shows only later (an envelope key after other
// keys, an error_response beside the response) is scanned for its shape
// first, so the outcome never depends on the order of the root's keys.
func decodeJSON(body []byte, key string, v reflect.Value) error {
	p := planFor(v.Type())
	d := &jsonDecoder{data: body}
	if p.kind == kindStruct {
		decoded, err := d.rootOnce(p, v, key)
		if decoded || isBodyError(err) {
			return finish(err)
		}
		v.SetZero() // undo what the first pass stored
	}
	d = &jsonDecoder{data: body}
	at, isErr, err := d.rootShape(p, key)
	if err != nil {
		return finish(err)
	}
	d = &jsonDecoder{data: body, pos: at}
	if isErr {
		return d.errorResponse()
	}
	return finish(d.value(p, v, 0))
}

// rootOnce decodes the common shapes in one pass: the envelope key first
// (whatever follows is skipped), or a simplify body with neither the
// envelope key nor error_response. decoded is false when the body is
// something else; err then matters only when it is a body error.
func (d *jsonDecoder) rootOnce(p *plan, v reflect.Value, key string) (decoded bool, err error) {
	if err := d.open(); err != nil {
		return false, err
	}
	if done, err := d.empty('}'); done || err != nil {
		return err == nil && d.end() == nil, err
	}
	var (
		m        = members{p: p, v: v, depth: 1}
		envelope bool
		inner    error
	)
	for n := 0; ; n++ {
		k, err := d.key()
		if err != nil {
			return false, err
		}
		switch {
		case string(k) == errorKey || (n > 0 && string(k) == key):
			return false, nil
		case n == 0 && string(k) == key:
			envelope = true
			if inner = d.value(p, v, 0); isBodyError(inner) {
				return false, inner
			}
		case envelope:
			if err := d.skip(); err != nil {
				return false, err
			}
		case n == 0 && envelopeAlias(p, k):
			// Maybe an envelope under a key we did not derive.
			return false, nil
		default:
			if err := m.decode(d, k); err != nil {
				return false, err
			}
		}
		done, err := d.next('}', "object key:value pair")
		if err != nil {
			return false, err
		}
		if done {
			break
		}
	}
	if err := d.end(); err != nil {
		return false, err
	}
	if envelope {
		return true, inner
	}
	return true, m.errs.first()
}

// rootShape reads the whole body and returns where the value to decode
// starts: error_response's value (isErr), the envelope's value, the value
// of a single key ending in _response that holds an object (an envelope
// key we did not derive: another spelling of the method, a gateway alias),
// or the root (simplify=true).
func (d *jsonDecoder) rootShape(p *plan, key string) (at int, isErr bool, err error) {
	c, err := d.peek()
	if err != nil {
		return 0, false, err
	}
	root := d.pos
	if c != '{' {
		if err := d.skip(); err != nil {
			return 0, false, err
		}
		if err := d.end(); err != nil {
			return 0, false, err
		}
		return 0, false, errors.New("top: response body is JSON but not an object")
	}
	errAt, keyAt, aliasAt, keys := -1, -1, -1, 0
	if err := d.open(); err != nil {
		return 0, false, err
	}
	done, err := d.empty('}')
	for !done && err == nil {
		var k []byte
		if k, err = d.key(); err != nil {
			break
		}
		keys++
		if c, err = d.peek(); err != nil {
			break
		}
		switch {
		case string(k) == errorKey:
			errAt = d.pos
		case string(k) == key:
			keyAt = d.pos
		case envelopeAlias(p, k) && c == '{':
			aliasAt = d.pos
		}
		if err = d.skip(); err == nil {
			done, err = d.next('}', "object key:value pair")
		}
	}
	if err != nil {
		return 0, false, err
	}
	if err := d.end(); err != nil {
		return 0, false, err
	}
	switch {
	case errAt >= 0:
		return errAt, true, nil
	case keyAt >= 0:
		return keyAt, false, nil
	case keys == 1 && aliasAt >= 0:
		return aliasAt, false, nil
	}
	return root, false, nil
}

// envelopeAlias reports whether a root key other than the derived envelope
// key may be an envelope all the same: it ends in _response and is not a
// field of the response type. Some responses have a field named so
// (product_list_response); in their simplify=true body it is the field.
func envelopeAlias(p *plan, k []byte) bool {
	return strings.HasSuffix(string(k), "_response") && fieldIndex(p, k, 0) < 0
}

// end checks that nothing but white space follows the root value.
func (d *jsonDecoder) end() error {
	d.ws()
	if d.pos < len(d.data) {
		return &bodyError{errors.New("top: response body has data after the JSON value")}
	}
	return nil
}

// finish turns what decoding returned into the error callers see.
func finish(err error) error {
	switch err.(type) {
	case nil:
		return nil
	case *bodyError:
		return errors.Unwrap(err)
	}
	return decodeError(err)
}

// errorResponse decodes the value of error_response at d.pos (the body is
// known to be well-formed).
func (d *jsonDecoder) errorResponse() error {
	c, err := d.peek()
	if err != nil {
		return errors.Unwrap(err)
	}
	if c != '{' {
		return errors.New("top: error_response is not an object")
	}
	var f errorFields
	_ = d.open()
	if done, _ := d.empty('}'); done {
		return f.build()
	}
	for {
		k, _ := d.key()
		name := string(k)
		c, _ := d.peek()
		kind, text, _ := d.scalar(c)
		switch kind {
		case valString, valNumber, valBool:
			f.set(name, string(text))
		default:
			f.set(name, "")
		}
		if done, _ := d.next('}', ""); done {
			return f.build()
		}
	}
}

// errorFields collects the members of an error_response, JSON or XML.
type errorFields struct {
	code, msg, subCode, subMsg, requestID string
	hasSubCode                            bool
}

func (f *errorFields) set(name, value string) {
	switch name {
	case "code":
		f.code = value
	case "msg":
		f.msg = value
	case "sub_code":
		f.subCode, f.hasSubCode = value, true
	case "sub_msg":
		f.subMsg = value
	case "request_id":
		f.requestID = value
	}
}

// build makes the TOP error. The code arrives as a number or a string; a
// code that is not a number is kept in SubCode when there is no sub_code,
// so nothing the gateway said is lost.
func (f *errorFields) build() *Error {
	e := &Error{Msg: f.msg, SubCode: f.subCode, SubMsg: f.subMsg, RequestID: f.requestID}
	code := strings.TrimSpace(f.code)
	if n, err := strconv.Atoi(code); err == nil {
		e.Code = n
	} else if !f.hasSubCode {
		e.SubCode = code
	}
	return e
}
