package scraper

import (
	"math"
	"sort"
	"strconv"

	"github.com/opentop/topgen/spec"
)

// The nesting resolver: every reader whose source lost depth (text pages,
// flat HTML lists) hands it the flat pre-order rows below a top-level
// parameter, and it rebuilds the tree from the evidence in the page's own
// examples.
//
// Pre-order means a row's parent is one of the structs still open after
// the previous row: the previous row itself when that is a struct header
// (a struct has at least one field, so the row is its first), or one of
// its ancestors. Text alone cannot choose among them where a struct ends
// (the "return points"), so the resolver searches for the placements that
// the examples allow:
//
//   - rows stay in page order and no two siblings share a name;
//   - a row with a demo value, under a struct the example shows, takes an
//     example element (or Java setter) with that value;
//   - a struct closes only when every element of it in the example, and
//     every setter on its Java object, has been taken by a row.
//
// The search runs over the rows in order, merging placements that leave
// the same open structs and the same example items unused, so it explores
// every consistent placement at once (dynamic programming over the
// backtracking tree); a violated constraint is a penalty, so a page whose
// examples no placement satisfies still gets the placement that breaks the
// fewest, and its leftover items become warnings. Among the placements of
// least penalty each row takes, in page order, the best candidate: a match
// by example value, then by name, then the one the priors learned from the
// TOP catalog rank first (prior.go), then the deepest open struct.
//
// Every row records how it was placed (spec.Nesting): example or java when
// every consistent placement puts it under the same parent and the example
// shows it there; pinned when every consistent placement puts it there
// though no example shows it; prior or default when consistent
// placements disagree, so a reviewer must look.

// maxStates bounds the placements the search keeps per row. Past it, the
// cheapest placements are kept, and rows placed after that point are
// flagged unless an example value located them.
const maxStates = 64

// maxSteps bounds the placements the search tries per top-level parameter
// (the largest catalog page needs about a thousand). Past it, the search
// falls back to keeping one placement per row, and flags what it places
// without an example value.
const maxSteps = 20000

// frame is a struct that is open during the search.
type frame struct {
	row int     // the struct's row; -1 for the top-level parameter
	h   *handle // its place in the example; nil when the example does not show it
	// dups are the rows placed in it whose names occur more than once
	// among the rows: the only children a later sibling can clash with.
	dups []int
}

// state is a set of placements of the rows so far that leave the same
// open structs and the same example items unused.
type state struct {
	stack []*frame
	used  bitset
	fwd   int // least penalty of the placements that reach it
	ctg   int // least penalty from here to the end
	out   []*edge
	order int // creation order, for deterministic pruning
	dead  bool
}

// edge places one row: under stack[k], taking claim c (nil: the example
// does not show it there), at a penalty.
type edge struct {
	from, to *state
	k        int
	c        *claim
	cost     int
}

// nestedRows is the flat run of rows below one top-level parameter, with
// what the search needs to know about them.
type nestedRows struct {
	rows      []*row
	topType   string
	topName   string
	recurring []bool // the row's name occurs more than once in the run
	// last is the last row showing each field name (folded as the
	// evidence folds it): an example item of that name still unused after
	// that row can no longer be used.
	last map[string]int
}

// resolution is the placement the search chose.
type resolution struct {
	parent  []int // parent row of each row, -1 for the top-level parameter
	claims  []*claim
	nesting []spec.Nesting
	// unshown lists rows with a demo value that the example does not show
	// under the struct they were placed in (a penalty the page forced).
	unshown []int
	// lone is the verdict on each row's lone cell (row.loneCell).
	lone []loneVerdict
}

// budgets are the penalties the search allows, tried in turn: a page
// whose examples agree with its tables has a placement without penalty,
// and a search that admits none explores only consistent placements.
var budgets = []int{0, 2, 8, math.MaxInt}

