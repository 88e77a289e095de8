package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/opentop/topgen/spec"
)

// Fixture values are computed here, at generation time, from the doc's
// example text and the IR types — never by running the runtime decoder or
// encoder — and emitted as Go literals the generated tests compare with.

// sampleLiteral builds the expected response literal from the XML example.
// An example value that does not fit its field's type is an error; the
// fixture test then says so instead of asserting.
func sampleLiteral(a *API, root *spec.SampleNode) (jen.Code, error) {
	fields, err := fieldValues(a.Results, root, "")
	if err != nil {
		return nil, err
	}
	// The RequestID field the generator adds is filled from request_id
	// when the example has one, as it is in captured responses.
	if c := root.Child("request_id"); a.AddRequestID && c != nil {
		v, err := sampleValue(Type{Kind: KindString}, c, "request_id")
		if err != nil {
			return nil, err
		}
		if v != nil {
			if len(fields) == 0 {
				fields = append(fields, jen.Line())
			}
			fields = append(fields[:len(fields)-1], jen.Line().Id("RequestID").Op(":").Add(v), jen.Line())
		}
	}
	return jen.Op("&").Id(a.Response).Values(fields...), nil
}

func fieldValues(fields []*Field, n *spec.SampleNode, path string) ([]jen.Code, error) {
	var out []jen.Code
	for _, fl := range fields {
		c := n.Child(fl.Wire)
		if c == nil {
			continue
		}
		where := strings.TrimPrefix(path+"."+fl.Wire, ".")
		v, err := sampleValue(fl.Type, c, where)
		if err != nil {
			return nil, err
		}
		if v == nil {
			continue
		}
		out = append(out, jen.Line().Id(fl.GoName).Op(":").Add(v))
	}
	if len(out) > 0 {
		out = append(out, jen.Line())
	}
	return out, nil
}

// sampleValue is the literal of one element for a field of type t, or nil
// when the decoded value is the zero value (an empty list).
func sampleValue(t Type, n *spec.SampleNode, where string) (jen.Code, error) {
	if t.List {
		if len(n.Children) == 0 {
			if strings.TrimSpace(n.Text) != "" {
				return nil, fmt.Errorf("%s: a list element holds text %q", where, n.Text)
			}
			return nil, nil
		}
		item := t
		item.List = false
		var items []jen.Code
		for i, c := range n.Children {
			v, err := itemValue(item, c, fmt.Sprintf("%s[%d]", where, i), true)
			if err != nil {
				return nil, err
			}
			items = append(items, jen.Line().Add(v))
		}
		items = append(items, jen.Line())
		return jen.Index().Add(elemType(t)).Values(items...), nil
	}
	if t.Kind == KindStruct {
		v, err := itemValue(t, n, where, false)
		if err != nil {
			return nil, err
		}
		return jen.Op("&").Add(v), nil
	}
	return scalarValue(t.Kind, n, where)
}

// itemValue is the literal of a list item or a struct value (no "&").
func itemValue(t Type, n *spec.SampleNode, where string, elided bool) (jen.Code, error) {
	if t.Kind != KindStruct {
		v, err := scalarValue(t.Kind, n, where)
		if v == nil && err == nil {
			v = zeroLiteral(t.Kind)
		}
		return v, err
	}
	if n.Leaf() && strings.TrimSpace(n.Text) != "" {
		return nil, fmt.Errorf("%s: a struct element holds text %q", where, n.Text)
	}
	fields, err := fieldValues(t.Struct.Fields, n, where)
	if err != nil {
		return nil, err
	}
	if elided {
		// A list item: gofmt -s style, the element type is implied.
		return jen.Values(fields...), nil
	}
	return jen.Id(t.Struct.GoName).Values(fields...), nil
}

// intLit is an untyped integer literal (the field gives the type).
func intLit(v int64) jen.Code { return jen.Op(strconv.FormatInt(v, 10)) }

// stringLit is a raw string literal when the text allows one (readable
// multi-line examples), else a quoted one. Raw literals cannot be ended
// early: the text holds no backquote.
func stringLit(s string) jen.Code {
	if rawOK(s) {
		return jen.Op("`" + s + "`")
	}
	return jen.Lit(s)
}

