package scraper

import "github.com/opentop/topgen/spec"

// fillWrappers records, for every list in the response tree, the item
// element name the XML sample shows (<xs><item>…</item></xs>). The wrapper
// is usually snake(TypeName) but not always (OrderDetailCursorTopDTO2 wraps
// as order_detail_cursor_top_d_t_o), so the sample is the authority.
func fillWrappers(api *spec.API) {
	if api.Examples.ResponseXML == "" {
		return
	}
	root, err := parseXMLSample(api.Examples.ResponseXML)
	if err != nil {
		return
	}
	wrappersIn([]*sampleNode{root}, api.Response)
}

// wrappersIn matches one level of params to the children of elems. The
// children are indexed by name once per level, so the work is the size of
// the sample plus the number of params (matching each param by scanning
// every child cost params × children).
func wrappersIn(elems []*sampleNode, params []*spec.Param) {
	byName := map[string][]*sampleNode{}
	for _, el := range elems {
		for _, c := range el.children {
			byName[c.name] = append(byName[c.name], c)
		}
	}
	for _, p := range params {
		var items []*sampleNode
		matched := byName[p.Name]
		if len(matched) == 0 {
			continue
		}
		next := matched
		if p.List {
			for _, m := range matched {
				items = append(items, m.children...)
			}
			if len(items) > 0 && p.Wrapper == "" {
				p.Wrapper = items[0].name
			}
			next = items
		}
		if len(p.Children) > 0 {
			wrappersIn(next, p.Children)
		}
	}
}
