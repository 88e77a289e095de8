package generator

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/opentop/topgen/spec"
)

// The pages test of a paged API walks pages the fake gateway serves. The
// docs have no multi-page examples, so the replies are built here from the
// spec's paging (a simplify-JSON body with the item list, has_next, total
// and cursor where the paging names them) and the test checks what it
// served: the items of each page yielded, the page numbers and cursors
// sent, where the walk stopped, and that an error ends it. Each scenario
// is one that the API's paging tells apart: a has_next scenario only for
// an API with has_next, and so on.

// pageReply is one served page.
type pageReply struct {
	items   int
	hasNext bool
	total   int64
	cursor  string
	fail    bool
}

type pageScenario struct {
	name    string
	start   int64  // page style: the request's page
	cursor  string // cursor style: the request's cursor
	replies []pageReply
	items   []int    // the items of each page yielded
	fails   bool     // an error is yielded after them
	sent    []string // what each request carried: the page number, the cursor, or "page/cursor"
}

// pageScenarios lists the scenarios an API's paging tells apart.
func pageScenarios(a *API) []pageScenario {
	pg := a.Paging
	sp := pg.Spec
	byPage, withCursor := len(pg.Page) > 0, len(pg.Cursor) > 0
	items, hasNext, sized := len(pg.Items) > 0, len(pg.HasNext) > 0, len(pg.Size) > 0
	total, totalPages := len(pg.Total) > 0, sp.TotalOf == spec.TotalPages
	n := 0
	if items {
		n = pageSize(a)
	}
	first := sp.FirstPage()
	// more is a page whose every field says that another page follows.
	more := func(i int) pageReply {
		r := pageReply{items: n, hasNext: true}
		if total {
			r.total = 1000
		}
		if withCursor {
			r.cursor = "c" + strconv.Itoa(i)
		}
		return r
	}
	sent := func(start int64, startCursor string, replies []pageReply) []string {
		var out []string
		cur := startCursor
		for i := range replies {
			var s string
			switch {
			case byPage && withCursor:
				s = strconv.FormatInt(start+int64(i), 10) + "/" + cur
			case byPage:
				s = strconv.FormatInt(start+int64(i), 10)
			default:
				s = cur
			}
			out = append(out, s)
			cur = replies[i].cursor
		}
		return out
	}
	yielded := func(replies []pageReply) ([]int, bool) {
		var out []int
		for _, r := range replies {
			if r.fail {
				return out, true
			}
			out = append(out, r.items)
		}
		return out, false
	}
	var out []pageScenario
	add := func(name string, start int64, cursor string, replies ...pageReply) {
		got, fails := yielded(replies)
		out = append(out, pageScenario{name: name, start: start, cursor: cursor, replies: replies,
			items: got, fails: fails, sent: sent(start, cursor, replies)})
	}
	if hasNext {
		last := more(3)
		last.hasNext, last.total = false, 0
		p1, p2 := more(1), more(2)
		p1.total, p2.total = 0, 0
		add("has_next false", first, "", p1, p2, last)
	}
	// A total decides when top.Pages can count against it: pages by page
	// number; items from the page size, or from the items seen.
	perPage := n
	if !items && sized && byPage {
		perPage = pageSize(a)
	}
	if total && (totalPages && byPage || !totalPages && perPage > 0) {
		ps := []pageReply{more(1), more(2), more(3)}
		for i := range ps {
			ps[i].hasNext = false
			ps[i].total = int64(3 * perPage)
			if totalPages {
				ps[i].total = 3
			}
		}
		add("total reached", first, "", ps...)
	}
	// A short page decides when nothing else stops the walk first: an
	// API with has_next and no total that counts stops on has_next false.
	totalGoesOn := total && (!totalPages || byPage)
	if sized && items && (totalGoesOn || !hasNext) {
		ps := []pageReply{more(1), more(2), more(3)}
		for i := range ps {
			ps[i].hasNext = false
		}
		ps[2].items = n - 1
		add("short page", first, "", ps...)
	}
	if items {
		last := more(3)
		last.items = 0
		add("empty page", first, "", more(1), more(2), last)
	}
	if !byPage {
		last := more(3)
		last.cursor = ""
		add("no next cursor", first, "", more(1), more(2), last)
		last = more(3)
		last.cursor = "c2"
		add("the same cursor again", first, "c0", more(1), more(2), last)
	}
	// An error needs a first page that goes on.
	if hasNext || !byPage || items || total && (totalPages || sized) {
		start, cursor := first+1, ""
		if !byPage {
			start, cursor = first, "c0"
		}
		add("error on page 2", start, cursor, more(1), pageReply{fail: true})
	}
	return out
}

