package scraper

import (
	"fmt"
	"strings"

	"github.com/opentop/topgen/spec"
)

// ParseText reads a doc page in the plain-text "bullet" rendering (the form
// of the seeds) into a spec. file names the page in errors and becomes the
// spec's source (pass a base name or URL, never an absolute path).
func ParseText(file string, data []byte) (*spec.API, error) {
	p, err := splitPage(file, splitLines(data))
	if err != nil {
		return nil, err
	}
	d := &pageDoc{file: file, titleLine: p.titleLine, method: p.method, title: p.title, description: p.description}
	if d.req, err = p.parseTable(request, headRequest); err != nil {
		return nil, err
	}
	if d.resp, err = p.parseTable(response, headResponse); err != nil {
		return nil, err
	}
	d.java = p.exampleBlock(headReqExample)
	d.sample = p.exampleBlock(headRespExample)
	d.errSample = p.exampleBlock(headErrExample)
	if d.errors, err = p.parseErrorCodes(); err != nil {
		return nil, err
	}
	return d.build()
}

// pageDoc is a doc page as a reader that lost depth (text, HTML) hands it
// to the shared build phase: rows with their flat nested rows, the example
// blocks and the error codes.
type pageDoc struct {
	file        string
	titleLine   int
	method      string
	title       string
	description string
	req, resp   []*row
	java        block // the Java request example
	sample      block // the response example, XML or JSON
	errSample   block // the error_response example
	errors      []spec.ErrorCode
}

func (d *pageDoc) errorf(n int, format string, args ...any) error {
	return &Error{File: d.file, Line: n, Msg: fmt.Sprintf(format, args...)}
}

// build turns the page's rows into a spec: it tells examples from
// descriptions, resolves the nesting from the examples and checks that the
// examples do not contradict the tables.
func (d *pageDoc) build() (*spec.API, error) {
	api := &spec.API{Method: d.method, Title: d.title, Description: d.description, Source: d.file, Session: spec.SessionNone, Errors: d.errors}
	api.Examples.Request = d.java.text
	if strings.HasPrefix(d.sample.text, "{") {
		api.Examples.ResponseJSON = d.sample.text
	} else {
		api.Examples.ResponseXML = d.sample.text
	}
	if strings.HasPrefix(d.errSample.text, "{") {
		api.Examples.ErrorJSON = d.errSample.text
	} else {
		api.Examples.ErrorXML = d.errSample.text
	}

	java := parseJava(d.java.text)
	if java.session != nil && *java.session {
		api.Session = spec.SessionRequired
	}
	var respEv *sampleEvidence
	if d.sample.text != "" {
		root, err := parseSample(d.sample.text)
		if err != nil {
			return nil, d.errorf(d.sample.line(err.line), "response example: %s", err.msg)
		}
		if root.name != api.ResponseKey() {
			return nil, d.errorf(d.sample.line(root.line), "response example: root element is %q, expected %q for method %s", root.name, api.ResponseKey(), api.Method)
		}
		respEv = &sampleEvidence{root: root}
	}

	javaValues := java.values()
	sampleValues := map[string]map[string]bool{}
	if respEv != nil {
		respEv.root.values(sampleValues)
	}
	for _, r := range d.req {
		splitAll(r, func(name, v string) bool { return javaValues[normName(name)][v] })
	}
	for _, r := range d.resp {
		splitAll(r, func(name, v string) bool { return sampleValues[name][v] })
	}

	var reqEv, ev evidence
	if d.java.text != "" {
		reqEv = &javaEvidence{j: java}
	}
	if respEv != nil {
		ev = respEv
	}
	var err error
	if api.Request, err = d.buildParams(request, d.req, reqEv); err != nil {
		return nil, err
	}
	if api.Response, err = d.buildParams(response, d.resp, ev); err != nil {
		return nil, err
	}
	if err := d.checkJava(java); err != nil {
		return nil, err
	}
	if respEv != nil {
		if err := d.checkSample(respEv.root); err != nil {
			return nil, err
		}
	}
	if err := api.Validate(); err != nil {
		return nil, d.errorf(d.titleLine, "the page gives an invalid spec:\n%v", err)
	}
	return api, nil
}

