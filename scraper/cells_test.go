package scraper

import (
	"strings"
	"testing"
)

func TestSplitCells(t *testing.T) {
	vals := map[string]map[string]bool{
		"demo_shown": {"123": true},
		"when":       {"2020-05-07 19:00": true},
		"other":      {"1": true},
	}
	shown := exampleValues{present: true, byName: vals, top: vals}
	for _, tc := range []struct {
		name     string
		r        row
		ex, desc string
	}{
		{"nested two cells", row{name: "x", typ: "String", cells: []string{"a", "b c"}}, "a", "b c"},
		{"nested three cells", row{name: "x", typ: "String", cells: []string{"a", "b", "c"}}, "a", "b c"},
		{"nested one cell shown in the example", row{name: "demo_shown", typ: "String", cells: []string{"123"}}, "123", ""},
		{"nested one cell not shown", row{name: "x", typ: "String", cells: []string{"123"}}, "", "123"},
		{"top line, example shown", row{top: true, name: "demo_shown", typ: "String", lineRest: []string{"123", "导购员", "id"}}, "123", "导购员 id"},
		{"top line, an example with a space", row{top: true, name: "when", typ: "String", lineRest: []string{"2020-05-07", "19:00", "场次", "名称"}}, "2020-05-07 19:00", "场次 名称"},
		{"top line the example leaves out: all description", row{top: true, name: "x", typ: "String", lineRest: []string{"会员属性-json", "format生成方法"}}, "", "会员属性-json format生成方法"},
		{"top line the example shows with another value: first cell", row{top: true, name: "other", typ: "String", lineRest: []string{"2", "页码"}}, "2", "页码"},
		{"top struct line, one cell", row{top: true, name: "x", typ: "Result", lineRest: []string{"result"}}, "", "result"},
		{"top struct line, two cells not shown", row{top: true, name: "x", typ: "Result", lineRest: []string{"a", "b"}}, "", "a b"},
		{"top line with spilled limits", row{top: true, name: "x", typ: "String", limitsSpilled: true, lineRest: []string{"412963624031"}, cells: []string{"麦座订单id;非空"}}, "412963624031", "麦座订单id;非空"},
		{"top line, nothing", row{top: true, name: "x", typ: "String"}, "", ""},
	} {
		r := tc.r
		splitCells(&r, shown)
		if r.ex != tc.ex || r.desc != tc.desc {
			t.Errorf("%s: example %q description %q, want %q %q", tc.name, r.ex, r.desc, tc.ex, tc.desc)
		}
	}
	// Without an example on the page, a scalar's first cell is its example.
	r := row{top: true, name: "x", typ: "String", lineRest: []string{"1", "导购员", "id"}}
	splitCells(&r, exampleValues{})
	if r.ex != "1" || r.desc != "导购员 id" {
		t.Errorf("no example: example %q description %q", r.ex, r.desc)
	}
}

func TestRowStart(t *testing.T) {
	cells := func(s ...string) []cellAt {
		out := make([]cellAt, len(s))
		for i, c := range s {
			out[i] = cellAt{text: c}
		}
		return out
	}
	shown := exampleValues{present: true, byName: map[string]map[string]bool{"roi_kuan": {"xxx": true}}}
	for _, tc := range []struct {
		name  string
		side  side
		cells []cellAt
		cur   *row
		want  bool
	}{
		{"scalar marker", response, cells("└ code"), nil, true},
		{"struct name then type, fields follow", response, cells("model", "OrderStatusResponse", "└ oid"), nil, true},
		{"struct name then type, no field follows", response, cells("model", "OrderStatusResponse"), nil, false},
		{"description that looks like a name, then end", response, cells("key"), nil, false},
		{"description that looks like a name, then a scalar row", response, cells("key", "└ next"), nil, false},
		{"request struct needs 必须/可选", request, cells("goods_list", "Goods []", "必须", "└ x"), nil, true},
		{"request: name and type without 必须/可选", request, cells("goods_list", "Goods []", "x", "└ x"), nil, false},
		{"Chinese text", response, cells("结果", "String", "└ x"), nil, false},
		{"a demo value the example shows, then a type-like description", response, cells("xxx", "ROI", "└ x"), &row{name: "roi_kuan"}, false},
		{"the same cells after a row the example does not show so", response, cells("xxx", "ROI", "└ x"), &row{name: "other"}, true},
	} {
		run := &bulletRun{p: &textPage{file: "x"}, s: tc.side, cells: tc.cells, shown: shown}
		run.markLeaves()
		if len(tc.cells) > 0 && !run.marked {
			run.marked = true // a page with leaf markers elsewhere
		}
		if got := run.rowStart(0, tc.cur); got != tc.want {
			t.Errorf("%s: rowStart = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestParseJava(t *testing.T) {
	j := parseJava(`TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);
X.P obj1 = new X.P();
List<X.G> list3 = new ArrayList<X.G>();
X.G obj4 = new X.G();
list3.add(obj4);
obj4.setCardNo("11");
obj4.setCardType(1L);
list5.setIdentityList(list7);
obj1.setGoodsList(list3);
req.setParam(obj1);
req.setStart(StringUtils.parseDateTime("2020-01-02 03:04:05"));
XResponse rsp = client.execute(req, sessionKey);`)
	if j.session == nil || !*j.session {
		t.Errorf("execute(req, sessionKey) not read as a session call")
	}
	if got := j.objects("list3"); len(got) != 1 || got[0] != "obj4" {
		t.Errorf("list3 items %v", got)
	}
	if j.vars["list5"] != nil {
		t.Errorf("undeclared list5 read as declared")
	}
	vals := j.values(nil)
	if !vals["cardtype"]["1"] || !vals["cardno"]["11"] || !vals["start"]["2020-01-02 03:04:05"] {
		t.Errorf("literal values %v", vals)
	}
	if len(j.sets) != 6 || j.sets[3].recv != "obj1" || j.sets[3].prop != "goodslist" || j.sets[3].line != 9 {
		t.Errorf("setters %+v", j.sets[3])
	}
}

func TestParseJSONSampleShape(t *testing.T) {
	root, err := parseJSONSample(`{"x_response":{"result":{"items":{"item":[{"id":1},{"id":2}]},"ok":true,"n":null}}}`)
	if err != nil {
		t.Fatal(err)
	}
	if root.name != "x_response" || len(root.children) != 1 {
		t.Fatalf("root %+v", root)
	}
	res := root.children[0]
	items := res.children[0]
	if items.name != "items" || len(items.children) != 2 || items.children[1].name != "item" || items.children[1].children[0].text != "2" {
		t.Errorf("wrapped list not shaped like XML: %+v", items)
	}
	if res.children[1].text != "true" || res.children[2].name != "n" {
		t.Errorf("scalars: %+v %+v", res.children[1], res.children[2])
	}
}

// Examples are untrusted: a deeply nested sample is an error, not a stack
// exhausted by recursion.
func TestDeepSamplesAreRefused(t *testing.T) {
	deepXML := strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000)
	if _, err := parseXMLSample(deepXML); err == nil || !strings.Contains(err.Error(), "nests deeper than 130 levels") {
		t.Errorf("deep XML: %v", err)
	}
	deepJSON := "{" + strings.Repeat(`"a":{`, 100000) + strings.Repeat("}", 100001)
	if _, err := parseJSONSample(deepJSON); err == nil || !strings.Contains(err.Error(), "nests deeper than 130 levels") {
		t.Errorf("deep JSON: %v", err)
	}
}
