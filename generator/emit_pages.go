package generator

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/opentop/topgen/spec"
)

// The iterators of a paged API are thin: the generated code copies the
// request with the next page number or cursor set and reads a response's
// page fields; when to stop is top.Pages's, written and tested once.

// emitPages declares Pages, and Items when the item list is known.
func emitPages(f *jen.File, a *API) {
	pg := a.Paging
	if pg == nil {
		return
	}
	sp := pg.Spec
	r, resp := a.Request, a.Response
	paging := jen.Qual(RuntimePath, "Paging").Types(jen.Op("*").Id(r), jen.Op("*").Id(resp))
	var body []jen.Code
	lit := jen.Dict{jen.Id("Read"): readPage(a)}
	if sp.Items != "" {
		lit[jen.Id("Items")] = jen.True()
	}
	if sp.HasNext != "" {
		lit[jen.Id("HasNext")] = jen.True()
	}
	if sp.Total != "" {
		lit[jen.Id("Total")] = jen.True()
		if sp.TotalOf == spec.TotalPages {
			lit[jen.Id("TotalPages")] = jen.True()
		}
	}
	if len(pg.Page) > 0 {
		first := intLit(sp.FirstPage())
		lit[jen.Id("First")], lit[jen.Id("Start")] = first, first
		lit[jen.Id("Page")] = setIn(a, pg.Page, jen.Id("n").Int64(), jen.Op("&").Id("n"))
	}
	if len(pg.Cursor) > 0 {
		lit[jen.Id("Cursor")] = setIn(a, pg.Cursor, jen.Id("cursor").String(), jen.Op("&").Id("cursor"))
	}
	body = append(body, jen.Id("p").Op(":=").Add(paging).Values(lit))
	if len(pg.Page) > 0 {
		body = append(body, jen.If(requestSet(pg.Page)).Block(jen.Id("p").Dot("Start").Op("=").Op("*").Add(requestField(pg.Page))))
	}
	if len(pg.Size) > 0 {
		body = append(body, jen.If(requestSet(pg.Size)).Block(jen.Id("p").Dot("Size").Op("=").Op("*").Add(requestField(pg.Size))))
	}
	if len(pg.Cursor) > 0 {
		body = append(body, jen.If(requestSet(pg.Cursor)).Block(jen.Id("p").Dot("StartCursor").Op("=").Op("*").Add(requestField(pg.Cursor))))
	}
	body = append(body, jen.Return(jen.Qual(RuntimePath, "Pages").Call(jen.Id("ctx"), jen.Id("c"), jen.Id("r"), jen.Id("p"), jen.Id("opts").Op("..."))))

	params := func() []jen.Code {
		return []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Qual(RuntimePath, "Client"), jen.Id("opts").Op("...").Qual(RuntimePath, "CallOption")}
	}
	start := "the request's own cursor"
	if len(pg.Page) > 0 {
		start = "the request's own page (" + sp.Page + ", else page " + strconv.FormatInt(sp.FirstPage(), 10) + ")"
	}
	// Paths are doc names: plainText keeps them on their comment lines.
	addDecl(f, docBlock(
		plainText("Pages sends the request for each page of "+a.Method+" in turn, from "+start+", and yields the responses; an error is yielded once and ends the walk. The request itself is not modified: every page is sent from a copy."),
		plainText("The paging, from the spec: "+sp.String()+". top.Pages says when the walk stops."),
	), jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id("Pages").Params(params()...).
		Qual("iter", "Seq2").Types(jen.Op("*").Id(resp), jen.Error()).Block(body...))

	if len(pg.Items) == 0 {
		return
	}
	items := pg.Items[len(pg.Items)-1]
	elem := elemType(items.Type)
	guard, value := responseField(pg.Items)
	var get []jen.Code
	if guard != nil {
		get = append(get, jen.If(jen.Op("!").Parens(guard)).Block(jen.Return(jen.Nil())))
	}
	get = append(get, jen.Return(value))
	addDecl(f, comment(plainText("Items yields the items of every page of "+a.Method+" in order (the elements of "+sp.Items+"), walking the pages as Pages does; an error is yielded once and ends the walk.")),
		jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id("Items").Params(params()...).
			Qual("iter", "Seq2").Types(elem.Clone(), jen.Error()).Block(
			jen.Return(jen.Qual(RuntimePath, "Items").Call(
				jen.Id("r").Dot("Pages").Call(jen.Id("ctx"), jen.Id("c"), jen.Id("opts").Op("...")),
				jen.Func().Params(jen.Id("resp").Op("*").Id(resp)).Index().Add(elem.Clone()).Block(get...)))))
}

