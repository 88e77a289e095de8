package top_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opentop/topgen/top"
	"github.com/opentop/topgen/top/toptest"
)

// listRequest is a hand-written paged request in the shape the generator
// emits: optional parameters are pointers.
type listRequest struct {
	PageNo   *int64
	PageSize *int64
	Cursor   *string
}

func (r *listRequest) APIMethod() string       { return "taobao.list.get" }
func (r *listRequest) SessionRequired() bool   { return false }
func (r *listRequest) Validate() error         { return nil }
func (r *listRequest) NewResponse() *listReply { return new(listReply) }
func (r *listRequest) Params() (*top.Params, error) {
	p := top.NewParams()
	if r.PageNo != nil {
		p.SetInt("page_no", *r.PageNo)
	}
	if r.PageSize != nil {
		p.SetInt("page_size", *r.PageSize)
	}
	if r.Cursor != nil {
		p.Set("cursor", *r.Cursor)
	}
	return p, nil
}

type listReply struct {
	Items      []string `json:"items"`
	HasNext    bool     `json:"has_next"`
	Total      int64    `json:"total"`
	NextCursor string   `json:"next_cursor"`
}

// paging is what a generated Pages method builds for listRequest.
func paging(r *listRequest, style string) top.Paging[*listRequest, *listReply] {
	p := top.Paging[*listRequest, *listReply]{
		First: 1,
		Read: func(resp *listReply) top.PageInfo {
			return top.PageInfo{Items: len(resp.Items), HasNext: resp.HasNext, Total: resp.Total, Cursor: resp.NextCursor}
		},
		Items: true,
	}
	p.Start = p.First
	if r.PageNo != nil {
		p.Start = *r.PageNo
	}
	if r.PageSize != nil {
		p.Size = *r.PageSize
	}
	if strings.Contains(style, "page") {
		p.Page = func(q *listRequest, n int64) *listRequest { c := *q; c.PageNo = &n; return &c }
	}
	if strings.Contains(style, "cursor") {
		if r.Cursor != nil {
			p.StartCursor = *r.Cursor
		}
		p.Cursor = func(q *listRequest, s string) *listRequest { c := *q; c.Cursor = &s; return &c }
	}
	p.HasNext = strings.Contains(style, "has_next")
	p.Total = strings.Contains(style, "total")
	p.TotalPages = strings.Contains(style, "total_pages")
	return p
}

// page is a simplify-JSON reply with n items.
func page(n int, hasNext bool, total int64, cursor string) toptest.Reply {
	items := make([]string, n)
	for i := range items {
		items[i] = strconv.Quote(fmt.Sprintf("item%d", i))
	}
	return toptest.Reply{Simplify: fmt.Sprintf(`{"items":[%s],"has_next":%t,"total":%d,"next_cursor":%q}`,
		strings.Join(items, ","), hasNext, total, cursor)}
}

func ptr[T any](v T) *T { return &v }

