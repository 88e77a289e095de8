package scraper

import (
	"fmt"
	"regexp"
	"strings"
)

// The section headings of a TOP doc page, in page order. Every one of them
// is rendered even when its section is empty, so a page that lacks one is
// truncated or not a TOP doc page.
const (
	headPublic      = "公共参数"
	headRequest     = "请求参数"
	headResponse    = "响应参数"
	headReqExample  = "请求示例"
	headRespExample = "响应示例"
	headErrExample  = "异常示例"
	headErrors      = "错误码解释"
)

var requiredHeadings = []string{headRequest, headResponse, headReqExample, headRespExample, headErrExample, headErrors}

// footerLines end the error-code table: the page's tool links.
var footerLines = map[string]bool{"API工具": true, "如何获得此API": true, "FAQ": true, "返回": true, "顶部": true}

// titlePattern is the title line: "<method> (<中文名>)", ASCII or full-width
// parentheses.
var titlePattern = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9][A-Za-z0-9_-]*)+)\s*[(（](.*)[)）]$`)

// textPage is a plain-text doc page cut into its parts.
type textPage struct {
	file        string
	titleLine   int
	method      string
	title       string
	description string
	// sections maps a heading to the lines below it, up to the next heading.
	sections map[string][]line
	// headings maps a heading to its line number.
	headings map[string]int
	lastLine int
}

func (p *textPage) errorf(n int, format string, args ...any) error {
	return &Error{File: p.file, Line: n, Msg: fmt.Sprintf(format, args...)}
}

// splitPage finds the title line and the section headings.
func splitPage(file string, lines []line) (*textPage, error) {
	p := &textPage{file: file, sections: map[string][]line{}, headings: map[string]int{}}
	for _, l := range lines {
		if l.text != "" {
			p.lastLine = l.n // where a truncated page ends
		}
	}
	i := 0
	for ; i < len(lines); i++ {
		if m := titlePattern.FindStringSubmatch(lines[i].text); m != nil {
			p.titleLine, p.method, p.title = lines[i].n, m[1], strings.TrimSpace(m[2])
			break
		}
		if lines[i].text == headRequest || lines[i].text == headPublic {
			break
		}
	}
	if n := pipeTableLine(lines); n > 0 {
		// The pipe-table rendering drops every nested row and the limits;
		// a spec from it would be silently incomplete.
		return nil, p.errorf(n, "pipe-table rendering: nested parameters and 更多限制 limits are lost in this form, so no complete spec can be read from it; use the doc's JSON (getDocument.json) instead")
	}
	if p.method == "" {
		return nil, p.errorf(firstTextLine(lines), "not a TOP API doc page: expected a title line like \"taobao.trade.get (获取单笔交易)\" before the %s section", headRequest)
	}
	i++
	var desc []string
	for ; i < len(lines); i++ {
		t := lines[i].text
		if t == headPublic || t == headRequest {
			break
		}
		if t != "" {
			desc = append(desc, t)
		}
	}
	p.description = strings.Join(desc, "\n")

	// Each required heading must follow the previous one.
	body := lines[i:]
	p.cut(body, nil)
	if bulleted := bulletedHeadings(body, p.headings); len(bulleted) > 0 {
		p.sections, p.headings = map[string][]line{}, map[string]int{}
		p.cut(body, bulleted)
	}
	for _, h := range requiredHeadings {
		if p.headings[h] == 0 {
			return nil, p.errorf(p.lastLine, "page ends without the %s section: the page is truncated or not a TOP API doc page", h)
		}
	}
	return p, nil
}

// cut files the lines under their headings. bulleted names the bullet
// lines read as headings.
func (p *textPage) cut(lines []line, bulleted map[int]string) {
	current := ""
	for _, l := range lines {
		t := l.text
		if h, ok := bulleted[l.n]; ok {
			t = h
		}
		if isHeading(t) && p.headings[t] == 0 && headingAfter(t, current) {
			p.headings[t] = l.n
			current = t
			continue
		}
		if current != "" {
			p.sections[current] = append(p.sections[current], l)
		}
	}
}

// bulletedHeadings finds the headings a converter rendered as bullets (•
// 响应参数, after a 更多限制 item with no description left its list open):
// for each required heading the page lacks, the first bullet of that text
// between the headings before and after it.
func bulletedHeadings(lines []line, found map[string]int) map[int]string {
	if len(lines) == 0 {
		return nil
	}
	out := map[int]string{}
	for k, h := range headingOrder {
		if found[h] != 0 {
			continue
		}
		from, to := 0, len(lines)+lines[0].n
		for _, before := range headingOrder[:k] {
			from = max(from, found[before])
		}
		for _, after := range headingOrder[k+1:] {
			if n := found[after]; n != 0 {
				to = min(to, n)
			}
		}
		for _, l := range lines {
			if c, ok := l.bulletCell(); ok && c == h && l.n > from && l.n < to {
				out[l.n] = h
				break
			}
		}
	}
	return out
}

// pipeTableLine returns the line of a pipe-table parameter header
// ("名称 | 类型 | …"), or 0.
func pipeTableLine(lines []line) int {
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimPrefix(l.text, "| "), "名称 | 类型 |") {
			return l.n
		}
	}
	return 0
}

func firstTextLine(lines []line) int {
	for _, l := range lines {
		if l.text != "" {
			return l.n
		}
	}
	return 1
}

var headingOrder = []string{headPublic, headRequest, headResponse, headReqExample, headRespExample, headErrExample, headErrors}

func isHeading(t string) bool {
	for _, h := range headingOrder {
		if t == h {
			return true
		}
	}
	return false
}

// headingAfter reports whether heading h may follow the current one; a
// heading-like line inside a later section (say, a description that reads
// "请求参数") is text, not a heading.
func headingAfter(h, current string) bool {
	pos := func(s string) int {
		for i, x := range headingOrder {
			if x == s {
				return i
			}
		}
		return -1
	}
	return pos(h) > pos(current)
}
