package spec

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/opentop/topgen/internal/methodname"
)

// MaxDepth is the deepest parameter nesting topgen accepts: a top-level
// parameter is at depth 1, its fields at 2, and so on. Docs come from the
// network, and every stage walks paths from the top, so an unbounded
// depth makes work and output grow with its square (1,000 levels gave a
// 36 MB spec); the catalogue nests at most 7 levels. Every reader and
// Validate refuse a deeper doc, naming the path, before building on it.
const MaxDepth = 64

// MaxSampleDepth bounds the element nesting of examples: the envelope,
// the parameters and one list wrapper level per parameter level.
const MaxSampleDepth = 2*MaxDepth + 2

// typePattern is a struct type name as docs write them.
var typePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Validate reports every problem of the spec, each with the path of the
// offending node, e.g.
//
//	response: result/data/use_point: unknown type "Numbr"
func (a *API) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !methodname.Valid(a.Method) {
		add("method: %q is not a TOP method name (want dotted segments like taobao.trade.get)", a.Method)
	}
	switch a.Session {
	case SessionNone, SessionRequired, SessionOptional:
	default:
		add("session: %q is not one of none, required, optional", a.Session)
	}
	validateParams("request", "", a.Request, nil, add)
	validateParams("response", "", a.Response, nil, add)
	validatePaging(a, add)
	for i, e := range a.Errors {
		if strings.TrimSpace(e.Code) == "" {
			add("errors[%d]: empty code", i)
		}
		checkUTF8(fmt.Sprintf("errors[%d]", i), add, "code", e.Code, "message", e.Message, "solution", e.Solution)
	}
	x := a.Examples
	checkUTF8("", add, "title", a.Title, "description", a.Description, "source", a.Source,
		"examples: request", x.Request, "examples: response_xml", x.ResponseXML, "examples: response_json", x.ResponseJSON,
		"examples: response_simplify_json", x.ResponseSimplifyJSON, "examples: error_xml", x.ErrorXML, "examples: error_json", x.ErrorJSON)
	return errors.Join(errs...)
}

// checkUTF8 reports each of the (key, text) pairs whose text is not UTF-8:
// YAML would write it as !!binary, which nobody can review. The readers
// replace such bytes (with a warning), so only a spec built in code or a
// hand-edited one gets here.
func checkUTF8(where string, add func(string, ...any), pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		text := pairs[i+1]
		if utf8.ValidString(text) {
			continue
		}
		// Quote the bytes around the first bad one, not the whole text.
		bad := 0
		for bad < len(text) {
			r, size := utf8.DecodeRuneInString(text[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		excerpt := fmt.Sprintf("%q at byte %d", text[max(0, bad-24):min(len(text), bad+8)], bad)
		if where != "" {
			add("%s: %s is not valid UTF-8: %s", where, pairs[i], excerpt)
		} else {
			add("%s is not valid UTF-8: %s", pairs[i], excerpt)
		}
	}
}

// validateParams checks a level of the tree. ancestors are the nodes above
// it: a node that is its own ancestor (possible only in a spec built in
// code, since YAML aliases cannot recurse) would make every walk endless.
// A struct type name reused below itself is not a cycle: docs do that for
// recursive data (category children), and the generator names the inner
// type apart when its fields differ.
func validateParams(side, prefix string, params []*Param, ancestors []*Param, add func(string, ...any)) {
	seen := map[string]bool{}
	for _, p := range params {
		path := p.Name
		if prefix != "" {
			path = prefix + "/" + p.Name
		}
		where := side + ": " + path
		if len(ancestors) >= MaxDepth {
			add("%s: nests deeper than %d levels", where, MaxDepth)
			return
		}
		switch {
		case p.Name == "":
			where = side + ": " + prefix + "/(unnamed)"
			add("%s: empty name", where)
		case seen[p.Name]:
			add("%s: duplicate name %q among its siblings", where, p.Name)
		}
		seen[p.Name] = true
		validateParam(where, p, add)
		for _, a := range ancestors {
			if a == p {
				add("%s: the parameter contains itself (a cycle)", where)
				return
			}
		}
		if p.IsStruct() && len(p.Children) > 0 {
			validateParams(side, path, p.Children, append(ancestors, p), add)
		}
	}
}

func validateParam(where string, p *Param, add func(string, ...any)) {
	switch {
	case p.Type == "":
		add("%s: empty type", where)
	case p.IsScalar():
		if len(p.Children) > 0 {
			add("%s: scalar type %s has children", where, p.Type)
		}
		if p.Opaque {
			add("%s: opaque is for struct types without fields, not %s", where, p.Type)
		}
	case !typePattern.MatchString(p.Type):
		add("%s: type %q is not a type name", where, p.Type)
	case p.Opaque:
		if len(p.Children) > 0 {
			add("%s: opaque struct %s has children", where, p.Type)
		}
	case len(p.Children) == 0:
		// A childless non-scalar is either a typo of a scalar or a struct
		// with no fields, which readers mark opaque; unmarked, it leaves
		// the generator nothing to emit.
		add("%s: unknown type %q (not a scalar type, and no fields as a struct; a struct the doc gives no fields for is marked opaque: true)", where, p.Type)
	}
	checkUTF8(where, add, "name", p.Name, "type", p.Type, "example", p.Example, "default", p.Default, "description", p.Description, "wrapper", p.Wrapper)
	for i, v := range p.Values {
		checkUTF8(fmt.Sprintf("%s: values[%d]", where, i), add, "value", v.Value, "label", v.Label)
	}
	l := p.Limits
	if l.MaxLength != nil && *l.MaxLength < 0 {
		add("%s: max_length %d is negative", where, *l.MaxLength)
	}
	if l.MaxListSize != nil {
		if *l.MaxListSize < 0 {
			add("%s: max_list_size %d is negative", where, *l.MaxListSize)
		}
	}
	if l.MinValue != nil && l.MaxValue != nil && *l.MinValue > *l.MaxValue {
		add("%s: min_value %d is above max_value %d", where, *l.MinValue, *l.MaxValue)
	}
	validateValues(where, p, add)
	switch p.Nesting {
	case "", NestingExample, NestingJava, NestingPinned, NestingPrior, NestingDefault:
	default:
		add("%s: nesting %q is not one of example, java, pinned, prior, default", where, p.Nesting)
	}
}
