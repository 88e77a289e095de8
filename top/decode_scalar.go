package top

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// setScalar stores a scalar from the body into v, whose plan is a scalar
// kind. JSON and XML share it, so both formats are lenient in the same way,
// as TOP's own SDKs are:
//
//   - integers from numbers or numeric strings, exactly (never via float64);
//     "16000.0" or "1.6e4" when integral and exact;
//   - strings from strings, numbers or booleans (objects and arrays are
//     handled by the format: their JSON text);
//   - booleans from true/false, "true"/"false", "1"/"0";
//   - time.Time from "2006-01-02 15:04:05" in GMT+8, epoch milliseconds, or
//     RFC 3339 (how encoding/json and encoding/xml write a time.Time);
//     empty is the zero time;
//   - Decimal from a number or a decimal string, kept as text;
//   - null, and an empty or blank string for a number, are the zero value.
//
// text is the string's unescaped text, the number's literal, or "true" or
// "false"; it is not retained.
func setScalar(p *plan, v reflect.Value, k valueKind, text []byte) error {
	switch p.kind {
	case kindString:
		switch k {
		case valString, valNumber, valBool:
			v.SetString(string(text))
		case valNull:
			v.SetString("")
		default:
			return fmt.Errorf("want a string, got %s", k)
		}
		return nil
	case kindInt, kindUint, kindFloat:
		s, ok := numberText(k, text)
		if !ok {
			return fmt.Errorf("want a number, got %s", k)
		}
		if len(s) == 0 {
			v.SetZero()
			return nil
		}
		return setNumber(p, v, s)
	case kindBool:
		return setBool(v, k, text)
	case kindTime:
		t, err := parseTimeValue(k, text)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(t))
		return nil
	case kindDecimal:
		s, ok := numberText(k, text)
		if !ok {
			return fmt.Errorf("want a decimal, got %s", k)
		}
		if len(s) > 0 && !isDecimal(s) {
			return fmt.Errorf("%s is not a decimal number", quoteValue(string(s)))
		}
		v.SetString(string(s))
		return nil
	}
	return fmt.Errorf("cannot decode into Go type %s", p.typ)
}

// setNumber parses s into an integer or float field.
func setNumber(p *plan, v reflect.Value, s []byte) error {
	switch p.kind {
	case kindInt:
		n, err := parseInt(s, p.bits)
		if err != nil {
			return err
		}
		v.SetInt(n)
	case kindUint:
		n, err := strconv.ParseUint(string(s), 10, p.bits)
		if err != nil {
			return fmt.Errorf("%s is not an unsigned integer of %d bits", quoteValue(string(s)), p.bits)
		}
		v.SetUint(n)
	default:
		f, err := strconv.ParseFloat(string(s), p.bits)
		if err != nil {
			return fmt.Errorf("%s is not a number", quoteValue(string(s)))
		}
		v.SetFloat(f)
	}
	return nil
}

// numberText is the text of a number given as a number or a string
// (trimmed); null is empty; ok is false for objects, arrays and booleans.
func numberText(k valueKind, text []byte) ([]byte, bool) {
	switch k {
	case valNumber:
		return text, true
	case valString:
		return bytes.TrimSpace(text), true
	case valNull:
		return nil, true
	}
	return nil, false
}

// parseInt parses a decimal integer of the given size. The common case
// (optional sign and up to 18 digits) is parsed in place, without the
// string conversion strconv would need.
func parseInt(s []byte, bits int) (int64, error) {
	if n, ok := smallInt(s); ok && (bits == 64 || (n < 1<<(bits-1) && n >= -(1<<(bits-1)))) {
		return n, nil
	}
	n, err := strconv.ParseInt(string(s), 10, bits)
	if err != nil {
		n, err = integralFloat(string(s), bits)
		if err != nil {
			return 0, fmt.Errorf("%s is not an integer of %d bits", quoteValue(string(s)), bits)
		}
	}
	return n, nil
}

func smallInt(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
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

func setBool(v reflect.Value, k valueKind, text []byte) error {
	switch k {
	case valBool:
		v.SetBool(text[0] == 't')
		return nil
	case valNull:
		v.SetBool(false)
		return nil
	case valString, valNumber:
		switch strings.ToLower(string(bytes.TrimSpace(text))) {
		case "true", "1":
			v.SetBool(true)
			return nil
		case "false", "0", "":
			v.SetBool(false)
			return nil
		}
		return fmt.Errorf("%s is not a boolean", quoteValue(string(text)))
	}
	return fmt.Errorf("want a boolean, got %s", k)
}

func parseTimeValue(k valueKind, text []byte) (time.Time, error) {
	switch k {
	case valNull:
		return time.Time{}, nil
	case valString:
		s := bytes.TrimSpace(text)
		if len(s) == 0 {
			return time.Time{}, nil
		}
		if t, ok := parseTOPTime(s); ok {
			return t, nil
		}
		str := string(s)
		if t, err := ParseTime(str); err == nil {
			return t, nil
		}
		if ms, err := strconv.ParseInt(str, 10, 64); err == nil {
			return time.UnixMilli(ms).In(CST), nil
		}
		if t, err := time.Parse(time.RFC3339Nano, str); err == nil {
			if t.IsZero() {
				return time.Time{}, nil // the zero time.Time, as encoding/json writes it
			}
			return t.In(CST), nil
		}
		return time.Time{}, fmt.Errorf("%s is not a date (want %s)", quoteValue(str), TimeLayout)
	case valNumber:
		ms, err := strconv.ParseInt(string(text), 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("%s is not a date in epoch milliseconds", quoteValue(string(text)))
		}
		return time.UnixMilli(ms).In(CST), nil
	}
	return time.Time{}, fmt.Errorf("want a date, got %s", k)
}

// parseTOPTime parses the usual "2006-01-02 15:04:05" without allocating.
// It accepts a subset of what ParseTime accepts; anything else is left to
// ParseTime, so both agree.
func parseTOPTime(s []byte) (time.Time, bool) {
	if len(s) != len(TimeLayout) || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(i, n int) (int, bool) {
		v := 0
		for _, c := range s[i : i+n] {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 2)
	d, ok3 := num(8, 2)
	h, ok4 := num(11, 2)
	mi, ok5 := num(14, 2)
	sec, ok6 := num(17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, CST)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, false // time.Date normalised a day or month out of range
	}
	return t, true
}
