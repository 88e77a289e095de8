package scraper

import "github.com/opentop/topgen/spec"

// sampleEvidence places response rows by the response example (XML, or
// JSON mapped to the same shape): a row belongs to the candidate struct
// whose element has a child element of that name.
type sampleEvidence struct {
	root *sampleNode
}

// sampleHandle is the set of elements that hold a struct's fields: the
// struct's element, or each item element of a struct list.
type sampleHandle struct {
	elems []*sampleNode
}

func (e *sampleEvidence) source() spec.Nesting { return spec.NestingExample }

func (e *sampleEvidence) top(r *row) (any, string) {
	matches := (&sampleHandle{elems: []*sampleNode{e.root}}).find(r.name, "")
	return own(matches, r)
}

func (e *sampleEvidence) locate(chain []*frame, r *row) (int, any, string, bool) {
	// Pass 1 also matches the example value, which separates fields of the
	// same name at several levels (code, pay_status, total_fee); pass 2
	// matches the name alone.
	demo := ""
	if !isStructRow(r) {
		demo = r.example()
	}
	for pass := 0; pass < 2; pass++ {
		if pass == 0 && demo == "" {
			continue
		}
		want := demo
		if pass == 1 {
			want = ""
		}
		for k := len(chain) - 1; k >= 0; k-- {
			h, _ := chain[k].handle.(*sampleHandle)
			if h == nil {
				continue
			}
			if matches := h.find(r.name, want); len(matches) > 0 {
				handle, wrapper := own(matches, r)
				return k, handle, wrapper, true
			}
		}
	}
	return 0, nil, "", false
}

// find returns the unused children named name and marks them used. With
// want, it finds them only if one of them has that text: the example value
// picks the struct, but the row is the field of every item of a list, so
// all items' elements of that name are the row's.
func (h *sampleHandle) find(name, want string) []*sampleNode {
	var out []*sampleNode
	hit := want == ""
	for _, el := range h.elems {
		for _, c := range el.children {
			if c.used || c.name != name {
				continue
			}
			out = append(out, c)
			if !hit && len(c.children) == 0 && c.text == want {
				hit = true
			}
		}
	}
	if !hit {
		return nil
	}
	for _, c := range out {
		c.used = true
	}
	return out
}

// own returns the handle for a matched row's own fields and, for a list,
// the item wrapper element name.
func own(matches []*sampleNode, r *row) (any, string) {
	if len(matches) == 0 {
		return nil, ""
	}
	if !r.list {
		if !isStructRow(r) {
			return nil, ""
		}
		return &sampleHandle{elems: matches}, ""
	}
	var items []*sampleNode
	for _, m := range matches {
		for _, item := range m.children {
			item.used = true
			items = append(items, item)
		}
	}
	wrapper := ""
	if len(items) > 0 {
		wrapper = items[0].name
	}
	if !isStructRow(r) {
		return nil, wrapper
	}
	return &sampleHandle{elems: items}, wrapper
}

func isStructRow(r *row) bool { return !spec.ScalarTypes[r.typ] }
