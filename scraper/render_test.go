package scraper

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"github.com/opentop/topgen/spec"
)

// The text renderer of the corpus test: it turns a spec read from a
// catalog JSON doc into a page in the seeds' plain-text "bullet" form
// (doc-formats.md §3.1), the form whose depth is lost, so the text reader
// can be scored on thousands of real parameter trees.
//
// The catalog has no demo values, so the renderer invents them by type,
// varied, identifier-like ones included (xxx, abc, ROI), and drops the demo
// of about 15% of the leaves, as real pages do. The examples show only what
// has a demo: the XML response example (list wrappers as TOP writes them)
// and the Java request example (objN.setX, listN.add(objM)). Everything is
// drawn from a PRNG seeded by the method name, so a page is the same on
// every run.
//
// renderText returns the page and the truth: the spec with the demo values
// the page shows, the descriptions as one line (a text page cannot hold a
// line break in a cell), and the limits only where the page has a
// 更多限制 column (request rows).

// renderedPage is a page and the tree it was rendered from.
type renderedPage struct {
	text  string
	truth *spec.API
}

func renderText(src *spec.API) renderedPage { return render(src, false) }

// renderOwnDemos renders a doc with its own demo values (the doc site's
// raw JSON has them), none dropped.
func renderOwnDemos(src *spec.API) renderedPage { return render(src, true) }

func render(src *spec.API, own bool) renderedPage {
	h := fnv.New64a()
	h.Write([]byte(src.Method))
	r := &renderer{rng: rand.New(rand.NewPCG(h.Sum64(), 0x70f6e4)), own: own}
	truth := &spec.API{Method: src.Method, Title: src.Title, Description: src.Description, Session: spec.SessionNone}
	truth.Request = r.truthParams(src.Request, true, true)
	truth.Response = r.truthParams(src.Response, false, true)
	return renderedPage{text: r.page(truth), truth: truth}
}

type renderer struct {
	rng *rand.Rand
	own bool // keep the doc's demo values
	b   strings.Builder
	// indent is the converter's list-state artefact: after the first
	// top-level row whose 更多限制 spilled onto bullets, every later line is
	// indented four spaces (seed alibaba.damai.mz.order.detail).
	indent string
}

// truthParams copies the params with invented demo values.
func (r *renderer) truthParams(params []*spec.Param, request, top bool) []*spec.Param {
	var out []*spec.Param
	for _, p := range params {
		c := &spec.Param{Name: p.Name, Type: p.Type, List: p.List, Required: p.Required && request,
			Description: strings.Join(strings.Fields(p.Description), " "), Opaque: p.Opaque}
		if request {
			c.Limits = p.Limits
		}
		c.Children = r.truthParams(p.Children, request, false)
		switch {
		case r.own && top && len(c.Children) > 0:
			// A top-level struct's demo joins its description on one
			// line, where nothing tells where it ends: such pages cannot
			// be read exactly (see below), so it is left out.
		case r.own:
			c.Example = strings.Join(strings.Fields(p.Example), " ")
		case len(c.Children) > 0:
			// A nested struct row carries a demo now and then (seed 000's
			// seat_info_dto), never shown in the examples, so only beside a
			// description: a lone cell would be read as the description,
			// and on a top-level line, where cells are joined by spaces,
			// nothing would tell where it ends.
			if !top && c.Description != "" && r.rng.IntN(20) == 0 {
				c.Example = "www.baidu.com"
			}
		case r.rng.IntN(100) < 15 || c.Type == "byte[]":
			// Dropped demo (files never have one).
		default:
			c.Example = r.demo(c)
		}
		out = append(out, c)
	}
	return out
}

// Identifier-like demo values: the ones a reader can mistake for a name
// or, capitalised, for a type.
var identDemos = []string{"xxx", "abc", "test", "key", "success", "result", "demo", "abc123", "ROI", "RT", "OK", "Y", "N", "SUCCESS"}

var wordDemos = []string{"示例", "成功", "张三", "杭州市", "测试商品", "2020-05-07 19:00", "hello world", "https://xxx.jpg", "ITEM-1001", "a_b_c"}

func (r *renderer) demo(p *spec.Param) string {
	one := func() string {
		switch p.Type {
		case "Number", "byte":
			switch r.rng.IntN(4) {
			case 0:
				return strconv.Itoa(r.rng.IntN(3))
			case 1:
				return "200"
			default:
				return strconv.FormatInt(1+r.rng.Int64N(999999999999), 10)
			}
		case "Boolean":
			return []string{"true", "false"}[r.rng.IntN(2)]
		case "Date":
			return fmt.Sprintf("20%02d-%02d-%02d %02d:%02d:%02d", 10+r.rng.IntN(15), 1+r.rng.IntN(12), 1+r.rng.IntN(28), r.rng.IntN(24), r.rng.IntN(60), r.rng.IntN(60))
		case "Price", "BigDecimal":
			return []string{"12.50", "0.01", "100", "199.99"}[r.rng.IntN(4)]
		case "String", "Field List":
			switch r.rng.IntN(10) {
			case 0, 1, 2:
				return strconv.FormatInt(1+r.rng.Int64N(99999999999), 10)
			case 3, 4:
				return identDemos[r.rng.IntN(len(identDemos))]
			case 5:
				return lowerCamel(p.Name)
			default:
				return wordDemos[r.rng.IntN(len(wordDemos))]
			}
		}
		// Json and opaque structs: raw JSON text.
		return `{"k":"v"}`
	}
	if !p.List || p.Type == "Json" || p.Opaque {
		return one()
	}
	v := one()
	if r.rng.IntN(2) == 0 && !strings.Contains(v, " ") {
		v += "," + one()
	}
	return v
}