func TestPages(t *testing.T) {
	boom := &top.Error{Code: 15, Msg: "Remote service error", SubCode: "isp.boom"}
	for _, tc := range []struct {
		name    string
		style   string
		req     listRequest
		replies []toptest.Reply
		want    []int    // items of each page yielded
		wantErr bool     // an error is yielded after them
		sent    []string // page_no (or cursor) of each request
	}{
		{"has_next false", "page has_next", listRequest{PageSize: ptr[int64](2)},
			[]toptest.Reply{page(2, true, 0, ""), page(2, true, 0, ""), page(2, false, 0, "")}, []int{2, 2, 2}, false, []string{"1", "2", "3"}},
		{"has_next true beats a short page and a reached total", "page has_next total", listRequest{PageSize: ptr[int64](2)},
			[]toptest.Reply{page(1, true, 1, ""), page(1, true, 1, ""), page(2, false, 0, "")}, []int{1, 1, 2}, false, []string{"1", "2", "3"}},
		{"total of items, from the page size", "page has_next total", listRequest{PageSize: ptr[int64](2)},
			[]toptest.Reply{page(2, false, 6, ""), page(2, false, 6, ""), page(2, false, 6, ""), page(2, false, 6, "")}, []int{2, 2, 2}, false, []string{"1", "2", "3"}},
		{"total of items, counted without a page size", "page total", listRequest{},
			[]toptest.Reply{page(3, false, 7, ""), page(3, false, 7, ""), page(1, false, 7, ""), page(0, false, 7, "")}, []int{3, 3, 1}, false, []string{"1", "2", "3"}},
		{"total of items, from a later start page", "page total", listRequest{PageNo: ptr[int64](3), PageSize: ptr[int64](2)},
			[]toptest.Reply{page(2, false, 10, ""), page(2, false, 10, ""), page(2, false, 10, ""), page(2, false, 10, "")}, []int{2, 2, 2}, false, []string{"3", "4", "5"}},
		{"total of pages", "page total total_pages", listRequest{PageNo: ptr[int64](2)},
			[]toptest.Reply{page(5, false, 4, ""), page(5, false, 4, ""), page(5, false, 4, ""), page(5, false, 4, "")}, []int{5, 5, 5}, false, []string{"2", "3", "4"}},
		{"a total of 0 is unknown: has_next decides", "page has_next total", listRequest{PageSize: ptr[int64](2)},
			[]toptest.Reply{page(2, true, 0, ""), page(2, true, 0, ""), page(2, false, 0, ""), page(2, false, 0, "")}, []int{2, 2, 2}, false, []string{"1", "2", "3"}},
		{"short page", "page has_next total", listRequest{PageSize: ptr[int64](2)},
			[]toptest.Reply{page(2, false, 100, ""), page(2, false, 100, ""), page(1, false, 100, ""), page(2, false, 100, "")}, []int{2, 2, 1}, false, []string{"1", "2", "3"}},
		{"empty page", "page total", listRequest{},
			[]toptest.Reply{page(2, false, 100, ""), page(2, false, 100, ""), page(0, false, 100, ""), page(2, false, 100, "")}, []int{2, 2, 0}, false, []string{"1", "2", "3"}},
		{"items alone: pages until an empty one", "page", listRequest{},
			[]toptest.Reply{page(2, false, 0, ""), page(2, false, 0, ""), page(0, false, 0, ""), page(2, false, 0, "")}, []int{2, 2, 0}, false, []string{"1", "2", "3"}},
		{"error on page 2", "page has_next", listRequest{},
			[]toptest.Reply{page(2, true, 0, ""), {Error: boom}, page(2, true, 0, "")}, []int{2}, true, []string{"1", "2"}},
		{"cursor until none", "cursor", listRequest{},
			[]toptest.Reply{page(2, false, 0, "c1"), page(2, false, 0, "c2"), page(2, false, 0, ""), page(2, false, 0, "c4")}, []int{2, 2, 2}, false, []string{"", "c1", "c2"}},
		{"cursor repeated", "cursor", listRequest{Cursor: ptr("c0")},
			[]toptest.Reply{page(2, false, 0, "c1"), page(2, false, 0, "c2"), page(2, false, 0, "c2"), page(2, false, 0, "c4")}, []int{2, 2, 2}, false, []string{"c0", "c1", "c2"}},
		{"cursor: the request's own cursor answered again", "cursor", listRequest{Cursor: ptr("c0")},
			[]toptest.Reply{page(2, false, 0, "c0"), page(2, false, 0, "c4")}, []int{2}, false, []string{"c0"}},
		{"cursor: an empty set-up page, then pages", "cursor", listRequest{},
			[]toptest.Reply{page(0, false, 0, "c1"), page(2, false, 0, "c2"), page(0, false, 0, "c3"), page(2, false, 0, "c4")}, []int{0, 2, 0}, false, []string{"", "c1", "c2"}},
		{"cursor: short page", "cursor", listRequest{PageSize: ptr[int64](2)},
			[]toptest.Reply{page(2, false, 0, "c1"), page(2, false, 0, "c2"), page(1, false, 0, "c3"), page(2, false, 0, "c4")}, []int{2, 2, 1}, false, []string{"", "c1", "c2"}},
		{"cursor: has_next false", "cursor has_next", listRequest{},
			[]toptest.Reply{page(2, true, 0, "c1"), page(2, true, 0, "c2"), page(2, false, 0, "c3"), page(2, false, 0, "c4")}, []int{2, 2, 2}, false, []string{"", "c1", "c2"}},
		{"cursor: total of items", "cursor total", listRequest{},
			[]toptest.Reply{page(2, false, 6, "c1"), page(2, false, 6, "c2"), page(2, false, 6, "c3"), page(2, false, 6, "c4")}, []int{2, 2, 2}, false, []string{"", "c1", "c2"}},
		{"cursor: error on page 2", "cursor", listRequest{},
			[]toptest.Reply{page(2, false, 0, "c1"), {Error: boom}}, []int{2}, true, []string{"", "c1"}},
		{"page number and cursor together", "page cursor has_next", listRequest{PageSize: ptr[int64](2)},
			[]toptest.Reply{page(2, true, 0, "p1"), page(2, true, 0, "p2"), page(2, false, 0, "p3"), page(2, false, 0, "p4")}, []int{2, 2, 2}, false, []string{"1/", "2/p1", "3/p2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gw := toptest.NewServer(t, appKey, secret)
			gw.Handle("taobao.list.get", tc.replies...)
			c, err := top.NewClient(appKey, secret, top.WithGateway(gw.URL), top.WithRetry(top.RetryPolicy{}))
			if err != nil {
				t.Fatal(err)
			}
			req := tc.req
			before := req
			var got []int
			var errs []error
			for resp, err := range top.Pages(context.Background(), c, &req, paging(&req, tc.style)) {
				if err != nil {
					errs = append(errs, err)
					if resp != nil {
						t.Errorf("an error came with a response")
					}
					continue
				}
				got = append(got, len(resp.Items))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("items per page (-want +got):\n%s", diff)
			}
			switch {
			case tc.wantErr && len(errs) != 1:
				t.Errorf("got %d errors, want one", len(errs))
			case tc.wantErr:
				var te *top.Error
				if !errors.As(errs[0], &te) || te.SubCode != "isp.boom" {
					t.Errorf("error %v, want the gateway's isp.boom", errs[0])
				}
			case len(errs) > 0:
				t.Errorf("unexpected errors %v", errs)
			}
			var sent []string
			for _, r := range gw.Received() {
				switch {
				case strings.Contains(tc.style, "page") && strings.Contains(tc.style, "cursor"):
					sent = append(sent, r.Params["page_no"]+"/"+r.Params["cursor"])
				case strings.Contains(tc.style, "page"):
					sent = append(sent, r.Params["page_no"])
				default:
					sent = append(sent, r.Params["cursor"])
				}
				if tc.req.PageSize != nil && r.Params["page_size"] != strconv.FormatInt(*tc.req.PageSize, 10) {
					t.Errorf("page_size %q sent, want the request's %d", r.Params["page_size"], *tc.req.PageSize)
				}
			}
			if diff := cmp.Diff(tc.sent, sent); diff != "" {
				t.Errorf("pages asked for (-want +got):\n%s", diff)
			}
			if req != before {
				t.Errorf("the caller's request changed: %+v, was %+v", req, before)
			}
		})
	}
}

