package scraper

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/opentop/topgen/spec"
)

// sampleNode is an element of a response sample: an XML element, or a JSON
// member mapped to the same shape (an array member becomes one node per
// item, so {"xs":{"x":[a,b]}} reads like <xs><x>a</x><x>b</x></xs>).
type sampleNode struct {
	name     string
	text     string // trimmed text of a leaf
	line     int    // 1-based line within the sample
	children []*sampleNode
	id       int // item number for the placement search (evidence_sample.go)
}

// parseXMLSample reads an XML sample into a node tree, through the spec
// package's parser (depth-capped, as examples are untrusted).
func parseXMLSample(src string) (*sampleNode, error) {
	root, err := spec.ParseSampleXML(src)
	if err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("line %d: %s", se.Line, se.Msg)
		}
		return nil, err
	}
	return fromSpecNode(root), nil
}

func fromSpecNode(n *spec.SampleNode) *sampleNode {
	out := &sampleNode{name: n.Name, text: strings.TrimSpace(n.Text), line: n.Line}
	for _, c := range n.Children {
		out.children = append(out.children, fromSpecNode(c))
	}
	return out
}

// parseJSONSample reads a JSON sample ({"<method>_response": {...}}) into a
// node tree shaped like the XML one.
func parseJSONSample(src string) (*sampleNode, error) {
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	// lineAt counts the lines up to the decoder's offset, which only moves
	// forward: counting from the previous offset keeps the whole parse
	// linear (counting from the start each time made 160k keys take 83 s).
	line, counted := 1, 0
	lineAt := func() int {
		off := int(dec.InputOffset())
		if off > counted {
			line += strings.Count(src[counted:off], "\n")
			counted = off
		}
		return line
	}
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("line %d: expected a JSON object", lineAt())
	}
	root := &sampleNode{name: "", line: lineAt()}
	if err := readJSONMembers(dec, root, lineAt, 1); err != nil {
		return nil, err
	}
	if len(root.children) == 1 {
		return root.children[0], nil
	}
	return root, nil
}

// readJSONMembers reads the members of an object whose '{' was consumed.
func readJSONMembers(dec *json.Decoder, parent *sampleNode, lineAt func() int, depth int) error {
	if depth > spec.MaxSampleDepth {
		return fmt.Errorf("line %d: the sample nests deeper than %d levels", lineAt(), spec.MaxSampleDepth)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("line %d: %v", lineAt(), err)
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("line %d: expected a member name", lineAt())
		}
		if err := readJSONValue(dec, parent, key, lineAt, depth); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return fmt.Errorf("line %d: %v", lineAt(), err)
	}
	return nil
}

func readJSONValue(dec *json.Decoder, parent *sampleNode, key string, lineAt func() int, depth int) error {
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
			return readJSONMembers(dec, n, lineAt, depth+1)
		case '[':
			for dec.More() {
				if err := readJSONValue(dec, parent, key, lineAt, depth+1); err != nil {
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

// values collects every value an element shows (a leaf's text, a scalar
// list's items joined) per element name, for telling an example cell from
// a description cell.
func (n *sampleNode) values(into map[string]map[string]bool) {
	if v := sampleValue(n); v != "" || len(n.children) == 0 {
		if into[n.name] == nil {
			into[n.name] = map[string]bool{}
		}
		into[n.name][v] = true
	}
	for _, c := range n.children {
		c.values(into)
	}
}
