package spec

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// PatchFor returns the patch that turns from (the spec the doc gives) into
// to (a hand-edited copy): the session, and for parameters moves, removals,
// additions and field changes, which is what a patch can say. An edit a
// patch cannot express (the title, description, examples or error codes,
// a new top-level parameter, an order of fields that appending cannot
// give) is an error saying where. The patch is checked: applied to from, it
// gives to exactly.
func PatchFor(from, to *API) (*Patch, error) {
	if from.Method != to.Method {
		return nil, fmt.Errorf("the edited spec documents %s, not %s", to.Method, from.Method)
	}
	for _, f := range []struct {
		key      string
		was, now any
	}{
		{"title", from.Title, to.Title},
		{"description", from.Description, to.Description},
		{"source", from.Source, to.Source},
		{"examples", from.Examples, to.Examples},
		{"errors", from.Errors, to.Errors},
	} {
		if !reflect.DeepEqual(f.was, f.now) {
			return nil, fmt.Errorf("the edit changes %s, which patches cannot (they change the session and parameters); correct the doc page instead", f.key)
		}
	}
	p := &Patch{Method: from.Method}
	if from.Session != to.Session {
		p.Session = to.Session
	}
	work, err := clone(from)
	if err != nil {
		return nil, err
	}
	d := patchDiffer{p: p}
	for _, side := range []struct {
		name     string
		from, to *[]*Param
	}{{"request", &work.Request, &to.Request}, {"response", &work.Response, &to.Response}} {
		// Moves first, from the tree as the doc gives it; then the rest
		// compares, name by name, the moved tree with the edited one.
		d.moves(side.name, *side.from, *side.to)
	}
	if err := applyChanges(work, p.Changes); err != nil {
		return nil, err
	}
	for _, side := range []struct {
		name     string
		from, to []*Param
	}{{"request", work.Request, to.Request}, {"response", work.Response, to.Response}} {
		d.compare(side.name+":", side.from, side.to)
	}
	if d.err != nil {
		return nil, d.err
	}
	if err := checkPatch(from, to, p); err != nil {
		return nil, err
	}
	return p, nil
}

type patchDiffer struct {
	p   *Patch
	err error
}

func (d *patchDiffer) add(c PatchChange) { d.p.Changes = append(d.p.Changes, c) }

// moves finds parameters that left their place for another parent: a
// name gone from one place and new in exactly one other, whose new parent
// is in both trees.
func (d *patchDiffer) moves(side string, from, to []*Param) {
	fromPaths, toPaths := map[string]*Param{}, map[string]*Param{}
	var fromOrder, toOrder []string
	flatten("", from, fromPaths, &fromOrder)
	flatten("", to, toPaths, &toOrder)
	gone := topmost(fromOrder, func(p string) bool { return toPaths[p] == nil })
	added := topmost(toOrder, func(p string) bool { return fromPaths[p] == nil })
	used := map[string]bool{}
	for _, g := range gone {
		var match string
		for _, a := range added {
			parent := parentPath(a)
			if !used[a] && lastName(a) == lastName(g) && parent != "" && fromPaths[parent] != nil && toPaths[parent] != nil &&
				fromPaths[g].Type == toPaths[a].Type {
				if match != "" {
					match = "" // two candidates: not a move anyone can tell
					break
				}
				match = a
			}
		}
		if match != "" {
			used[match] = true
			d.add(PatchChange{At: side + ":" + g, Move: side + ":" + parentPath(match)})
		}
	}
}

// compare emits removals, additions and field changes between two
// sibling lists at the same place.
func (d *patchDiffer) compare(at string, from, to []*Param) {
	prefix := at
	if !strings.HasSuffix(prefix, ":") {
		prefix += "/"
	}
	for _, f := range from {
		if find(to, f.Name) == nil {
			d.add(PatchChange{At: prefix + f.Name, Remove: true})
		}
	}
	for _, t := range to {
		f := find(from, t.Name)
		if f == nil {
			if strings.HasSuffix(at, ":") {
				d.fail("the edit adds %s at the top of the %s, which patches cannot (they add fields to a struct)", t.Name, strings.TrimSuffix(at, ":"))
				continue
			}
			c, _ := cloneParam(t)
			d.add(PatchChange{At: at, Add: c})
			continue
		}
		if e := paramEdit(f, t); e != nil {
			d.add(PatchChange{At: prefix + t.Name, Set: e})
		}
		d.compare(prefix+t.Name, f.Children, t.Children)
	}
}

