package scraper

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// sampleNode is an element of a response sample: an XML element, or a JSON
// member mapped to the same shape (an array member becomes one node per
// item, so {"xs":{"x":[a,b]}} reads like <xs><x>a</x><x>b</x></xs>).
type sampleNode struct {
	name     string
	text     string // trimmed text of a leaf
	line     int    // 1-based line within the sample
	children []*sampleNode
	used     bool // matched to a row (or a list item of a matched row)
}

// parseXMLSample reads an XML sample into a node tree.
func parseXMLSample(src string) (*sampleNode, error) {
	dec := xml.NewDecoder(strings.NewReader(src))
	dec.Strict = false
	var stack []*sampleNode
	var root *sampleNode
	var text strings.Builder
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &sampleNode{name: t.Name.Local, line: line}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			} else if root == nil {
				root = n
			} else {
				return nil, fmt.Errorf("line %d: second root element <%s>", line, t.Name.Local)
			}
			stack = append(stack, n)
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, fmt.Errorf("line %d: unexpected </%s>", line, t.Name.Local)
			}
			n := stack[len(stack)-1]
			if len(n.children) == 0 {
				n.text = strings.TrimSpace(text.String())
			}
			text.Reset()
			stack = stack[:len(stack)-1]
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("element <%s> (line %d) is never closed: the sample is truncated", stack[len(stack)-1].name, stack[len(stack)-1].line)
	}
	return root, nil
}

// parseJSONSample reads a JSON sample ({"<method>_response": {...}}) into a
// node tree shaped like the XML one.
func parseJSONSample(src string) (*sampleNode, error) {
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	lineAt := func() int { return 1 + bytes.Count([]byte(src[:dec.InputOffset()]), []byte("\n")) }
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("line %d: expected a JSON object", lineAt())
	}
	root := &sampleNode{name: "", line: lineAt()}
	if err := readJSONMembers(dec, root, lineAt); err != nil {
		return nil, err
	}
	if len(root.children) == 1 {
		return root.children[0], nil
	}
	return root, nil
}

// readJSONMembers reads the members of an object whose '{' was consumed.
func readJSONMembers(dec *json.Decoder, parent *sampleNode, lineAt func() int) error {
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("line %d: %v", lineAt(), err)
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("line %d: expected a member name", lineAt())
		}
		if err := readJSONValue(dec, parent, key, lineAt); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return fmt.Errorf("line %d: %v", lineAt(), err)
	}
	return nil
}

func readJSONValue(dec *json.Decoder, parent *sampleNode, key string, lineAt func() int) error {
	line := lineAt()
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("line %d: %v", lineAt(), err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &sampleNode{name: key, line: line}
			parent.children = append(parent.children, n)
			return readJSONMembers(dec, n, lineAt)
		case '[':
			for dec.More() {
				if err := readJSONValue(dec, parent, key, lineAt); err != nil {
					return err
				}
			}
			_, err := dec.Token() // ']'
			return err
		}
		return fmt.Errorf("line %d: unexpected %v", line, t)
	case nil:
		parent.children = append(parent.children, &sampleNode{name: key, line: line})
	default:
		parent.children = append(parent.children, &sampleNode{name: key, text: fmt.Sprint(t), line: line})
	}
	return nil
}

// values collects every leaf text per element name, for telling an example
// cell from a description cell.
func (n *sampleNode) values(into map[string]map[string]bool) {
	if len(n.children) == 0 {
		if into[n.name] == nil {
			into[n.name] = map[string]bool{}
		}
		into[n.name][n.text] = true
	}
	for _, c := range n.children {
		c.values(into)
	}
}

// firstUnused returns the first element below n that no row matched.
func (n *sampleNode) firstUnused() *sampleNode {
	for _, c := range n.children {
		if !c.used {
			return c
		}
		if u := c.firstUnused(); u != nil {
			return u
		}
	}
	return nil
}
