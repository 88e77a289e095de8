package scraper

import (
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

// Regression pages for rows whose cells were read wrong with no warning
// (the corpus text-page test's misread pages; alibaba.kbalgo.alscpois.get,
// aliexpress.solution.order.get, alibaba.ascp.cnsku.add in the catalog).

// A struct row's demo that is a host name (www.baidu.com), then its type
// name as the description (Delivery), looks like a struct row of its own;
// no nested struct field has a dotted name, so it is the row's cells.
func TestStructDemoLikeARow(t *testing.T) {
	resp := "result Result 结果\n" +
		"  • delivery\n  • Delivery\n  • www.baidu.com\n  • Delivery\n" +
		"  • └ min\n  • String\n  • 分\n" +
		"  • └ step\n  • String\n  • 10\n  • 步长\n" +
		"  • └ label\n  • String\n  • abc\n  • 标签\n"
	page := textDoc("taobao.topgen.delivery", "", resp, "",
		"    <result>\n        <delivery>\n            <step>10</step>\n        </delivery>\n        <label>abc</label>\n    </result>\n")
	api, warnings := parseOK(t, page)
	want := "resp\tresult\tResult\t-\nresp\tresult/delivery\tDelivery\t-\nresp\tresult/delivery/min\tString\t-\nresp\tresult/delivery/step\tString\t-\nresp\tresult/label\tString\t-\n"
	if got := api.Tree(); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
	if p := param(t, api.Response, "result/delivery"); p.Example != "www.baidu.com" || p.Description != "Delivery" {
		t.Errorf("result/delivery: example %q description %q, want %q %q", p.Example, p.Description, "www.baidu.com", "Delivery")
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %v", warnings)
	}
}

// A nested row's one cell, which the example shows as the value of another
// field of the same name elsewhere, is the description where the example
// does not show the row at its own place (the doc generator builds the
// example from demo values, so a row it leaves out there has none); where
// the example does show it there, it is the example value.
func TestLoneCellDecidedAtTheRowsPlace(t *testing.T) {
	resp := "result Result 结果\n" +
		"  • logistics_amount\n  • Money\n  • 物流费\n" +
		"  • └ amount\n  • String\n  • amount\n  • 金额\n" +
		"  • pay_amount\n  • Money\n  • 支付金额\n" +
		"  • └ amount\n  • String\n  • amount\n" + // the description; no demo
		"  • └ currency\n  • String\n  • CNY\n" + // the demo; no description
		"  • └ order_id\n  • Number\n  • 77\n  • 订单号\n"
	page := textDoc("taobao.topgen.amount", "", resp, "",
		"    <result>\n        <logistics_amount>\n            <amount>amount</amount>\n        </logistics_amount>\n"+
			"        <pay_amount>\n            <currency>CNY</currency>\n        </pay_amount>\n        <order_id>77</order_id>\n    </result>\n")
	api, warnings := parseOK(t, page)
	for path, want := range map[string][2]string{
		"result/logistics_amount/amount": {"amount", "金额"},
		"result/pay_amount/amount":       {"", "amount"},
		"result/pay_amount/currency":     {"CNY", ""},
	} {
		if p := param(t, api.Response, path); p.Example != want[0] || p.Description != want[1] {
			t.Errorf("%s: example %q description %q, want %q %q", path, p.Example, p.Description, want[0], want[1])
		}
	}
	if p := param(t, api.Response, "result/pay_amount/currency"); p.Nesting != spec.NestingExample {
		t.Errorf("result/pay_amount/currency: nesting %q, want example", p.Nesting)
	}
	for _, w := range warnings {
		if strings.Contains(w.Msg, "does not show its example value") || strings.Contains(w.Msg, "its one cell") {
			t.Errorf("a description read as an example value: %v", w)
		}
	}
}

// The same rows in an HTML page whose row lists nest (the DOM gives the
// depth, so the place is certain) and in one whose lists are flat (the
// resolver places them, as for a text page): one reading.
func TestLoneCellInHTMLPages(t *testing.T) {
	li := func(cells ...string) string { return "<li>" + strings.Join(cells, "</li><li>") + "</li>" }
	rowList := func(children string, cells ...string) string {
		if children != "" {
			children = `<li class="children">` + children + "</li>"
		}
		return `<ul class="param">` + li(cells...) + children + "</ul>\n"
	}
	logistics := func(nested bool) string {
		amount := rowList("", "└ amount", "String", "amount", "金额")
		if !nested {
			return rowList("", "logistics_amount", "Money", "物流费") + amount
		}
		return rowList(amount, "logistics_amount", "Money", "物流费")
	}
	pay := func(nested bool) string {
		fields := rowList("", "└ amount", "String", "amount") + rowList("", "└ currency", "String", "CNY")
		if !nested {
			return rowList("", "pay_amount", "Money", "支付金额") + fields
		}
		return rowList(fields, "pay_amount", "Money", "支付金额")
	}
	xml := "&lt;topgen_amount_response&gt;\n    &lt;result&gt;\n        &lt;logistics_amount&gt;\n            &lt;amount&gt;amount&lt;/amount&gt;\n        &lt;/logistics_amount&gt;\n" +
		"        &lt;pay_amount&gt;\n            &lt;currency&gt;CNY&lt;/currency&gt;\n        &lt;/pay_amount&gt;\n    &lt;/result&gt;\n&lt;/topgen_amount_response&gt;"
	for _, nested := range []bool{false, true} {
		page := `<html><body><div class="api-head"><h1>taobao.topgen.amount (测试)</h1></div>
<h3>请求参数</h3>
<table class="params"><thead><tr><th>名称</th><th>类型</th><th>是否必须</th><th>示例值</th><th>更多限制</th><th>描述</th></tr></thead><tbody></tbody></table>
<h3>响应参数</h3>
<table class="params"><thead><tr><th>名称</th><th>类型</th><th>示例值</th><th>描述</th></tr></thead><tbody>
<tr><td>result</td><td>Result</td><td></td><td>结果</td></tr>
<tr class="sub"><td colspan="4">
` + logistics(nested) + pay(nested) + `</td></tr>
</tbody></table>
<h3>请求示例</h3>
<pre class="code">TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);</pre>
<h3>响应示例</h3>
<pre class="code">` + xml + `</pre>
<h3>异常示例</h3>
<pre class="code">&lt;error_response&gt;&lt;code&gt;50&lt;/code&gt;&lt;/error_response&gt;</pre>
<h3>错误码解释</h3>
</body></html>`
		api, _, err := ParseHTML("page.html", []byte(page))
		if err != nil {
			t.Fatalf("nested %t: %v", nested, err)
		}
		for path, want := range map[string][2]string{
			"result/logistics_amount/amount": {"amount", "金额"},
			"result/pay_amount/amount":       {"", "amount"},
			"result/pay_amount/currency":     {"CNY", ""},
		} {
			if p := param(t, api.Response, path); p.Example != want[0] || p.Description != want[1] {
				t.Errorf("nested %t: %s: example %q description %q, want %q %q", nested, path, p.Example, p.Description, want[0], want[1])
			}
		}
	}
}

// A nested row's last cell is its description even when it reads like a
// limit (最大列表长度：20): no page gives a nested row 更多限制 items, and
// catalog docs write a nested list's limit in its description. On the
// response side, which has no 更多限制 column, such a cell is never a
// limit; a top-level request row's spilled limit still is.
func TestNestedDescriptionLikeALimit(t *testing.T) {
	req := "sku CnskuDTO 必须 货品\n" +
		"  • sn_samples\n  • SnSample []\n  • 可选\n  • 最大列表长度：20\n" +
		"  • └ sample_desc\n  • String\n  • 可选\n  • abc\n  • 最大长度:32\n  • sn示例顺序\n" +
		"page_size Number 可选 20\n  • 最大值:100\n  • 每页条数\n"
	resp := "result Result 结果\n  • └ note\n  • String\n  • 最大长度:32\n"
	page := textDoc("taobao.topgen.limits", req, resp,
		"TopgenLimitsRequest.CnskuDTO obj1 = new TopgenLimitsRequest.CnskuDTO();\n"+
			"List<TopgenLimitsRequest.SnSample> list2 = new ArrayList<TopgenLimitsRequest.SnSample>();\n"+
			"TopgenLimitsRequest.SnSample obj3 = new TopgenLimitsRequest.SnSample();\nlist2.add(obj3);\n"+
			"obj3.setSampleDesc(\"abc\");\nobj1.setSnSamples(list2);\nreq.setSku(obj1);\nreq.setPageSize(20L);\n",
		"    <result>\n    </result>\n")
	api, _ := parseOK(t, page)
	if p := param(t, api.Request, "sku/sn_samples"); p.Description != "最大列表长度：20" || !p.Limits.IsZero() {
		t.Errorf("sku/sn_samples: description %q limits %s, want the description and no limit", p.Description, limitCellsKey(p.Limits))
	}
	if p := param(t, api.Request, "sku/sn_samples/sample_desc"); p.Example != "abc" || p.Description != "sn示例顺序" || limitCellsKey(p.Limits) != "最大长度:32" {
		t.Errorf("sku/sn_samples/sample_desc: example %q description %q limits %s", p.Example, p.Description, limitCellsKey(p.Limits))
	}
	if p := param(t, api.Request, "page_size"); p.Description != "每页条数" || limitCellsKey(p.Limits) != "最大值:100" {
		t.Errorf("page_size: description %q limits %s", p.Description, limitCellsKey(p.Limits))
	}
	if p := param(t, api.Response, "result/note"); p.Description != "最大长度:32" || !p.Limits.IsZero() {
		t.Errorf("result/note: description %q limits %s, want the description and no limit", p.Description, limitCellsKey(p.Limits))
	}
}
