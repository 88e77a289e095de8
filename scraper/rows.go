package scraper

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/opentop/topgen/spec"
)

// side is the request or the response parameter table.
type side int

const (
	request side = iota
	response
)

func (s side) String() string {
	if s == request {
		return "request"
	}
	return "response"
}

// The table headers the text rendering keeps.
const (
	requestHeader  = "名称 类型 是否必须 示例值 更多限制 描述"
	responseHeader = "名称 类型 示例值 描述"
)

// row is one parameter row as the page shows it, before nesting is known.
type row struct {
	line     int
	name     string
	typ      string
	list     bool
	required bool
	// cells are the optional cells after name, type and required: example
	// and description, in that order, either of which may be missing.
	cells  []string
	limits spec.Limits
	def    string // 默认值
	// leaf: the row has no fields. Nested rows say so with "└ " before the
	// name; a nested row without it is a struct header, whose first field
	// is the next row.
	leaf bool
	// nested rows follow a top-level row in pre-order, depth unknown.
	nested []*row
	// children are nested rows whose depth the source gave (nested HTML
	// lists); a row has either nested or children.
	children []*row
	// cellsKnown: the source told the example and description apart
	// (separate table cells), so splitCells leaves them alone.
	cellsKnown bool
	// limitsSpilled: the 更多限制 cell spilled onto bullets, so the rest of
	// a top-level line is the example and the description follows as a
	// bullet.
	limitsSpilled bool
	// top marks a top-level row.
	top bool
	// lineRest is what follows name/type/required on a top-level line.
	lineRest []string
	// ex and desc are the example and description once the cells are
	// told apart (see splitCells).
	ex, desc string
	// loneCell: the row's one cell, held in ex, is a value the example
	// shows for a field of its name; whether it is this row's, the
	// placement decides (loneVerdict).
	loneCell bool
}

var identPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)

// nestedStructName is a name a nested struct row can have. In the TOP
// catalog every nested struct field has a name of this form: no capital
// first letter and no dot (the two dotted parameter names of the catalog,
// reentry.employee.account and dimission.employee, are top-level), so a
// bare cell of another form is a value or a description (a struct row's
// demo www.baidu.com; its type name as the description).
var nestedStructName = regexp.MustCompile(`^[a-z_][A-Za-z0-9_]*$`)
var structTypePattern = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)
var anyTypePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// isTypeToken reports whether a cell is a doc type: a scalar type name or a
// capitalised struct type name, optionally followed by "[]" or " []". It
// decides whether a cell starts a row, so it is strict.
func isTypeToken(s string) bool {
	typ, _ := spec.ParseType(s)
	return spec.ScalarTypes[typ] || structTypePattern.MatchString(typ)
}

// isStructRow reports whether a row's type is a struct type.
func isStructRow(r *row) bool { return !spec.ScalarTypes[r.typ] }

// isTypeCell reports whether a cell in the type column is a doc type. Where
// the column is certain any type name goes, lower-case ones too (the
// catalog has a struct type named null).
func isTypeCell(s string) bool {
	typ, _ := spec.ParseType(s)
	return spec.ScalarTypes[typ] || anyTypePattern.MatchString(typ)
}

func parseRequired(s string) (bool, bool) {
	switch s {
	case "必须", "必填", "是":
		return true, true
	case "可选", "选填", "否":
		return false, true
	}
	return false, false
}

// limitPattern is one 更多限制 item, full-width or ASCII colon.
var limitPattern = regexp.MustCompile(`^(最大长度|最大列表长度|最小值|最大值)\s*[:：]\s*(-?\d+)\s*$`)

// defaultPattern is the 默认值 item of 更多限制.
var defaultPattern = regexp.MustCompile(`^默认值\s*[:：]\s*(.*)$`)

// parseMore applies a 更多限制 cell (a limit or the default) to r; it
// reports false for a cell that is neither.
func parseMore(cell string, r *row) bool {
	if m := defaultPattern.FindStringSubmatch(cell); m != nil {
		r.def = strings.TrimSpace(m[1])
		return true
	}
	return parseLimit(cell, &r.limits)
}

// parseLimit applies a limit cell to l; it reports false for a cell that is
// not a limit.
func parseLimit(cell string, l *spec.Limits) bool {
	m := limitPattern.FindStringSubmatch(cell)
	if m == nil {
		return false
	}
	v, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return false
	}
	switch m[1] {
	case "最大长度":
		l.MaxLength = &v
	case "最大列表长度":
		l.MaxListSize = &v
	case "最小值":
		l.MinValue = &v
	case "最大值":
		l.MaxValue = &v
	}
	return true
}

