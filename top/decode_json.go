package top

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON decoder reads the body once, front to back, and stores each
// value straight into its field as the type's plan says. It checks the
// syntax as strictly as encoding/json (the same grammar, strings with
// invalid UTF-8 or lone surrogates get U+FFFD the same way), so a body is
// either decoded or reported as not valid JSON.

const (
	// maxDepth bounds the nesting of values decoded into typed fields, and
	// of XML bodies.
	maxDepth = 200
	// maxJSONNesting bounds the nesting of any JSON body, also in parts
	// that are skipped or decoded into an interface (encoding/json's own
	// bound).
	maxJSONNesting = 10000
)

var errTooDeep = errors.New("value nests too deeply")

type jsonDecoder struct {
	data    []byte
	pos     int
	nest    int    // open objects and arrays
	scratch []byte // unescaped strings
}

func (d *jsonDecoder) bodyErr(msg string) error {
	return &bodyError{fmt.Errorf("top: response body is not valid JSON: %s (at byte %d)", msg, d.pos)}
}

func (d *jsonDecoder) unexpectedEnd() error {
	return &bodyError{errors.New("top: response body is not valid JSON: unexpected end of JSON input")}
}

// invalid reports the character at d.pos as out of place.
func (d *jsonDecoder) invalid(where string) error {
	r, _ := utf8.DecodeRune(d.data[d.pos:])
	return d.bodyErr(fmt.Sprintf("invalid character %q %s", r, where))
}

func (d *jsonDecoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte.
func (d *jsonDecoder) peek() (byte, error) {
	d.ws()
	if d.pos >= len(d.data) {
		return 0, d.unexpectedEnd()
	}
	return d.data[d.pos], nil
}

// open enters the object or array at d.pos.
func (d *jsonDecoder) open() error {
	d.nest++
	if d.nest > maxJSONNesting {
		return d.bodyErr("exceeded max depth")
	}
	d.pos++
	return nil
}

// next reads the separator after a member or element: false at a comma,
// true at the closing byte.
func (d *jsonDecoder) next(closing byte, after string) (done bool, err error) {
	c, err := d.peek()
	if err != nil {
		return false, err
	}
	switch c {
	case ',':
		d.pos++
		return false, nil
	case closing:
		d.pos++
		d.nest--
		return true, nil
	}
	return false, d.invalid("after " + after)
}

// empty reports, right after open, whether the object or array is empty,
// and then closes it.
func (d *jsonDecoder) empty(closing byte) (bool, error) {
	c, err := d.peek()
	if err != nil || c != closing {
		return false, err
	}
	d.pos++
	d.nest--
	return true, nil
}

// key reads an object key and its colon. The text is valid until the next
// string is read.
func (d *jsonDecoder) key() ([]byte, error) {
	c, err := d.peek()
	if err != nil {
		return nil, err
	}
	if c != '"' {
		return nil, d.invalid("looking for beginning of object key string")
	}
	k, err := d.str()
	if err != nil {
		return nil, err
	}
	if c, err = d.peek(); err != nil {
		return nil, err
	}
	if c != ':' {
		return nil, d.invalid("after object key")
	}
	d.pos++
	return k, nil
}

// str reads the string at d.pos and returns its text: a slice of the body
// when it needs no unescaping, else d.scratch. Either is valid until the
// next str call.
func (d *jsonDecoder) str() ([]byte, error) {
	start := d.pos + 1
	for i := start; i < len(d.data); {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return d.data[start:i], nil
		case c == '\\' || c < 0x20:
			return d.unescape(start, i)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size == 1 {
				return d.unescape(start, i)
			}
			i += size
		default:
			i++
		}
	}
	return nil, d.unexpectedEnd()
}