func splitAll(r *row, shown valueLookup) {
	splitCells(r, shown)
	for _, n := range r.nested {
		splitCells(n, shown)
	}
	for _, c := range r.children {
		splitAll(c, shown)
	}
}

// buildParams turns top-level rows into spec params, resolving the nesting
// of their flat nested rows.
func (d *pageDoc) buildParams(s side, rows []*row, ev evidence) ([]*spec.Param, error) {
	toParam := func(r *row) *spec.Param {
		return &spec.Param{
			Name:        r.name,
			Type:        r.typ,
			List:        r.list,
			Required:    r.required && s == request,
			Example:     r.ex,
			Description: r.desc,
			Limits:      r.limits,
		}
	}
	var out []*spec.Param
	for _, r := range rows {
		top := toParam(r)
		if !top.IsStruct() {
			if len(r.nested) > 0 {
				return nil, d.errorf(r.nested[0].line, "%s parameter %s has type %s, which has no fields, but nested rows follow it", s, r.name, r.typ)
			}
			if ev != nil {
				_, top.Wrapper = ev.top(r)
			}
			out = append(out, top)
			continue
		}
		if len(r.children) > 0 {
			placeTree(top, r, ev, toParam)
		} else {
			resolveNesting(top, r, ev, toParam)
		}
		out = append(out, top)
	}
	return out, nil
}

// checkJava reports a Java example that contradicts the table: a setter
// that no parameter took, on the request or on an object it built.
func (d *pageDoc) checkJava(j *javaSample) error {
	for _, s := range j.sets {
		if s.used || (s.recv != "req" && j.vars[s.recv] == nil) {
			continue
		}
		if s.recv == "req" {
			return d.errorf(d.java.line(s.line), "request example sets %q, which is not a parameter in the %s table", s.prop, headRequest)
		}
		return d.errorf(d.java.line(s.line), "request example calls %s.set…(%s) for a field %q that the %s table does not have at that place", s.recv, s.value, s.prop, headRequest)
	}
	return nil
}

// checkSample reports a response example element that no table row took.
func (d *pageDoc) checkSample(root *sampleNode) error {
	for _, c := range root.children {
		if c.name == "request_id" && !c.used {
			c.used = true // part of every envelope, not of the table
		}
	}
	if u := root.firstUnused(); u != nil {
		return d.errorf(d.sample.line(u.line), "response example has element <%s>, which is not a field in the %s table at that place", u.name, headResponse)
	}
	return nil
}

// block is an example's text with the page line of its first line.
type block struct {
	text  string
	first int
}

// line maps a 1-based line of the block to a page line; 0 when the page
// has no lines (HTML).
func (b block) line(n int) int {
	if b.first == 0 {
		return 0
	}
	if n < 1 {
		n = 1
	}
	return b.first + n - 1
}

// exampleBlock returns the code below a heading, without the tab labels
// (• JAVA, • XML示例 …) that precede it.
func (p *textPage) exampleBlock(heading string) block {
	lines := p.sections[heading]
	i := 0
	for i < len(lines) {
		if _, ok := lines[i].bulletCell(); ok || lines[i].text == "" {
			i++
			continue
		}
		break
	}
	lines = lines[i:]
	if len(lines) == 0 {
		return block{}
	}
	return block{text: dedent(lines), first: lines[0].n}
}

type sampleError struct {
	line int
	msg  string
}

func parseSample(src string) (*sampleNode, *sampleError) {
	var (
		root *sampleNode
		err  error
	)
	if strings.HasPrefix(src, "{") {
		root, err = parseJSONSample(src)
	} else {
		root, err = parseXMLSample(src)
	}
	if err != nil {
		var line int
		msg := err.Error()
		if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		return nil, &sampleError{line: line, msg: msg}
	}
	return root, nil
}
