package generator

import (
	"fmt"
	"go/build"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/opentop/topgen/spec"
)

// reservedRequest are the method names of every request type (top.Request,
// top.Call, and the Pages and Items iterators of paged APIs: reserved
// for every API, so that paging detected later never renames a field). A parameter whose Go name is one of them, or is the setter
// name of another parameter, gets the suffix "Param" (repeated until free):
// a parameter "validate" becomes the field ValidateParam with setter
// SetValidateParam.
var reservedRequest = []string{"APIMethod", "SessionRequired", "Validate", "Params", "NewResponse", "Pages", "Items"}

// reservedResponse are the method names of every response type; a
// top-level response field named like one gets the suffix "Field".
var reservedResponse = []string{"UnmarshalJSON", "UnmarshalXML"}

// buildAPI makes the IR of one API from its spec alone. Nothing here looks
// at other APIs, which is what keeps one API's code independent of the
// others (locality).
func buildAPI(a *spec.API, opts Options) (*API, error) {
	segs := strings.Split(a.Method, ".")
	if len(segs) < 2 {
		return nil, fmt.Errorf("method %q: want at least two dotted segments", a.Method)
	}
	rest := segs[2:]
	if len(rest) == 0 {
		rest = segs[1:2]
	}
	if !implicitVendors[segs[0]] {
		// tmall.item.schema.update and alitrip.item.schema.update share
		// package item; the vendor in their names keeps them apart, decided
		// from the method alone.
		rest = append([]string{segs[0]}, rest...)
	}
	pkg := packageName(segs[1])
	if opts.PackageFor != nil {
		if p := opts.PackageFor(a.Method); p != "" {
			if goKeywords[p] || reservedPackages[p] {
				return nil, fmt.Errorf("package %s (from the packages overrides) is a Go keyword or a name the go tool or the generated code reserves; choose another", p)
			}
			pkg = p
		}
	}
	words := goWords(strings.Join(rest, "_"))
	prefix := exported(strings.Join(words, ""))
	out := &API{
		Spec:     a,
		Method:   a.Method,
		Package:  pkg,
		FileBase: fileBase(rest),
		Prefix:   prefix,
		words:    words,
		Request:  prefix + "Request",
		Response: prefix + "Response",
		Doc:      plainText(a.Description),
		Title:    plainText(a.Title),
		Session:  a.Session,
	}
	b := &builder{api: out, typeNames: opts.TypeNames, byKey: map[string]*Struct{},
		shapes: map[string]int{}, shapeOf: map[*spec.Param]int{},
		// The fixture test's functions live in the same package: a doc
		// type named like one (TestTestResponseXML) must not redeclare it.
		names: newNameSet(append([]string{out.Request, out.Response, "New" + out.Request}, out.testNames()...)...)}
	var err error
	if out.Params, err = b.fields("request", a.Request, true, nil); err != nil {
		return nil, err
	}
	renameReserved(out.Params)
	if out.Results, err = b.fields("response", a.Response, false, nil); err != nil {
		return nil, err
	}
	renameReservedResults(out.Results)
	b.constGroups(a)
	if out.Paging, err = buildPaging(out); err != nil {
		return nil, err
	}
	out.AddRequestID = true
	for _, f := range out.Results {
		if f.Wire == "request_id" || f.GoName == "RequestID" {
			out.AddRequestID = false
		}
	}
	return out, nil
}

// implicitVendors are the method vendors left out of Go names: the issue's
// examples (damai.MzOrderCreateRequest for alibaba.damai.mz.order.create)
// and the bulk of the catalog. Every other vendor prefixes its names.
var implicitVendors = map[string]bool{"taobao": true, "alibaba": true}

type builder struct {
	api       *API
	typeNames map[string]string  // Options.TypeNames
	byKey     map[string]*Struct // side and shape → type, for sharing identical structures
	shapes    map[string]int     // structure key → shape number (see shape)
	shapeOf   map[*spec.Param]int
	names     *nameSet // Go names taken in this API's file
}

