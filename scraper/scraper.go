// Package scraper reads TOP API doc pages into specs.
//
// A page comes in several forms; each has a reader, and readers whose form
// lost the nesting depth share one resolver (nesting.go) that rebuilds the
// tree from the page's own examples.
package scraper

import "github.com/opentop/topgen/spec"

// Parse reads a doc page into a spec, choosing the reader from the content.
// name identifies the page in errors and becomes the spec's source.
func Parse(name string, data []byte) (*spec.API, error) {
	return ParseText(name, data)
}
