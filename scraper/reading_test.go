package scraper

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opentop/topgen/scraper/internal/priors"
	"github.com/opentop/topgen/spec"
)

// textDoc builds a page in the seeds' text form from its parts: the
// request and response table rows (after the header), the Java lines
// between the request declaration and the execute call, and the XML
// inside the response element.
func textDoc(method, reqRows, respRows, java, xml string) string {
	root := (&spec.API{Method: method}).ResponseKey()
	class := javaClass(method)
	var b strings.Builder
	b.WriteString(method + " (测试)\n\n测试接口\n\n公共参数\n\n请求参数\n\n" + requestHeader + "\n" + reqRows)
	b.WriteString("\n响应参数\n\n" + responseHeader + "\n" + respRows)
	b.WriteString("\n请求示例\n\n  • JAVA\nTaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);\n")
	b.WriteString(class + "Request req = new " + class + "Request();\n" + java)
	b.WriteString(class + "Response rsp = client.execute(req);\nSystem.out.println(rsp.getBody());\n")
	b.WriteString("\n响应示例\n\n  • XML示例\n<" + root + ">\n" + xml + "</" + root + ">\n")
	b.WriteString("\n异常示例\n\n  • XML示例\n<error_response>\n    <code>50</code>\n</error_response>\n")
	b.WriteString("\n错误码解释\n\n错误码 错误描述 解决方案\n\nAPI工具\n")
	return b.String()
}

func parseOK(t *testing.T, page string) (*spec.API, []Warning) {
	t.Helper()
	api, warnings, err := ParseText("page.txt", []byte(page))
	if err != nil {
		t.Fatalf("%v\n%s", err, page)
	}
	return api, warnings
}

func param(t *testing.T, params []*spec.Param, path string) *spec.Param {
	t.Helper()
	var found *spec.Param
	spec.Walk(params, func(p string, x *spec.Param) {
		if p == path {
			found = x
		}
	})
	if found == nil {
		var paths []string
		spec.Walk(params, func(p string, _ *spec.Param) { paths = append(paths, p) })
		t.Fatalf("no %s in %v", path, paths)
	}
	return found
}

// A heading the converter rendered as a bullet (its list still open after
// a 更多限制 item with no description) is still the heading.
func TestBulletedHeading(t *testing.T) {
	page := textDoc("taobao.topgen.heading",
		"page_size Number 可选 20\n  • 最大值:100\n", // no description bullet
		"",
		"req.setPageSize(20L);\n", "    <total>3</total>\n")
	page = strings.Replace(page, "\n响应参数\n\n"+responseHeader+"\n", "\n  • 响应参数\n\n    "+responseHeader+"\n    total Number 3 总数\n", 1)
	api, _ := parseOK(t, page)
	if p := api.Request[0]; p.Limits.MaxValue == nil || *p.Limits.MaxValue != 100 || p.Description != "" || p.Example != "20" {
		t.Errorf("page_size: %+v", p)
	}
	if len(api.Response) != 1 || api.Response[0].Name != "total" {
		t.Errorf("response after a bulleted heading: %+v", api.Response)
	}
}

// 默认值 in 更多限制 is the default, on a top-level row and a nested one.
func TestDefaultValue(t *testing.T) {
	page := textDoc("taobao.topgen.defaults",
		"page_no Number 可选 1\n  • 默认值:1\n  • 页码\n    query Query 可选 查询\n  • └ page_size\n  • Number\n  • 可选\n  • 20\n  • 默认值：40\n  • 最大值:100\n  • 每页条数\n",
		"total Number 3 总数\n",
		"req.setPageNo(1L);\nTopgenDefaultsRequest.Query obj1 = new TopgenDefaultsRequest.Query();\nobj1.setPageSize(20L);\nreq.setQuery(obj1);\n",
		"    <total>3</total>\n")
	api, _ := parseOK(t, page)
	if p := api.Request[0]; p.Default != "1" || p.Example != "1" || p.Description != "页码" {
		t.Errorf("page_no: default %q example %q description %q", p.Default, p.Example, p.Description)
	}
	p := param(t, api.Request, "query/page_size")
	if p.Default != "40" || p.Example != "20" || p.Description != "每页条数" || p.Limits.MaxValue == nil {
		t.Errorf("query/page_size: %+v", p)
	}
	data, err := spec.Marshal(api)
	if err != nil || !strings.Contains(string(data), "    default: \"40\"\n") {
		t.Errorf("the spec does not carry default: %v\n%s", err, data)
	}
}