func lowerCamel(name string) string {
	c := camel(name)
	if c == "" {
		return "x"
	}
	return strings.ToLower(c[:1]) + c[1:]
}

// page renders the whole page.
func (r *renderer) page(api *spec.API) string {
	r.line(api.Method + " (" + strings.Join(strings.Fields(api.Title), " ") + ")")
	r.line("")
	if d := strings.Join(strings.Fields(api.Description), " "); d != "" {
		r.line(d)
		r.line("")
	}
	r.line("公共参数")
	r.line("")
	r.line(headRequest)
	r.line("")
	r.line(requestHeader)
	bulletHeading := false
	for _, p := range api.Request {
		bulletHeading = r.topRow(p, true)
	}
	r.line("")
	if bulletHeading {
		// After a spilled limit with no description the converter's list
		// is still open, and the next heading comes out as a bullet.
		r.bullet(headResponse)
	} else {
		r.line(headResponse)
	}
	r.line("")
	r.line(responseHeader)
	for _, p := range api.Response {
		r.topRow(p, false)
	}
	r.line("")
	r.line(headReqExample)
	r.line("")
	for _, tab := range []string{"JAVA", ".NET", "PHP", "CURL", "Python", "C/C++", "NodeJS"} {
		r.bullet(tab)
	}
	for _, l := range javaExample(api) {
		r.line(l)
	}
	r.line("")
	r.line(headRespExample)
	r.line("")
	r.bullet("XML示例")
	r.bullet("JSON示例")
	r.xml(api)
	r.line("")
	r.line(headErrExample)
	r.line("")
	r.bullet("XML示例")
	r.bullet("JSON示例")
	for _, l := range []string{"<error_response>", "    <code>50</code>", "    <msg>Remote service error</msg>", "    <sub_code>isv.invalid-parameter</sub_code>", "    <sub_msg>非法参数</sub_msg>", "</error_response>"} {
		r.line(l)
	}
	r.line("")
	r.line(headErrors)
	r.line("")
	r.line("错误码 错误描述 解决方案")
	r.line("")
	for _, l := range []string{"API工具", "", "如何获得此API", "", "FAQ", "", "返回", "顶部"} {
		r.line(l)
	}
	return r.b.String()
}

func (r *renderer) line(s string) {
	if s != "" {
		r.b.WriteString(r.indent)
	}
	r.b.WriteString(s + "\n")
}

func (r *renderer) bullet(s string) { r.b.WriteString(r.indent + "  • " + s + "\n") }

// spill writes a spilled 更多限制 bullet: two spaces even where the rest is
// indented four (seed alibaba.damai.mz.order.detail).
func (r *renderer) spill(s string) { r.b.WriteString("  • " + s + "\n") }

// docType writes a type as pages do, the list brackets with or without a
// space.
func (r *renderer) docType(p *spec.Param) string {
	if !p.List {
		return p.Type
	}
	if r.rng.IntN(3) == 0 {
		return p.Type + "[]"
	}
	return p.Type + " []"
}

func requiredCell(p *spec.Param) string {
	if p.Required {
		return "必须"
	}
	return "可选"
}

func limitCells(l spec.Limits) []string {
	var out []string
	for _, lim := range []struct {
		name string
		v    *int64
	}{{"最大长度", l.MaxLength}, {"最大列表长度", l.MaxListSize}, {"最小值", l.MinValue}, {"最大值", l.MaxValue}} {
		if lim.v != nil {
			out = append(out, lim.name+":"+strconv.FormatInt(*lim.v, 10))
		}
	}
	return out
}

// topRow writes a top-level row on one line and its nested rows as
// bullets. It reports whether the row ended with a spilled limit and no
// description.
func (r *renderer) topRow(p *spec.Param, request bool) bool {
	cells := []string{p.Name, r.docType(p)}
	if request {
		cells = append(cells, requiredCell(p))
	}
	if p.Example != "" {
		cells = append(cells, p.Example)
	}
	limits := limitCells(p.Limits)
	openList := false
	if len(limits) > 0 {
		r.line(strings.Join(cells, " "))
		for _, l := range limits {
			r.spill(l)
		}
		if p.Description != "" {
			r.spill(p.Description)
		} else {
			openList = true
		}
		r.indent = "    "
	} else {
		if p.Description != "" {
			cells = append(cells, p.Description)
		}
		r.line(strings.Join(cells, " "))
	}
	for _, c := range p.Children {
		r.nestedRow(c, request)
	}
	return openList && len(p.Children) == 0
}

