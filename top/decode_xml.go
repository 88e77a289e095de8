package top

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xmlNode is an XML element with child elements. An element without child
// elements is represented by its text (a string), so that JSON and XML give
// the converter the same kinds of values.
type xmlNode struct {
	name string
	kids []*xmlElem
}

// xmlElem is one child element as parsed: its name and either children or
// text.
type xmlElem struct {
	name string
	node *xmlNode // non-nil when the element has child elements
	text string
}

// value is the converter's view of the element: *xmlNode or its text.
func (e *xmlElem) value() any {
	if e.node != nil {
		return e.node
	}
	return e.text
}

// maxXMLDepth bounds nesting so hostile bodies cannot exhaust the stack of
// the recursive converter.
const maxXMLDepth = 200

// xmlBody parses an XML body into a tree and returns the response element,
// or the *Error of an error_response.
func xmlBody(body []byte, key string) (any, error) {
	root, err := parseXML(body)
	if err != nil {
		return nil, err
	}
	switch {
	case root.name == errorKey:
		return nil, errorFromTree(root.value())
	case root.name == key || strings.HasSuffix(root.name, "_response"):
		return root.value(), nil
	}
	return nil, fmt.Errorf("top: XML response root is <%s>, want <%s> or <%s>", root.name, key, errorKey)
}

func parseXML(body []byte) (*xmlElem, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var (
		stack []*xmlElem
		texts []*strings.Builder
		root  *xmlElem
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("top: response body is not valid XML: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, errors.New("top: XML response has more than one root element")
			}
			if len(stack) >= maxXMLDepth {
				return nil, errors.New("top: XML response nests too deeply")
			}
			e := &xmlElem{name: tok.Name.Local}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				if parent.node == nil {
					parent.node = &xmlNode{name: parent.name}
				}
				parent.node.kids = append(parent.node.kids, e)
			} else {
				root = e
			}
			stack = append(stack, e)
			texts = append(texts, &strings.Builder{})
		case xml.EndElement:
			e := stack[len(stack)-1]
			if e.node == nil {
				e.text = texts[len(texts)-1].String()
			}
			stack = stack[:len(stack)-1]
			texts = texts[:len(texts)-1]
		case xml.CharData:
			if len(texts) > 0 {
				texts[len(texts)-1].Write(tok)
			} else if len(bytes.TrimSpace(tok)) > 0 {
				return nil, errors.New("top: XML response has text outside the root element")
			}
		}
	}
	if root == nil {
		return nil, errors.New("top: XML response has no root element")
	}
	return root, nil
}
