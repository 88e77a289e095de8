package scraper

import "github.com/opentop/topgen/spec"

// The nesting resolver: every reader whose source lost depth (text pages,
// flat HTML lists) hands it the flat pre-order rows below a top-level
// parameter, and it rebuilds the tree from the evidence in the page's own
// examples.
//
// Pre-order means a row's parent is one of the structs still open after the
// previous row: the previous row itself (if a struct) or one of its
// ancestors. Text alone cannot choose among them where a struct ends (the
// "return points"), so each row asks the evidence, deepest candidate first.
// A row the evidence does not show is put in the deepest open struct; it is
// marked pinned when no other place was possible (it follows a struct
// header, which needs a field, or the next row the evidence shows sits in
// that same struct), and default otherwise.

// evidence is what an example can tell about where a row belongs.
type evidence interface {
	// top returns the handle of a top-level parameter's node in the example
	// (nil when the example does not show it) and, for lists, the item
	// wrapper name.
	top(r *row) (handle any, wrapper string)
	// locate picks r's parent among chain (0 = the top-level parameter,
	// last = the deepest open struct). It returns the parent's index, r's
	// own handle and list wrapper, and false when the example does not
	// show r under any candidate.
	locate(chain []*frame, r *row) (idx int, handle any, wrapper string, ok bool)
	// source names the evidence for the spec's nesting field.
	source() spec.Nesting
}

// frame is a struct that is open during resolution.
type frame struct {
	param  *spec.Param
	handle any
}

// pendingRow is a row placed without evidence, waiting for the next located
// row to tell whether its place was forced.
type pendingRow struct {
	param *spec.Param
	in    *frame
}

// resolveNesting builds top's children from its flat nested rows. toParam
// turns a row into its spec node (cells, limits).
func resolveNesting(top *spec.Param, topRow *row, ev evidence, toParam func(*row) *spec.Param) {
	root := &frame{param: top}
	if ev != nil {
		root.handle, top.Wrapper = ev.top(topRow)
	}
	stack := []*frame{root}
	var pending []pendingRow
	settle := func(parent *frame) {
		for _, p := range pending {
			if p.in == parent {
				p.param.Nesting = spec.NestingPinned
			} else {
				p.param.Nesting = spec.NestingDefault
			}
		}
		pending = nil
	}
	for _, r := range topRow.nested {
		p := toParam(r)
		idx, handle, wrapper, ok := -1, any(nil), "", false
		if ev != nil {
			idx, handle, wrapper, ok = ev.locate(stack, r)
		}
		if ok {
			p.Nesting = ev.source()
			p.Wrapper = wrapper
			settle(stack[idx])
		} else {
			idx = len(stack) - 1
			if len(stack) == 1 || len(stack[idx].param.Children) == 0 {
				// The only candidate, or the first row after a struct
				// header: a struct has at least one field, so this row
				// can only be that struct's first.
				p.Nesting = spec.NestingPinned
			} else {
				pending = append(pending, pendingRow{param: p, in: stack[idx]})
			}
		}
		parent := stack[idx]
		parent.param.Children = append(parent.param.Children, p)
		stack = stack[:idx+1]
		// Open structs only up to the depth cap: below it the rows stay
		// where they are, one level too deep, and Validate refuses the
		// page naming that path; the evidence is never asked about more
		// than MaxDepth candidates per row.
		if p.IsStruct() && len(stack) <= spec.MaxDepth {
			stack = append(stack, &frame{param: p, handle: handle})
		}
	}
	// Rows still pending at the end had no later evidence; only the
	// outermost struct would have forced them.
	for _, p := range pending {
		if p.in == root {
			p.param.Nesting = spec.NestingPinned
		} else {
			p.param.Nesting = spec.NestingDefault
		}
	}
}

// placeTree builds top's children from rows whose depth the source gave.
// The evidence is still asked, with the true parent as the only candidate,
// so list wrappers are read and the examples are checked against the
// tables as for flat rows.
func placeTree(top *spec.Param, topRow *row, ev evidence, toParam func(*row) *spec.Param) {
	root := &frame{param: top}
	if ev != nil {
		root.handle, top.Wrapper = ev.top(topRow)
	}
	var place func(parent *frame, rows []*row)
	place = func(parent *frame, rows []*row) {
		for _, r := range rows {
			p := toParam(r)
			f := &frame{param: p}
			if ev != nil {
				_, f.handle, p.Wrapper, _ = ev.locate([]*frame{parent}, r)
			}
			parent.param.Children = append(parent.param.Children, p)
			place(f, r.children)
		}
	}
	place(root, topRow.children)
}
