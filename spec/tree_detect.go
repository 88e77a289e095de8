package spec

import "strings"

// Detections renders what the spec derives from the doc for review, in the
// tree's tab-separated form: one line per parameter with documented values
// (side, path, "values", the values) and one line for the paging
// ("paging", its style, the fields it names). topgen tree -evidence prints
// them after the tree.
//
//	resp	result/data/order_state	values	1=订单未完成; 2=订单已完成; 3=订单已关闭
//	paging	page	page=page_no size=page_size items=trades has_next=has_next total=total_results (items)
func (a *API) Detections() string {
	var b strings.Builder
	for _, side := range []struct {
		name   string
		params []*Param
	}{{"req", a.Request}, {"resp", a.Response}} {
		Walk(side.params, func(path string, p *Param) {
			if len(p.Values) > 0 {
				b.WriteString(side.name + "\t" + path + "\tvalues\t" + FormatValues(p.Values) + "\n")
			}
		})
	}
	if p := a.Paging; p != nil {
		style, fields, _ := strings.Cut(p.String(), " ")
		b.WriteString("paging\t" + style + "\t" + fields + "\n")
	}
	return b.String()
}
