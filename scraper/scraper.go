// Package scraper reads TOP API doc pages into specs.
//
// A doc comes in several forms; each has a reader, and Parse picks one from
// the content, not the file name. Readers whose form lost the nesting depth
// share one resolver (nesting.go) that rebuilds the tree from the page's
// own examples.
package scraper

import (
	"bytes"

	"github.com/opentop/topgen/spec"
)

// Parse reads a doc into a spec, choosing the reader from the content: the
// doc site's JSON, an HTML page, or a plain-text page. name identifies the doc in errors
// and warnings and becomes the spec's source.
//
// Bytes that are not UTF-8 are replaced by U+FFFD first, with a warning
// naming the lines, so every reader sees text and specs stay readable.
//
// The readers give the doc's own tree; Parse then adds what the spec
// derives from it for every reader alike (spec.Detect: the documented
// values and the paging).
func Parse(name string, data []byte) (*spec.API, []Warning, error) {
	data, warnings := validUTF8(name, data)
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	var (
		api  *spec.API
		more []Warning
		err  error
	)
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		api, more, err = ParseJSON(name, data)
	case bytes.HasPrefix(trimmed, []byte("<")):
		api, more, err = ParseHTML(name, data)
	default:
		api, more, err = ParseText(name, data)
	}
	if err != nil {
		return nil, nil, err
	}
	spec.Detect(api)
	return api, append(warnings, more...), nil
}
