// Package diff compares specs and classes every change by what it does to
// a Go user of the generated client, in the manner of oasdiff for OpenAPI:
// breaking (code that compiled or calls that worked may fail), warning
// (may affect some users), info (additive or relaxing).
package diff

import (
	"fmt"
	"sort"

	"github.com/opentop/topgen/spec"
)

// Level is the severity of a change.
type Level int

const (
	Info Level = iota
	Warning
	Breaking
)

func (l Level) String() string { return [...]string{"info", "warning", "breaking"}[l] }

// MarshalText makes levels readable in -json output.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// ParseLevel reads "breaking", "warning" or "info".
func ParseLevel(s string) (Level, error) {
	for l := Info; l <= Breaking; l++ {
		if l.String() == s {
			return l, nil
		}
	}
	return 0, fmt.Errorf("unknown level %q (want breaking, warning or info)", s)
}

// Change is one difference between two versions of an API.
type Change struct {
	Method string `json:"method"`
	Level  Level  `json:"level"`
	// Side is "request", "response" or "" for the API as a whole.
	Side string `json:"side,omitempty"`
	// Path is the slash-joined parameter path, or "" for the API.
	Path string `json:"path,omitempty"`
	// Kind names the class of change, e.g. "param-removed", "type-changed".
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Compare returns the changes from old to new, sorted by method, then
// document order within each API. Either side may be nil for an API that
// was added or removed.
func Compare(old, new *spec.API) []Change {
	switch {
	case old == nil && new == nil:
		return nil
	case old == nil:
		return []Change{{Method: new.Method, Level: Info, Kind: "api-added", Text: "API added"}}
	case new == nil:
		return []Change{{Method: old.Method, Level: Breaking, Kind: "api-removed", Text: "API removed: its request and response types disappear"}}
	}
	c := &comparer{method: new.Method}
	c.session(old.Session, new.Session)
	c.params("request", "", old.Request, new.Request)
	c.params("response", "", old.Response, new.Response)
	c.paging(old.Paging, new.Paging)
	c.errorCodes(old.Errors, new.Errors)
	return c.out
}

// CompareSets compares two sets of specs matched by method name.
func CompareSets(old, new []*spec.API) []Change {
	byMethod := func(apis []*spec.API) map[string]*spec.API {
		m := map[string]*spec.API{}
		for _, a := range apis {
			m[a.Method] = a
		}
		return m
	}
	o, n := byMethod(old), byMethod(new)
	methods := map[string]bool{}
	for m := range o {
		methods[m] = true
	}
	for m := range n {
		methods[m] = true
	}
	sorted := make([]string, 0, len(methods))
	for m := range methods {
		sorted = append(sorted, m)
	}
	sort.Strings(sorted)
	var out []Change
	for _, m := range sorted {
		out = append(out, Compare(o[m], n[m])...)
	}
	return out
}

// Max returns the highest level among changes, and false if there are none.
func Max(changes []Change) (Level, bool) {
	if len(changes) == 0 {
		return 0, false
	}
	max := Info
	for _, c := range changes {
		if c.Level > max {
			max = c.Level
		}
	}
	return max, true
}

type comparer struct {
	method string
	out    []Change
}

func (c *comparer) add(l Level, side, path, kind, format string, args ...any) {
	c.out = append(c.out, Change{Method: c.method, Level: l, Side: side, Path: path, Kind: kind, Text: fmt.Sprintf(format, args...)})
}

func (c *comparer) session(old, new spec.Session) {
	if old == new {
		return
	}
	l := Warning
	switch {
	case new == spec.SessionRequired:
		l = Breaking // calls without a session now fail before sending
	case old == spec.SessionRequired:
		l = Info
	}
	c.add(l, "", "", "session-changed", "session requirement changed from %s to %s", old, new)
}

// params compares two sibling lists, matched by name; document order of
// the new list (removed ones where they stood in the old) keeps the report
// readable.
func (c *comparer) params(side, prefix string, old, new []*spec.Param) {
	oldBy := map[string]*spec.Param{}
	for _, p := range old {
		oldBy[p.Name] = p
	}
	newBy := map[string]*spec.Param{}
	for _, p := range new {
		newBy[p.Name] = p
	}
	for _, p := range old {
		if newBy[p.Name] == nil {
			c.removed(side, join(prefix, p.Name), p)
		}
	}
	for _, p := range new {
		path := join(prefix, p.Name)
		o := oldBy[p.Name]
		if o == nil {
			c.added(side, path, p)
			continue
		}
		c.param(side, path, o, p)
	}
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "/" + name
}

func (c *comparer) removed(side, path string, p *spec.Param) {
	if side == "request" {
		c.add(Breaking, side, path, "param-removed", "request parameter removed (%s): its field and setter disappear", p.DocType())
		return
	}
	c.add(Breaking, side, path, "field-removed", "response field removed (%s): code reading it no longer compiles", p.DocType())
}

func (c *comparer) added(side, path string, p *spec.Param) {
	switch {
	case side == "request" && p.Required:
		c.add(Breaking, side, path, "required-param-added", "required request parameter added (%s): existing requests fail validation", p.DocType())
	case side == "request":
		c.add(Info, side, path, "param-added", "optional request parameter added (%s)", p.DocType())
	default:
		c.add(Info, side, path, "field-added", "response field added (%s)", p.DocType())
	}
}

func (c *comparer) param(side, path string, old, new *spec.Param) {
	switch {
	case old.List != new.List:
		c.add(Breaking, side, path, "type-changed", "changed from %s to %s (list ↔ single value)", old.DocType(), new.DocType())
	case old.IsScalar() != new.IsScalar() || (old.IsScalar() && old.Type != new.Type):
		c.add(Breaking, side, path, "type-changed", "type changed from %s to %s", old.DocType(), new.DocType())
	case old.Type != new.Type:
		// Both structs: the Go type's name follows the doc's.
		c.add(Warning, side, path, "struct-renamed", "struct type renamed from %s to %s: code naming the type must follow", old.Type, new.Type)
	}
	if side == "request" && old.Required != new.Required {
		if new.Required {
			c.add(Breaking, side, path, "became-required", "optional → required: requests without it now fail validation")
		} else {
			c.add(Info, side, path, "became-optional", "required → optional")
		}
	}
	c.limits(side, path, old.Limits, new.Limits)
	c.values(side, path, old, new)
	if old.IsStruct() && new.IsStruct() {
		c.params(side, path, old.Children, new.Children)
	}
}

// limits: a tighter limit makes some valid requests invalid (warning); a
// looser one only accepts more (info). Response limits are informative.
func (c *comparer) limits(side, path string, old, new spec.Limits) {
	check := func(name string, o, n *int64, tighter func(o, n int64) bool) {
		switch {
		case o == nil && n == nil:
			return
		case o != nil && n != nil && *o == *n:
			return
		}
		show := func(v *int64) string {
			if v == nil {
				return "none"
			}
			return fmt.Sprint(*v)
		}
		l := Info
		if side == "request" && (o == nil || (n != nil && tighter(*o, *n))) {
			l = Warning
		}
		c.add(l, side, path, "limit-changed", "%s changed from %s to %s", name, show(o), show(n))
	}
	lower := func(o, n int64) bool { return n < o }
	higher := func(o, n int64) bool { return n > o }
	check("max_length", old.MaxLength, new.MaxLength, lower)
	check("max_list_size", old.MaxListSize, new.MaxListSize, lower)
	check("min_value", old.MinValue, new.MinValue, higher)
	check("max_value", old.MaxValue, new.MaxValue, lower)
}

func (c *comparer) errorCodes(old, new []spec.ErrorCode) {
	in := func(list []spec.ErrorCode) map[string]bool {
		m := map[string]bool{}
		for _, e := range list {
			m[e.Code] = true
		}
		return m
	}
	o, n := in(old), in(new)
	for _, e := range old {
		if !n[e.Code] {
			c.add(Warning, "", "", "error-code-removed", "error code %s removed (%s): code handling it may be dead", e.Code, e.Message)
		}
	}
	for _, e := range new {
		if !o[e.Code] {
			c.add(Info, "", "", "error-code-added", "error code %s added (%s)", e.Code, e.Message)
		}
	}
}