// Breaking out of the loop sends no more requests; Items flattens pages and
// stops at the first error.
func TestPagesBreakAndItems(t *testing.T) {
	gw := toptest.NewServer(t, appKey, secret)
	gw.Handle("taobao.list.get", page(2, true, 0, ""), page(2, true, 0, ""), toptest.Reply{Error: &top.Error{Code: 7, Msg: "App Call Limited"}})
	c, _ := top.NewClient(appKey, secret, top.WithGateway(gw.URL), top.WithRetry(top.RetryPolicy{}))
	req := &listRequest{}
	for range top.Pages(context.Background(), c, req, paging(req, "page has_next")) {
		break
	}
	if n := len(gw.Received()); n != 1 {
		t.Fatalf("%d requests after a break on the first page, want 1", n)
	}

	var items []string
	var errs []error
	pages := top.Pages(context.Background(), c, req, paging(req, "page has_next"))
	for it, err := range top.Items(pages, func(r *listReply) []string { return r.Items }) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	// The handler's replies continue where the first walk left them: page
	// 2, then the error.
	if diff := cmp.Diff([]string{"item0", "item1"}, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	var te *top.Error
	if len(errs) != 1 || !errors.As(errs[0], &te) || te.Code != 7 {
		t.Errorf("errors %v, want one code 7", errs)
	}

	// A cancelled context fails the first call, once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	for _, err := range top.Pages(ctx, c, req, paging(req, "page has_next")) {
		n++
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	}
	if n != 1 {
		t.Errorf("%d yields for a cancelled context, want 1", n)
	}
}
