package scraper

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/opentop/topgen/spec"
)

// ParseHTML reads a saved or server-rendered doc page. No stable class
// names are known for these pages, so the reader finds its way by text:
// the title by its "method (中文名)" shape, sections by their headings,
// parameter tables by their header cells, examples by the first pre block
// after each example heading. Top-level parameters are table rows; nested
// parameters are list items, one <ul> per row with one <li> per cell. Where
// the lists nest (a row's <ul> inside its parent's), the DOM gives the
// depth; where they do not, the rows are a flat pre-order walk and the
// shared resolver rebuilds the tree from the examples, as for text pages.
func ParseHTML(file string, data []byte) (*spec.API, []Warning, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, &Error{File: file, Msg: "not HTML: " + err.Error()}
	}
	d := &pageDoc{file: file, priors: catalogPriors()}
	var titleSel *goquery.Selection
	doc.Find("h1, h2, h3, h4, div, p, span, title").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if m := titlePattern.FindStringSubmatch(cleanText(s.Text())); m != nil {
			d.method, d.title, titleSel = m[1], strings.TrimSpace(m[2]), s
			return false
		}
		return true
	})
	if d.method == "" {
		return nil, nil, d.errorf(0, "not a TOP API doc page: no element reads like a title \"taobao.trade.get (获取单笔交易)\"")
	}

	// Walk the body in document order, noting which heading each element
	// falls under; paragraphs between the title and the first heading are
	// the description.
	var (
		current    string
		seen       = map[string]bool{}
		desc       []string
		afterTitle bool
	)
	examples := map[string]*block{headReqExample: &d.java, headRespExample: &d.sample, headErrExample: &d.errSample}
	doc.Find("body *").Each(func(_ int, s *goquery.Selection) {
		if s.IsSelection(titleSel) {
			afterTitle = true
			return
		}
		text := cleanText(s.Text())
		if isHeading(text) && s.Children().Length() == 0 {
			current, seen[text], afterTitle = text, true, false
			return
		}
		switch {
		case afterTitle && goquery.NodeName(s) == "p" && text != "":
			desc = append(desc, text)
		case goquery.NodeName(s) == "pre" && examples[current] != nil && examples[current].text == "":
			*examples[current] = block{text: dedent(splitLines([]byte(s.Text())))}
		}
	})
	d.description = strings.Join(desc, "\n")
	for _, h := range requiredHeadings {
		if !seen[h] {
			return nil, nil, d.errorf(0, "page has no %s section: the page is truncated or not a TOP API doc page", h)
		}
	}

	found := map[side]bool{}
	var tableErr error
	doc.Find("table").Each(func(_ int, t *goquery.Selection) {
		if tableErr != nil {
			return
		}
		header := strings.Join(headerCells(t), " ")
		switch header {
		case requestHeader:
			d.req, tableErr = d.htmlRows(request, t)
			found[request] = true
		case responseHeader:
			d.resp, tableErr = d.htmlRows(response, t)
			found[response] = true
		case errorsHeader:
			d.errors = htmlErrorCodes(t)
		}
	})
	if tableErr != nil {
		return nil, nil, tableErr
	}
	flattenUnlessNested(d.req, d.resp)
	for _, s := range []side{request, response} {
		if !found[s] {
			want := requestHeader
			if s == response {
				want = responseHeader
			}
			return nil, nil, d.errorf(0, "no %s parameter table (a table whose header reads %q)", s, want)
		}
	}
	if err := d.readExamples(); err != nil {
		return nil, nil, err
	}
	return d.build()
}

func cleanText(s string) string { return strings.Join(strings.Fields(s), " ") }

func headerCells(t *goquery.Selection) []string {
	var cells []string
	t.Find("tr").First().Find("th, td").Each(func(_ int, c *goquery.Selection) {
		cells = append(cells, cleanText(c.Text()))
	})
	return cells
}

