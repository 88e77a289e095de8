package spec

import (
	"fmt"
	"regexp"
	"strings"
)

// Paging says how an API walks its result pages, for the generated Pages
// and Items iterators. Paths are slash paths from the top of the request
// (Page, Size, Cursor) or the response (the others), through structs only,
// never through a list.
//
//	paging:
//	  style: page
//	  page: page_no
//	  size: page_size
//	  items: trades
//	  has_next: has_next
//	  total: total_results
//	  total_of: items
type Paging struct {
	// Style is page (numbered pages) or cursor (each answer names the
	// next page).
	Style PagingStyle `yaml:"style"`
	// Page is the page number parameter (style page).
	Page string `yaml:"page,omitempty"`
	// First is the number of the first page when it is not 1 (a doc that
	// says 从0开始).
	First *int64 `yaml:"first,omitempty"`
	// Size is the page size parameter, if the API has one.
	Size string `yaml:"size,omitempty"`
	// Cursor is the request's cursor and NextCursor the response field
	// giving the cursor of the next page. A page-style API can name them
	// too (taobao.tbk.order.details.get's position_index): the iterator
	// then sends both the next page number and the cursor.
	Cursor     string `yaml:"cursor,omitempty"`
	NextCursor string `yaml:"next_cursor,omitempty"`
	// Items is the page's item list.
	Items string `yaml:"items,omitempty"`
	// HasNext is the Boolean saying whether another page follows.
	HasNext string `yaml:"has_next,omitempty"`
	// Total is the total count, in items or pages as TotalOf says.
	Total   string  `yaml:"total,omitempty"`
	TotalOf TotalOf `yaml:"total_of,omitempty"`
}

// PagingStyle is how the next page is asked for.
type PagingStyle string

const (
	// PagingPage: the request names a page number, 1 (or First) upwards.
	PagingPage PagingStyle = "page"
	// PagingCursor: the request sends the cursor the last answer gave.
	PagingCursor PagingStyle = "cursor"
)

// TotalOf is what a total counts.
type TotalOf string

const (
	TotalItems TotalOf = "items"
	TotalPages TotalOf = "pages"
)

// FirstPage is the number of the first page.
func (p *Paging) FirstPage() int64 {
	if p.First != nil {
		return *p.First
	}
	return 1
}

// The names the rule knows, compared without case and underscores
// (page_no, pageNo and PAGENO are one name). A name the catalog uses for
// something else (count, current, offset) is left out, or allowed only
// where its neighbours leave no doubt.
var (
	pageNames = names("page_no", "page", "current_page", "page_index", "page_num", "page_number",
		"cur_page", "current_page_no", "page_current", "page_idx")
	// current is a page number only next to a page size.
	pageNamesBesideSize = names("current")
	sizeNames           = names("page_size", "per_page_size", "per_page", "page_rows", "page_limit", "size", "limit", "rows")
	cursorNames         = names("cursor", "cursor_id", "next_cursor", "scroll_id", "position_index", "next_key",
		"page_token", "next_token", "start_key", "search_after", "last_id", "next_id")
	hasNextNames    = names("has_next", "has_next_page", "has_more", "hasmore", "has_more_page", "is_has_next")
	totalItemNames  = names("total_results", "total_result", "total_count", "total", "total_num", "total_number", "total_item", "total_items", "total_record", "total_records", "total_size", "total_rows", "total_row")
	totalPageNames  = names("total_page", "total_pages", "page_count", "pages", "total_page_num", "total_page_count", "page_total")
	zeroBasedPaging = regexp.MustCompile(`从\s*0\s*开始|起始页?\s*(为|是)?\s*0|首页\s*(为|是)\s*0|第一页\s*(为|是)\s*0|0\s*(表示|代表|为)\s*第一页|starts? (at|from) 0|0-based|zero-based`)
)

func names(ns ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range ns {
		m[normName(n)] = true
	}
	return m
}

