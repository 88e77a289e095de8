package top

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// The XML decoder streams encoding/xml's tokens into the value as its plan
// says, as the JSON decoder does. Names are matched on the local name;
// attributes (list="true") are ignored. An element with child elements is
// an object, and its text between them is ignored; an element without is
// its text.

type xmlDecoder struct {
	d    *xml.Decoder
	open int    // open elements
	text []byte // the text of the element being read
}

// token returns the next token, counting open elements and capping their
// nesting at maxDepth. io.EOF is returned as is, between root elements only.
func (x *xmlDecoder) token() (xml.Token, error) {
	tok, err := x.d.Token()
	if err != nil {
		if err == io.EOF && x.open == 0 {
			return nil, io.EOF
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, &bodyError{fmt.Errorf("top: response body is not valid XML: %w", err)}
	}
	switch tok.(type) {
	case xml.StartElement:
		if x.open >= maxDepth {
			return nil, &bodyError{errors.New("top: XML response nests too deeply")}
		}
		x.open++
	case xml.EndElement:
		x.open--
	}
	return tok, nil
}

// decodeXML decodes an XML body whose root is the response element (the
// <key>_response element, or another element ending in _response) or
// error_response.
func decodeXML(body []byte, key string, v reflect.Value) error {
	x := &xmlDecoder{d: xml.NewDecoder(bytes.NewReader(body))}
	var root xml.StartElement
prolog:
	for {
		tok, err := x.token()
		if err == io.EOF {
			return errors.New("top: XML response has no root element")
		}
		if err != nil {
			return finish(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			root = t
			break prolog
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return errors.New("top: XML response has text outside the root element")
			}
		}
	}
	var result error
	isValue := false
	switch name := root.Name.Local; {
	case name == errorKey:
		result = x.errorResponse()
	case name == key || strings.HasSuffix(name, "_response"):
		result, isValue = x.element(planFor(v.Type()), v), true
	default:
		if result = x.skip(); result == nil {
			result = fmt.Errorf("top: XML response root is <%s>, want <%s> or <%s>", name, key, errorKey)
		}
	}
	if isBodyError(result) {
		return finish(result)
	}
	// A malformed rest of the body comes before anything the root said.
	for {
		tok, err := x.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return finish(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return errors.New("top: XML response has more than one root element")
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return errors.New("top: XML response has text outside the root element")
			}
		}
	}
	if isValue {
		return finish(result)
	}
	return result
}

// UnmarshalXML decodes the element start, already read from d, into v like
// DecodeResponse decodes a body's root element: an error_response element
// is returned as *Error, any other element is the response. It is what the
// UnmarshalXML methods of generated response types call, so xml.Unmarshal
// gives the same result as DecodeResponse. The element's name is not
// checked beyond that (encoding/xml lets the caller choose the element), so
// a response marshalled with xml.Marshal decodes back.
func UnmarshalXML(d *xml.Decoder, start xml.StartElement, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("top: decode response into %T: want a non-nil pointer", v)
	}
	x := &xmlDecoder{d: d, open: 1}
	if start.Name.Local == errorKey {
		return x.errorResponse()
	}
	return finish(x.element(planFor(rv.Elem().Type()), rv.Elem()))
}

// element decodes the content of the element just started into v, and
// reads past its end. Like jsonDecoder.value, it returns a *bodyError for a
// malformed body and reads on after a value that does not fit.
func (x *xmlDecoder) element(p *plan, v reflect.Value) error {
	switch p.kind {
	case kindPointer:
		if v.IsNil() {
			v.Set(reflect.New(p.typ.Elem())) // present, even when empty
		}
		return x.element(p.elem, v.Elem())
	case kindStruct:
		return x.object(p, v)
	case kindSlice:
		return x.list(p, v)
	case kindAny:
		val, err := x.plain()
		if err == nil {
			v.Set(reflect.ValueOf(val))
		}
		return err
	}
	text, node, isNode, err := x.content(p.kind == kindString)
	switch {
	case err != nil:
		return err
	case isNode && p.kind == kindString:
		// A Json field that arrived as elements: their JSON text.
		b, err := json.Marshal(node)
		if err != nil {
			return err
		}
		v.SetString(string(b))
		return nil
	case isNode:
		return setScalar(p, v, valObject, nil)
	}
	return setScalar(p, v, valString, text)
}

