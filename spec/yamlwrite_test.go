package spec

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

// The spec writer is held to yaml.v3 (encodeYAML): byte for byte, on the
// bundled and golden specs, on strings chosen to hit each of yaml.v3's
// scalar rules at every indentation a spec has, and under fuzzing. The
// catalogue's 4,885 specs are checked in scraper's TestCorpusJSON.

// trickyStrings each take another of yaml.v3's paths: plain, quoted
// because they read back as something else, single- or double-quoted for
// an indicator or a character, literal blocks with each chomping and an
// indentation indicator.
var trickyStrings = []string{
	"", " ", "a", "a ", " a", "a  b", "_a", "$a", "/a", "(a)", "<<", "<a>", "=",
	"true", "True", "yes", "Yes", "y", "n", "N", "on", "off", "OFF", "null", "~",
	"Number", "name", "type", "total", "nesting", "on_sale", "yesterday",
	"0", "007", "09", "12345678901234567890", "1.5", "-1", "+1", ".5", "1e3", "0x1F",
	"0b101", "1_000", "2016-01-01", "2016-01-01 12:00:00", "1:30", "190:20:30", ".inf", "-.inf", ".nan",
	"a: b", "a:b", "a:", "a #b", "a#b", "#a", "- a", "-a", "--- a", "---", "...", "? a", "?a",
	":a", ": a", "&a", "*a", "!a", "|a", ">a", "'a'", "a'b", `"a"`, `a"b`, "%a", "@a", "`a",
	"[a]", "{a}", ",a", "a,b", "a[b]", "a\tb", "\ta", "a\t",
	"a\nb", "a\n", "a\n\n", "a\n\n\n", "\na", "\n", "\n\n", " a\nb", "a \nb", "a\n b", "a\n\tb",
	"a\r\nb", "a\rb", "a\n\nb", "a\n \nb", "\ta\nb", "a\t\nb", "a\nb ", "a\n#b", "a\n- b", "a: b\nc", "true\nfalse",
	"中文", "中文: 说明", "中文：说明", "（说明）", "说明 #1", "\u00a0a", "a\u00a0", "\u0085a", "a\u0085b",
	"a\u2028b", "a\u2029\nb", "a\ufeffb", "\ufeffa", "a\ufffdb", "😀", "a😀", "a😀\nb", "a\x00b",
	"\xff", "a\xffb", "a\xffb\nc", "a\x7fb", "a\x1bb", "\\a", "a\\nb",
	"-", "--", "?", ":", "-a b", "a -", "'", "it's", "a: 'b'", `a"b\c`, `1"`, `1\`, "1 'a'",
	"0.", "1.", "1e", "+", "+.5", "-.5", ".", "..", ".5.5", ".5e3", "0o17", "0o8", "-0b11", "-0o7",
	"0b2", "1__0", "_1", "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43Z", "2001-1-2",
	"2001-13-45", "2024-09-01 00:00:00.100", "2019-11-10  21:59:59", "12:30", "1:61", "-1:30",
	"+1_0:30.5", "1.0e+3", "1E3", "9223372036854775808", "18446744073709551616",
	"-9223372036854775809", "0x", "0xG", "0x_1F", "1,000", "10%", "1楼", "380元", "1 #a", "1#a",
}

// specWith puts s in every kind of place a string has in a spec: keys at
// indentation 0 to 12, omitempty or not, in mappings and sequences.
func specWith(s string) *API {
	n := int64(1)
	return &API{
		Method:      s,
		Title:       s,
		Description: s,
		Source:      s,
		Session:     Session(s),
		Request: []*Param{{
			Name: s, Type: s, Example: s, Default: s, Description: s,
			Limits: Limits{MaxLength: &n},
			Values: []Value{{Value: s, Label: s}, {Value: "1"}},
			Children: []*Param{{Name: "c", Type: "String", Description: s, Wrapper: s,
				Children: []*Param{{Name: s, Type: s, Nesting: Nesting(s)}}}},
		}},
		Response: []*Param{{Name: "r", Type: "Number", Example: s, List: true, Required: true, Opaque: true}},
		Paging: &Paging{Style: PagingStyle(s), Page: s, First: &n, Size: s, Cursor: s, NextCursor: s,
			Items: s, HasNext: s, Total: s, TotalOf: TotalOf(s)},
		Examples: Examples{Request: s, ResponseXML: s, ResponseJSON: s, ResponseSimplifyJSON: s, ErrorXML: s, ErrorJSON: s},
		Errors:   []ErrorCode{{Code: s, Message: s, Solution: s}, {Code: "isv.x"}},
	}
}

// fuzzSpec puts s in fewer places than specWith, one of each kind (value
// of a top key, of a nested key, of a sequence item's first and later key,
// down to indentation 12), so that the fuzzer runs faster.
func fuzzSpec(s string) *API {
	return &API{
		Method:      s,
		Description: s,
		Request: []*Param{{Name: s, Type: "T", Description: s, Values: []Value{{Value: "1", Label: s}},
			Children: []*Param{{Name: "c", Type: "T", Children: []*Param{{Name: s, Type: "String"}}}}}},
		Examples: Examples{ResponseXML: s},
		Errors:   []ErrorCode{{Code: s}},
	}
}

func checkWriter(t *testing.T, what string, a *API) {
	t.Helper()
	want, werr := encodeYAML(a)
	got, gerr := writeSpec(a)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("%s: yaml.v3 error %v, writer error %v", what, werr, gerr)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: the writer differs from yaml.v3\nwriter:\n%s\nyaml.v3:\n%s", what, got, want)
	}
}

func TestWriteSpecStrings(t *testing.T) {
	for _, s := range trickyStrings {
		checkWriter(t, "string "+strconv.Quote(s), specWith(s))
		// The document's last value: where yaml.v3 would end an open
		// block scalar with "...".
		checkWriter(t, "last string "+strconv.Quote(s), &API{Method: "m", Examples: Examples{ErrorJSON: s}})
	}
	// Omitted and zero values: the bare minimum of a spec.
	checkWriter(t, "empty spec", &API{})
	checkWriter(t, "nil param", &API{Method: "m", Request: []*Param{nil}})
	zero := int64(0)
	checkWriter(t, "zero paging, one limit, one example", &API{Method: "m", Paging: &Paging{},
		Request:  []*Param{{Name: "p", Type: "Number", Limits: Limits{MinValue: &zero}}},
		Examples: Examples{ErrorXML: "<x/>"}})
}

func TestWriteSpecFiles(t *testing.T) {
	files, _ := filepath.Glob("../specs/*.yaml")
	golden, _ := filepath.Glob("../golden/gen/*/spec/*.yaml")
	files = append(files, golden...)
	if len(files) < 30 {
		t.Fatalf("found %d spec files; the test expects the bundled and golden specs", len(files))
	}
	for _, f := range files {
		_, a := readSpecFile(t, f)
		checkWriter(t, f, a)
	}
}

// TestWriteSpecEveryField sets every field of a spec, down its types, so
// that a field added to the model and not to the writer fails here.
func TestWriteSpecEveryField(t *testing.T) {
	var a API
	fill(reflect.ValueOf(&a).Elem(), 0)
	if len(a.Request[0].Children[0].Children) == 0 {
		t.Fatal("fill did not reach the children of children")
	}
	checkWriter(t, "every field set", &a)
}

// fill gives v and everything under it non-zero values, depth levels of
// nested params deep.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strconv.Itoa(depth))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int64:
		v.SetInt(int64(depth + 1))
	case reflect.Pointer:
		if depth > 6 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		if depth > 6 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), depth)
		}
	default:
		panic("fill: no value for " + v.Type().String())
	}
}

func FuzzWriteSpec(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkWriter(t, "fuzzed", fuzzSpec(s))
	})
}

// BenchmarkMarshal writes the bundled specs, with the writer and with
// yaml.v3.
func BenchmarkMarshal(b *testing.B) {
	files, _ := filepath.Glob("../specs/*.yaml")
	var apis []*API
	for _, f := range files {
		_, a := readSpecFile(b, f)
		apis = append(apis, a)
	}
	for _, bc := range []struct {
		name  string
		write func(*API) ([]byte, error)
	}{{"writer", writeSpec}, {"yaml.v3", func(a *API) ([]byte, error) { return encodeYAML(a) }}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, a := range apis {
					if _, err := bc.write(a); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