func (r *renderer) nestedRow(p *spec.Param, request bool) {
	if len(p.Children) == 0 {
		r.bullet("└ " + p.Name)
	} else {
		r.bullet(p.Name)
	}
	r.bullet(r.docType(p))
	if request {
		r.bullet(requiredCell(p))
	}
	if p.Example != "" {
		r.bullet(p.Example)
	}
	for _, l := range limitCells(p.Limits) {
		r.bullet(l)
	}
	if p.Description != "" {
		r.bullet(p.Description)
	}
	for _, c := range p.Children {
		r.nestedRow(c, request)
	}
}

// shown reports whether the examples show p: it has a demo, or a field of
// it has.
func shown(p *spec.Param) bool {
	if len(p.Children) == 0 {
		return p.Example != ""
	}
	for _, c := range p.Children {
		if shown(c) {
			return true
		}
	}
	return false
}

// itemName is the XML list item element TOP writes: the type name split
// before every capital (ServiceFeeDTO → service_fee_d_t_o), or the
// lower-case scalar type (string, number).
func itemName(p *spec.Param) string {
	if p.IsScalar() {
		return snakeType(p.Type)
	}
	return snakeType(p.Type)
}

func snakeType(t string) string {
	var b strings.Builder
	for i, c := range t {
		if unicode.IsUpper(c) {
			if i > 0 {
				b.WriteByte('_')
			}
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (r *renderer) xml(api *spec.API) {
	root := api.ResponseKey()
	r.line("<" + root + ">")
	r.xmlParams(api.Response, "    ")
	r.line("</" + root + ">")
}

func (r *renderer) xmlParams(params []*spec.Param, in string) {
	for _, p := range params {
		if !shown(p) {
			continue
		}
		open, close := in+"<"+p.Name+">", "</"+p.Name+">"
		switch {
		case len(p.Children) == 0 && !p.List:
			r.line(open + xmlText(p.Example) + close)
		case len(p.Children) == 0:
			r.line(open)
			item := itemName(p)
			if p.Opaque || p.Type == "Json" {
				r.line(in + "    <" + item + ">" + xmlText(p.Example) + "</" + item + ">")
			} else {
				for _, v := range strings.Split(p.Example, ",") {
					r.line(in + "    <" + item + ">" + xmlText(v) + "</" + item + ">")
				}
			}
			r.line(in + close)
		case p.List:
			item := itemName(p)
			r.line(open)
			r.line(in + "    <" + item + ">")
			r.xmlParams(p.Children, in+"        ")
			r.line(in + "    </" + item + ">")
			r.line(in + close)
		default:
			r.line(open)
			r.xmlParams(p.Children, in+"    ")
			r.line(in + close)
		}
	}
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// javaExample writes the Java SDK request example: a struct's fields are
// set before the struct is attached to its parent, struct lists hold one
// item, and only what has a demo is set.
func javaExample(api *spec.API) []string {
	class := javaClass(api.Method)
	j := &javaWriter{class: class}
	j.add("TaobaoClient client = new DefaultTaobaoClient(url, appkey, secret);")
	j.add(class + "Request req = new " + class + "Request();")
	for _, p := range api.Request {
		if !shown(p) {
			continue
		}
		j.add("req.set" + camel(p.Name) + "(" + j.value(p) + ");")
	}
	j.add(class + "Response rsp = client.execute(req);")
	j.add("System.out.println(rsp.getBody());")
	return j.lines
}

type javaWriter struct {
	class string
	lines []string
	n     int
}

func (j *javaWriter) add(s string) { j.lines = append(j.lines, s) }

// value writes what builds p's value and returns the expression.
func (j *javaWriter) value(p *spec.Param) string {
	if len(p.Children) == 0 {
		switch p.Type {
		case "Number", "byte":
			if !p.List {
				return p.Example + "L"
			}
		case "Boolean":
			if !p.List {
				return p.Example
			}
		case "Date":
			if !p.List {
				return `StringUtils.parseDateTime(` + strconv.Quote(p.Example) + `)`
			}
		}
		return strconv.Quote(p.Example)
	}
	typ := j.class + "Request." + p.Type
	obj := func() string {
		j.n++
		v := "obj" + strconv.Itoa(j.n)
		j.add(typ + " " + v + " = new " + typ + "();")
		return v
	}
	if !p.List {
		v := obj()
		j.fields(v, p)
		return v
	}
	j.n++
	list := "list" + strconv.Itoa(j.n)
	j.add("List<" + typ + "> " + list + " = new ArrayList<" + typ + ">();")
	v := obj()
	j.add(list + ".add(" + v + ");")
	j.fields(v, p)
	return list
}

func (j *javaWriter) fields(v string, p *spec.Param) {
	for _, c := range p.Children {
		if !shown(c) {
			continue
		}
		j.add(v + ".set" + camel(c.Name) + "(" + j.value(c) + ");")
	}
}

// javaClass is the SDK class prefix of a method: its segments in camel
// case, without a leading taobao.
func javaClass(method string) string {
	m := strings.TrimPrefix(method, "taobao.")
	var b strings.Builder
	for _, seg := range strings.Split(m, ".") {
		b.WriteString(camel(seg))
	}
	return b.String()
}
