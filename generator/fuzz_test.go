package generator

import (
	"encoding/xml"
	"fmt"
	"go/parser"
	"go/token"
	"sort"
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

// FuzzGenerate: specs derived from the fuzzer's bytes (structurally: the
// bytes choose methods, names, types, nesting, limits, examples) never
// make Generate panic; every file it returns parses, and when the specs
// are valid the generated packages, tests included, type-check. A valid
// spec may still be refused, but only for the reasons Generate documents.
//
//	go test -run '^$' -fuzz '^FuzzGenerate$' -fuzztime 10m ./generator
//
// Crashers land in testdata/fuzz/FuzzGenerate and run in every go test.
func FuzzGenerate(f *testing.F) {
	for _, seed := range []string{
		"", "\x00", "\xff\xff\xff\xff", "0123456789abcdefghijklmnopqrstuvwxyz",
		strings.Repeat("\x01\x02\x03\x04\x05\x06\x07", 20), strings.Repeat("\x80\x11\xfe\x33", 40),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		apis := fuzzSpecs(data)
		valid := true
		for _, a := range apis {
			if a.Validate() != nil {
				valid = false
			}
		}
		files, err := Generate(apis, Options{ImportPath: "example.com/fuzz"})
		if err != nil {
			if files != nil {
				t.Fatal("files returned with an error")
			}
			if valid && !expectedRefusal(err) {
				t.Fatalf("valid specs refused: %v\n%s", err, dumpSpecs(apis))
			}
			return
		}
		if !valid {
			t.Fatalf("invalid specs generated\n%s", dumpSpecs(apis))
		}
		fset := token.NewFileSet()
		for _, name := range sortedNames(files) {
			if _, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution); err != nil {
				t.Fatalf("%s does not parse: %v\n%s", name, err, files[name])
			}
		}
		if err := typeCheck(files); err != nil {
			t.Fatalf("generated code does not type-check: %v\n%s", err, dumpSpecs(apis))
		}
	})
}

// expectedRefusal reports whether Generate refused valid specs for one of
// its documented reasons: two APIs of a package claiming one name, or a
// list of files as a top-level parameter.
func expectedRefusal(err error) bool {
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.Contains(line, " is generated for both ") && !strings.Contains(line, "as a top-level parameter is not supported") {
			return false
		}
	}
	return true
}

func dumpSpecs(apis []*spec.API) string {
	var b strings.Builder
	for _, a := range apis {
		data, err := spec.Marshal(a)
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", a.Method, err)
			continue
		}
		b.Write(data)
		b.WriteString("---\n")
	}
	return b.String()
}

// fuzzSource hands out the fuzzer's bytes as choices; past the end every
// choice is the first option, so short inputs give small specs.
type fuzzSource struct {
	data []byte
	i    int
}

func (s *fuzzSource) byte() byte {
	if s.i >= len(s.data) {
		return 0
	}
	s.i++
	return s.data[s.i-1]
}

func (s *fuzzSource) intn(n int) int { return int(s.byte()) % n }

func (s *fuzzSource) pick(options []string) string { return options[s.intn(len(options))] }

// rare is true for about one choice in 32: the way to an invalid spec,
// which Generate must refuse cleanly, while most inputs stay valid and
// reach the type-checker.
func (s *fuzzSource) rare() bool { return s.intn(32) == 31 }

// text is up to max bytes of the input as text: valid UTF-8 but for rare
// inputs, control characters and all.
func (s *fuzzSource) text(max int) string {
	r := s.raw(max)
	if s.rare() {
		return r
	}
	return strings.ToValidUTF8(r, "\uFFFD")
}

// raw is up to max bytes of the input as they are: any bytes at all.
func (s *fuzzSource) raw(max int) string {
	n := s.intn(max + 1)
	var b []byte
	for range n {
		b = append(b, s.byte())
	}
	return string(b)
}

