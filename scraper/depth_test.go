package scraper

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

// deepChain is a parameter tree whose deepest parameter is at depth
// levels: id_1 and child (a struct) at depth 1, id_2 and child inside it,
// and so on down to id_<levels>.
func deepChain(d, levels int) []*spec.Param {
	ps := []*spec.Param{{Name: fmt.Sprintf("id_%d", d), Type: "Number", Description: "编号"}}
	if d < levels {
		ps = append(ps, &spec.Param{Name: "child", Type: fmt.Sprintf("Level%d", d), Description: "下一层", Children: deepChain(d+1, levels)})
	}
	return ps
}

func jsonChain(ps []*spec.Param) []any {
	var out []any
	for _, p := range ps {
		out = append(out, map[string]any{"name": p.Name, "type": p.Type, "description": p.Description, "subParams": jsonChain(p.Children)})
	}
	return out
}

// htmlChain is a nested HTML row list of the parameters (response side).
func htmlChain(b *strings.Builder, ps []*spec.Param) {
	for _, p := range ps {
		fmt.Fprintf(b, `<ul class="param"><li>└ %s</li><li>%s</li><li>1</li><li>%s</li>`, p.Name, p.Type, p.Description)
		if len(p.Children) > 0 {
			b.WriteString(`<li class="children">`)
			htmlChain(b, p.Children)
			b.WriteString(`</li>`)
		}
		b.WriteString("</ul>\n")
	}
}

func xmlChain(b *strings.Builder, ps []*spec.Param) {
	for _, p := range ps {
		fmt.Fprintf(b, "<%s>", p.Name)
		if len(p.Children) > 0 {
			xmlChain(b, p.Children)
		} else {
			b.WriteString("1")
		}
		fmt.Fprintf(b, "</%s>", p.Name)
	}
}

// deepPages renders one API whose response nests levels deep in the three
// forms a doc comes in.
func deepPages(t *testing.T, levels int) map[string][]byte {
	api := &spec.API{Method: "taobao.deep.get", Title: "深", Session: spec.SessionNone,
		Request:  []*spec.Param{{Name: "q", Type: "String", Description: "查询"}},
		Response: []*spec.Param{{Name: "result", Type: "Level0", Description: "结果", Children: deepChain(1, levels-1)}}}
	doc, err := json.Marshal(map[string]any{"name": api.Method, "apiChineseName": api.Title,
		"requestParams": jsonChain(api.Request), "responseParams": jsonChain(api.Response)})
	if err != nil {
		t.Fatal(err)
	}
	flat, err := os.ReadFile("../golden/html/alibaba.omni.order.query.nested.html")
	if err != nil {
		t.Fatal(err)
	}
	// The bundled page with its response table replaced by the chain.
	page := string(flat)
	start := strings.Index(page, "<h3>响应参数</h3>")
	end := strings.Index(page, "<h3>请求示例</h3>")
	var rows strings.Builder
	rows.WriteString("<h3>响应参数</h3>\n<table class=\"params\">\n<thead><tr><th>名称</th><th>类型</th><th>示例值</th><th>描述</th></tr></thead>\n<tbody>\n")
	rows.WriteString("<tr><td>result</td><td>Level0</td><td></td><td>结果</td></tr>\n<tr class=\"sub\"><td colspan=\"4\">\n")
	htmlChain(&rows, api.Response[0].Children)
	rows.WriteString("</td></tr>\n</tbody>\n</table>\n")
	html := page[:start] + rows.String() + page[end:]
	// and its XML response example by the chain's.
	start = strings.Index(html, "<h3>响应示例</h3>")
	start += strings.Index(html[start:], "<pre class=\"code\">") + len("<pre class=\"code\">")
	end = start + strings.Index(html[start:], "</pre>")
	var sample strings.Builder
	xmlChain(&sample, api.Response)
	html = html[:start] + strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace("<alibaba_omni_order_query_response>"+sample.String()+"</alibaba_omni_order_query_response>") + html[end:]
	return map[string][]byte{
		"deep.json": doc,
		"deep.txt":  []byte(renderText(api).text),
		"deep.html": []byte(html),
	}
}

// TestDepthCapReaders: every reader takes a doc nesting spec.MaxDepth
// levels and refuses one level more with an error naming the doc and the
// path (issue 10).
func TestDepthCapReaders(t *testing.T) {
	for name, data := range deepPages(t, spec.MaxDepth) {
		api, _, err := Parse(name, data)
		if err != nil {
			t.Errorf("%s, %d levels: %v", name, spec.MaxDepth, err)
			continue
		}
		depth := 0
		spec.Walk(api.Response, func(path string, _ *spec.Param) { depth = max(depth, strings.Count(path, "/")+1) })
		if depth != spec.MaxDepth {
			t.Errorf("%s: read %d levels, want %d", name, depth, spec.MaxDepth)
		}
	}
	path := "result/" + strings.Repeat("child/", spec.MaxDepth-1)
	want := map[string]string{
		"deep.json": "$.responseParams[0]" + strings.Repeat(".subParams[1]", spec.MaxDepth-1) + ".subParams[0]: parameter id_64 nests deeper than 64 levels",
		"deep.txt":  "response: " + path + "id_64: nests deeper than 64 levels",
		"deep.html": "response: " + path + "id_64: nests deeper than 64 levels",
	}
	for name, data := range deepPages(t, spec.MaxDepth+1) {
		_, _, err := Parse(name, data)
		if err == nil || !strings.HasPrefix(err.Error(), name+":") || !strings.Contains(err.Error(), want[name]) {
			t.Errorf("%s, %d levels: got %v, want an error naming the file and %q", name, spec.MaxDepth+1, err, want[name])
		}
	}
}