// A demo value that looks like a name (xxx) followed by a description
// that looks like a type (ROI) is the row's cells, not a new row, when the
// example shows that value for the row; the examples decide.
func TestDemoCellLikeARow(t *testing.T) {
	resp := "result Result 结果\n  • └ roi_kuan\n  • String\n  • xxx\n  • ROI\n  • └ rt\n  • String\n  • abc\n  • RT\n"
	page := textDoc("taobao.topgen.roi", "", resp, "",
		"    <result>\n        <roi_kuan>xxx</roi_kuan>\n        <rt>abc</rt>\n    </result>\n")
	api, _ := parseOK(t, page)
	for path, want := range map[string][2]string{"result/roi_kuan": {"xxx", "ROI"}, "result/rt": {"abc", "RT"}} {
		if p := param(t, api.Response, path); p.Example != want[0] || p.Description != want[1] {
			t.Errorf("%s: example %q description %q, want %q %q", path, p.Example, p.Description, want[0], want[1])
		}
	}
	if n := len(api.Response[0].Children); n != 2 {
		t.Errorf("result has %d fields, want 2 (no row made of a value and a description)", n)
	}
}

// A struct-typed row with no fields keeps its doc type as an opaque leaf
// (generated as raw JSON text), with a warning; so does a top-level struct
// row with no nested rows.
func TestOpaqueStructLeaf(t *testing.T) {
	resp := "result Result 结果\n  • └ ext\n  • Map\n  • 扩展信息\n  • └ code\n  • String\n  • 200\n  • 返回码\nattrs JSONObject 属性\n"
	page := textDoc("taobao.topgen.opaque", "", resp, "", "    <result>\n        <code>200</code>\n    </result>\n")
	api, warnings := parseOK(t, page)
	ext := param(t, api.Response, "result/ext")
	if ext.Type != "Map" || !ext.Opaque || len(ext.Children) != 0 {
		t.Errorf("result/ext: %+v", ext)
	}
	if code := param(t, api.Response, "result/code"); code.Nesting != spec.NestingExample {
		t.Errorf("the row after an opaque leaf is its sibling: %+v", code)
	}
	if attrs := api.Response[1]; attrs.Type != "JSONObject" || !attrs.Opaque {
		t.Errorf("attrs: %+v", attrs)
	}
	var msgs []string
	for _, w := range warnings {
		msgs = append(msgs, w.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		fmt.Sprintf("page.txt:%d: response: result/ext: warning: struct type Map has no fields; read as an opaque leaf (raw JSON text)", lineOf(t, page, "└ ext")),
		fmt.Sprintf("page.txt:%d: response: attrs: warning: struct type JSONObject has no fields", lineOf(t, page, "attrs JSONObject")),
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
}

// A page the greedy resolver refused: the first code row (no demo value)
// took the example's <code>, which belongs to the later result/code, so
// model closed too early and <name> was left over. The search keeps every
// consistent placement and finds the one that uses the example whole.
func TestSearchWhereGreedyFails(t *testing.T) {
	resp := "result Result 结果\n  • model\n  • Model\n  • 模型\n  • └ code\n  • Number\n  • 模型编码\n  • └ name\n  • String\n  • abc\n  • 名称\n  • └ code\n  • Number\n  • 200\n  • 返回码\n"
	page := textDoc("taobao.topgen.greedy", "", resp, "",
		"    <result>\n        <model>\n            <name>abc</name>\n        </model>\n        <code>200</code>\n    </result>\n")
	api, warnings := parseOK(t, page)
	want := "resp\tresult\tResult\t-\nresp\tresult/model\tModel\t-\nresp\tresult/model/code\tNumber\t-\nresp\tresult/model/name\tString\t-\nresp\tresult/code\tNumber\t-\n"
	if got := api.Tree(); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
	for path, n := range map[string]spec.Nesting{"result/model": spec.NestingExample, "result/model/code": spec.NestingPinned, "result/model/name": spec.NestingExample, "result/code": spec.NestingExample} {
		if p := param(t, api.Response, path); p.Nesting != n {
			t.Errorf("%s: nesting %q, want %q", path, p.Nesting, n)
		}
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %v", warnings)
	}
}

// Where the examples leave a row two places (success has no example
// value, and the model struct's example is used up), the catalog's priors
// decide, and the row is flagged prior; with priors that know nothing it
// goes to the deepest open struct, flagged default.
func TestPriorDecides(t *testing.T) {
	resp := "result Result 结果\n  • model\n  • OrderDTO\n  • 订单\n  • └ order_id\n  • String\n  • 123\n  • 订单号\n  • └ success\n  • Boolean\n  • 是否成功\n"
	page := textDoc("taobao.topgen.prior", "", resp, "",
		"    <result>\n        <model>\n            <order_id>123</order_id>\n        </model>\n    </result>\n")
	api, warnings, err := ParseText("page.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if p := param(t, api.Response, "result/success"); p.Nesting != spec.NestingPrior {
		t.Errorf("result/success: nesting %q, want prior", p.Nesting)
	}
	if len(warnings) != 1 || warnings[0].Nesting != spec.NestingPrior || warnings[0].Line != lineOf(t, page, "└ success") ||
		!strings.Contains(warnings[0].Msg, "placed by priors learned from the TOP catalog, under result (nesting: prior)") {
		t.Errorf("warnings: %v", warnings)
	}

	api, warnings, err = parseText("page.txt", []byte(page), noPriors{})
	if err != nil {
		t.Fatal(err)
	}
	if p := param(t, api.Response, "result/model/success"); p.Nesting != spec.NestingDefault {
		t.Errorf("without priors: result/model/success nesting %q, want default", p.Nesting)
	}
	if len(warnings) != 1 || warnings[0].Nesting != spec.NestingDefault || !strings.Contains(warnings[0].Msg, "placed in the deepest open struct, under result/model (nesting: default)") {
		t.Errorf("warnings without priors: %v", warnings)
	}
}

// noPriors knows nothing, so nothing but the examples decides.
type noPriors struct{}

func (noPriors) typeField(string, string) (int, int)   { return 0, 0 }
func (noPriors) parentField(string, string) (int, int) { return 0, 0 }
func (noPriors) fieldRate(string) (int, int)           { return 0, 0 }
func (noPriors) level(string) priorsName               { return priorsName{} }
func (noPriors) sibling(string, string) int            { return 0 }
func (noPriors) words() priorsWords                    { return priorsWords{} }

type (
	priorsName  = priors.Name
	priorsWords = priors.Words
)

// A page whose examples leave too much open (one example element for a
// long run of rows, structs inside structs) exhausts the step bound: it is
// still read, with one placement kept per row, and every row the example
// does not locate is flagged.
func TestStepBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("result Result 结果\n")
	for i := 0; i < 150; i++ {
		if i%5 == 0 {
			fmt.Fprintf(&b, "  • s%d\n  • Sub\n  • 子结构\n", i)
		}
		fmt.Fprintf(&b, "  • └ f%d\n  • String\n  • 值\n", i%7)
	}
	page := textDoc("taobao.topgen.big", "", b.String(), "", "    <result>\n        <s0>\n            <f0>1</f0>\n        </s0>\n    </result>\n")
	api, warnings := parseOK(t, page)
	flagged := 0
	spec.Walk(api.Response, func(path string, p *spec.Param) {
		if p.Nesting == spec.NestingDefault || p.Nesting == spec.NestingPrior {
			flagged++
		}
	})
	if flagged == 0 || len(warnings) < flagged {
		t.Errorf("%d rows flagged, %d warnings", flagged, len(warnings))
	}
}
