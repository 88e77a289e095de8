package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/scraper"
	"github.com/opentop/topgen/spec"
)

// Hostile-size docs for the scaling benchmarks and tests (issue 10): each
// dimension grows one thing a doc from the network controls, by a factor
// n, and leaves the rest small.
//
//   - desc: the API's and one parameter's description, ~10 KB × n
//     (100× is the 1 MB description);
//   - sample: a response example of 1,600 × n keys (a list of 160 × n
//     items of 10 fields; 100× is the 160k keys), in XML, JSON
//     and simplify JSON;
//   - params: 100 × n request parameters and 100 × n response fields,
//     with a response example showing every field;
//   - collide: 200 × n request parameters and as many response fields
//     whose names all map to one Go name (100× is the 20k names);
//   - depth: nested structs 6 × n levels deep on both sides, with an
//     example; beyond spec.MaxDepth (64) the doc is refused, so 100× is
//     the cost of saying no.
var scaleDims = []string{"desc", "sample", "params", "collide", "depth"}

// jsonParam is a parameter of the doc site's JSON form.
type jsonParam struct {
	Name        string      `json:"name"`
	Type        string      `json:"type"`
	Required    bool        `json:"required"`
	DemoValue   string      `json:"demoValue"`
	Description string      `json:"description"`
	MaxLength   *int64      `json:"maxLength"`
	SubParams   []jsonParam `json:"subParams"`
}

// longText is about 10 KB × n of description: Chinese and ASCII words,
// inline and block tags, entities, no line breaks.
func longText(n int) string {
	const unit = "订单状态说明：1=订单未完成,2=订单已完成; the <b>order</b> status of a ticket &amp; its seat.<br/>"
	return strings.Repeat(unit, 90*n)
}

// collidingName is the i-th of a family of distinct wire names that all
// map to the Go name AAAA…: 16 "a" words joined by "_" or "-" as the bits
// of i say, so every name is 31 bytes however many there are.
func collidingName(i int) string {
	var b strings.Builder
	b.WriteString("a")
	for bit := 0; bit < 15; bit++ {
		if i&(1<<bit) != 0 {
			b.WriteString("-a")
		} else {
			b.WriteString("_a")
		}
	}
	return b.String()
}

var scalarCycle = []string{"String", "Number", "Boolean", "Date", "Price"}

func scalarDemo(typ string, i int) string {
	switch typ {
	case "Number":
		return fmt.Sprint(i)
	case "Boolean":
		return "true"
	case "Date":
		return "2024-01-02 15:04:05"
	case "Price":
		return "12.30"
	}
	return fmt.Sprintf("v%d", i)
}