func (d *patchDiffer) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

// paramEdit is the set of a node's own fields that changed, or nil.
func paramEdit(from, to *Param) *ParamEdit {
	var e ParamEdit
	changed := false
	set := func(differ bool, apply func()) {
		if differ {
			apply()
			changed = true
		}
	}
	set(from.Type != to.Type, func() { e.Type = ptr(to.Type) })
	set(from.List != to.List, func() { e.List = ptr(to.List) })
	set(from.Required != to.Required, func() { e.Required = ptr(to.Required) })
	set(from.Example != to.Example, func() { e.Example = ptr(to.Example) })
	set(from.Description != to.Description, func() { e.Description = ptr(to.Description) })
	set(from.Wrapper != to.Wrapper, func() { e.Wrapper = ptr(to.Wrapper) })
	set(!reflect.DeepEqual(from.Limits, to.Limits), func() { l := to.Limits; e.Limits = &l })
	if !changed {
		return nil
	}
	return &e
}

func ptr[T any](v T) *T { return &v }

func find(list []*Param, name string) *Param {
	for _, p := range list {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// flatten maps every slash path of a tree to its node; order lists the
// paths in pre-order. A repeated sibling name keeps its first node, as
// patches address it.
func flatten(prefix string, list []*Param, out map[string]*Param, order *[]string) {
	for _, p := range list {
		path := p.Name
		if prefix != "" {
			path = prefix + "/" + p.Name
		}
		if out[path] != nil {
			continue
		}
		out[path] = p
		*order = append(*order, path)
		flatten(path, p.Children, out, order)
	}
}

// topmost keeps the paths that match whose parent does not.
func topmost(paths []string, match func(string) bool) []string {
	var out []string
	for _, p := range paths {
		if match(p) && (parentPath(p) == "" || !match(parentPath(p))) {
			out = append(out, p)
		}
	}
	return out
}

func parentPath(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[:i]
	}
	return ""
}

func lastName(p string) string { return p[strings.LastIndex(p, "/")+1:] }

// applyChanges applies changes without the validation of Apply: moves
// are applied before the rest of the patch is known.
func applyChanges(a *API, changes []PatchChange) error {
	for i, c := range changes {
		if err := a.apply(c); err != nil {
			return fmt.Errorf("changes[%d] (at %s): %w", i, c.At, err)
		}
	}
	return nil
}

// checkPatch applies p to a copy of from and compares with to, byte for
// byte as the spec files would be.
func checkPatch(from, to *API, p *Patch) error {
	got, err := clone(from)
	if err != nil {
		return err
	}
	if err := got.Apply(p); err != nil {
		return fmt.Errorf("the patch does not apply: %w", err)
	}
	a, err := Marshal(got)
	if err != nil {
		return err
	}
	b, err := Marshal(to)
	if err != nil {
		return err
	}
	if !bytes.Equal(a, b) {
		line, want, have := firstDifference(b, a)
		return fmt.Errorf("a patch cannot give the edited spec: at its line %d it has %q, the patched spec %q (patches add fields at the end of a struct and cannot change nesting)", line, want, have)
	}
	return nil
}

func firstDifference(a, b []byte) (line int, x, y string) {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var sa, sb string
		if i < len(la) {
			sa = la[i]
		}
		if i < len(lb) {
			sb = lb[i]
		}
		if sa != sb {
			return i + 1, strings.TrimSpace(sa), strings.TrimSpace(sb)
		}
	}
	return 0, "", ""
}

// clone copies a spec through its YAML form, which covers every field.
func clone(a *API) (*API, error) {
	data, err := Marshal(a)
	if err != nil {
		return nil, err
	}
	return Unmarshal(a.Method, data)
}

func cloneParam(p *Param) (*Param, error) {
	data, err := yaml.Marshal(p)
	if err != nil {
		return nil, err
	}
	var c Param
	return &c, yaml.Unmarshal(data, &c)
}

// MarshalPatch renders a patch as YAML, two-space indented.
func MarshalPatch(p *Patch) ([]byte, error) {
	data, err := encodeYAML(p)
	if err != nil {
		return nil, fmt.Errorf("patch %s: encode: %w", p.Method, err)
	}
	return data, nil
}
