package scraper

import (
	"strings"

	"github.com/opentop/topgen/spec"
)

// sampleEvidence places response rows by the response example (XML, or
// JSON mapped to the same shape): a row is a field of the candidate struct
// whose element has a child element of that name, and where a name
// repeats, the element showing the row's demo value.
type sampleEvidence struct {
	root  *sampleNode
	nodes []*sampleNode // by item number, in document order
}

func newSampleEvidence(root *sampleNode) *sampleEvidence {
	e := &sampleEvidence{root: root}
	var number func(n *sampleNode)
	number = func(n *sampleNode) {
		n.id = len(e.nodes)
		e.nodes = append(e.nodes, n)
		for _, c := range n.children {
			number(c)
		}
	}
	number(root)
	return e
}

func (e *sampleEvidence) source() spec.Nesting { return spec.NestingExample }

func (e *sampleEvidence) size() int { return len(e.nodes) }

func (e *sampleEvidence) fold(name string) string { return name }

func newSampleHandle(key int, elems []*sampleNode) *handle {
	h := &handle{key: key, elems: elems}
	for _, el := range elems {
		for _, c := range el.children {
			h.items = append(h.items, item{id: c.id, key: c.name})
		}
	}
	return h
}

func (e *sampleEvidence) top(r *row, used bitset) *claim {
	return e.claim([]*sampleNode{e.root}, r, used)
}

func (e *sampleEvidence) claims(stack []*frame, k int, r *row, used bitset) []*claim {
	h := stack[k].h
	if h == nil {
		return nil
	}
	var matches []*sampleNode
	for _, id := range h.named(r.name) {
		if !used.has(id) {
			matches = append(matches, e.nodes[id])
		}
	}
	if c := e.claimOf(matches, r); c != nil {
		return []*claim{c}
	}
	return nil
}

// claim takes the unused children named r.name of elems: in a list the
// row is the field of every item, so all items' elements of that name are
// the row's.
func (e *sampleEvidence) claim(elems []*sampleNode, r *row, used bitset) *claim {
	var matches []*sampleNode
	for _, el := range elems {
		for _, c := range el.children {
			if c.name == r.name && !used.has(c.id) {
				matches = append(matches, c)
			}
		}
	}
	return e.claimOf(matches, r)
}

func (e *sampleEvidence) claimOf(matches []*sampleNode, r *row) *claim {
	if len(matches) == 0 {
		return nil
	}
	c := &claim{}
	for _, m := range matches {
		c.items = append(c.items, m.id)
		if r.ex != "" && sampleValue(m) == r.ex {
			c.value = true
		}
	}
	if r.leaf {
		// A leaf takes its elements whole (a scalar list's items too).
		for _, m := range matches {
			m.walk(func(d *sampleNode) {
				if d != m {
					c.items = append(c.items, d.id)
				}
			})
		}
		if r.list && len(matches[0].children) > 0 {
			c.wrapper = matches[0].children[0].name
		}
		return c
	}
	fields := matches
	if r.list {
		fields = nil
		for _, m := range matches {
			for _, it := range m.children {
				c.items = append(c.items, it.id)
				fields = append(fields, it)
			}
		}
		if len(fields) > 0 {
			c.wrapper = fields[0].name
		}
	}
	for _, f := range fields {
		if len(f.children) > 0 {
			c.own = newSampleHandle(matches[0].id, fields)
			break
		}
	}
	return c
}

// sampleValue is the text an element shows: a leaf's text, or a scalar
// list's items joined by commas.
func sampleValue(n *sampleNode) string {
	if len(n.children) == 0 {
		return n.text
	}
	texts := make([]string, 0, len(n.children))
	for _, c := range n.children {
		if len(c.children) > 0 {
			return ""
		}
		texts = append(texts, c.text)
	}
	return strings.Join(texts, ",")
}

// walk calls fn for n and every node below it, in document order.
func (n *sampleNode) walk(fn func(*sampleNode)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}
