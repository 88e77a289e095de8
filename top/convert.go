package top

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The converter fills a Go value from a parsed body (JSON decoded with
// UseNumber into map[string]any/[]any/json.Number/string/bool/nil, or the
// XML tree of decode_xml.go). One converter serves JSON, simplify JSON and
// XML, and it is lenient about representation the way TOP's own SDKs are:
//
//   - integers from numbers or numeric strings, exactly (never via float64);
//   - strings from strings, numbers or booleans; objects and arrays become
//     their JSON text (a Json field that arrived as an object);
//   - booleans from true/false, "true"/"false", "1"/"0";
//   - time.Time from "2006-01-02 15:04:05" in GMT+8, or epoch milliseconds;
//     empty is the zero time;
//   - Decimal from a number or a decimal string, kept as text;
//   - slices from a plain array (simplify), a one-key wrapper object
//     ({"order": [...]}) or the children of an XML wrapper element;
//   - fields are matched by their json tag; unknown names are ignored.
//
// It is strict about meaning: a value that cannot be the field's type is an
// error naming the field path.

var (
	timeType    = reflect.TypeFor[time.Time]()
	decimalType = reflect.TypeFor[Decimal]()
)

// DecodeError is a value in a response body that does not fit the field it
// belongs to.
type DecodeError struct {
	// Path is the dotted path of the field, with list indexes: "result.data.items[2].price".
	Path string
	Err  error
}

func (e *DecodeError) Error() string {
	if e.Path == "" {
		return "top: decode response: " + e.Err.Error()
	}
	return "top: decode response field " + e.Path + ": " + e.Err.Error()
}

func (e *DecodeError) Unwrap() error { return e.Err }

// pathError is built while unwinding, so the happy path never formats paths.
type pathError struct {
	segs []string // innermost first
	err  error
}

func (e *pathError) Error() string { return e.err.Error() }

func withSeg(err error, seg string) error {
	if pe, ok := err.(*pathError); ok {
		pe.segs = append(pe.segs, seg)
		return pe
	}
	return &pathError{segs: []string{seg}, err: err}
}

// fill converts tree into v, which must be a non-nil pointer.
func fill(tree any, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("top: decode response into %T: want a non-nil pointer", v)
	}
	if err := convert(tree, rv.Elem(), 0); err != nil {
		de := &DecodeError{Err: err}
		if pe, ok := err.(*pathError); ok {
			de.Err = pe.err
			var b strings.Builder
			for i := len(pe.segs) - 1; i >= 0; i-- {
				s := pe.segs[i]
				if b.Len() > 0 && s[0] != '[' {
					b.WriteByte('.')
				}
				b.WriteString(s)
			}
			de.Path = b.String()
		}
		return de
	}
	return nil
}

// maxDepth bounds recursion on hostile input (JSON nesting is otherwise
// limited only by encoding/json's own bound).
const maxDepth = 200

func convert(src any, dst reflect.Value, depth int) error {
	if depth > maxDepth {
		return errors.New("value nests too deeply")
	}
	t := dst.Type()
	switch t {
	case timeType:
		return convertTime(src, dst)
	case decimalType:
		return convertDecimal(src, dst)
	}
	switch t.Kind() {
	case reflect.Pointer:
		if src == nil {
			return nil
		}
		if dst.IsNil() {
			dst.Set(reflect.New(t.Elem()))
		}
		return convert(src, dst.Elem(), depth+1)
	case reflect.Struct:
		return convertStruct(src, dst, depth)
	case reflect.Slice:
		return convertSlice(src, dst, depth)
	case reflect.String:
		s, err := textOf(src)
		if err != nil {
			return err
		}
		dst.SetString(s)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s, ok := numberText(src)
		if !ok {
			return fmt.Errorf("want a number, got %s", describe(src))
		}
		if s == "" {
			dst.SetInt(0)
			return nil
		}
		n, err := strconv.ParseInt(s, 10, t.Bits())
		if err != nil {
			n, err = integralFloat(s, t.Bits())
			if err != nil {
				return fmt.Errorf("%s is not an integer of %d bits", quoteValue(s), t.Bits())
			}
		}
		dst.SetInt(n)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s, ok := numberText(src)
		if !ok {
			return fmt.Errorf("want a number, got %s", describe(src))
		}
		if s == "" {
			dst.SetUint(0)
			return nil
		}
		n, err := strconv.ParseUint(s, 10, t.Bits())
		if err != nil {
			return fmt.Errorf("%s is not an unsigned integer of %d bits", quoteValue(s), t.Bits())
		}
		dst.SetUint(n)
		return nil
	case reflect.Float32, reflect.Float64:
		s, ok := numberText(src)
		if !ok {
			return fmt.Errorf("want a number, got %s", describe(src))
		}
		if s == "" {
			dst.SetFloat(0)
			return nil
		}
		f, err := strconv.ParseFloat(s, t.Bits())
		if err != nil {
			return fmt.Errorf("%s is not a number", quoteValue(s))
		}
		dst.SetFloat(f)
		return nil
	case reflect.Bool:
		return convertBool(src, dst)
	case reflect.Interface:
		if t.NumMethod() == 0 {
			dst.Set(reflect.ValueOf(plain(src)))
			return nil
		}
	}
	return fmt.Errorf("cannot decode into Go type %s", t)
}

