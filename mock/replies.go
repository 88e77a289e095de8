package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top/toptest"
)

// xmlProlog starts every XML answer, as on the real gateway.
const xmlProlog = `<?xml version="1.0" encoding="utf-8" ?>`

// Reply is the success answer of api in each format, from its doc examples:
//
//   - JSON: examples.response_json (compacted), else the XML example
//     converted by spec.SampleJSON;
//   - Simplify: examples.response_simplify_json with the
//     <method>_response wrapper the doc site leaves on it removed (real
//     simplify answers have the body at the root), else converted;
//   - XML: examples.response_xml after an XML prolog.
//
// Without examples the body is empty: {"<key>":{}}, {}, <key></key>.
func Reply(api *spec.API) (toptest.Reply, error) {
	key := api.ResponseKey()
	ex := api.Examples
	r := toptest.Reply{
		JSON:     `{"` + key + `":{}}`,
		Simplify: `{}`,
		XML:      xmlProlog + "<" + key + "></" + key + ">",
	}
	var err error
	if ex.ResponseXML != "" {
		r.XML = xmlProlog + ex.ResponseXML
		if r.JSON, err = api.SampleJSON(false); err != nil {
			return r, fmt.Errorf("%s: examples.response_xml: %w", api.Method, err)
		}
		if r.Simplify, err = api.SampleJSON(true); err != nil {
			return r, fmt.Errorf("%s: examples.response_xml: %w", api.Method, err)
		}
	}
	if ex.ResponseJSON != "" {
		if r.JSON, err = compact(ex.ResponseJSON); err != nil {
			return r, fmt.Errorf("%s: examples.response_json: %w", api.Method, err)
		}
	}
	if ex.ResponseSimplifyJSON != "" {
		if r.Simplify, err = unwrap(ex.ResponseSimplifyJSON, key); err != nil {
			return r, fmt.Errorf("%s: examples.response_simplify_json: %w", api.Method, err)
		}
	}
	return r, nil
}

func compact(s string) (string, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// unwrap returns the compact JSON of a simplify sample, without the
// {"<key>": …} wrapper when the sample has one.
func unwrap(s, key string) (string, error) {
	c, err := compact(s)
	if err != nil {
		return "", err
	}
	var root map[string]json.RawMessage
	if err := json.Unmarshal([]byte(c), &root); err != nil {
		return "", fmt.Errorf("want a JSON object: %w", err)
	}
	if inner, ok := root[key]; ok && len(root) == 1 && strings.HasPrefix(string(inner), "{") {
		return string(inner), nil
	}
	return c, nil
}