// resolveNesting places the nested rows of one top-level parameter. top is
// the handle of the parameter's fields in the example (nil when not
// shown); used holds the example items already taken and receives the
// ones this placement takes. It fails only when a row has no possible
// parent at all (every open struct already has a field of its name), and
// then returns that row's index.
func resolveNesting(run nestedRows, top *handle, ev evidence, used bitset, pri priorSource) (*resolution, int) {
	n := len(run.rows)
	if ev == nil {
		top, used = nil, nil
	}
	run.last = map[string]int{}
	if ev != nil {
		for i, r := range run.rows {
			run.last[ev.fold(r.name)] = i
		}
	}
	var (
		layers      [][]*state
		truncatedAt int
		stuck       int
	)
	steps := 0
	for _, b := range budgets {
		if layers, truncatedAt, stuck = run.search(top, ev, used, b, maxStates, &steps); layers != nil || steps > maxSteps {
			break
		}
	}
	if steps > maxSteps {
		// Too many placements to weigh: keep the best one per row.
		layers, _, stuck = run.search(top, ev, used, math.MaxInt, 1, nil)
		truncatedAt = 0
	}
	if layers == nil {
		return nil, stuck
	}
	start := layers[0][0]
	for i := n - 1; i >= 0; i-- {
		for _, s := range layers[i] {
			s.ctg = math.MaxInt
			for _, e := range s.out {
				if !e.to.dead && e.to.ctg != math.MaxInt {
					s.ctg = min(s.ctg, e.cost+e.to.ctg)
				}
			}
		}
	}
	best := start.ctg

	res := &resolution{parent: make([]int, n), claims: make([]*claim, n), nesting: make([]spec.Nesting, n), lone: make([]loneVerdict, n)}
	children := map[int][]string{} // the chosen tree so far: names per parent row
	cur := start
	lastFlag := spec.NestingDefault
	for i := 0; i < n; i++ {
		r := run.rows[i]
		// Every parent some least-penalty placement gives row i, and
		// whether one of them shows its example value there.
		parents := map[int]bool{}
		valueSomewhere := false
		for _, s := range layers[i] {
			if s.fwd+s.ctg != best {
				continue
			}
			for _, e := range s.out {
				if !e.to.dead && e.to.ctg != math.MaxInt && s.fwd+e.cost+e.to.ctg == best {
					parents[s.stack[e.k].row] = true
					valueSomewhere = valueSomewhere || (e.c != nil && e.c.value)
				}
			}
		}
		// The candidates from the chosen placement of the rows before.
		var cands []*edge
		for _, e := range cur.out {
			if !e.to.dead && e.to.ctg != math.MaxInt && e.cost+e.to.ctg == cur.ctg {
				cands = append(cands, e)
			}
		}
		candParents := map[int]bool{}
		for _, c := range cands {
			candParents[cur.stack[c.k].row] = true
		}
		scores := make([]float64, len(cands))
		for j, e := range cands {
			if len(candParents) < 2 {
				break // one place: nothing to rank
			}
			f := cur.stack[e.k]
			c := candidate{typ: run.topType, name: run.topName, top: f.row < 0, fields: children[f.row]}
			if f.row >= 0 {
				c.typ, c.name = run.rows[f.row].typ, run.rows[f.row].name
			}
			scores[j] = priorScore(pri, r.name, c)
		}
		pick := 0
		for j := 1; j < len(cands); j++ {
			if betterCandidate(cands[j], scores[j], cands[pick], scores[pick]) {
				pick = j
			}
		}
		e := cands[pick]
		parent := cur.stack[e.k].row
		res.parent[i], res.claims[i] = parent, e.c
		children[parent] = append(children[parent], r.name)
		switch {
		case len(parents) == 1 && i >= truncatedAt && !(e.c != nil && e.c.value) && !(i > 0 && !run.rows[i-1].leaf):
			// Past a pruned search, only an example value or a struct
			// header still proves the place.
			res.nesting[i] = spec.NestingDefault
		case len(parents) == 1 && e.c != nil:
			res.nesting[i] = ev.source()
		case len(parents) == 1:
			res.nesting[i] = spec.NestingPinned
		case len(candParents) == 1:
			// Forced by an earlier flagged row: flagged as that one.
			res.nesting[i] = lastFlag
		case informedChoice(cands, scores, cur):
			res.nesting[i], lastFlag = spec.NestingPrior, spec.NestingPrior
		default:
			res.nesting[i], lastFlag = spec.NestingDefault, spec.NestingDefault
		}
		switch {
		case r.loneCell && e.c != nil && e.c.value:
			res.lone[i] = loneExample
		case r.loneCell && !valueSomewhere:
			res.lone[i] = loneDescription
		case r.loneCell:
			res.lone[i] = loneUnsure
		case r.leaf && r.ex != "" && cur.stack[e.k].h != nil && (e.c == nil || !e.c.value):
			res.unshown = append(res.unshown, i)
		}
		if e.c != nil && used != nil {
			used.set(e.c.items)
		}
		cur = e.to
	}
	return res, -1
}