func rawOK(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '`', r == '\r', r == '\ufeff', r == 0x7f:
			return false
		case r < 0x20 && r != '\n' && r != '\t':
			return false
		}
	}
	return true
}

func zeroLiteral(k Kind) jen.Code {
	switch k {
	case KindInt:
		return intLit(0)
	case KindBool:
		return jen.False()
	case KindTime:
		return jen.Qual("time", "Time").Values()
	case KindDecimal:
		return jen.Qual(RuntimePath, "Decimal").Call(jen.Lit(""))
	}
	return jen.Lit("")
}

// scalarValue parses an example text as the runtime's lenient rules
// document it (numbers trimmed, empty is zero) and returns its literal;
// nil for an empty date.
func scalarValue(k Kind, n *spec.SampleNode, where string) (jen.Code, error) {
	if !n.Leaf() {
		return nil, fmt.Errorf("%s: a scalar element has child elements", where)
	}
	text := n.Text
	trimmed := strings.TrimSpace(text)
	switch k {
	case KindInt:
		if trimmed == "" {
			return intLit(0), nil
		}
		v, err := strconv.ParseInt(trimmed, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a Number", where, text)
		}
		return intLit(v), nil
	case KindBool:
		switch strings.ToLower(trimmed) {
		case "true", "1":
			return jen.True(), nil
		case "false", "0", "":
			return jen.False(), nil
		}
		return nil, fmt.Errorf("%s: %q is not a Boolean", where, text)
	case KindTime:
		if trimmed == "" {
			return nil, nil
		}
		t, err := time.Parse("2006-01-02 15:04:05", trimmed)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a Date (yyyy-MM-dd HH:mm:ss)", where, text)
		}
		return timeLiteral(t), nil
	case KindDecimal:
		if trimmed != "" && !decimalText(trimmed) {
			return nil, fmt.Errorf("%s: %q is not a decimal", where, text)
		}
		return jen.Qual(RuntimePath, "Decimal").Call(jen.Lit(trimmed)), nil
	}
	return jen.Lit(text), nil
}

// timeLiteral writes t's wall clock as a time.Date in top.CST.
func timeLiteral(t time.Time) jen.Code {
	return jen.Qual("time", "Date").Call(jen.Lit(t.Year()), jen.Qual("time", t.Month().String()), jen.Lit(t.Day()),
		jen.Lit(t.Hour()), jen.Lit(t.Minute()), jen.Lit(t.Second()), jen.Lit(0), jen.Qual(RuntimePath, "CST"))
}

// decimalText accepts [+-]digits[.digits][e[+-]digits] (and ".5", "5.").
func decimalText(s string) bool {
	s = strings.TrimLeft(s, "+-")
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp {
		exp = strings.TrimLeft(exp, "+-")
		if exp == "" || strings.Trim(exp, "0123456789") != "" {
			return false
		}
	}
	ip, fp, _ := strings.Cut(mant, ".")
	return ip+fp != "" && strings.Trim(ip+fp, "0123456789") == ""
}

// errorSample is the TOP error of an XML error example.
type errorSample struct {
	Code                 int64
	Msg, SubCode, SubMsg string
}

func parseErrorSample(text string) (*errorSample, error) {
	root, err := spec.ParseSampleXML(text)
	if err != nil {
		return nil, err
	}
	if root.Name != "error_response" {
		return nil, fmt.Errorf("error example root is <%s>", root.Name)
	}
	e := &errorSample{}
	get := func(name string) string {
		if c := root.Child(name); c != nil {
			return c.Text
		}
		return ""
	}
	if code := strings.TrimSpace(get("code")); code != "" {
		if e.Code, err = strconv.ParseInt(code, 10, 32); err != nil {
			return nil, fmt.Errorf("error example: code %q is not a number", code)
		}
	}
	e.Msg, e.SubCode, e.SubMsg = get("msg"), get("sub_code"), get("sub_msg")
	return e, nil
}

