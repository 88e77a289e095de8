package scraper

import "github.com/opentop/topgen/spec"

// javaEvidence places request rows by the Java request example: a row is
// a field of the candidate struct whose object the example calls the
// row's setter on.
type javaEvidence struct {
	j *javaSample
	// byRecv lists the setters (by item number) called on each declared
	// variable.
	byRecv map[string][]int
}

func newJavaEvidence(j *javaSample) *javaEvidence {
	e := &javaEvidence{j: j, byRecv: map[string][]int{}}
	for i, s := range j.sets {
		if j.vars[s.recv] != nil {
			e.byRecv[s.recv] = append(e.byRecv[s.recv], i)
		}
	}
	return e
}

func (e *javaEvidence) source() spec.Nesting { return spec.NestingJava }

func (e *javaEvidence) size() int { return len(e.j.sets) }

func (e *javaEvidence) fold(name string) string { return normName(name) }

func (e *javaEvidence) top(r *row, used bitset) *claim {
	c := e.claim(r, used, func(_ int, s *javaSet) bool { return s.recv == "req" })
	if c == nil || c.own == nil {
		return c
	}
	// Setters on undeclared variables within the parameter's building are
	// its items too: one of its structs must take each.
	h := c.own
	for i, s := range e.j.sets {
		if s.recv != "req" && e.j.vars[s.recv] == nil && h.start < s.index && s.index < h.attach {
			h.items = append(h.items, item{id: i, key: s.prop})
		}
	}
	return c
}

func (e *javaEvidence) claims(stack []*frame, k int, r *row, used bitset) []*claim {
	h := stack[k].h
	if h == nil {
		return nil
	}
	if c := e.claim(r, used, func(_ int, s *javaSet) bool { return contains(h.objs, s.recv) }); c != nil {
		return []*claim{c}
	}
	// A setter on an undeclared variable (the demo generator writes
	// list5.setX where it meant the enclosing object) still tells where the
	// row is by its position: the demo builds a struct's fields between
	// declaring it and attaching it to its parent, so the setter belongs to
	// the struct whose building it falls in, and to no struct opened
	// inside that one.
	inside := func(f *frame, at int) bool { return f.h != nil && f.h.start < at && at < f.h.attach }
	var out []*claim
	prop := normName(r.name)
	for i, s := range e.j.sets {
		if used.has(i) || s.prop != prop || s.recv == "req" || e.j.vars[s.recv] != nil || !inside(stack[k], s.index) {
			continue
		}
		deeper := false
		for _, f := range stack[k+1:] {
			deeper = deeper || inside(f, s.index)
		}
		if !deeper {
			out = append(out, e.claimOf(r, []int{i}))
		}
	}
	return out
}

// claim takes the unused setters of r's property that ok accepts.
func (e *javaEvidence) claim(r *row, used bitset, ok func(int, *javaSet) bool) *claim {
	prop := normName(r.name)
	var ids []int
	for i, s := range e.j.sets {
		if !used.has(i) && s.prop == prop && ok(i, s) {
			ids = append(ids, i)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return e.claimOf(r, ids)
}

func (e *javaEvidence) claimOf(r *row, ids []int) *claim {
	c := &claim{items: ids}
	var h *handle
	for _, i := range ids {
		s := e.j.sets[i]
		if v, ok := literal(s.value); ok && r.ex != "" && v == r.ex {
			c.value = true
		}
		objs := e.j.objects(s.value)
		if len(objs) == 0 || r.leaf {
			continue
		}
		if h == nil {
			h = &handle{key: i, start: e.j.vars[s.value].decl, attach: s.index}
		}
		h.objs = append(h.objs, objs...)
	}
	if h != nil {
		for _, obj := range h.objs {
			for _, i := range e.byRecv[obj] {
				h.items = append(h.items, item{id: i, key: e.j.sets[i].prop})
			}
		}
	}
	c.own = h
	return c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
