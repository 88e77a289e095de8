package top

import (
	"context"
	"iter"
)

// Paging tells Pages how one API pages. Generated Pages methods fill it
// from the spec's paging: the functions copy the request with the next
// page number or cursor set, and read a response's page fields.
type Paging[Q Call[R], R any] struct {
	// Start is the number of the first page to ask for: the request's own
	// page number, or the API's first page (First) when it sets none.
	// Unused when Page is nil.
	Start int64
	// First is the API's first page number, 1 unless the doc says 0.
	First int64
	// Size is the page size the request asks for; 0 when it sets none
	// (the API's default, which Pages does not know).
	Size int64
	// StartCursor is the cursor the request carries itself, if any.
	StartCursor string
	// Page returns a copy of the request asking for page n; nil for an API
	// that pages by cursor only.
	Page func(req Q, n int64) Q
	// Cursor returns a copy of the request carrying the cursor the last
	// page gave; nil when the API names no cursor.
	Cursor func(req Q, cursor string) Q
	// Read returns what a response says about its page.
	Read func(resp R) PageInfo
	// Items, HasNext and Total say which of PageInfo's fields the API
	// has; Total counts items or pages as TotalPages says.
	Items, HasNext, Total, TotalPages bool
}

// PageInfo is what one response says about its page. Fields the API does
// not have (see Paging) are ignored.
type PageInfo struct {
	// Items is the number of items on the page.
	Items int
	// HasNext is the response's has_next.
	HasNext bool
	// Total is the response's total (of items or of pages); 0 when absent
	// or unreadable, which Pages reads as unknown.
	Total int64
	// Cursor is the cursor of the next page.
	Cursor string
}

// Pages sends req and the requests for the pages after it, yielding each
// response in turn. The caller's request is never modified: every page is
// sent from a copy (the copy shares the request's other values, so do not
// change them while iterating). On an error, Pages yields it once, with a
// nil response, and stops; breaking out of the loop stops it too.
//
// The first request asks for p.Start (page style) and carries the
// request's own cursor. After each page, Pages stops when
//
//   - the page is empty (an empty first page of a cursor API that gives a
//     new cursor is the scroll set-up some APIs answer first, and goes on);
//   - a cursor API gives no cursor, or the one it was sent;
//   - has_next is true: it goes on, whatever the other fields say;
//   - the page is short: fewer items than the page size asked for;
//   - the total is known (above 0) and reached: in pages, or in items
//     counted from the page size (or from the items seen when the walk
//     started at the first page); a known total not reached goes on;
//   - has_next is false (or absent: TOP leaves it out when the request did
//     not ask for it, so it decides only when no total does).
//
// Otherwise a cursor API goes on with the new cursor, and a page-number API
// goes on when it counts its items (the next page shows whether it is
// empty) and stops when nothing tells that more pages follow.
//
// Pages is not inlined: inlined, its closures would be compiled again for
// every API that pages, where the one shared instantiation serves them all.
//
//go:noinline
func Pages[Q Call[R], R any](ctx context.Context, c *Client, req Q, p Paging[Q, R], opts ...CallOption) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		page := p.Start
		cur := req
		if p.Page != nil {
			cur = p.Page(req, page)
		}
		rules := pageRules{
			byPage: p.Page != nil, start: p.Start, first: p.First, size: p.Size,
			items: p.Items, hasNext: p.HasNext, total: p.Total, totalPages: p.TotalPages,
		}
		sent, seen := p.StartCursor, 0
		for n := 1; ; n++ {
			// Do's body, not a call to Do: passing cur (a Q) as Do's
			// Call[R] would compile five interface wrappers per API.
			var resp R
			err := c.do(ctx, cur, opts, func() any {
				resp = cur.NewResponse()
				return resp
			})
			if err != nil {
				var none R
				yield(none, err)
				return
			}
			info := p.Read(resp)
			if !yield(resp, nil) {
				return
			}
			seen += info.Items
			if !rules.next(info, n, page, seen, sent) {
				return
			}
			if p.Page != nil {
				page++
				cur = p.Page(cur, page)
			}
			if p.Cursor != nil {
				sent = info.Cursor
				cur = p.Cursor(cur, info.Cursor)
			}
		}
	}
}

// pageRules is what Pages decides by: Paging without its type parameters,
// so that its methods are compiled once, not once per API.
type pageRules struct {
	byPage                            bool
	start, first, size                int64
	items, hasNext, total, totalPages bool
}

// next decides, after the n-th page (numbered page, seen items so far,
// sent the cursor the request carried), whether another page follows.
func (p *pageRules) next(info PageInfo, n int, page int64, seen int, sent string) bool {
	byCursor := !p.byPage
	newCursor := info.Cursor != "" && info.Cursor != sent
	switch {
	case p.items && info.Items == 0 && !(byCursor && n == 1 && newCursor):
		return false // an empty page
	case byCursor && !newCursor:
		return false // no next cursor, or the same one again
	case p.hasNext && info.HasNext:
		return true
	case p.size > 0 && p.items && int64(info.Items) < p.size:
		return false // a short page
	case p.total && info.Total > 0:
		if reached, known := p.totalReached(info.Total, page, seen); known {
			return !reached
		}
	}
	switch {
	case p.hasNext:
		return false // has_next false, and no total says otherwise
	case byCursor:
		return true
	default:
		return p.items // the next page shows whether there are more
	}
}

// totalReached reports whether a total says the walk is complete, and
// whether it can tell.
func (p *pageRules) totalReached(total, page int64, seen int) (reached, known bool) {
	byPage := p.byPage
	switch {
	case p.totalPages && byPage:
		return page-p.first+1 >= total, true
	case p.totalPages:
		return false, false // a cursor API's page count says nothing of where the cursor is
	case byPage && p.size > 0:
		return (page-p.first+1)*p.size >= total, true
	case p.items && (!byPage || p.start == p.first):
		return int64(seen) >= total, true
	}
	return false, false
}

// Items flattens pages to their items, yielding each item of each page in
// order; items returns a page's item list. An error is yielded once, with
// the zero item, and stops the walk.
//
// Items is not inlined, so that its closures are compiled once per item
// type rather than again at every call.
//
//go:noinline
func Items[R, T any](pages iter.Seq2[R, error], items func(R) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for resp, err := range pages {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items(resp) {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}
