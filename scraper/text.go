package scraper

import (
	"fmt"
	"strings"

	"github.com/opentop/topgen/spec"
)

// ParseText reads a doc page in the plain-text "bullet" rendering (the form
// of the seeds) into a spec. file names the page in errors and becomes the
// spec's source (pass a base name or URL, never an absolute path). The
// warnings name the rows a reviewer should check (nesting: prior or
// default), struct types without fields, and example items no placement
// could use.
func ParseText(file string, data []byte) (*spec.API, []Warning, error) {
	return parseText(file, data, catalogPriors())
}

func parseText(file string, data []byte, pri priorSource) (*spec.API, []Warning, error) {
	p, err := splitPage(file, splitLines(data))
	if err != nil {
		return nil, nil, err
	}
	d := &pageDoc{file: file, titleLine: p.titleLine, method: p.method, title: p.title, description: p.description, priors: pri}
	d.java = p.exampleBlock(headReqExample)
	d.sample = p.exampleBlock(headRespExample)
	d.errSample = p.exampleBlock(headErrExample)
	if err := d.readExamples(); err != nil {
		return nil, nil, err
	}
	if d.req, err = p.parseTable(request, headRequest, d.reqShown); err != nil {
		return nil, nil, err
	}
	if d.resp, err = p.parseTable(response, headResponse, d.respShown); err != nil {
		return nil, nil, err
	}
	if d.errors, err = p.parseErrorCodes(); err != nil {
		return nil, nil, err
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
	priors      priorSource

	javaCode            *javaSample
	sampleRoot          *sampleNode
	reqShown, respShown exampleValues

	warnings []Warning
	lines    map[*spec.Param]int // page line of each row, for warnings
	// notes are warnings about rows, issued with the rows' paths once the
	// tree is built.
	notes map[*spec.Param][]string
}

func (d *pageDoc) errorf(n int, format string, args ...any) error {
	return &Error{File: d.file, Line: n, Msg: fmt.Sprintf(format, args...)}
}

func (d *pageDoc) warn(n int, path, format string, args ...any) {
	d.warnings = append(d.warnings, Warning{File: d.file, Line: n, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// readExamples parses the Java and response examples, which decide how the
// tables' cells are read.
func (d *pageDoc) readExamples() error {
	d.javaCode = parseJava(d.java.text)
	d.reqShown = exampleValues{present: d.java.text != "", byName: d.javaCode.values(nil), top: d.javaCode.values(func(s *javaSet) bool { return s.recv == "req" }), fold: normName}
	if d.sample.text == "" {
		return nil
	}
	root, err := parseSample(d.sample.text)
	if err != nil {
		return d.errorf(d.sample.line(err.line), "response example: %s", err.msg)
	}
	if want := (&spec.API{Method: d.method}).ResponseKey(); root.name != want {
		return d.errorf(d.sample.line(root.line), "response example: root element is %q, expected %q for method %s", root.name, want, d.method)
	}
	d.sampleRoot = root
	vals, top := map[string]map[string]bool{}, map[string]map[string]bool{}
	root.values(vals)
	for _, c := range root.children {
		if top[c.name] == nil {
			top[c.name] = map[string]bool{}
		}
		top[c.name][sampleValue(c)] = true
	}
	d.respShown = exampleValues{present: true, byName: vals, top: top}
	return nil
}

// build turns the page's rows into a spec: it tells examples from
// descriptions, resolves the nesting from the examples and checks that the
// examples do not contradict the tables.
func (d *pageDoc) build() (*spec.API, []Warning, error) {
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
	if d.javaCode == nil {
		if err := d.readExamples(); err != nil {
			return nil, nil, err
		}
	}
	if s := d.javaCode.session; s != nil && *s {
		api.Session = spec.SessionRequired
	}
	for _, r := range d.req {
		splitAll(r, d.reqShown)
	}
	for _, r := range d.resp {
		splitAll(r, d.respShown)
	}

	d.lines, d.notes = map[*spec.Param]int{}, map[*spec.Param][]string{}
	var reqEv, respEv evidence
	var reqUsed, respUsed bitset
	if d.java.text != "" {
		reqEv = newJavaEvidence(d.javaCode)
		reqUsed = newBitset(reqEv.size())
	}
	if d.sampleRoot != nil {
		respEv = newSampleEvidence(d.sampleRoot)
		respUsed = newBitset(respEv.size())
	}
	var err error
	if api.Request, err = d.buildParams(request, d.req, reqEv, reqUsed); err != nil {
		return nil, nil, err
	}
	if api.Response, err = d.buildParams(response, d.resp, respEv, respUsed); err != nil {
		return nil, nil, err
	}
	if reqEv != nil {
		if err := d.checkJava(reqUsed); err != nil {
			return nil, nil, err
		}
	}
	if respEv != nil {
		if err := d.checkSample(respEv.(*sampleEvidence), respUsed); err != nil {
			return nil, nil, err
		}
	}
	if err := api.Validate(); err != nil {
		return nil, nil, d.errorf(d.titleLine, "the page gives an invalid spec:\n%v", err)
	}
	d.rowWarnings(api)
	return api, d.warnings, nil
}

func splitAll(r *row, shown exampleValues) {
	splitCells(r, shown)
	for _, n := range r.nested {
		splitCells(n, shown)
	}
	for _, c := range r.children {
		splitAll(c, shown)
	}
}

// toParam turns a row into its spec node, without children.
func (d *pageDoc) toParam(s side, r *row) *spec.Param {
	return &spec.Param{
		Name:        r.name,
		Type:        r.typ,
		List:        r.list,
		Required:    r.required && s == request,
		Example:     r.ex,
		Default:     r.def,
		Description: r.desc,
		Limits:      r.limits,
	}
}

// buildParams turns top-level rows into spec params, resolving the nesting
// of their flat nested rows. used holds the example items taken so far.
func (d *pageDoc) buildParams(s side, rows []*row, ev evidence, used bitset) ([]*spec.Param, error) {
	var out []*spec.Param
	for _, r := range rows {
		top := d.toParam(s, r)
		var topHandle *handle
		if ev != nil {
			if c := ev.top(r, used); c != nil {
				used.set(c.items)
				top.Wrapper, topHandle = c.wrapper, c.own
			}
		}
		switch {
		case len(r.children) > 0:
			d.placeTree(s, top, r, topHandle, ev, used)
		case len(r.nested) > 0:
			if err := d.resolve(s, top, r, topHandle, ev, used); err != nil {
				return nil, err
			}
		}
		d.shape(top, r.line, len(r.nested) > 0 || len(r.children) > 0)
		out = append(out, top)
	}
	return out, nil
}

// resolve places the flat nested rows of top-level row r under top.
func (d *pageDoc) resolve(s side, top *spec.Param, r *row, topHandle *handle, ev evidence, used bitset) error {
	rows := r.nested
	// A struct header's first field is the next row; a header with no
	// next row has no fields.
	if last := rows[len(rows)-1]; !last.leaf {
		last.leaf = true
	}
	run := nestedRows{rows: rows, topType: r.typ, topName: r.name, recurring: recurringNames(rows)}
	res, stuck := resolveNesting(run, topHandle, ev, used, d.priors)
	if res == nil {
		return d.errorf(rows[stuck].line, "%s row %s: no struct open at this point can hold it (each already has a field named %s)", s, rows[stuck].name, rows[stuck].name)
	}
	params := make([]*spec.Param, len(rows))
	var unsure []int
	for i, nr := range rows {
		if nr.loneCell {
			if res.lone[i] == loneUnsure {
				unsure = append(unsure, i)
			}
			res.lone[i].settle(nr)
		}
		params[i] = d.toParam(s, nr)
		params[i].Nesting = res.nesting[i]
		if c := res.claims[i]; c != nil {
			params[i].Wrapper = c.wrapper
		}
		parent := top
		if res.parent[i] >= 0 {
			parent = params[res.parent[i]]
		}
		parent.Children = append(parent.Children, params[i])
	}
	for i, nr := range rows {
		d.shape(params[i], nr.line, !nr.leaf)
	}
	for _, i := range res.unshown {
		d.note(params[i], "the %s example does not show its example value %q where the row fits; check the row", exampleName(s), rows[i].ex)
	}
	for _, i := range unsure {
		d.note(params[i], "its one cell %q is read as its example value: the %s example shows it for a %s at a place the rows allow, not where the row was placed (there it would be the description); check the row", rows[i].ex, exampleName(s), rows[i].name)
	}
	return nil
}

// shape settles what a row's type means now that its fields are known: a
// struct type with no fields is an opaque leaf (raw JSON text), and a
// scalar type with fields is read as a struct (children win, as in the
// JSON reader).
func (d *pageDoc) shape(p *spec.Param, line int, hasFields bool) {
	d.lines[p] = line
	switch {
	case p.IsStruct() && !hasFields:
		p.Opaque = true
		d.note(p, "struct type %s has no fields; read as an opaque leaf (raw JSON text)", p.Type)
	case p.IsScalar() && hasFields:
		d.note(p, "scalar type %s has fields; read as a struct", p.Type)
		p.Type = structTypeFor(p.Name)
	}
}

func (d *pageDoc) note(p *spec.Param, format string, args ...any) {
	d.notes[p] = append(d.notes[p], fmt.Sprintf(format, args...))
}

func exampleName(s side) string {
	if s == request {
		return "Java request"
	}
	return "response"
}

// rowWarnings issues the notes about rows and warns about every row
// placed by prior or default, the rows a reviewer must check, in page
// order with their paths.
func (d *pageDoc) rowWarnings(api *spec.API) {
	var out []Warning
	for _, side := range []struct {
		name   string
		params []*spec.Param
	}{{"request", api.Request}, {"response", api.Response}} {
		spec.Walk(side.params, func(path string, p *spec.Param) {
			where := side.name + ": " + path
			for _, msg := range d.notes[p] {
				out = append(out, Warning{File: d.file, Line: d.lines[p], Path: where, Msg: msg})
			}
			if p.Nesting != spec.NestingPrior && p.Nesting != spec.NestingDefault {
				return
			}
			parent := side.name + " top level"
			if i := strings.LastIndex(path, "/"); i >= 0 {
				parent = path[:i]
			}
			how := "placed by priors learned from the TOP catalog"
			if p.Nesting == spec.NestingDefault {
				how = "placed in the deepest open struct"
			}
			out = append(out, Warning{File: d.file, Line: d.lines[p], Path: where, Nesting: p.Nesting,
				Msg: fmt.Sprintf("the examples fit %s in more than one struct; %s, under %s (nesting: %s)", p.Name, how, parent, p.Nesting)})
		})
	}
	d.warnings = append(out, d.warnings...)
}

// checkJava reports a Java example that contradicts the table: a setter
// that no parameter took, on the request or on an object it built. A
// setter whose field the table has, which the search could not place, is
// a warning.
func (d *pageDoc) checkJava(used bitset) error {
	names := rowNames(d.req, normName)
	for i, s := range d.javaCode.sets {
		if used.has(i) {
			continue
		}
		declared := d.javaCode.vars[s.recv] != nil
		switch {
		case s.recv == "req":
			return d.errorf(d.java.line(s.line), "request example sets %q, which is not a parameter in the %s table", s.prop, headRequest)
		case names[s.prop]:
			d.warn(d.java.line(s.line), "request example", "%s.set…(%s) sets %s, but no placement of the %s rows named so fits it; check those rows", s.recv, s.value, s.prop, headRequest)
		case declared:
			return d.errorf(d.java.line(s.line), "request example calls %s.set…(%s) for a field %q that the %s table does not have at that place", s.recv, s.value, s.prop, headRequest)
		}
	}
	return nil
}

// checkSample reports a response example element that no table row took.
func (d *pageDoc) checkSample(e *sampleEvidence, used bitset) error {
	names := rowNames(d.resp, func(s string) string { return s })
	var check func(n *sampleNode, top bool) error
	check = func(n *sampleNode, top bool) error {
		for _, c := range n.children {
			switch {
			case used.has(c.id):
				if err := check(c, false); err != nil {
					return err
				}
			case top && c.name == "request_id":
				// part of every envelope, not of the table
			case !top && names[c.name]:
				d.warn(d.sample.line(c.line), "response example", "element <%s> is not matched: no placement of the %s rows named %s fits it; check those rows", c.name, headResponse, c.name)
			default:
				return d.errorf(d.sample.line(c.line), "response example has element <%s>, which is not a field in the %s table at that place", c.name, headResponse)
			}
		}
		return nil
	}
	return check(e.root, true)
}

func rowNames(rows []*row, fold func(string) string) map[string]bool {
	out := map[string]bool{}
	var walk func(rs []*row)
	walk = func(rs []*row) {
		for _, c := range rs {
			out[fold(c.name)] = true
			walk(c.children)
		}
	}
	for _, r := range rows {
		walk(r.nested)
		walk(r.children)
	}
	return out
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
