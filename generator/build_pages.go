package generator

import (
	"fmt"
	"strings"

	"github.com/opentop/topgen/spec"
)

// Paging is the IR of an API's spec paging: each named field as the chain
// of Go fields that reaches it from the request or the response (the
// top-level field first, the named field last).
type Paging struct {
	Spec                              *spec.Paging
	Page, Size, Cursor                []*Field
	NextCursor, Items, HasNext, Total []*Field
}

// buildPaging resolves the spec's paging paths to Go fields; spec.Validate
// has checked that they exist and have the right types.
func buildPaging(a *API) (*Paging, error) {
	sp := a.Spec.Paging
	if sp == nil {
		return nil, nil
	}
	p := &Paging{Spec: sp}
	var err error
	resolve := func(fields []*Field, path string) []*Field {
		if path == "" || err != nil {
			return nil
		}
		var chain []*Field
		for i, name := range strings.Split(path, "/") {
			var next *Field
			for _, f := range fields {
				if f.Wire == name {
					next = f
				}
			}
			if next == nil {
				err = fmt.Errorf("paging: no field %s", path)
				return nil
			}
			chain = append(chain, next)
			if s := next.Type.Struct; s != nil && i < strings.Count(path, "/") {
				fields = s.Fields
			}
		}
		return chain
	}
	p.Page = resolve(a.Params, sp.Page)
	p.Size = resolve(a.Params, sp.Size)
	p.Cursor = resolve(a.Params, sp.Cursor)
	p.NextCursor = resolve(a.Results, sp.NextCursor)
	p.Items = resolve(a.Results, sp.Items)
	p.HasNext = resolve(a.Results, sp.HasNext)
	p.Total = resolve(a.Results, sp.Total)
	return p, err
}