// fields maps sibling params to fields, naming them uniquely in doc order.
func (b *builder) fields(side string, params []*spec.Param, request bool, path []string) ([]*Field, error) {
	taken := newNameSet()
	var out []*Field
	for _, p := range params {
		where := append(path[:len(path):len(path)], p.Name)
		t, err := b.goType(side, p, request, where)
		if err != nil {
			return nil, err
		}
		f := &Field{
			GoName:   taken.unique(goName(p.Name)),
			Wire:     p.Name,
			Doc:      plainText(p.Description),
			Type:     t,
			Required: request && p.Required,
			Limits:   p.Limits,
			Param:    p,
		}
		out = append(out, f)
	}
	return out, nil
}

// nameSet hands out unique names: name, or name2, name3, … the first not
// yet taken.
type nameSet struct {
	taken map[string]bool
	next  map[string]int // the suffix to try next for a name given twice
}

func newNameSet(taken ...string) *nameSet {
	s := &nameSet{taken: map[string]bool{}, next: map[string]int{}}
	for _, n := range taken {
		s.taken[n] = true
	}
	return s
}

// unique returns name, or name2, name3, … the first not yet taken, and
// takes it. Names are never given back, so the suffixes below the last
// one handed out for name stay taken and the search resumes there: k
// colliding names cost k steps, not k² (20k names took 86 s).
func (s *nameSet) unique(name string) string {
	if !s.taken[name] {
		s.taken[name] = true
		return name
	}
	i := max(s.next[name], 2)
	for s.taken[name+strconv.Itoa(i)] {
		i++
	}
	s.next[name] = i + 1
	n := name + strconv.Itoa(i)
	s.taken[n] = true
	return n
}

func (b *builder) goType(side string, p *spec.Param, request bool, path []string) (Type, error) {
	t := Type{List: p.List}
	where := func() string { return side + ": " + strings.Join(path, "/") }
	switch p.Type {
	case "String", "Json", "Field List":
		t.Kind = KindString
	case "Number", "byte":
		// byte is Java's Byte, a small number (sex, auto_pay, is_show in
		// the catalog), not a file.
		t.Kind = KindInt
	case "Boolean":
		t.Kind = KindBool
	case "Date":
		t.Kind = KindTime
	case "Price", "BigDecimal":
		t.Kind = KindDecimal
	case "byte[]":
		switch {
		case !request || len(path) > 1:
			// Responses, and files inside a struct parameter (sent as one
			// JSON string), carry the bytes as text: base64, as the Java
			// SDK's JSON writer encodes byte[].
			t.Kind = KindString
		case p.List:
			return t, fmt.Errorf("%s: a list of files (%s) as a top-level parameter is not supported", where(), p.DocType())
		default:
			t.Kind = KindFile
		}
	default:
		if p.Opaque {
			// A struct the doc gives no fields for: raw JSON text, as Json;
			// a request sends it as JSON (an object inside a struct
			// parameter, as the SDKs send a Map), not as a string.
			t.Kind = KindString
			if request {
				t.Kind = KindRawJSON
			}
			break
		}
		if len(p.Children) == 0 {
			return t, fmt.Errorf("%s: unknown type %q", where(), p.Type)
		}
		s, err := b.structType(side, p, request, path)
		if err != nil {
			return t, err
		}
		t.Kind, t.Struct = KindStruct, s
	}
	return t, nil
}

// structType returns the Go struct for a doc struct param. Identical
// structures (same doc type name, same fields all the way down, same
// side) share one type; a different structure under a taken name gets the
// next numeric suffix, in doc order.
func (b *builder) structType(side string, p *spec.Param, request bool, path []string) (*Struct, error) {
	key := side + "\x00" + strconv.Itoa(b.shape(p))
	if s, ok := b.byKey[key]; ok {
		return s, nil
	}
	name := typeName(b.api.words, p.Type)
	if o := b.typeNames[b.api.Method+" "+side+":"+strings.Join(path, "/")]; o != "" {
		name = o
	}
	s := &Struct{
		GoName:  b.names.unique(name),
		DocName: p.Type,
		Request: request,
	}
	b.byKey[key] = s
	// Declared in pre-order: a type before the types of its fields.
	b.api.Structs = append(b.api.Structs, s)
	fields, err := b.fields(side, p.Children, request, path)
	if err != nil {
		return nil, err
	}
	s.Fields = fields
	return s, nil
}

