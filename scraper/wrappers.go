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

func wrappersIn(elems []*sampleNode, params []*spec.Param) {
	for _, p := range params {
		var matched, items []*sampleNode
		for _, el := range elems {
			for _, c := range el.children {
				if c.name == p.Name {
					matched = append(matched, c)
				}
			}
		}
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
