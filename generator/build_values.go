package generator

import (
	"strings"

	"github.com/opentop/topgen/spec"
)

// Documented values become typed constants of the field's own Go type
// (string or int64), so they are assignable to the field and a detection
// change never changes a field's type. Names are the API's prefix, the
// field and the value, built like the API's struct type names:
//
//	status: WAIT_BUYER_PAY(等待买家付款)  → TradesSoldGetStatusWaitBuyerPay = "WAIT_BUYER_PAY"
//	order_state: 1=订单未完成           → MzOrderDetailOrderState1 = 1
//
// A field name listed twice in an API with the same values gets one group;
// with other values, the later one is qualified by its parent's name.

// constGroups builds the API's constants from its spec, in doc order
// (request side first), and notes the group on each field.
func (b *builder) constGroups(a *spec.API) {
	bases := map[string]*ConstGroup{}   // base name → group
	byParam := map[*spec.Param]string{} // param → base, for the field notes
	for _, side := range []struct {
		name   string
		params []*spec.Param
	}{{"request", a.Request}, {"response", a.Response}} {
		walkParents(side.params, nil, func(path string, parent, p *spec.Param) {
			if len(p.Values) == 0 {
				return
			}
			kind := KindString
			if p.Type == "Number" {
				kind = KindInt
			}
			where := side.name + ": " + path
			base := typeName(b.api.words, p.Name)
			if g := bases[base]; g != nil && !sameGroup(g, kind, p.Values) && parent != nil {
				base = typeName(b.api.words, parent.Name+"_"+p.Name)
			}
			if g := bases[base]; g != nil && sameGroup(g, kind, p.Values) {
				g.Paths = append(g.Paths, where)
				byParam[p] = base
				return
			}
			// Constants are named after every struct type: they share the
			// API's names, and a type keeps its name.
			base = b.names.unique(base)
			g := &ConstGroup{Base: base, Wire: p.Name, Paths: []string{where}, Kind: kind}
			inGroup := newNameSet()
			for _, v := range p.Values {
				name := b.names.unique(inGroup.unique(base + valueName(v.Value)))
				g.Consts = append(g.Consts, &Const{GoName: name, Value: v.Value, Label: plainText(v.Label)})
			}
			bases[base] = g
			byParam[p] = base
			b.api.Consts = append(b.api.Consts, g)
		})
	}
	var note func(fields []*Field, seen map[*Struct]bool)
	note = func(fields []*Field, seen map[*Struct]bool) {
		for _, f := range fields {
			f.Values = byParam[f.Param]
			if s := f.Type.Struct; s != nil && !seen[s] {
				seen[s] = true
				note(s.Fields, seen)
			}
		}
	}
	note(b.api.Params, map[*Struct]bool{})
	note(b.api.Results, map[*Struct]bool{})
}

// walkParents is spec.Walk with each param's parent (nil at the top).
func walkParents(params []*spec.Param, parent *spec.Param, fn func(path string, parent, p *spec.Param)) {
	var walk func(prefix string, parent *spec.Param, params []*spec.Param)
	walk = func(prefix string, parent *spec.Param, params []*spec.Param) {
		for _, p := range params {
			path := p.Name
			if prefix != "" {
				path = prefix + "/" + p.Name
			}
			fn(path, parent, p)
			walk(path, p, p.Children)
		}
	}
	walk("", parent, params)
}

func sameGroup(g *ConstGroup, kind Kind, vals []spec.Value) bool {
	if g.Kind != kind || len(g.Consts) != len(vals) {
		return false
	}
	for i, c := range g.Consts {
		if c.Value != vals[i].Value || c.Label != plainText(vals[i].Label) {
			return false
		}
	}
	return true
}

// valueName is the part of a constant's name its value gives: a token in
// Go style (WAIT_BUYER_PAY → WaitBuyerPay, itemFixPrice → ItemFixPrice), a
// code as its digits (1 → 1, -1 → Minus1).
func valueName(v string) string {
	if spec.IsCode(v) {
		if strings.HasPrefix(v, "-") {
			return "Minus" + v[1:]
		}
		return v
	}
	if strings.ToUpper(v) == v {
		v = strings.ToLower(v) // an all-capitals token reads as words
	}
	// goName of "v_<value>" minus its V: the namer's rules for the words,
	// without the X it puts before a name that starts with no letter.
	return goName("v_" + v)[1:]
}