// search builds the layers of states, one per row, keeping the placements
// whose penalty stays within budget. It returns nil when none does, and
// then the row where it ran out of placements.
func (run nestedRows) search(top *handle, ev evidence, used bitset, budget, width int, steps *int) (layers [][]*state, truncatedAt, stuck int) {
	n := len(run.rows)
	start := &state{stack: []*frame{{row: -1, h: top}}, used: used}
	if top != nil {
		// Items of the parameter no row is named after.
		start.fwd = run.pending(top, used, func(last int) bool { return last < 0 })
	}
	if start.fwd > budget {
		return nil, 0, 0
	}
	layers = [][]*state{{start}}
	truncatedAt = n + 1
	for i := 0; i < n; i++ {
		next := map[string]*state{}
		var order []*state
		for _, s := range layers[i] {
			for _, o := range run.options(s, i, ev, budget-s.fwd) {
				stack, u := run.apply(s, i, o)
				cost := o.cost + run.exhausted(stack, u, i, ev)
				if s.fwd+cost > budget {
					continue
				}
				key := stateKey(stack, u)
				t := next[key]
				if t == nil {
					t = &state{stack: stack, used: u, fwd: math.MaxInt, order: len(order)}
					next[key] = t
					order = append(order, t)
				}
				t.fwd = min(t.fwd, s.fwd+cost)
				s.out = append(s.out, &edge{from: s, to: t, k: o.k, c: o.c, cost: cost})
				if steps != nil {
					if *steps++; *steps > maxSteps {
						return nil, 0, i
					}
				}
			}
		}
		if len(order) == 0 {
			return nil, 0, i
		}
		if len(order) > width {
			sort.SliceStable(order, func(a, b int) bool { return order[a].fwd < order[b].fwd })
			for _, t := range order[width:] {
				t.dead = true
			}
			order = order[:width]
			truncatedAt = min(truncatedAt, i)
		}
		layers = append(layers, order)
	}
	// Every item is charged by the last row that could use it, so the
	// placements that reach the end owe nothing more.
	for _, s := range layers[n] {
		s.ctg = 0
	}
	return layers, truncatedAt, -1
}

// pending counts the unused items of h whose last row pred accepts.
func (run nestedRows) pending(h *handle, used bitset, pred func(last int) bool) int {
	if h.lastRows == nil {
		h.lastRows = make([]int, len(h.items))
		for j, it := range h.items {
			h.lastRows[j] = run.lastRow(it.key)
		}
	}
	c := 0
	for j, it := range h.items {
		if !used.has(it.id) && pred(h.lastRows[j]) {
			c++
		}
	}
	return c
}

func (run nestedRows) lastRow(key string) int {
	if l, ok := run.last[key]; ok {
		return l
	}
	return -1
}