// pageSize is the page size the test asks for: 2, or what the size
// parameter's limits allow.
func pageSize(a *API) int {
	n := int64(2)
	if pg := a.Paging; len(pg.Size) > 0 {
		l := pg.Size[len(pg.Size)-1].Limits
		if l.MinValue != nil && *l.MinValue > n {
			n = *l.MinValue
		}
		if l.MaxValue != nil && *l.MaxValue < n {
			n = max(*l.MaxValue, 1)
		}
	}
	return int(min(n, 50))
}

// pageBody is the simplify-JSON body of one served page.
func pageBody(a *API, r pageReply) string {
	pg := a.Paging
	root := map[string]any{}
	put := func(chain []*Field, v any) {
		if len(chain) == 0 {
			return
		}
		m := root
		for _, f := range chain[:len(chain)-1] {
			next, ok := m[f.Wire].(map[string]any)
			if !ok {
				next = map[string]any{}
				m[f.Wire] = next
			}
			m = next
		}
		m[chain[len(chain)-1].Wire] = v
	}
	if len(pg.Items) > 0 {
		list := make([]any, r.items)
		for i := range list {
			list[i] = sampleItem(pg.Items[len(pg.Items)-1].Type)
		}
		put(pg.Items, list)
	}
	put(pg.HasNext, r.hasNext)
	if r.total > 0 && len(pg.Total) > 0 {
		if pg.Total[len(pg.Total)-1].Type.Kind == KindString {
			put(pg.Total, strconv.FormatInt(r.total, 10))
		} else {
			put(pg.Total, r.total)
		}
	}
	if r.cursor != "" {
		put(pg.NextCursor, r.cursor)
	}
	data, _ := json.Marshal(root) // maps marshal with sorted keys
	return string(data)
}

// sampleItem is one list item in JSON: an empty object for a struct, a
// value of the element's kind otherwise.
func sampleItem(t Type) any {
	switch t.Kind {
	case KindStruct:
		return map[string]any{}
	case KindInt:
		return 1
	case KindBool:
		return true
	case KindTime:
		return "2024-01-02 03:04:05"
	case KindDecimal:
		return "1.00"
	}
	return "x"
}

