package scraper

import "github.com/opentop/topgen/spec"

// evidence is what a page's example can tell about where a row belongs:
// the response example (XML or JSON) for response rows, the Java request
// example for request rows. Its items (sample elements, Java setters) are
// numbered, so the placement search can record which ones a placement
// has used in a bitset.
type evidence interface {
	// source names the evidence for the spec's nesting field.
	source() spec.Nesting
	// size is the number of items.
	size() int
	// top claims the items of a top-level parameter: the items it uses,
	// the handle for its fields and the list wrapper. Nil when the example
	// does not show it.
	top(r *row, used bitset) *claim
	// claims lists the ways the example shows row r as a field of
	// stack[k]: the items each way would use and the handle of r's own
	// fields. Nil when the example does not show r there.
	claims(stack []*frame, k int, r *row, used bitset) []*claim
	// fold is the spelling under which the example names a row's field
	// (Java folds case and underscores).
	fold(name string) string
}

// handle is a struct's place in the example: the elements holding its
// fields (one, or each item of a list), or the Java objects it is built
// from, with the statements that declare it and attach it to its parent.
type handle struct {
	key   int // the first item claimed: equal handles have equal keys
	elems []*sampleNode
	objs  []string
	// start and attach bracket the statements that build the object(s):
	// a setter between them on no declared receiver belongs to it.
	start, attach int
	// items are the struct's own items (its fields in the example): it may
	// close only when every one of them is used.
	items []item
	// lastRows caches, per item, the last row of its name in the run the
	// handle belongs to (a handle serves one top-level parameter).
	lastRows []int
	byKey    map[string][]int // item ids per key, built on first use
}

// named returns the ids of h's items shown under key.
func (h *handle) named(key string) []int {
	if h.byKey == nil {
		h.byKey = make(map[string][]int, len(h.items))
		for _, it := range h.items {
			h.byKey[it.key] = append(h.byKey[it.key], it.id)
		}
	}
	return h.byKey[key]
}

// claim is one way the example shows a row: the items it uses and, for a
// struct, the handle of its fields.
type claim struct {
	items   []int
	own     *handle
	wrapper string
	// value: the example shows the row's demo value there, not just its
	// name.
	value bool
}

// item is an example element or setter that a row can use.
type item struct {
	id  int
	key string // the field name it shows, folded as evidence.fold does
}

// bitset is a set of item numbers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) has(i int) bool { return b[i/64]&(1<<(uint(i)%64)) != 0 }

func (b bitset) with(items []int) bitset {
	if len(items) == 0 {
		return b
	}
	out := make(bitset, len(b))
	copy(out, b)
	for _, i := range items {
		out[i/64] |= 1 << (uint(i) % 64)
	}
	return out
}

func (b bitset) set(items []int) {
	for _, i := range items {
		b[i/64] |= 1 << (uint(i) % 64)
	}
}