// shape numbers the structure of a struct param: everything about it
// that reaches the generated code, so equal numbers mean identical
// generated types. A struct's key holds its type name and, per field, the
// field's own attributes and the shape number of the field's type, so
// each param is serialised once and keys stay as long as the doc's text
// (serialising whole subtrees made a 1,000-level doc quadratic).
func (b *builder) shape(p *spec.Param) int {
	if n, ok := b.shapeOf[p]; ok {
		return n
	}
	var sb strings.Builder
	// The param's own name, description and requiredness belong to the
	// field, not to its type.
	fmt.Fprintf(&sb, "%q {", p.Type)
	for _, c := range p.Children {
		sub := 0
		if len(c.Children) > 0 {
			sub = b.shape(c)
		}
		fmt.Fprintf(&sb, "%q %q %t %t %q %s %q #%d;", c.Name, c.Type, c.List, c.Required, c.Description, limitsKey(c.Limits), c.Values, sub)
	}
	sb.WriteString("}")
	n, ok := b.shapes[sb.String()]
	if !ok {
		n = len(b.shapes) + 1
		b.shapes[sb.String()] = n
	}
	b.shapeOf[p] = n
	return n
}

func limitsKey(l spec.Limits) string {
	f := func(p *int64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatInt(*p, 10)
	}
	return f(l.MaxLength) + "," + f(l.MaxListSize) + "," + f(l.MinValue) + "," + f(l.MaxValue)
}

// typeName qualifies a doc type name with the API prefix, merging the
// overlap: where the prefix ends with the words the doc type starts with,
// they are written once, in the doc type's spelling. The words are
// compared by their letters in any case, so a method segment that runs
// words together matches the doc type's words (Getcreatingorderstatus +
// GetCreatingOrderStatusParam → GetCreatingOrderStatusParam after the
// rest of the prefix), and a plural s does not stop the match (Detail +
// DetailsResponse → DetailsResponse). MzOrderCreate + OrderCreateParam →
// MzOrderCreateParam, + Goods → MzOrderCreateGoods.
//
// Qualifying every type by its own API is what makes names independent
// of other APIs in the package: two APIs with different ResultData types
// get MzOrderCreateResultData and MzOrderDetailResultData, whatever else
// the package holds. Merging only where the prefix's last words meet the
// doc type's first keeps the names of two APIs apart just as the plain
// concatenation does: they can meet only when one API's Go name is a
// prefix of the other's, and the package's clash check reports that.
// Dropping prefix words found elsewhere in the doc type would not:
// crm.customer.get and crm.open.customer.get, both with a CardOpenInfo,
// would both become CrmCustomerGetCardOpenInfo.
func typeName(prefix []string, docType string) string {
	pw, tw := prefix, goWords(docType)
	for i := range pw { // the longest overlap first
		tail := strings.ToLower(strings.Join(pw[i:], ""))
		head := ""
		for _, w := range tw {
			head += strings.ToLower(w)
			if head == tail || head == tail+"s" || head+"s" == tail {
				return exported(strings.Join(pw[:i], "") + strings.Join(tw, ""))
			}
			if len(head) > len(tail) {
				break
			}
		}
	}
	return exported(strings.Join(pw, "")) + strings.Join(tw, "")
}

// renameReserved gives top-level request fields names that do not clash
// with the request's methods or setters.
func renameReserved(fields []*Field) {
	for changed := true; changed; {
		changed = false
		methods := map[string]bool{}
		for _, m := range reservedRequest {
			methods[m] = true
		}
		names := map[string]bool{}
		for _, f := range fields {
			methods["Set"+f.GoName] = true
			names[f.GoName] = true
		}
		for _, f := range fields {
			if methods[f.GoName] {
				n := f.GoName + "Param"
				for names[n] {
					n += "Param"
				}
				f.GoName = n
				changed = true
				break
			}
		}
	}
	for _, f := range fields {
		f.Setter = "Set" + f.GoName
	}
}