// object decodes child elements into a struct's fields by name. An element
// with only blank text is an empty object.
func (x *xmlDecoder) object(p *plan, v reflect.Value) error {
	var errs valueErrors
	blank, children, hint := true, false, 0
	for {
		tok, err := x.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			children = true
			i := fieldIndex(p, t.Name.Local, hint)
			if i < 0 {
				if err := x.skip(); err != nil {
					return err
				}
				continue
			}
			f := &p.fields[i]
			if err := x.element(f.plan, v.Field(f.index)); err != nil {
				if isBodyError(err) {
					return err
				}
				errs.note(i, withSeg(err, f.name))
			}
			hint = i + 1
		case xml.CharData:
			blank = blank && len(bytes.TrimSpace(t)) == 0
		case xml.EndElement:
			if !children && !blank {
				return errors.New("want an object, got a string")
			}
			return errs.first()
		}
	}
}

// list decodes every child element, whatever its name, as an item:
// <orders><order>…</order>…</orders>. An element with only blank text is
// an empty list, nil as in JSON.
func (x *xmlDecoder) list(p *plan, v reflect.Value) error {
	var errs valueErrors
	v.SetZero()
	x.text = x.text[:0]
	n := 0
	for {
		tok, err := x.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if n == v.Cap() {
				v.Grow(1)
			}
			v.SetLen(n + 1)
			if err := x.element(p.elem, v.Index(n)); err != nil {
				if isBodyError(err) {
					return err
				}
				errs.note(n, withSeg(err, "["+strconv.Itoa(n)+"]"))
			}
			n++
		case xml.CharData:
			if n == 0 {
				x.text = append(x.text, t...)
			}
		case xml.EndElement:
			if n == 0 && len(bytes.TrimSpace(x.text)) > 0 {
				return fmt.Errorf("want a list, got the string %s", quoteValue(string(x.text)))
			}
			return errs.first()
		}
	}
}

// content reads the rest of an element: its text, or, when it has child
// elements, whether it has and (with wantPlain) their plain value. The
// text is valid until the next read.
func (x *xmlDecoder) content(wantPlain bool) (text []byte, node map[string]any, isNode bool, err error) {
	x.text = x.text[:0]
	for {
		tok, err := x.token()
		if err != nil {
			return nil, nil, false, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if !isNode {
				x.text = append(x.text, t...)
			}
		case xml.StartElement:
			isNode = true
			if !wantPlain {
				if err := x.skip(); err != nil {
					return nil, nil, false, err
				}
				continue
			}
			val, err := x.plain()
			if err != nil {
				return nil, nil, false, err
			}
			if node == nil {
				node = map[string]any{}
			}
			addPlain(node, t.Name.Local, val)
		case xml.EndElement:
			return x.text, node, isNode, nil
		}
	}
}

// plain decodes the element as a map of its children (a repeated name
// becomes an array) or its text, for interface fields and Json fields.
func (x *xmlDecoder) plain() (any, error) {
	text, node, isNode, err := x.content(true)
	if err != nil {
		return nil, err
	}
	if isNode {
		return node, nil
	}
	return string(text), nil
}

func addPlain(m map[string]any, name string, val any) {
	old, ok := m[name]
	switch {
	case !ok:
		m[name] = val
	case isArray(old):
		m[name] = append(old.([]any), val)
	default:
		m[name] = []any{old, val}
	}
}

func isArray(v any) bool {
	_, ok := v.([]any)
	return ok
}

// skip reads past the element just started.
func (x *xmlDecoder) skip() error {
	for depth := 1; depth > 0; {
		tok, err := x.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// errorResponse decodes the content of an error_response element.
func (x *xmlDecoder) errorResponse() error {
	var f errorFields
	children := false
	for {
		tok, err := x.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			children = true
			text, _, isNode, err := x.content(false)
			if err != nil {
				return err
			}
			if isNode {
				text = nil
			}
			f.set(t.Name.Local, string(text))
		case xml.EndElement:
			if !children {
				return errors.New("top: error_response is not an object")
			}
			return f.build()
		}
	}
}
