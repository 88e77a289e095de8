package top

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// EncodeJSON encodes a struct or struct-list parameter as TOP expects it:
// one compact JSON text with the doc's field names (the json tags), fields
// in declaration order (the doc's order), nil pointers and nil slices left
// out (unset optional parameters are not sent), dates as
// "2006-01-02 15:04:05" in GMT+8, decimals as JSON numbers with their exact
// text, and no HTML escaping of strings.
//
// encoding/json is not used for the structure because it would write
// time.Time as RFC 3339.
func EncodeJSON(v any) (string, error) {
	var b bytes.Buffer
	if err := encodeValue(&b, reflect.ValueOf(v), 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func encodeValue(b *bytes.Buffer, v reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("top: encode parameter: value nests too deeply")
	}
	if !v.IsValid() {
		b.WriteString("null")
		return nil
	}
	switch v.Type() {
	case timeType:
		return encodeString(b, FormatTime(v.Interface().(time.Time)))
	case rawJSONType:
		return encodeRawJSON(b, v)
	case decimalType:
		d := v.String()
		if !isDecimal(d) {
			return fmt.Errorf("top: encode parameter: %s is not a decimal number", quoteValue(d))
		}
		b.WriteString(d)
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return encodeValue(b, v.Elem(), depth+1)
	case reflect.Struct:
		b.WriteByte('{')
		t := v.Type()
		first := true
		for i := range t.NumField() {
			name, ok := wireName(t.Field(i))
			if !ok {
				continue
			}
			fv := v.Field(i)
			if (fv.Kind() == reflect.Pointer || fv.Kind() == reflect.Slice) && fv.IsNil() {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			if err := encodeString(b, name); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := encodeValue(b, fv, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case reflect.Slice, reflect.Array:
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeValue(b, v.Index(i), depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case reflect.String:
		return encodeString(b, v.String())
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
		return nil
	}
	return fmt.Errorf("top: encode parameter: unsupported Go type %s", v.Type())
}

// encodeString writes s as a JSON string the way json.Encoder does with
// HTML escaping off.
func encodeString(b *bytes.Buffer, s string) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode appends a newline
	return nil
}