// requestSample is a request built from the params' example values: the
// setter calls, the form values Params must produce, and the parameter
// paths Validate must report (required parameters without an example,
// examples outside the limits).
type requestSample struct {
	Setters  []jen.Code // chained .SetX(v) calls
	Form     [][2]string
	Problems []string
}

func buildRequestSample(a *API) *requestSample {
	rs := &requestSample{}
	for _, fl := range a.Params {
		ev := exampleOf(fl, fl.Wire, rs)
		if ev == nil {
			continue
		}
		rs.Setters = append(rs.Setters, jen.Dot(fl.Setter).Call(ev.arg(fl.Type)))
		if ev.form != "" {
			rs.Form = append(rs.Form, [2]string{fl.Wire, ev.form})
		}
	}
	return rs
}

// exampleValue is a field's value built from examples: its Go literal
// (the value, not a pointer), its form text and its JSON text.
type exampleValue struct {
	lit    jen.Code
	elided jen.Code // struct literal without its type, as a list item
	form   string
	json   string
}

// arg is the setter argument: values for scalars and lists, a pointer for
// structs.
func (e *exampleValue) arg(t Type) jen.Code {
	if t.Kind == KindStruct && !t.List {
		return jen.Op("&").Add(e.lit)
	}
	return e.lit
}

// field is the value in a struct literal: pointers for scalars and structs.
func (e *exampleValue) field(t Type) jen.Code {
	switch {
	case t.List:
		return e.lit
	case t.Kind == KindStruct:
		return jen.Op("&").Add(e.lit)
	case t.Kind == KindInt:
		// An untyped constant would make Ptr infer *int.
		return jen.Qual(RuntimePath, "Ptr").Types(jen.Int64()).Call(e.lit)
	}
	return jen.Qual(RuntimePath, "Ptr").Call(e.lit)
}

// exampleOf returns the value of a field built from the examples, or nil
// when the doc gives none; problems Validate will find are added to rs.
func exampleOf(fl *Field, path string, rs *requestSample) *exampleValue {
	t := fl.Type
	var ev *exampleValue
	switch {
	case t.Kind == KindStruct && t.List:
		item := structExample(t.Struct, path+"[0]", rs)
		if item != nil {
			ev = &exampleValue{
				lit:  jen.Index().Id(t.Struct.GoName).Values(item.elided),
				json: "[" + item.json + "]",
			}
			ev.form = ev.json
		}
	case t.Kind == KindStruct:
		ev = structExample(t.Struct, path, rs)
	case t.Kind == KindFile:
	case t.List && t.Kind == KindRawJSON:
		ev = rawListExample(fl.Param.Example)
	case t.List:
		ev = listExample(t.Kind, fl.Param.Example)
	default:
		ev = scalarExample(t.Kind, fl.Param.Example)
	}
	if ev == nil {
		if fl.Required {
			rs.Problems = append(rs.Problems, path+": required")
		}
		return nil
	}
	l := fl.Limits
	switch {
	case t.List:
	case t.Kind == KindString && l.MaxLength != nil && int64(len([]rune(fl.Param.Example))) > *l.MaxLength:
		rs.Problems = append(rs.Problems, path+": length")
	case t.Kind == KindInt && l.MinValue != nil:
		if n, _ := strconv.ParseInt(ev.form, 10, 64); n < *l.MinValue {
			rs.Problems = append(rs.Problems, path+": value")
		}
	}
	if t.Kind == KindInt && !t.List && l.MaxValue != nil {
		if n, _ := strconv.ParseInt(ev.form, 10, 64); n > *l.MaxValue {
			rs.Problems = append(rs.Problems, path+": value")
		}
	}
	return ev
}