// emitPagesTest emits Test<Prefix>Pages for a paged API.
func emitPagesTest(f *jen.File, a *API) {
	pg := a.Paging
	if pg == nil {
		return
	}
	name := "Test" + a.Prefix + "Pages"
	byPage, withCursor := len(pg.Page) > 0, len(pg.Cursor) > 0
	id := jen.Id
	ph := &placeholders{}

	// newRequest: the required parameters with placeholder values, the
	// page size, and the start page or cursor.
	build := []jen.Code{id("req").Op(":=").Id("New" + a.Request).Call()}
	made := map[string]bool{} // structs set so far, by Go path
	for _, fl := range a.Params {
		if fl.Required && !onChain(fl, pg) {
			build = append(build, id("req").Dot(fl.GoName).Op("=").Add(ph.value(fl)))
			made[fl.GoName] = true
		}
	}
	// ensure makes the structs on the way to a paging field (with their
	// required fields, as a caller must) and returns the field's setting.
	ensure := func(chain []*Field, leaf jen.Code) jen.Code {
		target, path := id("req"), ""
		for _, f := range chain[:len(chain)-1] {
			target, path = target.Clone().Dot(f.GoName), path+"."+f.GoName
			if !made[strings.TrimPrefix(path, ".")] {
				build = append(build, target.Clone().Op("=").Add(ph.structValue(f.Type.Struct)))
				made[strings.TrimPrefix(path, ".")] = true
			}
		}
		return target.Clone().Dot(chain[len(chain)-1].GoName).Op("=").Add(leaf)
	}
	if len(pg.Size) > 0 {
		build = append(build, id("size").Op(":=").Int64().Parens(jen.Lit(pageSize(a))))
		build = append(build, ensure(pg.Size, jen.Op("&").Id("size")))
	}
	if byPage {
		build = append(build, ensure(pg.Page, jen.Op("&").Id("start")))
	}
	if withCursor {
		set := ensure(pg.Cursor, jen.Op("&").Id("cursor"))
		build = append(build, jen.If(id("cursor").Op("!=").Lit("")).Block(set))
	}
	build = append(build, jen.Return(id("req")))
	newRequest := jen.Id("newRequest").Op(":=").Func().Params(id("start").Int64(), id("cursor").String()).Op("*").Id(a.Request).Block(build...)

	// count: the items of a page as the response decodes them.
	count := []jen.Code{jen.Return(jen.Lit(0))}
	if len(pg.Items) > 0 {
		guard, value := responseField(pg.Items)
		count = []jen.Code{jen.Return(jen.Len(value))}
		if guard != nil {
			count = []jen.Code{jen.If(guard).Block(jen.Return(jen.Len(value))), jen.Return(jen.Lit(0))}
		}
	}
	countFn := id("count").Op(":=").Func().Params(id("resp").Op("*").Id(a.Response)).Int().Block(count...)

	// sent: what a received request carried.
	sentFn := id("sent").Op(":=").Func().Params(id("r").Qual(toptestPath, "Received")).String().Block(sentBody(pg)...)

	// The scenario table.
	var rows []jen.Code
	for _, sc := range pageScenarios(a) {
		var replies []jen.Code
		for _, r := range sc.replies {
			if r.fail {
				replies = append(replies, jen.Line().Values(jen.Dict{id("Error"): jen.Op("&").Qual(RuntimePath, "Error").Values(jen.Dict{
					id("Code"): jen.Lit(15), id("Msg"): jen.Lit("Remote service error"),
					id("SubCode"): jen.Lit("isp.page-2"), id("SubMsg"): jen.Lit("the fake gateway fails page 2"),
				})}))
				continue
			}
			replies = append(replies, jen.Line().Values(jen.Dict{id("Simplify"): stringLit(pageBody(a, r))}))
		}
		replies = append(replies, jen.Line())
		ints := func(xs []int) jen.Code {
			var out []jen.Code
			for _, x := range xs {
				out = append(out, jen.Lit(x))
			}
			return jen.Index().Int().Values(out...)
		}
		strs := func(xs []string) jen.Code {
			var out []jen.Code
			for _, x := range xs {
				out = append(out, jen.Lit(x))
			}
			return jen.Index().String().Values(out...)
		}
		// Keys in the struct's order, one per line.
		kv := func(k string, v jen.Code) jen.Code { return jen.Line().Id(k).Op(":").Add(v) }
		row := []jen.Code{kv("name", jen.Lit(sc.name))}
		if byPage {
			row = append(row, kv("start", jen.Lit(int(sc.start))))
		}
		if sc.cursor != "" {
			row = append(row, kv("cursor", jen.Lit(sc.cursor)))
		}
		row = append(row, kv("replies", jen.Index().Qual(toptestPath, "Reply").Values(replies...)), kv("items", ints(sc.items)))
		if sc.fails {
			row = append(row, kv("fails", jen.True()))
		}
		row = append(row, kv("sent", strs(sc.sent)), jen.Line())
		rows = append(rows, jen.Line().Values(row...))
	}
	rows = append(rows, jen.Line())
	table := jen.Index().Struct(
		id("name").String(),
		id("start").Int64(),
		id("cursor").String(),
		id("replies").Index().Qual(toptestPath, "Reply"),
		id("items").Index().Int(),
		id("fails").Bool(),
		id("sent").Index().String(),
	).Values(rows...)

	callOpts := []jen.Code{}
	if a.Session == spec.SessionRequired {
		callOpts = append(callOpts, jen.Qual(RuntimePath, "WithSession").Call(jen.Lit("example-session")))
	}
	ctx := jen.Qual("context", "Background").Call()
	walkArgs := append([]jen.Code{ctx, id("c")}, callOpts...)
	checkErrs := func(errs string) jen.Code {
		return jen.If(id("tc").Dot("fails")).Block(
			jen.Var().Id("te").Op("*").Qual(RuntimePath, "Error"),
			jen.If(jen.Len(id(errs)).Op("!=").Lit(1).Op("||").Op("!").Qual("errors", "As").Call(id(errs).Index(jen.Lit(0)), jen.Op("&").Id("te")).Op("||").Id("te").Dot("SubCode").Op("!=").Lit("isp.page-2")).Block(
				id("t").Dot("Errorf").Call(jen.Lit(errs+" %v, want the one error the gateway served"), id(errs))),
		).Else().If(jen.Len(id(errs)).Op(">").Lit(0)).Block(
			id("t").Dot("Errorf").Call(jen.Lit(errs+" %v, want none"), id(errs)))
	}
	run := []jen.Code{
		id("gw").Op(":=").Qual(toptestPath, "NewServer").Call(id("t"), jen.Lit("example-app-key"), jen.Lit("example-secret")),
		id("gw").Dot("Handle").Call(jen.Lit(a.Method), id("tc").Dot("replies").Op("...")),
		jen.List(id("c"), id("err")).Op(":=").Qual(RuntimePath, "NewClient").Call(jen.Lit("example-app-key"), jen.Lit("example-secret"),
			jen.Qual(RuntimePath, "WithGateway").Call(id("gw").Dot("URL")), jen.Qual(RuntimePath, "WithRetry").Call(jen.Qual(RuntimePath, "RetryPolicy").Values())),
		jen.If(id("err").Op("!=").Nil()).Block(id("t").Dot("Fatal").Call(id("err"))),
		id("req").Op(":=").Id("newRequest").Call(id("tc").Dot("start"), id("tc").Dot("cursor")),
		jen.Var().Id("items").Index().Int(),
		jen.Var().Id("errs").Index().Error(),
		jen.For(jen.List(id("resp"), id("err")).Op(":=").Range().Id("req").Dot("Pages").Call(walkArgs...)).Block(
			jen.If(id("err").Op("!=").Nil()).Block(
				id("errs").Op("=").Append(id("errs"), id("err")),
				jen.Continue()),
			id("items").Op("=").Append(id("items"), id("count").Call(id("resp")))),
		jen.If(jen.Op("!").Qual("slices", "Equal").Call(id("items"), id("tc").Dot("items"))).Block(
			id("t").Dot("Errorf").Call(jen.Lit("items of the pages yielded: %v, want %v"), id("items"), id("tc").Dot("items"))),
		checkErrs("errs"),
		jen.Var().Id("got").Index().String(),
		jen.For(jen.List(id("_"), id("r")).Op(":=").Range().Id("gw").Dot("Received").Call()).Block(
			id("got").Op("=").Append(id("got"), id("sent").Call(id("r")))),
		jen.If(jen.Op("!").Qual("slices", "Equal").Call(id("got"), id("tc").Dot("sent"))).Block(
			id("t").Dot("Errorf").Call(jen.Lit("the requests asked for %q, want %q"), id("got"), id("tc").Dot("sent"))),
		jen.If(jen.Op("!").Qual("reflect", "DeepEqual").Call(id("req"), id("newRequest").Call(id("tc").Dot("start"), id("tc").Dot("cursor")))).Block(
			id("t").Dot("Errorf").Call(jen.Lit("Pages changed the caller's request"))),
	}
	if len(pg.Items) > 0 {
		run = append(run,
			jen.Comment("Items walks the same pages and yields their items."),
			id("gw").Dot("Handle").Call(jen.Lit(a.Method), id("tc").Dot("replies").Op("...")),
			jen.List(id("n"), id("want")).Op(":=").List(jen.Lit(0), jen.Lit(0)),
			jen.For(jen.List(id("_"), id("k")).Op(":=").Range().Id("tc").Dot("items")).Block(id("want").Op("+=").Id("k")),
			id("errs").Op("=").Nil(),
			jen.For(jen.List(id("_"), id("err")).Op(":=").Range().Id("req").Dot("Items").Call(walkArgs...)).Block(
				jen.If(id("err").Op("!=").Nil()).Block(
					id("errs").Op("=").Append(id("errs"), id("err")),
					jen.Continue()),
				id("n").Op("++")),
			jen.If(id("n").Op("!=").Id("want")).Block(
				id("t").Dot("Errorf").Call(jen.Lit("Items yielded %d items, want %d"), id("n"), id("want"))),
			checkErrs("errs"),
		)
	}
	body := ph.decls()
	body = append(body, newRequest, countFn, sentFn,
		jen.For(jen.List(id("_"), id("tc")).Op(":=").Range().Add(table)).Block(
			id("t").Dot("Run").Call(id("tc").Dot("name"), jen.Func().Params(id("t").Op("*").Qual(testingPath, "T")).Block(run...))))
	addDecl(f, comment(plainText(name+" walks the pages of "+a.Method+" against a fake gateway serving pages built from the spec's paging ("+pg.Spec.String()+"): the items of each page, the page numbers and cursors sent, where the walk stops, and the request left as it was.")),
		jen.Func().Id(name).Params(id("t").Op("*").Qual(testingPath, "T")).Block(body...))
}

