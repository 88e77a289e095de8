package spec

import (
	"strings"
	"testing"
)

// tree builds params from lines "path Type[]?" in pre-order; "+desc" after
// a line sets its description.
func tree(t *testing.T, lines ...string) []*Param {
	t.Helper()
	var roots []*Param
	byPath := map[string]*Param{}
	var last *Param
	for _, l := range lines {
		if strings.HasPrefix(l, "+") {
			last.Description = l[1:]
			continue
		}
		path, typ, _ := strings.Cut(l, " ")
		p := &Param{Type: typ}
		p.Type, p.List = ParseType(typ)
		dir, name, nested := "", path, false
		if i := strings.LastIndex(path, "/"); i >= 0 {
			dir, name, nested = path[:i], path[i+1:], true
		}
		p.Name = name
		if nested {
			parent := byPath[dir]
			if parent == nil {
				t.Fatalf("no parent for %s", path)
			}
			parent.Children = append(parent.Children, p)
		} else {
			roots = append(roots, p)
		}
		byPath[path] = p
		last = p
	}
	return roots
}

func TestDetectPaging(t *testing.T) {
	for _, tc := range []struct {
		name      string
		req, resp []string
		want      string // Paging.String(), "" for none
	}{
		{"top level, has_next and total",
			[]string{"fields String", "page_no Number", "page_size Number", "use_has_next Boolean"},
			[]string{"total_results Number", "trades Trade[]", "trades/tid Number", "has_next Boolean"},
			"page page=page_no size=page_size items=trades has_next=has_next total=total_results (items)"},
		{"in a struct parameter, total as text",
			[]string{"search_option Option", "search_option/page_size Number", "search_option/page_no Number"},
			[]string{"result Result", "result/data PageResult", "result/data/results R[]", "result/data/results/id Number", "result/data/total_count String"},
			"page page=search_option/page_no size=search_option/page_size items=result/data/results total=result/data/total_count (items)"},
		{"total of pages preferred to total of items",
			[]string{"q Q", "q/page_no Number", "q/page_size Number"},
			[]string{"result R", "result/models M[]", "result/models/id Number", "result/total_page Number", "result/total_count Number"},
			"page page=q/page_no size=q/page_size items=result/models total=result/total_page (pages)"},
		{"a total the description calls a page count",
			[]string{"page_index Number", "page_size Number"},
			[]string{"result R", "result/total_count Number", "+总页数", "result/data_list D[]", "result/data_list/x String"},
			"page page=page_index size=page_size items=result/data_list total=result/total_count (pages)"},
		{"第一页数据 does not make a total a page count",
			[]string{"page_no Number", "page_size Number"},
			[]string{"adgroups P", "adgroups/total_item Number", "+所查询的数据总数，只有当返回第一页数据时有值", "adgroups/adgroup_list A[]", "adgroups/adgroup_list/x String"},
			"page page=page_no size=page_size items=adgroups/adgroup_list total=adgroups/total_item (items)"},
		{"zero-based pages",
			[]string{"page_num Number", "+第几页, 从0开始", "page_size Number"},
			[]string{"result R", "result/list L[]", "result/list/x String"},
			"page page=page_num first=0 size=page_size items=result/list"},
		{"current is a page number beside a size",
			[]string{"param P", "param/page BasePageQuery", "param/page/current Number", "param/page/page_size Number"},
			[]string{"result R", "result/sku_list S[]", "result/sku_list/x String", "result/total Number"},
			"page page=param/page/current size=param/page/page_size items=result/sku_list total=result/total (items)"},
		{"current alone is not a page number",
			[]string{"current Number"},
			[]string{"list L[]", "list/x String"},
			""},
		{"the item list beside the stop field, when there are several lists",
			[]string{"page Number"},
			[]string{"tags T[]", "tags/x String", "data D", "data/items I[]", "data/items/x String", "data/has_next Boolean"},
			"page page=page items=data/items has_next=data/has_next"},
		{"several lists and no anchor: no items",
			[]string{"page Number"},
			[]string{"a A[]", "a/x String", "b B[]", "b/x String"},
			""},
		{"a page number and nothing to stop on",
			[]string{"page_no Number"},
			[]string{"name String"},
			""},
		{"fields inside a list item are per item",
			[]string{"page_no Number"},
			[]string{"orders O[]", "orders/total_count Number", "orders/lines L[]", "orders/lines/x String"},
			"page page=page_no items=orders"},
		{"two equally deep page numbers: ambiguous",
			[]string{"a A", "a/page_no Number", "b B", "b/page_no Number"},
			[]string{"list L[]", "list/x String"},
			""},
		{"cursor in and next_ cursor out, page size beside the cursor",
			[]string{"q Q", "q/page_size Number", "q/page_token String"},
			[]string{"result R", "result/module M", "result/module/items I[]", "result/module/items/x String", "result/module/next_page_token String", "result/module/has_more Boolean"},
			"cursor size=q/page_size cursor=q/page_token next_cursor=result/module/next_page_token items=result/module/items has_next=result/module/has_more"},
		{"scroll id",
			[]string{"scroll_id String"},
			[]string{"result R", "result/total Number", "result/scroll_id String", "result/data D[]", "result/data/x String"},
			"cursor cursor=scroll_id next_cursor=result/scroll_id items=result/data total=result/total (items)"},
		{"a cursor the response does not give back",
			[]string{"cursor String"},
			[]string{"list L[]", "list/x String"},
			""},
		{"page number and cursor together",
			[]string{"position_index String", "page_size Number", "page_no Number"},
			[]string{"data D", "data/results R[]", "data/results/x String", "data/position_index String", "data/has_next Boolean"},
			"page page=page_no size=page_size cursor=position_index next_cursor=data/position_index items=data/results has_next=data/has_next"},
		{"a String page number is not read",
			[]string{"page_no String"},
			[]string{"list L[]", "list/x String"},
			""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &API{Method: "taobao.x.get", Session: SessionNone, Request: tree(t, tc.req...), Response: tree(t, tc.resp...)}
			p := DetectPaging(a)
			if got := p.String(); got != tc.want {
				t.Errorf("DetectPaging:\n got %q\nwant %q", got, tc.want)
			}
			if p != nil {
				a.Paging = p
				if err := a.Validate(); err != nil {
					t.Errorf("the detected paging does not validate: %v", err)
				}
			}
		})
	}
}