// renameReservedResults gives top-level response fields names that do not
// clash with the response's methods.
func renameReservedResults(fields []*Field) {
	taken := map[string]bool{}
	for _, f := range fields {
		taken[f.GoName] = true
	}
	for _, f := range fields {
		if slices.Contains(reservedResponse, f.GoName) {
			n := f.GoName + "Field"
			for taken[n] {
				n += "Field"
			}
			f.GoName = n
			taken[n] = true
		}
	}
}

var goKeywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true,
	"defer": true, "else": true, "fallthrough": true, "for": true, "func": true, "go": true, "goto": true,
	"if": true, "import": true, "interface": true, "map": true, "package": true, "range": true,
	"return": true, "select": true, "struct": true, "switch": true, "type": true, "var": true,
}

var nonIdent = regexp.MustCompile(`[^a-z0-9]+`)

// reservedPackages are package names the go tool gives a meaning of their
// own as the last element of an import path or as a package clause: main
// makes a command, go/build skips every file of package documentation,
// internal restricts who may import the package (a downstream module
// could not), and the go tool leaves testdata and vendor directories out
// of ./... (all, std, cmd and tool are special only as whole patterns, so
// .../all is an ordinary package). Keywords cannot be package names, and
// top and time would hide the packages generated files import.
var reservedPackages = map[string]bool{
	"main": true, "documentation": true, "internal": true, "testdata": true, "vendor": true,
	"top": true, "time": true,
}

// packageName is the method's second segment, lower-cased, with anything
// but letters and digits removed; a keyword or reserved name, a leading
// digit or nothing left gets the suffix/prefix "api" (import → importapi,
// main → mainapi, 1688 → api1688).
func packageName(seg string) string {
	n := nonIdent.ReplaceAllString(strings.ToLower(seg), "")
	switch {
	case n == "":
		return "api"
	case n[0] >= '0' && n[0] <= '9':
		return "api" + n
	case goKeywords[n] || reservedPackages[n]:
		return n + "api"
	}
	return n
}

// fileBase is the API's file name without ".go": the method after vendor
// and group, lower case, runs of other characters as "_". "doc" (the
// package file) and names the go tool would not compile everywhere
// (constrained) get "_api".
func fileBase(rest []string) string {
	n := strings.Trim(nonIdent.ReplaceAllString(strings.ToLower(strings.Join(rest, "_")), "_"), "_")
	if n == "" {
		n = "api"
	}
	if n == "doc" || constrained(n) {
		n += "_api"
	}
	return n
}

// constrained reports whether the go tool would build a file named
// base+".go" only on some systems, or not as a package file at all: a
// _test suffix, or a _GOOS, _GOARCH or _GOOS_GOARCH suffix from go/build's
// own lists of known systems (which go/build does not export; it applies
// them in MatchFile, so the name is matched under two contexts that
// differ in GOOS and GOARCH: a suffix that names either fails one).
func constrained(base string) bool {
	if strings.HasSuffix(base, "_test") {
		return true
	}
	for _, ctx := range matchContexts {
		if ok, err := ctx.MatchFile(".", base+".go"); err != nil || !ok {
			return true
		}
	}
	return false
}

var matchContexts = func() []*build.Context {
	var out []*build.Context
	for _, sys := range [][2]string{{"linux", "amd64"}, {"windows", "arm64"}} {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = sys[0], sys[1], false
		ctx.BuildTags, ctx.ToolTags = nil, nil
		// MatchFile reads the file for //go:build lines; the name alone
		// matters here.
		ctx.OpenFile = func(string) (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader("package p\n")), nil
		}
		out = append(out, &ctx)
	}
	return out
}()