// unescape finishes a string that needs rewriting from i on, the way
// encoding/json does.
func (d *jsonDecoder) unescape(start, i int) ([]byte, error) {
	b := append(d.scratch[:0], d.data[start:i]...)
	defer func() { d.scratch = b[:0] }()
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return b, nil
		case c < 0x20:
			d.pos = i
			return nil, d.invalid("in string literal")
		case c == '\\':
			if i+1 >= len(d.data) {
				return nil, d.unexpectedEnd()
			}
			i++
			switch e := d.data[i]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(d.data[i+1:])
				if !ok {
					d.pos = i
					return nil, d.bodyErr("invalid \\u escape in string literal")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4Escape(d.data[i+1:]); ok {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							r = dec
							i += 6
							b = utf8.AppendRune(b, r)
							break
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				d.pos = i
				return nil, d.invalid("in string escape code")
			}
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d.data[i:i+size]...)
			}
			i += size
		default:
			b = append(b, c)
			i++
		}
	}
	return nil, d.unexpectedEnd()
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// hex4Escape reads a following \uXXXX, the second half of a surrogate pair.
func hex4Escape(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	return hex4(b[2:])
}

// number reads the number at d.pos and returns its literal.
func (d *jsonDecoder) number() ([]byte, error) {
	start, i, n := d.pos, d.pos, len(d.data)
	digits := func() bool {
		j := i
		for i < n && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < n && d.data[i] == '-' {
		i++
	}
	switch {
	case i < n && d.data[i] == '0':
		i++
	case !digits():
		d.pos = i
		if i >= n {
			return nil, d.unexpectedEnd()
		}
		return nil, d.invalid("in numeric literal")
	}
	if i < n && d.data[i] == '.' {
		i++
		if !digits() {
			d.pos = i
			if i >= n {
				return nil, d.unexpectedEnd()
			}
			return nil, d.invalid("after decimal point in numeric literal")
		}
	}
	if i < n && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < n && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if !digits() {
			d.pos = i
			if i >= n {
				return nil, d.unexpectedEnd()
			}
			return nil, d.invalid("in exponent of numeric literal")
		}
	}
	d.pos = i
	return d.data[start:i], nil
}

func (d *jsonDecoder) literal(word string) error {
	for i := range len(word) {
		if d.pos >= len(d.data) {
			return d.unexpectedEnd()
		}
		if d.data[d.pos] != word[i] {
			return d.invalid("in literal " + word)
		}
		d.pos++
	}
	return nil
}

var (
	trueText  = []byte("true")
	falseText = []byte("false")
)

// scalar reads any value and says what it was; objects and arrays are
// skipped. text is as str returns it, or the number's literal.
func (d *jsonDecoder) scalar(c byte) (valueKind, []byte, error) {
	switch c {
	case '"':
		s, err := d.str()
		return valString, s, err
	case 't':
		return valBool, trueText, d.literal("true")
	case 'f':
		return valBool, falseText, d.literal("false")
	case 'n':
		return valNull, nil, d.literal("null")
	case '{':
		return valObject, nil, d.skip()
	case '[':
		return valArray, nil, d.skip()
	}
	if c == '-' || (c >= '0' && c <= '9') {
		n, err := d.number()
		return valNumber, n, err
	}
	return 0, nil, d.invalid("looking for beginning of value")
}

// skip reads past one value, checking its syntax.
func (d *jsonDecoder) skip() error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	switch c {
	case '{':
		if err := d.open(); err != nil {
			return err
		}
		if done, err := d.empty('}'); done || err != nil {
			return err
		}
		for {
			if _, err := d.key(); err != nil {
				return err
			}
			if err := d.skip(); err != nil {
				return err
			}
			if done, err := d.next('}', "object key:value pair"); done || err != nil {
				return err
			}
		}
	case '[':
		if err := d.open(); err != nil {
			return err
		}
		if done, err := d.empty(']'); done || err != nil {
			return err
		}
		for {
			if err := d.skip(); err != nil {
				return err
			}
			if done, err := d.next(']', "array element"); done || err != nil {
				return err
			}
		}
	}
	_, _, err = d.scalar(c)
	return err
}

