package scraper

import "github.com/opentop/topgen/spec"

// javaEvidence places request rows by the Java request example: a row
// belongs to the candidate struct whose object the example calls the
// row's setter on.
type javaEvidence struct {
	j *javaSample
}

// javaHandle is a struct's objects in the example (one, or each item of a
// list) and the statement that attached it to its parent.
type javaHandle struct {
	objs   []string
	attach int
}

func (e *javaEvidence) source() spec.Nesting { return spec.NestingJava }

func (e *javaEvidence) top(r *row) (any, string) {
	return e.take(func(s *javaSet) bool { return s.recv == "req" && s.prop == normName(r.name) }), ""
}

func (e *javaEvidence) locate(chain []*frame, r *row) (int, any, string, bool) {
	prop := normName(r.name)
	for k := len(chain) - 1; k >= 0; k-- {
		h, _ := chain[k].handle.(*javaHandle)
		if h == nil {
			continue
		}
		if own := e.take(func(s *javaSet) bool { return s.prop == prop && contains(h.objs, s.recv) }); own != nil {
			return k, own, "", true
		}
	}
	// A setter on an undeclared variable (the demo generator writes
	// list5.setX where it meant the enclosing object) still tells where the
	// row is by its position: the demo sets a struct's fields before it
	// attaches that struct to its parent, so the setter belongs to the
	// deepest candidate not yet attached when the setter runs.
	for _, s := range e.j.sets {
		if s.used || s.prop != prop || s.recv == "req" || e.j.vars[s.recv] != nil {
			continue
		}
		for k := len(chain) - 1; k >= 0; k-- {
			h, _ := chain[k].handle.(*javaHandle)
			if h != nil && h.attach > s.index {
				s.used = true
				return k, &javaHandle{objs: e.j.objects(s.value), attach: s.index}, "", true
			}
		}
	}
	return 0, nil, "", false
}

// take marks the setters matching fn used and returns the handle of the
// first one's argument (non-nil even for a scalar, to report success).
func (e *javaEvidence) take(fn func(*javaSet) bool) *javaHandle {
	var h *javaHandle
	for _, s := range e.j.sets {
		if s.used || !fn(s) {
			continue
		}
		s.used = true
		if h == nil {
			h = &javaHandle{objs: e.j.objects(s.value), attach: s.index}
		}
	}
	return h
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