// Names that met a Go rule somewhere: keywords, predeclared identifiers,
// the request type's methods and setters, initialisms, names that map to
// one Go name, names a struct tag reinterprets, test and type names.
var fuzzNames = []string{
	"order_id", "orderId", "OrderID", "order-id", "type", "func", "package", "request_id", "requestId",
	"validate", "params", "api_method", "session_required", "new_response", "set_x", "x", "X", "id", "ids",
	"-", "a,b", "a b", "*/", "/*", "q\"t", "x`y", "订单号", "4c", "_", "a.b", "Test", "test_response_xml",
	"string", "error", "nil", "unmarshal_json", "result", "data", "param", "goods", "item", "items",
	"url", "sku_url", "new\nline", "\u2028", "a>b", "ResponseXML",
	"page_no", "page_size", "has_next", "total_results", "cursor", "next_cursor", "trades", "status",
}

// fuzzDescriptions list documented values (spec.Detect reads them) among
// hostile text.
var fuzzDescriptions = []string{
	"订单状态;1=订单未完成,2=订单已完成,3=订单已关闭", "状态: WAIT=等待, DONE=完成", "1:未付款;2:已付款;1:重复",
	"页码，从0开始", "每页条数", "是否有下一页", "总条数", "*/ func init() {}", "<b>x</b> &amp; \n y",
}

var fuzzTypes = []string{
	"Result", "ResultData", "Param", "Goods", "Item", "X", "TestTestResponseXML", "Request", "Response",
	"OrderCreateParam", "A_B", "a", "Level1", "Level2", "Struct", "MzOrderCreateParam", "ItemsGetRequest",
}

var fuzzScalars = func() []string {
	var out []string
	for t := range spec.ScalarTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}()

var (
	fuzzVendors  = []string{"taobao", "alibaba", "tmall", "cainiao", "x"}
	fuzzGroups   = []string{"damai", "main", "test", "internal", "type", "top", "time", "1688", "x", "documentation", "tool"}
	fuzzSegments = []string{"order", "get", "create", "test", "linux", "ppc", "doc", "x", "4c", "detail", "api", "amd64", "response"}
)

// fuzzSpecs derives one to three APIs of one vendor and group (so they
// share a package and their names can clash).
func fuzzSpecs(data []byte) []*spec.API {
	s := &fuzzSource{data: data}
	vendor, group := s.pick(fuzzVendors), s.pick(fuzzGroups)
	var apis []*spec.API
	seen := map[string]bool{}
	for range 1 + s.intn(3) {
		segs := []string{vendor, group}
		for range 1 + s.intn(3) {
			seg := s.pick(fuzzSegments)
			switch {
			case s.rare():
				seg = s.raw(4)
			case s.intn(8) == 7:
				seg = strings.Map(func(r rune) rune { return 'a' + r%26 }, s.raw(4)) + "x"
			}
			segs = append(segs, seg)
		}
		a := &spec.API{
			Method:      strings.Join(segs, "."),
			Title:       s.text(6),
			Description: s.text(12),
			Session:     []spec.Session{spec.SessionNone, spec.SessionRequired, spec.SessionOptional}[s.intn(3)],
		}
		a.Request = s.params(0, true)
		a.Response = s.params(0, false)
		if s.intn(4) != 0 {
			var b strings.Builder
			b.WriteString("<" + strings.ReplaceAll(a.ResponseKey(), "-", "_") + ">")
			s.sampleXML(&b, a.Response)
			b.WriteString("</" + strings.ReplaceAll(a.ResponseKey(), "-", "_") + ">")
			a.Examples.ResponseXML = b.String()
		}
		if s.intn(2) == 1 {
			spec.Detect(a) // documented values and paging, as the scraper derives them
		}
		if s.intn(3) == 0 {
			a.Examples.ErrorXML = fmt.Sprintf("<error_response><code>%s</code><msg>%s</msg><sub_code>%s</sub_code></error_response>",
				s.pick([]string{"7", "50", "x", "99999999999", ""}), xmlText(s.text(4)), xmlText(s.text(3)))
		}
		if !seen[a.Method] { // a method given twice is the caller's error
			seen[a.Method] = true
			apis = append(apis, a)
		}
	}
	return apis
}

