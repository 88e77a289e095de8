package mock

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opentop/topgen/internal/quote"
	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top"
)

// CheckParams checks a call's business parameters against the API's spec
// and returns the error_response the gateway would answer, or nil. params
// are the form values (system parameters excluded), files the names of the
// file parts.
//
// Checked, in this order: names the spec does not know (sorted); then each
// spec parameter in doc order: required ones present, the type of the
// value (Number a decimal integer, Boolean true/false, Date
// "2006-01-02 15:04:05", Price/BigDecimal a decimal, Json valid JSON,
// byte[] a file part, structs a JSON object or, for lists, an array of
// objects whose required fields are present and typed), top-level scalar
// lists comma-joined, and the 更多限制 limits (max length in characters,
// max list size, min/max value). Nested field names the spec does not know
// are let through: specs from text pages may miss fields, and the real
// gateway ignores unknown JSON fields.
//
// The first problem is reported, as TOP does: code 40 Missing Required
// Arguments with sub_code isv.missing-parameter:<path>, or 41 Invalid
// Arguments with isv.invalid-parameter:<path>, where path names a nested
// field as param.goods_list[0].price_id.
func CheckParams(api *spec.API, params map[string]string, files []string) *top.Error {
	known := make(map[string]bool, len(api.Request))
	for _, p := range api.Request {
		known[p.Name] = true
	}
	names := make([]string, 0, len(params)+len(files))
	for name := range params {
		names = append(names, name)
	}
	names = append(names, files...)
	slices.Sort(names)
	for _, name := range names {
		if !known[name] {
			name = quote.Text(name, quote.Max) // from the request: echoed, so cut
			return invalid(name, fmt.Sprintf("%s has no parameter %s", api.Method, name))
		}
	}
	for _, p := range api.Request {
		value, isValue := params[p.Name]
		isFile := slices.Contains(files, p.Name)
		if p.Type == "byte[]" {
			if isValue {
				return invalid(p.Name, "byte[] parameter: send it as a file part (multipart/form-data), not a form value")
			}
			if !isFile && p.Required {
				return missing(p.Name)
			}
			continue
		}
		if isFile {
			return invalid(p.Name, fmt.Sprintf("sent as a file part, but its type is %s", p.DocType()))
		}
		if !isValue || value == "" { // empty values are not sent, so they count as absent
			if p.Required {
				return missing(p.Name)
			}
			continue
		}
		if pr := checkTop(p, value); pr != nil {
			return pr.toError()
		}
	}
	return nil
}

// problem is one failed check: a missing field or an invalid value at path.
type problem struct {
	path    string
	missing bool
	msg     string
}

func (pr *problem) toError() *top.Error {
	if pr.missing {
		return missing(pr.path)
	}
	return invalid(pr.path, pr.msg)
}

func missing(path string) *top.Error {
	return &top.Error{Code: 40, Msg: "Missing Required Arguments",
		SubCode: "isv.missing-parameter:" + path, SubMsg: "missing required parameter " + path}
}

func invalid(path, msg string) *top.Error {
	return &top.Error{Code: 41, Msg: "Invalid Arguments",
		SubCode: "isv.invalid-parameter:" + path, SubMsg: path + ": " + msg}
}

func bad(path, format string, args ...any) *problem {
	return &problem{path: path, msg: fmt.Sprintf(format, args...)}
}

// checkTop checks a top-level form value: structs are JSON, scalar lists
// are comma-joined, scalars are text.
func checkTop(p *spec.Param, value string) *problem {
	if p.IsStruct() {
		dec := json.NewDecoder(strings.NewReader(value))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil || dec.More() {
			want := "a JSON object"
			if p.List {
				want = "a JSON array of objects"
			}
			return bad(p.Name, "want %s (%s), got %s", want, p.DocType(), quote.Value(value))
		}
		return checkJSON(p, v, p.Name)
	}
	if p.List {
		items := strings.Split(value, ",")
		if pr := checkListSize(p, len(items), p.Name); pr != nil {
			return pr
		}
		for i, item := range items {
			if msg := scalarText(p, item); msg != "" {
				return bad(p.Name, "item %d: %s", i, msg)
			}
		}
		return nil
	}
	if msg := scalarText(p, value); msg != "" {
		return bad(p.Name, "%s", msg)
	}
	return nil
}

func checkListSize(p *spec.Param, n int, path string) *problem {
	if max := p.Limits.MaxListSize; max != nil && int64(n) > *max {
		return bad(path, "list has %d items, more than the limit of %d", n, *max)
	}
	return nil
}

var (
	integerRE = regexp.MustCompile(`^-?[0-9]+$`)
	decimalRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
)