// integralFloat accepts "16000.0" or "1.6e4" for an integer field when the
// value is integral and small enough to be exact in a float64.
func integralFloat(s string, bits int) (int64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, errors.New("not integral")
	}
	n := int64(f)
	if bits < 64 && (n >= 1<<(bits-1) || n < -(1<<(bits-1))) {
		return 0, errors.New("out of range")
	}
	return n, nil
}

// numberText returns the text of a number given as a JSON number or a
// string (trimmed); ok is false for objects, arrays and booleans.
func numberText(src any) (string, bool) {
	switch v := src.(type) {
	case json.Number:
		return string(v), true
	case string:
		return strings.TrimSpace(v), true
	case nil:
		return "", true
	}
	return "", false
}

func convertBool(src any, dst reflect.Value) error {
	switch v := src.(type) {
	case bool:
		dst.SetBool(v)
		return nil
	case nil:
		dst.SetBool(false)
		return nil
	case string, json.Number:
		s, _ := scalarText(v)
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "1":
			dst.SetBool(true)
			return nil
		case "false", "0", "":
			dst.SetBool(false)
			return nil
		}
		return fmt.Errorf("%s is not a boolean", quoteValue(s))
	}
	return fmt.Errorf("want a boolean, got %s", describe(src))
}

func convertTime(src any, dst reflect.Value) error {
	var t time.Time
	switch v := src.(type) {
	case nil:
	case string:
		s := strings.TrimSpace(v)
		if s == "" {
			break
		}
		var err error
		if t, err = ParseTime(s); err != nil {
			if ms, err2 := strconv.ParseInt(s, 10, 64); err2 == nil {
				t = time.UnixMilli(ms).In(CST)
				break
			}
			return fmt.Errorf("%s is not a date (want %s)", quoteValue(s), TimeLayout)
		}
	case json.Number:
		ms, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil {
			return fmt.Errorf("%s is not a date in epoch milliseconds", quoteValue(string(v)))
		}
		t = time.UnixMilli(ms).In(CST)
	default:
		return fmt.Errorf("want a date, got %s", describe(src))
	}
	dst.Set(reflect.ValueOf(t))
	return nil
}

func convertDecimal(src any, dst reflect.Value) error {
	s, ok := numberText(src)
	if !ok {
		return fmt.Errorf("want a decimal, got %s", describe(src))
	}
	if s != "" && !isDecimal(s) {
		return fmt.Errorf("%s is not a decimal number", quoteValue(s))
	}
	dst.SetString(s)
	return nil
}