// value decodes the next value into v, whose plan is p. It returns a
// *bodyError when the body is malformed; any other error is a value that
// does not fit, and the value has been read past all the same. depth
// counts the objects and arrays around v.
func (d *jsonDecoder) value(p *plan, v reflect.Value, depth int) error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	switch p.kind {
	case kindPointer:
		if c == 'n' {
			return d.literal("null") // absent: the pointer is left alone
		}
		if v.IsNil() {
			v.Set(reflect.New(p.typ.Elem()))
		}
		return d.value(p.elem, v.Elem(), depth)
	case kindStruct:
		return d.object(p, v, c, depth+1)
	case kindSlice:
		return d.list(p, v, c, depth+1)
	case kindAny:
		x, err := d.plain()
		if err != nil {
			return err
		}
		if x == nil {
			v.SetZero()
		} else {
			v.Set(reflect.ValueOf(x))
		}
		return nil
	case kindString:
		if c == '{' || c == '[' {
			// A Json field that arrived as JSON rather than as its text.
			start := d.pos
			if err := d.skip(); err != nil {
				return err
			}
			v.SetString(compactJSON(d.data[start:d.pos]))
			return nil
		}
	}
	k, text, err := d.scalar(c)
	if err != nil {
		return err
	}
	return setScalar(p, v, k, text)
}

// object decodes an object into a struct. An empty or blank string stands
// for an absent object; null leaves v alone.
func (d *jsonDecoder) object(p *plan, v reflect.Value, c byte, depth int) error {
	switch c {
	case '{':
	case '"':
		s, err := d.str()
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(s)) == 0 {
			return nil
		}
		return errors.New("want an object, got a string")
	case 'n':
		return d.literal("null")
	default:
		k, _, err := d.scalar(c)
		if err != nil {
			return err
		}
		return fmt.Errorf("want an object, got %s", k)
	}
	if depth > maxDepth {
		if err := d.skip(); err != nil {
			return err
		}
		return errTooDeep
	}
	if err := d.open(); err != nil {
		return err
	}
	if done, err := d.empty('}'); done || err != nil {
		return err
	}
	m := members{p: p, v: v, depth: depth}
	for {
		key, err := d.key()
		if err != nil {
			return err
		}
		if err := m.decode(d, key); err != nil {
			return err
		}
		if done, err := d.next('}', "object key:value pair"); err != nil {
			return err
		} else if done {
			return m.errs.first()
		}
	}
}

// members decodes the members of an object into a struct's fields. A key
// given twice counts once, with its last value, as when the object is read
// into a map: the field is reset and its errors forgotten.
type members struct {
	p     *plan
	v     reflect.Value
	depth int
	hint  int          // the field after the last one decoded
	seen  [4]uint64    // fields decoded, the first 256
	more  map[int]bool // and beyond
	errs  valueErrors
}

// decode decodes the value of key; it returns body errors only.
func (m *members) decode(d *jsonDecoder, key []byte) error {
	i := fieldIndex(m.p, key, m.hint)
	if i < 0 {
		return d.skip()
	}
	f := &m.p.fields[i]
	fv := m.v.Field(f.index)
	if m.repeated(i) {
		fv.SetZero()
		m.errs.forget(i)
	}
	if err := d.value(f.plan, fv, m.depth); err != nil {
		if isBodyError(err) {
			return err
		}
		m.errs.note(i, withSeg(err, f.name))
	}
	m.hint = i + 1
	return nil
}

// repeated marks field i as decoded and reports whether it already was.
func (m *members) repeated(i int) bool {
	if i < 64*len(m.seen) {
		word, bit := i/64, uint64(1)<<(i%64)
		was := m.seen[word]&bit != 0
		m.seen[word] |= bit
		return was
	}
	if m.more == nil {
		m.more = map[int]bool{}
	}
	was := m.more[i]
	m.more[i] = true
	return was
}

