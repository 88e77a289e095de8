package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// Patch corrects a doc that is wrong: the patch layer kept with the specs
// (<specs>/patches/<method>.yaml), applied when the specs are written, so
// the spec files show the corrected API and re-scraping reproduces them.
//
//	method: alibaba.damai.mz.order.create
//	session: required            # optional: override the session requirement
//	changes:
//	  - at: response:result/data/use_point
//	    set: {type: String}
//	  - at: request:param/remark
//	    remove: true
//	  - at: response:result/data
//	    add: {name: paid, type: Boolean}
//	  - at: response:result/success
//	    move: response:result/data   # give the node another parent
//	  - at: response:result/data/status
//	    set: {values: [{value: "1", label: 已付款}]}   # values: [] removes them
type Patch struct {
	Method  string        `yaml:"method"`
	Session Session       `yaml:"session,omitempty"`
	Changes []PatchChange `yaml:"changes,omitempty"`
}

// PatchChange is one edit at a node, named "<side>:<path>".
type PatchChange struct {
	At     string     `yaml:"at"`
	Set    *ParamEdit `yaml:"set,omitempty"`
	Remove bool       `yaml:"remove,omitempty"`
	Add    *Param     `yaml:"add,omitempty"`
	Move   string     `yaml:"move,omitempty"`
}

// ParamEdit replaces the fields it sets.
type ParamEdit struct {
	Type        *string `yaml:"type,omitempty"`
	List        *bool   `yaml:"list,omitempty"`
	Required    *bool   `yaml:"required,omitempty"`
	Example     *string `yaml:"example,omitempty"`
	Description *string `yaml:"description,omitempty"`
	Wrapper     *string `yaml:"wrapper,omitempty"`
	Limits      *Limits `yaml:"limits,omitempty"`
	// Values replaces the detected values; an empty list removes them.
	Values *[]Value `yaml:"values,omitempty"`
}

// UnmarshalPatch reads a patch file; unknown keys are errors with a line.
func UnmarshalPatch(name string, data []byte) (*Patch, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var p Patch
	if err := dec.Decode(&p); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty patch", name)
		}
		return nil, yamlError(name, err)
	}
	return &p, nil
}

// Apply edits the spec. Every change must find its node; the result must
// validate.
func (a *API) Apply(p *Patch) error {
	if p.Method != a.Method {
		return fmt.Errorf("patch for %s applied to %s", p.Method, a.Method)
	}
	if p.Session != "" {
		a.Session = p.Session
	}
	for i, c := range p.Changes {
		if err := a.apply(c); err != nil {
			return fmt.Errorf("changes[%d] (at %s): %w", i, c.At, err)
		}
	}
	if len(p.Changes) > 0 {
		// The paging is derived from the tree: a patched tree gets it
		// anew (topgen.yaml's paging: overrides it when the rule is wrong).
		a.Paging = DetectPaging(a)
	}
	return a.Validate()
}

func (a *API) apply(c PatchChange) error {
	ops := 0
	for _, on := range []bool{c.Set != nil, c.Remove, c.Add != nil, c.Move != ""} {
		if on {
			ops++
		}
	}
	if ops != 1 {
		return errors.New("give exactly one of set, remove, add, move")
	}
	list, idx, err := a.locate(c.At)
	if err != nil {
		return err
	}
	node := (*list)[idx]
	switch {
	case c.Set != nil:
		c.Set.applyTo(node)
	case c.Remove:
		*list = append((*list)[:idx:idx], (*list)[idx+1:]...)
	case c.Add != nil:
		node.Children = append(node.Children, c.Add)
	case c.Move != "":
		toList, toIdx, err := a.locate(c.Move)
		if err != nil {
			return fmt.Errorf("move: %w", err)
		}
		target := (*toList)[toIdx]
		*list = append((*list)[:idx:idx], (*list)[idx+1:]...)
		target.Children = append(target.Children, node)
	}
	return nil
}

func (e *ParamEdit) applyTo(p *Param) {
	if e.Type != nil {
		p.Type = *e.Type
	}
	if e.List != nil {
		p.List = *e.List
	}
	if e.Required != nil {
		p.Required = *e.Required
	}
	if e.Example != nil {
		p.Example = *e.Example
	}
	if e.Description != nil {
		p.Description = *e.Description
	}
	if e.Wrapper != nil {
		p.Wrapper = *e.Wrapper
	}
	if e.Limits != nil {
		p.Limits = *e.Limits
	}
	if e.Values != nil {
		p.Values = *e.Values
		if len(p.Values) == 0 {
			p.Values = nil
		}
	}
}

// locate finds "<side>:<path>" and returns the sibling list holding it.
func (a *API) locate(at string) (*[]*Param, int, error) {
	side, path, ok := strings.Cut(at, ":")
	var list *[]*Param
	switch {
	case !ok:
		return nil, 0, fmt.Errorf("%q: expected request:<path> or response:<path>", at)
	case side == "request":
		list = &a.Request
	case side == "response":
		list = &a.Response
	default:
		return nil, 0, fmt.Errorf("%q: side must be request or response", at)
	}
	names := strings.Split(path, "/")
	for depth, name := range names {
		idx := -1
		for i, p := range *list {
			if p.Name == name {
				idx = i
				break
			}
		}
		if idx < 0 {
			return nil, 0, fmt.Errorf("no parameter %s", strings.Join(names[:depth+1], "/"))
		}
		if depth == len(names)-1 {
			return list, idx, nil
		}
		list = &(*list)[idx].Children
	}
	return nil, 0, fmt.Errorf("%q: empty path", at)
}