// onChain reports whether a top-level param is on the way to a paging
// field the test sets itself.
func onChain(fl *Field, pg *Paging) bool {
	for _, c := range [][]*Field{pg.Page, pg.Size, pg.Cursor} {
		if len(c) == 1 && c[0] == fl {
			return true
		}
	}
	return false
}

// sentBody is the body of the function reading the page number and the
// cursor a request carried, "page/cursor" when it carries both.
func sentBody(pg *Paging) []jen.Code {
	id := jen.Id
	var out []jen.Code
	nested := len(pg.Page) > 1 || len(pg.Cursor) > 1
	if nested {
		// A struct parameter is one JSON form value: find the field in it.
		out = append(out, id("field").Op(":=").Func().Params(id("path").Op("...").String()).String().Block(
			jen.Id("v").Op(":=").Id("r").Dot("Params").Index(id("path").Index(jen.Lit(0))),
			jen.If(jen.Len(id("path")).Op("==").Lit(1)).Block(jen.Return(id("v"))),
			jen.Var().Id("m").Map(jen.String()).Any(),
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Parens(id("v")), jen.Op("&").Id("m")).Op("!=").Nil()).Block(jen.Return(jen.Lit(""))),
			jen.For(jen.List(id("_"), id("k")).Op(":=").Range().Id("path").Index(jen.Lit(1), jen.Len(id("path")).Op("-").Lit(1))).Block(
				jen.List(id("m"), id("_")).Op("=").Id("m").Index(id("k")).Assert(jen.Map(jen.String()).Any())),
			jen.If(jen.List(id("x"), id("ok")).Op(":=").Id("m").Index(id("path").Index(jen.Len(id("path")).Op("-").Lit(1))), id("ok")).Block(
				jen.Return(jen.Qual("fmt", "Sprint").Call(id("x")))),
			jen.Return(jen.Lit("")),
		))
	}
	read := func(chain []*Field) jen.Code {
		var names []jen.Code
		for _, f := range chain {
			names = append(names, jen.Lit(f.Wire))
		}
		if !nested {
			return id("r").Dot("Params").Index(names[0])
		}
		return id("field").Call(names...)
	}
	switch {
	case len(pg.Page) > 0 && len(pg.Cursor) > 0:
		out = append(out, jen.Return(jen.Add(read(pg.Page)).Op("+").Lit("/").Op("+").Add(read(pg.Cursor))))
	case len(pg.Page) > 0:
		out = append(out, jen.Return(read(pg.Page)))
	default:
		out = append(out, jen.Return(read(pg.Cursor)))
	}
	return out
}