// parseTable reads a parameter table section into top-level rows, each with
// its flat run of nested rows. shown is what the side's example shows, for
// telling a demo value from a row that starts.
func (p *textPage) parseTable(s side, heading string, shown exampleValues) ([]*row, error) {
	lines := p.sections[heading]
	header := requestHeader
	if s == response {
		header = responseHeader
	}
	i := 0
	for i < len(lines) && lines[i].text == "" {
		i++
	}
	if i == len(lines) {
		return nil, p.errorf(p.headings[heading], "%s section has no table header (expected %q)", heading, header)
	}
	if strings.Join(strings.Fields(lines[i].text), " ") != header {
		return nil, p.errorf(lines[i].n, "expected the %s table header %q, found %q", s, header, lines[i].text)
	}
	i++
	var rows []*row
	var cells []cellAt // bullets after the current top-level row
	flush := func() error {
		if len(rows) == 0 {
			if len(cells) > 0 {
				return p.errorf(cells[0].line, "bullet %q before any top-level row of the %s table", cells[0].text, s)
			}
			return nil
		}
		return p.attachBullets(s, rows[len(rows)-1], cells, shown)
	}
	for ; i < len(lines); i++ {
		l := lines[i]
		if l.text == "" {
			continue
		}
		if c, ok := l.bulletCell(); ok {
			cells = append(cells, cellAt{line: l.n, text: c})
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		cells = nil
		r, err := p.parseTopLine(s, l)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return rows, nil
}

type cellAt struct {
	line int
	text string
}

// parseTopLine reads a top-level row: one line, cells separated by spaces.
func (p *textPage) parseTopLine(s side, l line) (*row, error) {
	tok := strings.Fields(l.text)
	if len(tok) < 2 || !identPattern.MatchString(tok[0]) {
		return nil, p.errorf(l.n, "cannot parse %s table row %q: expected \"<name> <type>%s ...\"", s, l.text, requiredHint(s))
	}
	r := &row{line: l.n, name: tok[0], top: true}
	typ := tok[1]
	rest := tok[2:]
	switch {
	case len(rest) > 0 && rest[0] == "[]":
		typ += " []"
		rest = rest[1:]
	case typ == "Field" && len(rest) > 0 && rest[0] == "List":
		typ = "Field List"
		rest = rest[1:]
	}
	if !isTypeCell(typ) {
		return nil, p.errorf(l.n, "cannot parse %s table row %q: %q is not a type (expected String, Number, Boolean, Date, Price, BigDecimal, Json, byte[] or a struct type name)", s, l.text, typ)
	}
	r.typ, r.list = spec.ParseType(typ)
	if s == request {
		if len(rest) == 0 {
			return nil, p.errorf(l.n, "cannot parse request table row %q: expected 必须 or 可选 after the type", l.text)
		}
		req, ok := parseRequired(rest[0])
		if !ok {
			return nil, p.errorf(l.n, "cannot parse request table row %q: expected 必须 or 可选 after the type, found %q", l.text, rest[0])
		}
		r.required = req
		rest = rest[1:]
	}
	r.lineRest = rest
	return r, nil
}

func requiredHint(s side) string {
	if s == request {
		return " <必须|可选>"
	}
	return ""
}

// attachBullets sorts the bullets after a top-level row into the row's own
// spilled cells (limits, then the description) and its nested rows.
func (p *textPage) attachBullets(s side, top *row, cells []cellAt, shown exampleValues) error {
	t := bulletRun{p: p, s: s, cells: cells, shown: shown}
	t.markLeaves()
	i := 0
	// Spilled 更多限制 and description of the top-level row come first
	// (only the request table has the 更多限制 column).
	for ; i < len(cells) && !t.rowStart(i, top); i++ {
		if s == request && parseMore(cells[i].text, top) {
			top.limitsSpilled = true
			continue
		}
		top.cells = append(top.cells, cells[i].text)
	}
	for i < len(cells) {
		r, next, err := t.parseNestedRow(i)
		if err != nil {
			return err
		}
		top.nested = append(top.nested, r)
		i = next
	}
	return nil
}

// bulletRun is the run of bullets after a top-level row.
type bulletRun struct {
	p     *textPage
	s     side
	cells []cellAt
	shown exampleValues
	// leafAfter[i]: a "└ " row starts after cell i. A struct header has
	// fields, and the deepest of them are leaves, so a header needs one.
	leafAfter []bool
	// marked: the page marks leaves with "└ " at all (else rows are told
	// apart by their types, as a converter without the marker leaves them).
	marked bool
}

func (t *bulletRun) markLeaves() {
	t.leafAfter = make([]bool, len(t.cells))
	after := false
	for i := len(t.cells) - 1; i >= 0; i-- {
		t.leafAfter[i] = after
		after = after || strings.HasPrefix(t.cells[i].text, "└")
	}
	t.marked = after
}

// rowStart reports whether cells[i] starts a nested row: "└ name" always
// does. A bare cell is a struct header only when it could be a nested
// struct's name (nestedStructName), a type follows (and, on the request
// side, 必须/可选), fields follow, and the example does not show it as the
// value of the row cur whose cells are being read: demo values and
// descriptions can look like names (xxx) and types (ROI).
func (t *bulletRun) rowStart(i int, cur *row) bool {
	c := t.cells[i].text
	if strings.HasPrefix(c, "└") {
		return true
	}
	// Not a capitalised name: docs write a struct's type name as its demo
	// (PublisherOrderDto). Not a dotted one: a struct row's demo can be a
	// host name (www.baidu.com) and its description its type name
	// (Delivery), which together look like a struct row of their own.
	if !nestedStructName.MatchString(c) || i+1 >= len(t.cells) || !isTypeToken(t.cells[i+1].text) {
		return false
	}
	if t.s == request {
		if i+2 >= len(t.cells) {
			return false
		}
		if _, ok := parseRequired(t.cells[i+2].text); !ok {
			return false
		}
	}
	if t.marked && !t.leafAfter[i] {
		return false
	}
	if cur != nil && len(cur.cells) == 0 && t.shown.shows(cur.name, c) {
		return false
	}
	return true
}

func (t *bulletRun) parseNestedRow(i int) (*row, int, error) {
	p, s, cells := t.p, t.s, t.cells
	c := cells[i]
	name := strings.TrimSpace(strings.TrimPrefix(c.text, "└"))
	if !identPattern.MatchString(name) {
		return nil, 0, p.errorf(c.line, "cannot parse nested %s row: %q is not a parameter name", s, name)
	}
	r := &row{line: c.line, name: name, leaf: strings.HasPrefix(c.text, "└")}
	if i+1 >= len(cells) || !isTypeCell(cells[i+1].text) {
		found := "the end of the table"
		if i+1 < len(cells) {
			found = strconv.Quote(cells[i+1].text)
		}
		return nil, 0, p.errorf(c.line, "nested %s row %q: expected a type after the name, found %s", s, name, found)
	}
	r.typ, r.list = spec.ParseType(cells[i+1].text)
	if !t.marked {
		r.leaf = spec.ScalarTypes[r.typ]
	}
	i += 2
	if s == request {
		if i >= len(cells) {
			return nil, 0, p.errorf(c.line, "nested request row %q: expected 必须 or 可选 after the type, found the end of the table", name)
		}
		req, ok := parseRequired(cells[i].text)
		if !ok {
			return nil, 0, p.errorf(cells[i].line, "nested request row %q: expected 必须 or 可选 after the type, found %q", name, cells[i].text)
		}
		r.required = req
		i++
	}
	for ; i < len(cells) && !t.rowStart(i, r); i++ {
		if t.moreItem(i, r) && parseMore(cells[i].text, r) {
			continue
		}
		r.cells = append(r.cells, cells[i].text)
	}
	return r, i, nil
}

// moreItem reports whether cells[i], a cell of the nested row r, can be a
// 更多限制 item (a limit or 默认值). Only the request table has that column,
// and on a nested row the row's last cell is its description even when it
// reads like a limit: no page was seen to give a nested row 更多限制 items
// (doc-formats.md §3.1), while catalog docs write a nested list's limit as
// its description (alibaba.ascp.cnsku.add: 最大列表长度：20), and the doc's
// structured form reads that as the description and no limit. An item
// with a cell after it is read as 更多限制, the column that comes before
// the description.
func (t *bulletRun) moreItem(i int, r *row) bool {
	return t.s == request && i+1 < len(t.cells) && !t.rowStart(i+1, r)
}