// exhausted is the penalty for example items that row i was the last
// chance to use: items named like row i in the open structs, and the items
// of the struct row i opens that no later row is named after.
func (run nestedRows) exhausted(stack []*frame, used bitset, i int, ev evidence) int {
	if ev == nil {
		return 0
	}
	c := 0
	key := ev.fold(run.rows[i].name)
	lastHere := run.last[key] == i
	for _, f := range stack {
		switch {
		case f.h == nil:
		case f.row == i:
			c += run.pending(f.h, used, func(last int) bool { return last <= i })
		case lastHere:
			for _, id := range f.h.named(key) {
				if !used.has(id) {
					c++
				}
			}
		}
	}
	return c
}

// betterCandidate ranks two least-penalty candidates for a row: a match
// by example value, then by name, then the higher prior, then the deeper
// struct.
func betterCandidate(a *edge, sa float64, b *edge, sb float64) bool {
	if ka, kb := claimKind(a.c), claimKind(b.c); ka != kb {
		return ka < kb
	}
	if sa != sb {
		return sa > sb
	}
	return a.k > b.k
}

func claimKind(c *claim) int {
	switch {
	case c == nil:
		return 2
	case c.value:
		return 0
	}
	return 1
}

// informedChoice reports whether the priors told the candidate parents
// apart.
func informedChoice(cands []*edge, scores []float64, cur *state) bool {
	first := map[int]float64{}
	for j, e := range cands {
		p := cur.stack[e.k].row
		if _, ok := first[p]; !ok {
			first[p] = scores[j]
		}
	}
	var seen []float64
	for _, s := range first {
		seen = append(seen, s)
	}
	for _, s := range seen[1:] {
		if s != seen[0] {
			return true
		}
	}
	return false
}

// option is a candidate placement of a row from a state.
type option struct {
	k    int
	c    *claim
	skip []int // example items the row passes by (and so uses up)
	cost int
}

// options lists the placements of row i from s: under each open struct
// (only the previous row when that is a struct header), taking each way
// the example shows it there, or none.
func (run nestedRows) options(s *state, i int, ev evidence, allowed int) []option {
	r := run.rows[i]
	lo := 0
	if i > 0 && !run.rows[i-1].leaf && s.stack[len(s.stack)-1].row == i-1 {
		lo = len(s.stack) - 1 // a struct header's first field
	}
	// A row with a demo value must be shown with it; a lone cell may be
	// the description instead (loneVerdict), so it only ranks the
	// placements that show it first.
	demo := r.leaf && r.ex != "" && !r.loneCell
	var out []option
	closing := 0 // penalty: unused items of the structs above k, which k closes
	for k := len(s.stack) - 1; k >= lo; k-- {
		if k < len(s.stack)-1 {
			if f := s.stack[k+1]; f.h != nil && ev != nil {
				// Items of a closing struct not charged yet.
				closing += run.pending(f.h, s.used, func(last int) bool { return last >= i })
			}
		}
		if closing > allowed {
			break // closing more structs only costs more
		}
		if run.recurring[i] && run.hasChild(s.stack[k], r.name) {
			continue
		}
		shown := s.stack[k].h != nil && ev != nil
		if shown {
			for _, c := range ev.claims(s.stack, k, r, s.used) {
				cost := closing
				if demo && !c.value {
					cost++
				}
				if cost <= allowed {
					out = append(out, option{k: k, c: c, cost: cost})
				}
			}
		}
		// Not taking what the example shows there: siblings have unique
		// names, so an item of the row's name under this struct is this
		// row's or nobody's; passing it by uses it up, at a penalty.
		o := option{k: k, cost: closing}
		if shown {
			for _, id := range s.stack[k].h.named(ev.fold(r.name)) {
				if !s.used.has(id) {
					o.skip = append(o.skip, id)
				}
			}
			o.cost += len(o.skip)
			if demo && len(o.skip) == 0 {
				o.cost++ // the example does not show the row's value here
			}
		} else if demo && ev != nil && shownBelow(s.stack, k) {
			// The example shows the structs around the row but not the
			// row, though it has a value: examples show every such row.
			o.cost++
		}
		if o.cost <= allowed {
			out = append(out, o)
		}
	}
	return out
}