// scaledDoc is the doc site's JSON for dimension dim at factor n.
func scaledDoc(dim string, n int) []byte {
	method := "taobao.scale." + dim + ".get"
	doc := map[string]any{
		"name":           method,
		"apiChineseName": "规模",
		"description":    "规模测试",
		"labels":         []any{map[string]any{"key": "no_need", "displayName": "不需用户授权"}},
		"apiErrDemoXml":  "<error_response><code>50</code><msg>Remote service error</msg><sub_code>isv.x</sub_code><sub_msg>非法参数</sub_msg></error_response>",
		"apiErrDemoJson": `{"error_response":{"code":50,"msg":"Remote service error","sub_code":"isv.x","sub_msg":"非法参数"}}`,
		"errorCodes":     []any{map[string]any{"errorCode": "isv.x", "errorMsg": "非法参数", "solution": "检查参数"}},
	}
	var req, resp []jsonParam
	var xmlBody, jsonBody strings.Builder
	key := strings.ReplaceAll(strings.TrimPrefix(method, "taobao."), ".", "_") + "_response"
	switch dim {
	case "desc":
		doc["description"] = longText(n)
		req = []jsonParam{{Name: "order_id", Type: "String", Required: true, DemoValue: "1", Description: longText(n)}}
		resp = []jsonParam{{Name: "status", Type: "Number", Description: longText(1)}}
		xmlBody.WriteString("<status>1</status>")
		jsonBody.WriteString(`"status":1`)
	case "sample":
		item := jsonParam{Name: "items", Type: "Item[]", Description: "条目"}
		xmlBody.WriteString("<total>1</total><items>")
		jsonBody.WriteString(`"total":1,"items":{"item":[`)
		for f := range 10 {
			item.SubParams = append(item.SubParams, jsonParam{Name: fmt.Sprintf("field_%d", f), Type: "String", Description: "字段"})
		}
		for i := range 160 * n {
			xmlBody.WriteString("<item>")
			if i > 0 {
				jsonBody.WriteString(",")
			}
			jsonBody.WriteString("{")
			for f := range 10 {
				fmt.Fprintf(&xmlBody, "<field_%d>v%d</field_%d>", f, i, f)
				if f > 0 {
					jsonBody.WriteString(",")
				}
				fmt.Fprintf(&jsonBody, `"field_%d":"v%d"`, f, i)
			}
			xmlBody.WriteString("</item>")
			jsonBody.WriteString("}")
		}
		xmlBody.WriteString("</items>")
		jsonBody.WriteString("]}")
		req = []jsonParam{{Name: "page", Type: "Number", DemoValue: "1", Description: "页码"}}
		resp = []jsonParam{{Name: "total", Type: "Number", Description: "总数"}, item}
	case "params", "collide":
		count := 100 * n
		name := func(i int) string { return fmt.Sprintf("param_%d", i) }
		if dim == "collide" {
			count, name = 200*n, collidingName
		}
		for i := range count {
			typ := scalarCycle[i%len(scalarCycle)]
			limit := int64(64)
			p := jsonParam{Name: name(i), Type: typ, Required: i%3 == 0, DemoValue: scalarDemo(typ, i), Description: "参数"}
			if typ == "String" {
				p.MaxLength = &limit
			}
			req = append(req, p)
			resp = append(resp, jsonParam{Name: name(i), Type: typ, Description: "字段"})
			v := scalarDemo(typ, i)
			fmt.Fprintf(&xmlBody, "<%s>%s</%s>", name(i), v, name(i))
			if i > 0 {
				jsonBody.WriteString(",")
			}
			fmt.Fprintf(&jsonBody, "%q:%q", name(i), v)
		}
	case "depth":
		levels := 6 * n
		var nest func(d int) []jsonParam
		nest = func(d int) []jsonParam {
			ps := []jsonParam{
				{Name: fmt.Sprintf("id_%d", d), Type: "Number", DemoValue: fmt.Sprint(d), Description: "层级编号"},
				{Name: fmt.Sprintf("name_%d", d), Type: "String", DemoValue: fmt.Sprintf("n%d", d), Description: "名称"},
			}
			if d < levels {
				ps = append(ps, jsonParam{Name: "child", Type: fmt.Sprintf("Level%d", d+1), Description: "下一层", SubParams: nest(d + 1)})
			}
			return ps
		}
		req = []jsonParam{{Name: "query", Type: "Level1", Required: true, Description: "查询", SubParams: nest(1)}}
		resp = []jsonParam{{Name: "result", Type: "Level1", Description: "结果", SubParams: nest(1)}}
		for d := 1; d <= levels; d++ {
			tag := "child"
			if d == 1 {
				tag = "result"
			}
			fmt.Fprintf(&xmlBody, "<%s><id_%d>%d</id_%d><name_%d>n%d</name_%d>", tag, d, d, d, d, d, d)
			fmt.Fprintf(&jsonBody, `%q:{"id_%d":%d,"name_%d":"n%d"`, tag, d, d, d, d)
			if d < levels {
				jsonBody.WriteString(",")
			}
		}
		for d := levels; d >= 1; d-- {
			tag := "child"
			if d == 1 {
				tag = "result"
			}
			fmt.Fprintf(&xmlBody, "</%s>", tag)
			jsonBody.WriteString("}")
		}
	default:
		panic("unknown dimension " + dim)
	}
	doc["requestParams"] = req
	doc["responseParams"] = resp
	doc["rspSampleXml"] = "<" + key + ">" + xmlBody.String() + "<request_id>x1</request_id></" + key + ">"
	doc["rspSampleJson"] = `{"` + key + `":{` + jsonBody.String() + `,"request_id":"x1"}}`
	doc["rspSampleSimplifyJson"] = "{" + simplify(jsonBody.String()) + `,"request_id":"x1"}`
	data, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return data
}

// simplify drops the list wrapper object of the sample dimension's JSON
// ("items":{"item":[…]} → "items":[…]), as simplify=true answers.
func simplify(body string) string {
	if i := strings.Index(body, `{"item":[`); i >= 0 {
		return body[:i] + body[i+len(`{"item":`):len(body)-1]
	}
	return body
}

// scaledPage is a text or HTML page (format "txt" or "html") of a bundled
// API with its description made ~10 KB × n long ("desc") or 100 × n
// request parameter rows added ("params").
func scaledPage(tb testing.TB, format, dim string, n int) []byte {
	tb.Helper()
	file := "../../pages/alibaba.damai.mz.order.detail.txt"
	if format == "html" {
		file = "../../golden/html/alibaba.damai.mz.order.detail.nested.html"
	}
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	page := string(data)
	const desc = "麦座票务平台-自建电商网站-订单详情API; 1、包含具体的票信息,取票人信息、优惠使用信息等。"
	var row, at string
	if format == "html" {
		row = "<tr><td>%s</td><td>String</td><td>可选</td><td>x</td><td><ul><li>最大长度:32</li></ul></td><td>附加参数</td></tr>\n"
		at = "</tbody>"
	} else {
		row = "%s String 可选 x\n  • 最大长度:32\n  • 附加参数\n"
		at = "    响应参数"
	}
	switch dim {
	case "desc":
		text := longText(n)
		if format == "html" {
			text = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(text)
		}
		page = strings.Replace(page, desc, text, 1)
	case "params":
		var rows strings.Builder
		for i := range 100 * n {
			fmt.Fprintf(&rows, row, fmt.Sprintf("extra_%d", i))
		}
		i := strings.Index(page, at)
		if i < 0 {
			tb.Fatalf("%s: no %q", file, at)
		}
		page = page[:i] + rows.String() + page[i:]
	default:
		tb.Fatalf("no %s page for dimension %s", format, dim)
	}
	return []byte(page)
}

// docPath runs a doc through the whole path of `topgen generate` but the
// writing: scrape, spec YAML out and back in, validation, generation
// (jennifer emission and gofmt).
func docPath(name string, doc []byte) error {
	api, _, err := scraper.Parse(name, doc)
	if err != nil {
		return err
	}
	data, err := spec.Marshal(api)
	if err != nil {
		return err
	}
	back, err := spec.Unmarshal(name, data)
	if err != nil {
		return err
	}
	if err := back.Validate(); err != nil {
		return err
	}
	_, err = generator.Generate([]*spec.API{back}, generator.Options{ImportPath: "example.com/scale"})
	return err
}
