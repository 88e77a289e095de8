package diff

import (
	"fmt"
	"strings"

	"github.com/opentop/topgen/spec"
)

// The documented values and the paging are spec parts the generator turns
// into API: constants, and the Pages and Items methods. Losing one breaks
// code that uses it; gaining one only adds.

// values compares a param's documented values, matched by value: each
// value is a constant.
func (c *comparer) values(side, path string, old, new *spec.Param) {
	if old.Type != new.Type {
		return // a type change is reported, and changes every constant's type
	}
	in := func(vals []spec.Value) map[string]spec.Value {
		m := map[string]spec.Value{}
		for _, v := range vals {
			m[v.Value] = v
		}
		return m
	}
	o, n := in(old.Values), in(new.Values)
	var removed, added, relabelled []string
	for _, v := range old.Values {
		nv, ok := n[v.Value]
		switch {
		case !ok:
			removed = append(removed, v.Value)
		case nv.Label != v.Label:
			relabelled = append(relabelled, fmt.Sprintf("%s (%s → %s)", v.Value, v.Label, nv.Label))
		}
	}
	for _, v := range new.Values {
		if _, ok := o[v.Value]; !ok {
			added = append(added, v.Value)
		}
	}
	if len(removed) > 0 {
		c.add(Breaking, side, path, "value-removed", "documented values removed: %s: their constants disappear", strings.Join(removed, ", "))
	}
	if len(added) > 0 {
		c.add(Info, side, path, "value-added", "documented values added: %s (new constants)", strings.Join(added, ", "))
	}
	if len(relabelled) > 0 {
		c.add(Info, side, path, "value-relabelled", "labels changed: %s", strings.Join(relabelled, "; "))
	}
}

// paging compares how the API pages.
func (c *comparer) paging(old, new *spec.Paging) {
	switch {
	case old == nil && new == nil:
		return
	case new == nil:
		c.add(Breaking, "", "", "paging-removed", "paging removed (was %s): the request's Pages and Items methods disappear", old)
		return
	case old == nil:
		c.add(Info, "", "", "paging-added", "paging added (%s): the request gets Pages%s", new, itemsToo(new))
		return
	}
	if old.String() == new.String() {
		return
	}
	switch {
	case old.Items != "" && new.Items == "":
		c.add(Breaking, "", "", "paging-items-removed", "the item list is no longer known (was %s): Items disappears", old.Items)
	case old.Items != "" && new.Items != old.Items:
		c.add(Breaking, "", "", "paging-items-changed", "the item list moved from %s to %s: Items yields another list's items", old.Items, new.Items)
	}
	c.add(Warning, "", "", "paging-changed", "paging changed from %s to %s: Pages walks the pages differently", old, new)
}

func itemsToo(p *spec.Paging) string {
	if p.Items != "" {
		return " and Items"
	}
	return ""
}