// requestField is r.F1.F2…, requestSet the test that every pointer on the
// way is set.
func requestField(chain []*Field) *jen.Statement {
	s := jen.Id("r")
	for _, f := range chain {
		s = s.Dot(f.GoName)
	}
	return s
}

func requestSet(chain []*Field) *jen.Statement {
	var cond *jen.Statement
	s := jen.Id("r")
	for _, f := range chain {
		s = s.Clone().Dot(f.GoName)
		c := s.Clone().Op("!=").Nil()
		if cond == nil {
			cond = c
		} else {
			cond = cond.Op("&&").Add(c)
		}
	}
	return cond
}

// responseField is resp.F1.F2… and the test that the structs on the way
// are there (nil at the top level).
func responseField(chain []*Field) (guard, value *jen.Statement) {
	s := jen.Id("resp")
	for i, f := range chain {
		s = s.Clone().Dot(f.GoName)
		if i < len(chain)-1 {
			c := s.Clone().Op("!=").Nil()
			if guard == nil {
				guard = c
			} else {
				guard = guard.Op("&&").Add(c)
			}
		}
	}
	return guard, s
}

// setIn is the function returning a copy of a request with the field at
// chain set to value: the request and each struct on the way are copied,
// so the caller's request and its structs stay as they were.
func setIn(a *API, chain []*Field, param, value jen.Code) jen.Code {
	body := []jen.Code{jen.Id("cp").Op(":=").Op("*").Id("q")}
	parent := jen.Id("cp")
	for i, f := range chain[:len(chain)-1] {
		s := jen.Id("s" + strconv.Itoa(i+1))
		body = append(body,
			s.Clone().Op(":=").New(jen.Id(f.Type.Struct.GoName)),
			jen.If(parent.Clone().Dot(f.GoName).Op("!=").Nil()).Block(jen.Op("*").Add(s.Clone()).Op("=").Op("*").Add(parent.Clone().Dot(f.GoName))),
			parent.Clone().Dot(f.GoName).Op("=").Add(s.Clone()),
		)
		parent = s
	}
	body = append(body, parent.Clone().Dot(chain[len(chain)-1].GoName).Op("=").Add(value), jen.Return(jen.Op("&").Id("cp")))
	return jen.Func().Params(jen.Id("q").Op("*").Id(a.Request), param).Op("*").Id(a.Request).Block(body...)
}

// readPage is the function reading a response's page fields.
func readPage(a *API) jen.Code {
	pg := a.Paging
	// Fields under the same structs share one nil check, in field order.
	type block struct {
		guard *jen.Statement
		stmts []jen.Code
	}
	var blocks []*block
	byGuard := map[string]*block{}
	set := func(chain []*Field, assign func(v *jen.Statement) []jen.Code) {
		if len(chain) == 0 {
			return
		}
		guard, value := responseField(chain)
		key := ""
		if guard != nil {
			key = fmt.Sprintf("%#v", guard)
		}
		b := byGuard[key]
		if b == nil {
			b = &block{guard: guard}
			byGuard[key] = b
			blocks = append(blocks, b)
		}
		b.stmts = append(b.stmts, assign(value)...)
	}
	set(pg.Items, func(v *jen.Statement) []jen.Code {
		return []jen.Code{jen.Id("info").Dot("Items").Op("=").Len(v)}
	})
	set(pg.HasNext, func(v *jen.Statement) []jen.Code {
		return []jen.Code{jen.Id("info").Dot("HasNext").Op("=").Add(v)}
	})
	set(pg.Total, func(v *jen.Statement) []jen.Code {
		if pg.Total[len(pg.Total)-1].Type.Kind == KindString {
			// A total sent as text: unreadable is unknown (0).
			return []jen.Code{jen.List(jen.Id("info").Dot("Total"), jen.Id("_")).Op("=").Qual("strconv", "ParseInt").Call(v, jen.Lit(10), jen.Lit(64))}
		}
		return []jen.Code{jen.Id("info").Dot("Total").Op("=").Add(v)}
	})
	set(pg.NextCursor, func(v *jen.Statement) []jen.Code {
		return []jen.Code{jen.Id("info").Dot("Cursor").Op("=").Add(v)}
	})
	body := []jen.Code{jen.Var().Id("info").Qual(RuntimePath, "PageInfo")}
	for _, b := range blocks {
		if b.guard == nil {
			body = append(body, b.stmts...)
		} else {
			body = append(body, jen.If(b.guard).Block(b.stmts...))
		}
	}
	body = append(body, jen.Return(jen.Id("info")))
	return jen.Func().Params(jen.Id("resp").Op("*").Id(a.Response)).Qual(RuntimePath, "PageInfo").Block(body...)
}