// scalarText checks the text of a scalar of p's type and p's limits; it
// returns what is wrong, or "".
func scalarText(p *spec.Param, s string) string {
	// 最大长度 is a String's limit: the generated client checks it on
	// String parameters only (a Number's is documented, not enforced), and
	// the mock must not refuse what the client sends.
	if max := p.Limits.MaxLength; max != nil && p.Type == "String" {
		if n := utf8.RuneCountInString(s); int64(n) > *max {
			return fmt.Sprintf("%d characters, longer than the limit of %d", n, *max)
		}
	}
	switch p.Type {
	case "Number":
		if !integerRE.MatchString(s) {
			return "want a decimal integer (Number), got " + quote.Value(s)
		}
		if _, err := strconv.ParseInt(s, 10, 64); err != nil {
			return "Number out of the 64-bit range: " + quote.Text(s, quote.Max)
		}
		return checkRange(p, s)
	case "Price", "BigDecimal":
		if !decimalRE.MatchString(s) {
			return fmt.Sprintf("want a decimal number (%s), got %s", p.Type, quote.Value(s))
		}
		return checkRange(p, s)
	case "Boolean":
		if s != "true" && s != "false" {
			return "want true or false (Boolean), got " + quote.Value(s)
		}
	case "Date":
		if _, err := top.ParseTime(s); err != nil {
			return `want a Date as "yyyy-MM-dd HH:mm:ss", got ` + quote.Value(s)
		}
	case "Json":
		if !json.Valid([]byte(s)) {
			return "want JSON text (Json), got " + quote.Value(s)
		}
	}
	return ""
}

// checkRange applies min_value/max_value to a decimal s.
func checkRange(p *spec.Param, s string) string {
	l := p.Limits
	if l.MinValue != nil && cmpDecimal(s, *l.MinValue) < 0 {
		return fmt.Sprintf("%s is less than the minimum %d", quote.Text(s, quote.Max), *l.MinValue)
	}
	if l.MaxValue != nil && cmpDecimal(s, *l.MaxValue) > 0 {
		return fmt.Sprintf("%s is more than the maximum %d", quote.Text(s, quote.Max), *l.MaxValue)
	}
	return ""
}

// cmpDecimal compares a decimal text s, as decimalRE accepts it, with n,
// exactly and in time linear in s: converting a 4 MB value to a big.Rat
// would take minutes of the gateway's CPU.
func cmpDecimal(s string, n int64) int {
	neg := strings.HasPrefix(s, "-")
	ip, fp, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	ip = strings.TrimLeft(ip, "0")
	frac := strings.Trim(fp, "0") != "" // s = ±(ip + f), 0 < f < 1
	switch {
	case ip == "" && !frac:
		return cmp.Compare(0, n) // zero, also written -0.00
	case len(ip) > 19: // beyond any int64
		if neg {
			return -1
		}
		return 1
	}
	v, _ := strconv.ParseUint("0"+ip, 10, 64) // at most 19 digits: fits
	if !neg {
		if n < 0 {
			return 1
		}
		if c := cmp.Compare(v, uint64(n)); c != 0 || !frac {
			return c
		}
		return 1
	}
	if n >= 0 {
		return -1
	}
	m := uint64(-(n + 1)) + 1 // |n|, also for math.MinInt64
	if c := cmp.Compare(m, v); c != 0 || !frac {
		return c // -v against -m
	}
	return -1
}

// checkJSON checks a decoded JSON value (numbers as json.Number) against p.
func checkJSON(p *spec.Param, v any, path string) *problem {
	if !p.List {
		return checkElem(p, v, path)
	}
	items, ok := v.([]any)
	if !ok {
		return bad(path, "want a JSON array (%s), got %s", p.DocType(), jsonKind(v))
	}
	if pr := checkListSize(p, len(items), path); pr != nil {
		return pr
	}
	for i, item := range items {
		if pr := checkElem(p, item, fmt.Sprintf("%s[%d]", path, i)); pr != nil {
			return pr
		}
	}
	return nil
}

// checkElem checks one value of p's element type.
func checkElem(p *spec.Param, v any, path string) *problem {
	if p.IsStruct() {
		obj, ok := v.(map[string]any)
		if !ok {
			return bad(path, "want a JSON object (%s), got %s", p.Type, jsonKind(v))
		}
		for _, c := range p.Children {
			cv, ok := obj[c.Name]
			if !ok || cv == nil {
				if c.Required {
					return &problem{path: path + "." + c.Name, missing: true}
				}
				continue
			}
			if pr := checkJSON(c, cv, path+"."+c.Name); pr != nil {
				return pr
			}
		}
		return nil
	}
	if p.Type == "Json" {
		return nil // any JSON value
	}
	// A scalar in JSON: the SDKs write numbers and booleans as JSON
	// numbers and booleans, and everything else as strings; the gateway's
	// JSON reader also takes their text in a string.
	var text string
	switch v := v.(type) {
	case string:
		text = v
	case json.Number:
		text = v.String()
	case bool:
		text = strconv.FormatBool(v)
	default:
		return bad(path, "want a %s, got %s", p.Type, jsonKind(v))
	}
	if msg := scalarText(p, text); msg != "" {
		return bad(path, "%s", msg)
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