// htmlRows reads a parameter table: each data row with cells is a
// top-level parameter; the row lists (<ul>) inside it, or inside the
// following rows that hold no parameter cells of their own, are its nested
// rows.
func (d *pageDoc) htmlRows(s side, t *goquery.Selection) ([]*row, error) {
	columns := 4
	if s == request {
		columns = 6
	}
	var rows []*row
	var err error
	t.Find("tr").Slice(1, goquery.ToEnd).Each(func(_ int, tr *goquery.Selection) {
		if err != nil {
			return
		}
		cells := tr.ChildrenFiltered("td")
		if cells.Length() >= columns {
			var r *row
			if r, err = d.htmlTopRow(s, cells); err != nil {
				return
			}
			rows = append(rows, r)
		} else if len(rows) == 0 {
			if tr.Find("ul").Length() > 0 {
				err = d.errorf(0, "%s table: nested rows before any top-level row", s)
			}
			return
		}
		if len(rows) == 0 {
			return
		}
		top := rows[len(rows)-1]
		for _, ul := range outerRowLists(tr) {
			var r *row
			if r, err = d.htmlNestedRow(s, ul, []string{top.name}); err != nil {
				return
			}
			top.children = append(top.children, r)
		}
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// flattenUnlessNested decides for the whole page whether its row lists
// carry depth: if no list is nested in another anywhere, the layout is
// flat, the rows are a pre-order walk, and they go to the resolver like
// the text reader's.
func flattenUnlessNested(tables ...[]*row) {
	for _, rows := range tables {
		for _, r := range rows {
			for _, c := range r.children {
				if len(c.children) > 0 {
					return
				}
			}
		}
	}
	marked := false
	for _, rows := range tables {
		for _, r := range rows {
			r.nested, r.children = r.children, nil
			for _, n := range r.nested {
				marked = marked || n.leaf
			}
		}
	}
	if !marked {
		// No row carries the "└ " leaf marker: tell leaves by their types.
		for _, rows := range tables {
			for _, r := range rows {
				for _, n := range r.nested {
					n.leaf = spec.ScalarTypes[n.typ]
				}
			}
		}
	}
}

func (d *pageDoc) htmlTopRow(s side, cells *goquery.Selection) (*row, error) {
	cell := func(i int) string { return cleanText(cells.Eq(i).Text()) }
	r := &row{top: true, cellsKnown: true, name: cell(0)}
	if !identPattern.MatchString(r.name) || !isTypeToken(cell(1)) {
		var texts []string
		cells.Each(func(_ int, c *goquery.Selection) { texts = append(texts, cleanText(c.Text())) })
		return nil, d.errorf(0, "cannot parse %s table row %q: expected a parameter name and a type", s, strings.Join(texts, " "))
	}
	r.typ, r.list = spec.ParseType(cell(1))
	i := 2
	if s == request {
		req, ok := parseRequired(cell(2))
		if !ok {
			return nil, d.errorf(0, "%s table row %s: expected 必须 or 可选, found %q", s, r.name, cell(2))
		}
		r.required = req
		i++
	}
	r.ex = cell(i)
	if s == request {
		limits := cells.Eq(i + 1)
		items := limits.Find("li")
		if items.Length() == 0 {
			items = limits
		}
		items.Each(func(_ int, li *goquery.Selection) {
			for _, l := range strings.Split(li.Text(), "\n") {
				parseLimit(strings.TrimSpace(l), &r.limits)
			}
		})
		i++
	}
	r.desc = cell(i + 1)
	return r, nil
}

// outerRowLists returns the row lists under n that are not inside another
// row list, in document order. The walk stops at each row list, so every
// node is visited by the call for its nearest enclosing row list only.
func outerRowLists(n *goquery.Selection) []*goquery.Selection {
	var out []*goquery.Selection
	var walk func(*html.Node)
	walk = func(node *html.Node) {
		for c := node.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "ul" {
				if ul := goquery.NewDocumentFromNode(c).Selection; isRowList(ul) {
					out = append(out, ul)
					continue
				}
			}
			walk(c)
		}
	}
	for _, node := range n.Nodes {
		walk(node)
	}
	return out
}

// isRowList reports whether a <ul> is a parameter row: its first item is a
// name and its second a type.
func isRowList(ul *goquery.Selection) bool {
	items := ul.ChildrenFiltered("li")
	if items.Length() < 2 {
		return false
	}
	name := strings.TrimSpace(strings.TrimPrefix(ownText(items.Eq(0)), "└"))
	return identPattern.MatchString(name) && isTypeToken(ownText(items.Eq(1)))
}

// ownText is an item's text without the text of lists nested in it.
func ownText(s *goquery.Selection) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.Data != "ul" && c.Data != "ol":
				walk(c)
			}
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	return cleanText(b.String())
}

// htmlNestedRow reads a row list: one item per cell, as in text pages
// (name, type, 必须/可选 on the request side, then example and description,
// either optional), and the row lists nested in it as its children.
// parents are the names of the rows above it, for the depth cap.
func (d *pageDoc) htmlNestedRow(s side, ul *goquery.Selection, parents []string) (*row, error) {
	var cells []cellAt
	ul.ChildrenFiltered("li").Each(func(_ int, li *goquery.Selection) {
		if t := ownText(li); t != "" {
			cells = append(cells, cellAt{text: t})
		}
	})
	run := &bulletRun{p: &textPage{file: d.file}, s: s, cells: cells, marked: true}
	run.markLeaves()
	run.marked = true // one row: the page as a whole says whether leaves are marked
	r, next, err := run.parseNestedRow(0)
	if err != nil {
		return nil, err
	}
	if next != len(cells) {
		return nil, d.errorf(0, "%s row %s: unexpected cell %q", s, r.name, cells[next].text)
	}
	path := append(parents[:len(parents):len(parents)], r.name)
	if len(path) > spec.MaxDepth {
		return nil, d.errorf(0, "%s: %s: nests deeper than %d levels", s, strings.Join(path, "/"), spec.MaxDepth)
	}
	for _, child := range outerRowLists(ul) {
		c, err := d.htmlNestedRow(s, child, path)
		if err != nil {
			return nil, err
		}
		r.children = append(r.children, c)
	}
	if len(r.children) > 0 {
		r.leaf = false // the DOM gives the depth
	}
	return r, nil
}

func htmlErrorCodes(t *goquery.Selection) []spec.ErrorCode {
	var out []spec.ErrorCode
	t.Find("tr").Slice(1, goquery.ToEnd).Each(func(_ int, tr *goquery.Selection) {
		cells := tr.ChildrenFiltered("td")
		if cells.Length() < 1 {
			return
		}
		code := cleanText(cells.Eq(0).Text())
		if code == "" {
			return
		}
		out = append(out, spec.ErrorCode{Code: code, Message: cleanText(cells.Eq(1).Text()), Solution: cleanText(cells.Eq(2).Text())})
	})
	return out
}
