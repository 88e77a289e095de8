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
	reqRows, err := p.parseTable(request, headRequest)
	if err != nil {
		return nil, err
	}
	respRows, err := p.parseTable(response, headResponse)
	if err != nil {
		return nil, err
	}
	api := &spec.API{Method: p.method, Title: p.title, Description: p.description, Source: file, Session: spec.SessionNone}

	javaBlock := p.exampleBlock(headReqExample)
	respBlock := p.exampleBlock(headRespExample)
	errBlock := p.exampleBlock(headErrExample)
	api.Examples.Request = javaBlock.text
	if strings.HasPrefix(respBlock.text, "{") {
		api.Examples.ResponseJSON = respBlock.text
	} else {
		api.Examples.ResponseXML = respBlock.text
	}
	if strings.HasPrefix(errBlock.text, "{") {
		api.Examples.ErrorJSON = errBlock.text
	} else {
		api.Examples.ErrorXML = errBlock.text
	}

	java := parseJava(javaBlock.text)
	if java.session != nil && *java.session {
		api.Session = spec.SessionRequired
	}
	var respEv *sampleEvidence
	if respBlock.text != "" {
		root, err := parseSample(respBlock.text)
		if err != nil {
			return nil, p.errorf(respBlock.line(err.line), "response example: %s", err.msg)
		}
		if root.name != api.ResponseKey() {
			return nil, p.errorf(respBlock.line(root.line), "response example: root element is %q, expected %q for method %s", root.name, api.ResponseKey(), api.Method)
		}
		respEv = &sampleEvidence{root: root}
	}

	javaValues := java.values()
	sampleValues := map[string]map[string]bool{}
	if respEv != nil {
		respEv.root.values(sampleValues)
	}
	for _, r := range reqRows {
		splitAll(r, func(name, v string) bool { return javaValues[normName(name)][v] })
	}
	for _, r := range respRows {
		splitAll(r, func(name, v string) bool { return sampleValues[name][v] })
	}

	var reqEv evidence
	if javaBlock.text != "" {
		reqEv = &javaEvidence{j: java}
	}
	if api.Request, err = p.buildParams(request, reqRows, reqEv); err != nil {
		return nil, err
	}
	var ev evidence
	if respEv != nil {
		ev = respEv
	}
	if api.Response, err = p.buildParams(response, respRows, ev); err != nil {
		return nil, err
	}
	if err := p.checkJava(java, javaBlock, api); err != nil {
		return nil, err
	}
	if respEv != nil {
		if err := p.checkSample(respEv.root, respBlock); err != nil {
			return nil, err
		}
	}
	if api.Errors, err = p.parseErrorCodes(); err != nil {
		return nil, err
	}
	if err := api.Validate(); err != nil {
		return nil, &Error{File: file, Line: p.titleLine, Msg: fmt.Sprintf("the page gives an invalid spec:\n%v", err)}
	}
	return api, nil
}

func splitAll(r *row, shown valueLookup) {
	splitCells(r, shown)
	for _, n := range r.nested {
		splitCells(n, shown)
	}
}

// buildParams turns top-level rows into spec params, resolving the nesting
// of their flat nested rows.
func (p *textPage) buildParams(s side, rows []*row, ev evidence) ([]*spec.Param, error) {
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
				return nil, p.errorf(r.nested[0].line, "%s parameter %s has type %s, which has no fields, but nested rows follow it", s, r.name, r.typ)
			}
			if ev != nil {
				_, top.Wrapper = ev.top(r)
			}
			out = append(out, top)
			continue
		}
		resolveNesting(top, r, ev, toParam)
		out = append(out, top)
	}
	return out, nil
}

// checkJava reports a Java example that contradicts the table: a setter
// that no parameter took, on the request or on an object it built.
func (p *textPage) checkJava(j *javaSample, b block, api *spec.API) error {
	for _, s := range j.sets {
		if s.used || (s.recv != "req" && j.vars[s.recv] == nil) {
			continue
		}
		if s.recv == "req" {
			return p.errorf(b.line(s.line), "request example sets %q, which is not a parameter in the %s table", s.prop, headRequest)
		}
		return p.errorf(b.line(s.line), "request example calls %s.set…(%s) for a field %q that the %s table does not have at that place", s.recv, s.value, s.prop, headRequest)
	}
	return nil
}

// checkSample reports a response example element that no table row took.
func (p *textPage) checkSample(root *sampleNode, b block) error {
	for _, c := range root.children {
		if c.name == "request_id" && !c.used {
			c.used = true // part of every envelope, not of the table
		}
	}
	if u := root.firstUnused(); u != nil {
		return p.errorf(b.line(u.line), "response example has element <%s>, which is not a field in the %s table at that place", u.name, headResponse)
	}
	return nil
}

// block is an example's text with the page line of its first line.
type block struct {
	text  string
	first int
}

// line maps a 1-based line of the block to a page line.
func (b block) line(n int) int {
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