func normName(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// found is a candidate field: its path and the path of its parent.
type found struct {
	path, parent string
	depth        int
	p            *Param
}

// scalars lists the params of a tree that are reached through structs
// only (a field inside a list item is per item, not per page).
func scalars(params []*Param) (all []found, lists []found) {
	var walk func(prefix string, depth int, ps []*Param)
	walk = func(prefix string, depth int, ps []*Param) {
		for _, p := range ps {
			path := p.Name
			if prefix != "" {
				path = prefix + "/" + p.Name
			}
			f := found{path: path, parent: prefix, depth: depth, p: p}
			if p.List {
				lists = append(lists, f)
				continue
			}
			all = append(all, f)
			if len(p.Children) > 0 {
				walk(path, depth+1, p.Children)
			}
		}
	}
	walk("", 0, params)
	return all, lists
}

// pick returns the one shallowest candidate; none when there is none or
// when two are equally shallow (the doc does not say which one pages).
func pick(cands []found) (found, bool) {
	var best []found
	for _, c := range cands {
		switch {
		case len(best) == 0 || c.depth < best[0].depth:
			best = []found{c}
		case c.depth == best[0].depth:
			best = append(best, c)
		}
	}
	if len(best) != 1 {
		return found{}, false
	}
	return best[0], true
}

func match(fs []found, ok func(f found) bool) []found {
	var out []found
	for _, f := range fs {
		if ok(f) {
			out = append(out, f)
		}
	}
	return out
}

// DetectPaging finds how an API pages from its parameter trees alone, or
// returns nil when it does not clearly page:
//
//   - page style: one page number parameter (page_no, page, current_page,
//     page_index, …; Number), its page size beside it when there is one,
//     and on the response side at least one of a has_next Boolean, a total
//     (total_results, total_count, total, …, counted in items; total_page,
//     page_count, pages, …, counted in pages) or the item list;
//   - cursor style: one cursor parameter (cursor, scroll_id, position_index,
//     next_key, …; String) and a response field giving the next one (the
//     same name, or next_<name>).
//
// The item list is the response's only list, or the only list beside the
// has_next, total or cursor field. Every field is reached through structs
// only, and where two candidates are equally deep, none is taken.
func DetectPaging(a *API) *Paging {
	req, _ := scalars(a.Request)
	resp, lists := scalars(a.Response)
	p := &Paging{}

	isNumber := func(f found) bool { return f.p.Type == "Number" && len(f.p.Children) == 0 }
	isString := func(f found) bool { return f.p.Type == "String" }
	sizes := match(req, func(f found) bool { return isNumber(f) && sizeNames[normName(f.p.Name)] })
	pages := match(req, func(f found) bool {
		n := normName(f.p.Name)
		if !isNumber(f) {
			return false
		}
		if pageNamesBesideSize[n] {
			return len(match(sizes, func(s found) bool { return s.parent == f.parent })) > 0
		}
		return pageNames[n]
	})
	if page, ok := pick(pages); ok {
		p.Page = page.path
		if zeroBasedPaging.MatchString(page.p.Description) {
			zero := int64(0)
			p.First = &zero
		}
		if size, ok := pick(match(sizes, func(s found) bool { return s.parent == page.parent })); ok {
			p.Size = size.path
		}
	}
	if cur, ok := pick(match(req, func(f found) bool { return isString(f) && cursorNames[normName(f.p.Name)] })); ok {
		n := normName(cur.p.Name)
		next, ok := pick(match(resp, func(f found) bool {
			m := normName(f.p.Name)
			return isString(f) && (m == n || m == "next"+n || m == "next"+strings.TrimPrefix(n, "next"))
		}))
		if ok {
			p.Cursor, p.NextCursor = cur.path, next.path
			if p.Page == "" {
				if size, ok := pick(match(sizes, func(s found) bool { return s.parent == cur.parent })); ok {
					p.Size = size.path
				}
			}
		}
	}
	if p.Page == "" && p.Cursor == "" {
		return nil
	}

	var anchor found
	if hn, ok := pick(match(resp, func(f found) bool { return f.p.Type == "Boolean" && hasNextNames[normName(f.p.Name)] })); ok {
		p.HasNext, anchor = hn.path, hn
	}
	isCount := func(f found) bool { return f.p.Type == "Number" || f.p.Type == "String" }
	// A total of pages is exact without a page size; prefer it when the
	// response gives both.
	if t, ok := pick(match(resp, func(f found) bool { return isCount(f) && totalPageNames[normName(f.p.Name)] })); ok {
		p.Total, p.TotalOf = t.path, totalOf(t.p, TotalPages)
		if anchor.p == nil {
			anchor = t
		}
	} else if t, ok := pick(match(resp, func(f found) bool { return isCount(f) && totalItemNames[normName(f.p.Name)] })); ok {
		p.Total, p.TotalOf = t.path, totalOf(t.p, TotalItems)
		if anchor.p == nil {
			anchor = t
		}
	}
	if anchor.p == nil && p.NextCursor != "" {
		anchor, _ = pick(match(resp, func(f found) bool { return f.path == p.NextCursor }))
	}
	switch {
	case len(lists) == 1:
		p.Items = lists[0].path
	case anchor.p != nil:
		if l := match(lists, func(l found) bool { return l.parent == anchor.parent }); len(l) == 1 {
			p.Items = l[0].path
		}
	}

	switch {
	case p.Page != "" && (p.HasNext != "" || p.Total != "" || p.Items != ""):
		p.Style = PagingPage
	case p.Cursor != "":
		p.Style, p.Page, p.First = PagingCursor, "", nil
	default:
		return nil
	}
	return p
}

// totalOf is what a total counts: what its description says (总页数 is
// pages, 总条数 items: tmall.fuwu.homedecoration.supplyrule.list names its
// page count total_count), else what its name says.
func totalOf(p *Param, byName TotalOf) TotalOf {
	switch {
	case pagesTotal.MatchString(p.Description):
		return TotalPages
	case itemsTotal.MatchString(p.Description):
		return TotalItems
	}
	return byName
}

var (
	// 总页数, 总页码; not 页数 alone: 第一页数据 holds it.
	pagesTotal = regexp.MustCompile(`总页|页码数|多少页|页总数`)
	itemsTotal = regexp.MustCompile(`条数|记录数|总条|总记录|个数|总数|数量`)
)

// validatePaging checks that the paging names fields of the right kind
// and that the style has what it needs.
func validatePaging(a *API, add func(string, ...any)) {
	p := a.Paging
	if p == nil {
		return
	}
	req, _ := scalars(a.Request)
	resp, lists := scalars(a.Response)
	check := func(key, path string, in []found, ok func(*Param) bool, want string) {
		if path == "" {
			return
		}
		for _, f := range in {
			if f.path == path {
				if !ok(f.p) {
					add("paging: %s: %s is a %s, want %s", key, path, f.p.DocType(), want)
				}
				return
			}
		}
		add("paging: %s: no %s field %s outside lists", key, map[bool]string{true: "request", false: "response"}[key == "page" || key == "size" || key == "cursor"], path)
	}
	isType := func(types ...string) func(*Param) bool {
		return func(p *Param) bool {
			for _, t := range types {
				if p.Type == t && len(p.Children) == 0 {
					return true
				}
			}
			return false
		}
	}
	check("page", p.Page, req, isType("Number"), "Number")
	check("size", p.Size, req, isType("Number"), "Number")
	check("cursor", p.Cursor, req, isType("String"), "String")
	check("next_cursor", p.NextCursor, resp, isType("String"), "String")
	check("has_next", p.HasNext, resp, isType("Boolean"), "Boolean")
	check("total", p.Total, resp, isType("Number", "String"), "Number or String")
	check("items", p.Items, lists, func(*Param) bool { return true }, "a list")
	switch p.Style {
	case PagingPage:
		if p.Page == "" {
			add("paging: style page needs page")
		}
		if p.HasNext == "" && p.Total == "" && p.Items == "" {
			add("paging: style page needs has_next, total or items to know the last page")
		}
	case PagingCursor:
		if p.Cursor == "" || p.NextCursor == "" {
			add("paging: style cursor needs cursor and next_cursor")
		}
		if p.Page != "" || p.First != nil {
			add("paging: style cursor takes no page or first")
		}
	default:
		add("paging: style %q is not one of page, cursor", p.Style)
	}
	if (p.Cursor == "") != (p.NextCursor == "") {
		add("paging: cursor and next_cursor go together")
	}
	switch {
	case p.Total != "" && p.TotalOf != TotalItems && p.TotalOf != TotalPages:
		add("paging: total_of %q is not one of items, pages", p.TotalOf)
	case p.Total == "" && p.TotalOf != "":
		add("paging: total_of without total")
	}
	if p.First != nil && *p.First < 0 {
		add("paging: first %d is negative", *p.First)
	}
}

// String describes the paging on one line, for review (topgen tree).
func (p *Paging) String() string {
	if p == nil {
		return ""
	}
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	add("page", p.Page)
	if p.First != nil {
		add("first", fmt.Sprint(*p.First))
	}
	add("size", p.Size)
	add("cursor", p.Cursor)
	add("next_cursor", p.NextCursor)
	add("items", p.Items)
	add("has_next", p.HasNext)
	if p.Total != "" {
		add("total", p.Total+" ("+string(p.TotalOf)+")")
	}
	return string(p.Style) + " " + strings.Join(parts, " ")
}