// Validate names what a hand-written or patched paging gets wrong.
func TestValidatePaging(t *testing.T) {
	req := []string{"page_no Number", "page_size Number", "cursor String", "q Q", "q/page Number", "ids Number[]"}
	resp := []string{"list L[]", "list/total Number", "has_next Boolean", "total String", "next String", "flag Number"}
	for _, tc := range []struct {
		p    Paging
		want string
	}{
		{Paging{Style: "pages", Page: "page_no", Items: "list"}, `paging: style "pages" is not one of page, cursor`},
		{Paging{Style: PagingPage, Page: "page"}, "paging: page: no request field page outside lists"},
		{Paging{Style: PagingPage, Page: "cursor", Items: "list"}, "paging: page: cursor is a String, want Number"},
		{Paging{Style: PagingPage, Page: "ids", Items: "list"}, "paging: page: no request field ids outside lists"},
		{Paging{Style: PagingPage, Page: "page_no"}, "paging: style page needs has_next, total or items"},
		{Paging{Style: PagingPage, Page: "page_no", Items: "list/total"}, "paging: items: no response field list/total outside lists"},
		{Paging{Style: PagingPage, Page: "page_no", HasNext: "flag"}, "paging: has_next: flag is a Number, want Boolean"},
		{Paging{Style: PagingPage, Page: "page_no", Total: "total"}, `paging: total_of "" is not one of items, pages`},
		{Paging{Style: PagingPage, Page: "page_no", Items: "list", TotalOf: TotalItems}, "paging: total_of without total"},
		{Paging{Style: PagingCursor, Cursor: "cursor"}, "paging: style cursor needs cursor and next_cursor"},
		{Paging{Style: PagingCursor, Cursor: "cursor", NextCursor: "next", Page: "page_no"}, "paging: style cursor takes no page or first"},
		{Paging{Style: PagingPage, Page: "page_no", Items: "list", First: ptrInt64(-1)}, "paging: first -1 is negative"},
	} {
		p := tc.p
		a := &API{Method: "taobao.x.get", Session: SessionNone, Request: tree(t, req...), Response: tree(t, resp...), Paging: &p}
		if err := a.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v): %v, want %q", tc.p, err, tc.want)
		}
	}
	ok := &API{Method: "taobao.x.get", Session: SessionNone, Request: tree(t, req...), Response: tree(t, resp...),
		Paging: &Paging{Style: PagingPage, Page: "q/page", Size: "page_size", Cursor: "cursor", NextCursor: "next",
			Items: "list", HasNext: "has_next", Total: "total", TotalOf: TotalPages}}
	if err := ok.Validate(); err != nil {
		t.Errorf("a paging naming every field: %v", err)
	}
}

// A patched tree gets its paging anew; a spec with paging round-trips.
func TestPagingPatchAndRoundTrip(t *testing.T) {
	a, err := Load("../specs/taobao.trades.sold.get.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if a.Paging == nil || a.Paging.HasNext != "has_next" {
		t.Fatalf("bundled spec paging %v", a.Paging)
	}
	p, _ := UnmarshalPatch("p.yaml", []byte("method: taobao.trades.sold.get\nchanges:\n  - at: response:has_next\n    remove: true\n"))
	if err := a.Apply(p); err != nil {
		t.Fatal(err)
	}
	if a.Paging == nil || a.Paging.HasNext != "" || a.Paging.Total != "total_results" {
		t.Errorf("paging after removing has_next: %v", a.Paging)
	}
	data, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unmarshal("x.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Marshal(back)
	if string(again) != string(data) {
		t.Errorf("load → save changed the bytes")
	}
	if !strings.Contains(string(data), "paging:\n  style: page\n  page: page_no\n") {
		t.Errorf("paging not in the spec:\n%s", data)
	}
}

func ptrInt64(v int64) *int64 { return &v }

// Detections lists the values and the paging for review.
func TestDetections(t *testing.T) {
	a, err := Load("../specs/taobao.trades.sold.get.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := a.Detections()
	for _, want := range []string{
		"resp\ttrades/status\tvalues\tTRADE_NO_CREATE_PAY=没有创建支付宝交易; WAIT_BUYER_PAY=等待买家付款; ",
		"paging\tpage\tpage=page_no size=page_size items=trades has_next=has_next total=total_results (items)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Detections lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n < 3 {
		t.Errorf("%d lines:\n%s", n, got)
	}
	if (&API{}).Detections() != "" {
		t.Errorf("an API with nothing detected has detections")
	}
}
