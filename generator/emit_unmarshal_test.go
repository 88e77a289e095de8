package generator

import (
	"testing"

	"github.com/opentop/topgen/spec"
)

// A list's xml tag names its items, from the doc's example or TOP's
// naming rule, unless a name cannot stand in an xml tag.
func TestResponseTags(t *testing.T) {
	cases := []struct {
		wire, docType, wrapper string
		list                   bool
		want                   string
	}{
		{"orders", "Order", "", true, "orders>order"},
		{"subpay_order_list", "SubPayOrderDetail", "sub_pay_order_detail", true, "subpay_order_list>sub_pay_order_detail"},
		{"fee_list", "ServiceFeeDTO", "", true, "fee_list>service_fee_d_t_o"},
		{"results", "PublisherOrderDto", "publisher_order_dto", true, "results>publisher_order_dto"},
		{"tags", "String", "", true, "tags>string"},
		{"ids", "Number", "", true, "ids>number"},
		{"amounts", "BigDecimal", "", true, "amounts>big_decimal"},
		{"order", "Order", "", false, "order"},
		{"my list", "Order", "", true, ""}, // a top tag only
		{"订单", "Order", "", true, "订单>order"},
		{"xs", "Order", "a>b", true, "xs"},
		{"xs", "Field List", "", true, "xs"},
		{"1xs", "Order", "", true, "1xs>order"},
	}
	for _, c := range cases {
		fl := &Field{Wire: c.wire, Type: Type{List: c.list}, Param: &spec.Param{Name: c.wire, Type: c.docType, List: c.list, Wrapper: c.wrapper}}
		if got := responseFieldTags(fl)["xml"]; got != c.want {
			t.Errorf("%s (%s, wrapper %q): xml tag %q, want %q", c.wire, c.docType, c.wrapper, got, c.want)
		}
	}
}