// structExample is a struct with every field that has an example; nil
// when no field has one. Then the struct is left unset, and Validate does
// not look inside it: the problems its fields would have are dropped.
func structExample(s *Struct, path string, rs *requestSample) *exampleValue {
	var (
		vals []jen.Code
		js   bytes.Buffer
	)
	problems := len(rs.Problems)
	js.WriteByte('{')
	for _, fl := range s.Fields {
		ev := exampleOf(fl, path+"."+fl.Wire, rs)
		if ev == nil {
			continue
		}
		vals = append(vals, jen.Line().Id(fl.GoName).Op(":").Add(ev.field(fl.Type)))
		if js.Len() > 1 {
			js.WriteByte(',')
		}
		js.WriteString(jsonString(fl.Wire) + ":" + ev.json)
	}
	js.WriteByte('}')
	if len(vals) == 0 {
		rs.Problems = rs.Problems[:problems]
		return nil
	}
	vals = append(vals, jen.Line())
	return &exampleValue{lit: jen.Id(s.GoName).Values(vals...), elided: jen.Values(vals...), json: js.String(), form: js.String()}
}

// scalarExample parses an example as the doc type; nil when empty or not
// of that type (the example is then not used).
func scalarExample(k Kind, text string) *exampleValue {
	s := strings.TrimSpace(text)
	if s == "" {
		return nil
	}
	switch k {
	case KindInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil
		}
		f := strconv.FormatInt(n, 10)
		return &exampleValue{lit: intLit(n), form: f, json: f}
	case KindBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil
		}
		f := strconv.FormatBool(b)
		return &exampleValue{lit: jen.Lit(b), form: f, json: f}
	case KindTime:
		t, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			return nil
		}
		f := t.Format("2006-01-02 15:04:05")
		return &exampleValue{lit: timeLiteral(t), form: f, json: jsonString(f)}
	case KindDecimal:
		if !decimalText(s) {
			return nil
		}
		return &exampleValue{lit: jen.Qual(RuntimePath, "Decimal").Call(jen.Lit(s)), form: s, json: s}
	case KindRawJSON:
		// JSON text only: the example is sent as it is at the top level,
		// compacted inside a struct; other text is no example.
		c, ok := compactJSON(text)
		if !ok {
			return nil
		}
		return &exampleValue{lit: jen.Qual(RuntimePath, "RawJSON").Call(stringLit(text)), form: text, json: c}
	}
	// Strings keep their exact text; only an all-space example is "none".
	return &exampleValue{lit: jen.Lit(text), form: text, json: jsonString(text)}
}

// rawListExample reads the example of a list of raw JSON values: a JSON
// array is its items, another JSON value the one item. The list is sent
// as one JSON array.
func rawListExample(text string) *exampleValue {
	c, ok := compactJSON(text)
	if !ok {
		return nil
	}
	var items []json.RawMessage
	if strings.HasPrefix(c, "[") {
		if json.Unmarshal([]byte(c), &items) != nil || len(items) == 0 {
			return nil
		}
	} else {
		items = []json.RawMessage{json.RawMessage(c)}
	}
	var (
		lits []jen.Code
		jss  []string
	)
	for _, it := range items {
		lits = append(lits, jen.Qual(RuntimePath, "RawJSON").Call(stringLit(string(it))))
		jss = append(jss, string(it))
	}
	js := "[" + strings.Join(jss, ",") + "]"
	return &exampleValue{lit: jen.Index().Qual(RuntimePath, "RawJSON").Values(lits...), form: js, json: js}
}

// compactJSON is text compacted when it is one JSON value (json.Compact
// refuses anything else, empty text and two values included).
func compactJSON(text string) (string, bool) {
	var b bytes.Buffer
	if json.Compact(&b, []byte(text)) != nil {
		return "", false
	}
	return b.String(), true
}

// listExample splits a list example at commas (the form TOP sends).
func listExample(k Kind, text string) *exampleValue {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var (
		lits       []jen.Code
		forms, jss []string
	)
	for _, part := range strings.Split(text, ",") {
		if k != KindString {
			part = strings.TrimSpace(part)
		}
		ev := scalarExample(k, part)
		if ev == nil {
			return nil
		}
		lits = append(lits, ev.lit)
		forms = append(forms, ev.form)
		jss = append(jss, ev.json)
	}
	return &exampleValue{
		lit:  jen.Index().Add(scalarType(k)).Values(lits...),
		form: strings.Join(forms, ","),
		json: "[" + strings.Join(jss, ",") + "]",
	}
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