// params is one level of a parameter tree: up to four siblings, nesting
// at most four levels; rarely a choice that makes the spec invalid.
func (s *fuzzSource) params(depth int, request bool) []*spec.Param {
	var out []*spec.Param
	taken := map[string]bool{}
	n := s.intn(5)
	if depth > 0 && n == 0 && !s.rare() {
		n = 1 // a struct has fields
	}
	for range n {
		p := &spec.Param{Name: s.pick(fuzzNames)}
		if s.intn(6) == 5 {
			p.Name = s.text(5)
		}
		if (p.Name == "" || taken[p.Name]) && !s.rare() {
			continue
		}
		taken[p.Name] = true
		switch {
		case depth < 4 && s.intn(3) == 0:
			p.Type = s.pick(fuzzTypes)
			if s.intn(8) == 7 {
				p.Opaque = true // a struct the doc gives no fields for
			} else {
				p.Children = s.params(depth+1, request)
			}
		case s.rare():
			p.Type = s.pick([]string{"Numbr", "", "a b", "Goods"})
		default:
			p.Type = s.pick(fuzzScalars)
		}
		flags := s.byte()
		p.List = flags&1 != 0
		p.Required = flags&2 != 0
		if flags&4 != 0 {
			p.Description = s.text(8)
			if s.intn(2) == 1 {
				p.Description = s.pick(fuzzDescriptions)
			}
		}
		if flags&8 != 0 {
			p.Example = s.example(p.Type)
		}
		if flags&16 != 0 {
			n := int64(s.intn(40))
			if s.rare() {
				n = -n - 1
			}
			p.Limits.MaxLength = &n
		}
		if flags&32 != 0 {
			lo, hi := int64(s.intn(20))-3, int64(s.intn(20))
			if lo > hi && !s.rare() {
				lo, hi = hi, lo
			}
			p.Limits.MinValue, p.Limits.MaxValue = &lo, &hi
		}
		if flags&64 != 0 {
			n := int64(s.intn(5))
			p.Limits.MaxListSize = &n
		}
		if flags&128 != 0 {
			p.Default = s.example(p.Type)
			if p.List {
				p.Wrapper = s.pick([]string{"item", p.Name, "x_y", ""})
			}
			if s.intn(4) == 3 && (p.Type == "String" || p.Type == "Number" || s.rare()) {
				for range 1 + s.intn(3) {
					p.Values = append(p.Values, spec.Value{Value: s.example(p.Type), Label: s.text(5)})
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// example is an example value for a doc type: usually one that fits it,
// sometimes anything.
func (s *fuzzSource) example(typ string) string {
	if s.intn(4) == 0 {
		return s.text(6)
	}
	switch typ {
	case "Number", "byte":
		return s.pick([]string{"0", "1", "-7", "123456789012345678901", "12,13", "1.5"})
	case "Boolean":
		return s.pick([]string{"true", "false", "1"})
	case "Date":
		return s.pick([]string{"2024-01-02 15:04:05", "2024-01-02", "now"})
	case "Price", "BigDecimal":
		return s.pick([]string{"1.23", "0", "-0.5", "1e3", "12,3.4"})
	}
	return s.pick([]string{"abc", "", "a,b", "`x`", "\"q\"", "订单"})
}

// sampleXML writes an XML example of params: the elements in doc order,
// lists as wrapped items, values that usually fit their type.
func (s *fuzzSource) sampleXML(b *strings.Builder, params []*spec.Param) {
	for _, p := range params {
		if s.intn(5) == 0 || !xmlName(p.Name) {
			continue
		}
		n := 1
		if p.List {
			n = s.intn(3)
		}
		b.WriteString("<" + p.Name + ">")
		for range n {
			if p.List {
				b.WriteString("<item>")
			}
			if len(p.Children) > 0 {
				s.sampleXML(b, p.Children)
			} else {
				b.WriteString(xmlText(s.example(p.Type)))
			}
			if p.List {
				b.WriteString("</item>")
			}
		}
		b.WriteString("</" + p.Name + ">")
	}
}

// xmlName reports whether a name can be an XML element name as written.
func xmlName(name string) bool {
	err := xml.Unmarshal([]byte("<"+name+"/>"), new(struct{}))
	return err == nil && name != "" && !strings.ContainsAny(name, ":")
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