// list decodes a list from any of its shapes: a plain array (simplify), a
// wrapper object with one key ({"order": [...]}; {} is empty; a single
// item not in an array is a list of one), null or a blank string. An empty
// list is nil whatever its shape, so all formats agree.
func (d *jsonDecoder) list(p *plan, v reflect.Value, c byte, depth int) error {
	switch c {
	case '[', '{':
		if depth > maxDepth {
			if err := d.skip(); err != nil {
				return err
			}
			return errTooDeep
		}
	case 'n':
		v.SetZero()
		return d.literal("null")
	case '"':
		s, err := d.str()
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(s)) == 0 {
			v.SetZero()
			return nil
		}
		return fmt.Errorf("want a list, got the string %s", quoteValue(string(s)))
	default:
		k, _, err := d.scalar(c)
		if err != nil {
			return err
		}
		return fmt.Errorf("want a list, got %s", k)
	}
	if c == '[' {
		return d.array(p.elem, v, depth)
	}
	if err := d.open(); err != nil {
		return err
	}
	v.SetZero()
	if done, err := d.empty('}'); done || err != nil {
		return err
	}
	var (
		buf     [64]byte
		wrapper []byte          // the key of the items
		others  map[string]bool // other keys: not a wrapper
		itemErr error
	)
	for n := 0; ; n++ {
		k, err := d.key()
		if err != nil {
			return err
		}
		if n == 0 || string(k) == string(wrapper) {
			// A repeated key counts once, with its last value.
			wrapper = append(buf[:0], k...)
			v.SetZero()
			if itemErr = d.wrapped(p, v, depth); isBodyError(itemErr) {
				return itemErr
			}
		} else {
			if others == nil {
				others = map[string]bool{}
			}
			others[string(k)] = true
			if err := d.skip(); err != nil {
				return err
			}
		}
		done, err := d.next('}', "object key:value pair")
		if err != nil {
			return err
		}
		if done {
			break
		}
	}
	if len(others) > 0 {
		return fmt.Errorf("want a list, got an object with %d keys", 1+len(others))
	}
	return itemErr
}

// wrapped decodes the value of a list's wrapper key: the items' array,
// null, or a single item.
func (d *jsonDecoder) wrapped(p *plan, v reflect.Value, depth int) error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	switch c {
	case '[':
		return d.array(p.elem, v, depth+1)
	case 'n':
		return d.literal("null")
	}
	one := reflect.MakeSlice(p.typ, 1, 1)
	err = d.value(p.elem, one.Index(0), depth+1)
	switch {
	case err == nil:
		v.Set(one)
	case !isBodyError(err):
		err = withSeg(err, "[0]")
	}
	return err
}

// array decodes the array at d.pos into a new slice in v.
func (d *jsonDecoder) array(elem *plan, v reflect.Value, depth int) error {
	if err := d.open(); err != nil {
		return err
	}
	v.SetZero() // a new slice, never the backing array of an old one
	if done, err := d.empty(']'); done || err != nil {
		return err
	}
	var errs valueErrors
	for n := 0; ; n++ {
		if n == v.Cap() {
			v.Grow(1)
		}
		v.SetLen(n + 1)
		if err := d.value(elem, v.Index(n), depth); err != nil {
			if isBodyError(err) {
				return err
			}
			errs.note(n, withSeg(err, "["+strconv.Itoa(n)+"]"))
		}
		if done, err := d.next(']', "array element"); err != nil {
			return err
		} else if done {
			return errs.first()
		}
	}
}

// plain decodes a value as encoding/json decodes into an interface with
// UseNumber: map[string]any, []any, json.Number, string, bool or nil.
func (d *jsonDecoder) plain() (any, error) {
	c, err := d.peek()
	if err != nil {
		return nil, err
	}
	switch c {
	case '{':
		if err := d.open(); err != nil {
			return nil, err
		}
		m := map[string]any{}
		if done, err := d.empty('}'); done || err != nil {
			return m, err
		}
		for {
			k, err := d.key()
			if err != nil {
				return nil, err
			}
			name := string(k)
			if m[name], err = d.plain(); err != nil {
				return nil, err
			}
			if done, err := d.next('}', "object key:value pair"); done || err != nil {
				return m, err
			}
		}
	case '[':
		if err := d.open(); err != nil {
			return nil, err
		}
		a := []any{}
		if done, err := d.empty(']'); done || err != nil {
			return a, err
		}
		for {
			x, err := d.plain()
			if err != nil {
				return nil, err
			}
			a = append(a, x)
			if done, err := d.next(']', "array element"); done || err != nil {
				return a, err
			}
		}
	}
	k, text, err := d.scalar(c)
	switch k {
	case valString:
		return string(text), err
	case valNumber:
		return json.Number(text), err
	case valBool:
		return text[0] == 't', err
	}
	return nil, err
}

// compactJSON is valid JSON text without its insignificant white space.
func compactJSON(raw []byte) string {
	b := make([]byte, 0, len(raw))
	inString := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case inString:
			b = append(b, c)
			if c == '\\' {
				i++
				b = append(b, raw[i])
			} else if c == '"' {
				inString = false
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			b = append(b, c)
			inString = c == '"'
		}
	}
	return string(b)
}
