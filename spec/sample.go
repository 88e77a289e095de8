package spec

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// SampleNode is one element of a doc's XML example: its name and either
// child elements or text.
type SampleNode struct {
	Name     string
	Children []*SampleNode
	Text     string // of a leaf (no child elements), verbatim
	Line     int    // 1-based line of the start tag in the example

	byName map[string]*SampleNode // Child's index, built on first use
}

// Leaf reports whether the element has no child elements.
func (n *SampleNode) Leaf() bool { return len(n.Children) == 0 }

// Child returns the last child named name (a repeated element overrides
// the earlier ones, as decoders treat it), or nil. The first call indexes
// the children, so looking up every field of a wide element costs its
// width once, not once per field; Children must not change after it.
func (n *SampleNode) Child(name string) *SampleNode {
	if n.byName == nil {
		n.byName = make(map[string]*SampleNode, len(n.Children))
		for _, c := range n.Children {
			n.byName[c.Name] = c
		}
	}
	return n.byName[name]
}

// ParseSampleXML parses an XML example into its root element. Comments,
// processing instructions and attributes are ignored.
func ParseSampleXML(s string) (*SampleNode, error) {
	dec := xml.NewDecoder(strings.NewReader(s))
	var (
		stack []*SampleNode
		texts []*strings.Builder
		root  *SampleNode
	)
	for {
		line, _ := dec.InputPos() // where the next token starts
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("XML example: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, errors.New("XML example: more than one root element")
			}
			if len(stack) >= MaxSampleDepth {
				return nil, fmt.Errorf("XML example: line %d: <%s> nests deeper than %d levels", line, tok.Name.Local, MaxSampleDepth)
			}
			n := &SampleNode{Name: tok.Name.Local, Line: line}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
			texts = append(texts, &strings.Builder{})
		case xml.EndElement:
			n := stack[len(stack)-1]
			if n.Leaf() {
				n.Text = texts[len(texts)-1].String()
			}
			stack = stack[:len(stack)-1]
			texts = texts[:len(texts)-1]
		case xml.CharData:
			if len(texts) > 0 {
				texts[len(texts)-1].Write(tok)
			}
		}
	}
	if root == nil {
		return nil, errors.New("XML example: no root element")
	}
	return root, nil
}

// SampleJSON converts the API's XML response example into the JSON TOP
// sends for the same response: with simplify false, the body is wrapped in
// {"<ResponseKey>": …} and lists in {"<item>": […]} (the item name the XML
// shows); with simplify true, the body is the root and lists are arrays.
// The spec tree gives the JSON types: Number → number when the text is an
// integer, Boolean → true/false, everything else a string. Elements the
// spec does not know are kept (as strings or objects) in document order.
func (a *API) SampleJSON(simplify bool) (string, error) {
	if a.Examples.ResponseXML == "" {
		return "", errors.New("no XML response example")
	}
	root, err := ParseSampleXML(a.Examples.ResponseXML)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if !simplify {
		b.WriteByte('{')
		writeJSONString(&b, a.ResponseKey())
		b.WriteByte(':')
	}
	newSampleWriter(&b, simplify).object(root, a.Response)
	if !simplify {
		b.WriteByte('}')
	}
	return b.String(), nil
}

// ErrorSampleJSON converts an XML error_response example into TOP's JSON
// form, {"error_response":{…}}, with the code as a number when it is one.
func ErrorSampleJSON(xmlText string) (string, error) {
	root, err := ParseSampleXML(xmlText)
	if err != nil {
		return "", err
	}
	if root.Name != "error_response" {
		return "", fmt.Errorf("error example: root is <%s>, want <error_response>", root.Name)
	}
	params := []*Param{{Name: "code", Type: "Number"}}
	var b bytes.Buffer
	b.WriteString(`{"error_response":`)
	newSampleWriter(&b, true).object(root, params)
	b.WriteByte('}')
	return b.String(), nil
}

// sampleWriter writes a sample tree as JSON, typed by the spec's params.
type sampleWriter struct {
	b        *bytes.Buffer
	simplify bool
	// index finds the param of an element among its siblings' params in
	// one step; keyed by the siblings' first param, as each params slice
	// belongs to one parent. Built once per slice, not once per element,
	// so a list of many items costs its size.
	index map[*Param]map[string]*Param
}

func newSampleWriter(b *bytes.Buffer, simplify bool) *sampleWriter {
	return &sampleWriter{b: b, simplify: simplify, index: map[*Param]map[string]*Param{}}
}

func (w *sampleWriter) param(params []*Param, name string) *Param {
	if len(params) == 0 {
		return nil
	}
	byName, ok := w.index[params[0]]
	if !ok {
		byName = make(map[string]*Param, len(params))
		for _, p := range params {
			if _, dup := byName[p.Name]; !dup { // the first wins, as a scan would
				byName[p.Name] = p
			}
		}
		w.index[params[0]] = byName
	}
	return byName[name]
}

func (w *sampleWriter) object(n *SampleNode, params []*Param) {
	b := w.b
	b.WriteByte('{')
	for i, c := range n.Children {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, c.Name)
		b.WriteByte(':')
		w.value(c, w.param(params, c.Name))
	}
	b.WriteByte('}')
}

// value writes an element as the JSON value of param p (nil: unknown).
func (w *sampleWriter) value(n *SampleNode, p *Param) {
	b := w.b
	switch {
	case p != nil && p.List:
		item := *p
		item.List = false
		if !w.simplify {
			name := p.Wrapper
			if len(n.Children) > 0 {
				name = n.Children[0].Name
			}
			if name == "" {
				b.WriteString("{}")
				return
			}
			b.WriteByte('{')
			writeJSONString(b, name)
			b.WriteByte(':')
		}
		b.WriteByte('[')
		for i, c := range n.Children {
			if i > 0 {
				b.WriteByte(',')
			}
			w.value(c, &item)
		}
		b.WriteByte(']')
		if !w.simplify {
			b.WriteByte('}')
		}
	case !n.Leaf():
		var children []*Param
		if p != nil {
			children = p.Children
		}
		w.object(n, children)
	case p != nil && p.IsStruct():
		// An empty element for a struct: an empty object.
		if strings.TrimSpace(n.Text) == "" {
			b.WriteString("{}")
		} else {
			writeJSONString(b, n.Text)
		}
	case p != nil && p.Type == "Number" && isInteger(strings.TrimSpace(n.Text)):
		b.WriteString(strings.TrimSpace(n.Text))
	case p != nil && p.Type == "Boolean" && (n.Text == "true" || n.Text == "false"):
		b.WriteString(n.Text)
	default:
		writeJSONString(b, n.Text)
	}
}

func isInteger(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Truncate(b.Len() - 1)
}
