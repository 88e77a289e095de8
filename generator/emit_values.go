package generator

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// emitConsts declares one const block per documented value list: typed
// with the field's Go type, each constant carrying the doc's label.
func emitConsts(f *jen.File, a *API) {
	for _, g := range a.Consts {
		typ := jen.String()
		if g.Kind == KindInt {
			typ = jen.Int64()
		}
		var defs []jen.Code
		for _, c := range g.Consts {
			var lit jen.Code = jen.Lit(c.Value)
			if g.Kind == KindInt {
				n, _ := strconv.ParseInt(c.Value, 10, 64) // spec.Validate checked it
				lit = intLit(n)
			}
			label := c.Label
			if label == "" {
				label = "The value " + strconv.Quote(c.Value) + "."
			}
			defs = append(defs, comment(label)...)
			defs = append(defs, jen.Id(c.GoName).Add(typ.Clone()).Op("=").Add(lit))
		}
		where := "Field: "
		if len(g.Paths) > 1 {
			where = "Fields: "
		}
		// Wire names are doc text: plainText keeps them on their comment line.
		addDecl(f, docBlock(plainText(g.Base+"… are the values the doc lists for "+g.Wire+"."), plainText(where+strings.Join(g.Paths, "; "))),
			jen.Const().Defs(defs...))
	}
}

// valuesNote is the line a field's doc comment gets when the doc lists its
// values.
func valuesNote(fl *Field) string {
	if fl.Values == "" {
		return ""
	}
	return "Values: the " + fl.Values + "… constants."
}
