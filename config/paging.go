package config

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/opentop/topgen/spec"
)

// PagingOverride is one entry of topgen.yaml's paging: either a paging
// for an API the rule misses (the spec's paging: mapping) or "off" for an
// API it gets wrong.
//
//	paging:
//	  taobao.foo.list: {style: page, page: page_no, size: page_size, items: list, total: total, total_of: items}
//	  taobao.bar.get: off
type PagingOverride struct {
	Off    bool
	Paging *spec.Paging
	Line   int
}

// UnmarshalYAML reads "off" or a paging mapping with the spec's keys.
func (o *PagingOverride) UnmarshalYAML(n *yaml.Node) error {
	o.Line = n.Line
	switch {
	case n.Kind == yaml.ScalarNode && n.Value == "off":
		o.Off = true
		return nil
	case n.Kind != yaml.MappingNode:
		return lineError(n.Line, "expected off or a paging mapping (style, page, first, size, cursor, next_cursor, items, has_next, total, total_of)")
	}
	known := pagingKeys()
	for i := 0; i < len(n.Content); i += 2 {
		if k := n.Content[i]; !known[k.Value] {
			return lineError(k.Line, "field "+k.Value+" not found in a paging (its keys are the spec's paging: keys)")
		}
	}
	o.Paging = new(spec.Paging)
	return n.Decode(o.Paging)
}

// lineError is an error the config's decoder reports at its line.
func lineError(line int, msg string) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", line, msg)}}
}

// pagingKeys are the YAML keys of spec.Paging.
func pagingKeys() map[string]bool {
	keys := map[string]bool{}
	t := reflect.TypeOf(spec.Paging{})
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		keys[name] = true
	}
	return keys
}

// ApplyPaging sets the overridden paging of the APIs, after patches, and
// checks it against each API's tree. An override for a method no source
// documents is an error: it would silently do nothing.
func (c *Config) ApplyPaging(apis []*spec.API) error {
	byMethod := map[string]*spec.API{}
	for _, a := range apis {
		byMethod[a.Method] = a
	}
	methods := make([]string, 0, len(c.Paging))
	for m := range c.Paging {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	for _, m := range methods {
		o := c.Paging[m]
		fail := func(format string, args ...any) error {
			return &Error{File: c.File, Line: o.Line, Msg: "paging: " + m + ": " + fmt.Sprintf(format, args...)}
		}
		a := byMethod[m]
		if a == nil {
			return fail("no source documents this method (or include/exclude leaves it out)")
		}
		if o.Off {
			a.Paging = nil
			continue
		}
		a.Paging = o.Paging
		if err := a.Validate(); err != nil {
			return fail("%v", strings.ReplaceAll(err.Error(), "\n", "; "))
		}
	}
	return nil
}