// placeholders makes values that pass Validate for the required
// parameters a test must set, and declares the small helpers taking the
// address of a scalar that they use.
type placeholders struct {
	used map[string]bool
}

var pointerHelpers = []struct {
	name string
	typ  func() *jen.Statement
}{
	{"refString", jen.String},
	{"refInt64", jen.Int64},
	{"refBool", jen.Bool},
	{"refTime", func() *jen.Statement { return jen.Qual("time", "Time") }},
	{"refDecimal", func() *jen.Statement { return jen.Qual(RuntimePath, "Decimal") }},
}

func (ph *placeholders) ref(kind Kind, v jen.Code) jen.Code {
	name := map[Kind]string{KindString: "refString", KindInt: "refInt64", KindBool: "refBool", KindTime: "refTime", KindDecimal: "refDecimal"}[kind]
	if ph.used == nil {
		ph.used = map[string]bool{}
	}
	ph.used[name] = true
	return jen.Id(name).Call(v)
}

func (ph *placeholders) decls() []jen.Code {
	var out []jen.Code
	for _, h := range pointerHelpers {
		if ph.used[h.name] {
			out = append(out, jen.Id(h.name).Op(":=").Func().Params(jen.Id("v").Add(h.typ())).Op("*").Add(h.typ()).Block(jen.Return(jen.Op("&").Id("v"))))
		}
	}
	return out
}