// textOf converts a value to a string field: scalars by their text, objects
// and arrays as compact JSON (Json fields may arrive as objects).
func textOf(src any) (string, error) {
	if s, ok := scalarText(src); ok {
		return s, nil
	}
	b, err := json.Marshal(plain(src))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// plain turns an XML tree into maps and arrays so it can be re-encoded as
// JSON or stored in an interface field. Repeated XML child names become an
// array.
func plain(src any) any {
	switch v := src.(type) {
	case *xmlNode:
		m := make(map[string]any, len(v.kids))
		for _, k := range v.kids {
			val := plain(k.value())
			if old, ok := m[k.name]; ok {
				if arr, isArr := old.([]any); isArr {
					m[k.name] = append(arr, val)
				} else {
					m[k.name] = []any{old, val}
				}
				continue
			}
			m[k.name] = val
		}
		return m
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = plain(x)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	}
	return src
}

func describe(src any) string {
	switch src.(type) {
	case map[string]any, *xmlNode:
		return "an object"
	case []any:
		return "an array"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	}
	return fmt.Sprintf("%T", src)
}

// fieldPlan maps the wire names of a struct's fields to field indexes.
type fieldPlan struct {
	byName map[string]int
	// names are the wire names in field order, so a JSON object is
	// converted in a fixed order and the first error is always the same.
	names []string
}

var plans sync.Map // reflect.Type → *fieldPlan

func planFor(t reflect.Type) *fieldPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*fieldPlan)
	}
	p := &fieldPlan{byName: map[string]int{}}
	for i := range t.NumField() {
		name, ok := jsonName(t.Field(i))
		if !ok {
			continue
		}
		if _, dup := p.byName[name]; !dup {
			p.byName[name] = i
			p.names = append(p.names, name)
		}
	}
	actual, _ := plans.LoadOrStore(t, p)
	return actual.(*fieldPlan)
}

// jsonName is the wire name of a struct field: its json tag's name, or
// the field name; ok is false for unexported fields and json:"-".
func jsonName(f reflect.StructField) (name string, ok bool) {
	if !f.IsExported() {
		return "", false
	}
	tag, has := f.Tag.Lookup("json")
	tag, _, _ = strings.Cut(tag, ",")
	switch {
	case has && tag == "-":
		return "", false
	case tag != "":
		return tag, true
	}
	return f.Name, true
}

func convertStruct(src any, dst reflect.Value, depth int) error {
	plan := planFor(dst.Type())
	switch v := src.(type) {
	case map[string]any:
		for _, name := range plan.names {
			val, ok := v[name]
			if !ok {
				continue
			}
			if err := convert(val, dst.Field(plan.byName[name]), depth+1); err != nil {
				return withSeg(err, name)
			}
		}
		return nil
	case *xmlNode:
		for _, k := range v.kids {
			i, ok := plan.byName[k.name]
			if !ok {
				continue
			}
			if err := convert(k.value(), dst.Field(i), depth+1); err != nil {
				return withSeg(err, k.name)
			}
		}
		return nil
	case nil:
		return nil
	case string:
		// An empty XML element or an empty JSON string for an absent object.
		if strings.TrimSpace(v) == "" {
			return nil
		}
	}
	return fmt.Errorf("want an object, got %s", describe(src))
}

func convertSlice(src any, dst reflect.Value, depth int) error {
	var items []any
	switch v := src.(type) {
	case []any:
		items = v
	case map[string]any:
		// A wrapped list: {"order": [...]}; {} is an empty list. A single
		// item that is not in an array is accepted as a list of one.
		switch len(v) {
		case 0:
		case 1:
			for _, inner := range v {
				if arr, ok := inner.([]any); ok {
					items = arr
				} else if inner != nil {
					items = []any{inner}
				}
			}
		default:
			return fmt.Errorf("want a list, got an object with %d keys", len(v))
		}
	case *xmlNode:
		// <orders><order>…</order>…</orders>: every child is an item,
		// whatever its name.
		items = make([]any, len(v.kids))
		for i, k := range v.kids {
			items[i] = k.value()
		}
	case nil:
		dst.SetZero()
		return nil
	case string:
		if strings.TrimSpace(v) == "" {
			dst.SetZero()
			return nil
		}
		return fmt.Errorf("want a list, got the string %s", quoteValue(v))
	default:
		return fmt.Errorf("want a list, got %s", describe(src))
	}
	if len(items) == 0 {
		// nil whatever the shape ({}, [], <xs/>), so all formats agree.
		dst.SetZero()
		return nil
	}
	out := reflect.MakeSlice(dst.Type(), len(items), len(items))
	for i, item := range items {
		if err := convert(item, out.Index(i), depth+1); err != nil {
			return withSeg(err, "["+strconv.Itoa(i)+"]")
		}
	}
	dst.Set(out)
	return nil
}