// shownBelow reports whether the example shows a struct enclosing
// stack[k].
func shownBelow(stack []*frame, k int) bool {
	for _, f := range stack[:k] {
		if f.h != nil {
			return true
		}
	}
	return false
}

func (run nestedRows) hasChild(f *frame, name string) bool {
	for _, d := range f.dups {
		if run.rows[d].name == name {
			return true
		}
	}
	return false
}

// apply returns the open structs and used items after placing row i by o.
func (run nestedRows) apply(s *state, i int, o option) ([]*frame, bitset) {
	stack := make([]*frame, o.k+1, o.k+2)
	copy(stack, s.stack[:o.k+1])
	if run.recurring[i] {
		f := *stack[o.k]
		f.dups = append(f.dups[:len(f.dups):len(f.dups)], i)
		stack[o.k] = &f
	}
	used := s.used.with(o.skip)
	if o.c != nil {
		used = used.with(o.c.items)
	}
	// Open structs only up to the depth cap: below it the rows stay where
	// they are, and Validate refuses the page naming that path; no row is
	// ever asked about more than spec.MaxDepth candidates.
	if !run.rows[i].leaf && len(stack) <= spec.MaxDepth {
		var h *handle
		if o.c != nil {
			h = o.c.own
		}
		stack = append(stack, &frame{row: i, h: h})
	}
	return stack, used
}

// stateKey identifies what the rest of the search depends on: the open
// structs (with their example handles and recurring-name children) and the
// example items still unused.
func stateKey(stack []*frame, used bitset) string {
	b := make([]byte, 0, 16*len(stack)+8*len(used))
	for _, f := range stack {
		hk := -1
		if f.h != nil {
			hk = f.h.key
		}
		b = strconv.AppendInt(b, int64(f.row), 36)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(hk), 36)
		for _, d := range f.dups {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(d), 36)
		}
		b = append(b, '/')
	}
	for _, w := range used {
		b = strconv.AppendUint(b, w, 36)
		b = append(b, '.')
	}
	return string(b)
}

// recurringNames marks the rows whose names occur more than once.
func recurringNames(rows []*row) []bool {
	count := map[string]int{}
	for _, r := range rows {
		count[r.name]++
	}
	out := make([]bool, len(rows))
	for i, r := range rows {
		out[i] = count[r.name] > 1
	}
	return out
}

// placeTree builds top's children from rows whose depth the source gave
// (nested HTML lists). The example is still asked, with the true parent as
// the only candidate, so list wrappers are read and the examples are
// checked against the tables as for flat rows.
func (d *pageDoc) placeTree(s side, top *spec.Param, topRow *row, topHandle *handle, ev evidence, used bitset) {
	var place func(parent *spec.Param, h *handle, rows []*row)
	place = func(parent *spec.Param, h *handle, rows []*row) {
		for _, r := range rows {
			var best *claim
			if ev != nil && h != nil {
				for _, c := range ev.claims([]*frame{{row: -1, h: h}}, 0, r, used) {
					if best == nil || (c.value && !best.value) {
						best = c
					}
				}
			}
			if r.loneCell {
				// The row's place is certain: its lone cell is the example
				// only if the example shows it here.
				v := loneDescription
				if best != nil && best.value {
					v = loneExample
				}
				v.settle(r)
			}
			p := d.toParam(s, r)
			var own *handle
			if best != nil {
				used.set(best.items)
				p.Wrapper, own = best.wrapper, best.own
			}
			parent.Children = append(parent.Children, p)
			place(p, own, r.children)
			d.shape(p, r.line, len(r.children) > 0)
		}
	}
	place(top, topHandle, topRow.children)
}