// value is a field's placeholder in a request (fields are pointers or
// slices).
func (ph *placeholders) value(fl *Field) jen.Code {
	t := fl.Type
	if t.List {
		n := 1
		if l := fl.Limits.MaxListSize; l != nil && *l < 1 {
			n = 0
		}
		var elems []jen.Code
		for range n {
			if t.Kind == KindStruct {
				elems = append(elems, ph.structFields(t.Struct))
			} else {
				elems = append(elems, scalarPlaceholder(t.Kind, fl.Limits))
			}
		}
		return jen.Index().Add(elemType(t)).Values(elems...)
	}
	switch t.Kind {
	case KindStruct:
		return ph.structValue(t.Struct)
	case KindFile:
		return jen.Op("&").Qual(RuntimePath, "File").Values(jen.Dict{jen.Id("Name"): jen.Lit("x.txt"), jen.Id("Content"): jen.Index().Byte().Parens(jen.Lit("x"))})
	}
	return ph.ref(t.Kind, scalarPlaceholder(t.Kind, fl.Limits))
}

// structValue is &S{required fields}.
func (ph *placeholders) structValue(s *Struct) jen.Code {
	return jen.Op("&").Add(jen.Id(s.GoName)).Add(ph.fieldsOf(s))
}

// structFields is S{required fields}, as a list element.
func (ph *placeholders) structFields(s *Struct) jen.Code {
	return jen.Id(s.GoName).Add(ph.fieldsOf(s))
}

func (ph *placeholders) fieldsOf(s *Struct) *jen.Statement {
	d := jen.Dict{}
	for _, fl := range s.Fields {
		if fl.Required {
			d[jen.Id(fl.GoName)] = ph.value(fl)
		}
	}
	return jen.Values(d)
}

// scalarPlaceholder is a value of the kind within the field's limits.
func scalarPlaceholder(k Kind, l spec.Limits) jen.Code {
	clamp := func(v int64) int64 {
		if l.MinValue != nil && v < *l.MinValue {
			v = *l.MinValue
		}
		if l.MaxValue != nil && v > *l.MaxValue {
			v = *l.MaxValue
		}
		return v
	}
	switch k {
	case KindInt:
		return intLit(clamp(1))
	case KindBool:
		return jen.True()
	case KindTime:
		return jen.Qual("time", "Date").Call(jen.Lit(2024), jen.Qual("time", "January"), jen.Lit(2), jen.Lit(3), jen.Lit(4), jen.Lit(5), jen.Lit(0), jen.Qual(RuntimePath, "CST"))
	case KindDecimal:
		return jen.Qual(RuntimePath, "Decimal").Call(jen.Lit(strconv.FormatInt(clamp(1), 10)))
	}
	s := "x"
	if l.MaxLength != nil && *l.MaxLength < 1 {
		s = ""
	}
	return jen.Lit(s)
}
