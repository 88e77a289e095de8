package scraper

import "strings"

// Telling the example from the description. Both cells are optional, so a
// row with one cell is ambiguous; the examples decide: the cell is the
// example when the page's XML (or Java) example shows that value for a
// field of that name. Otherwise it is the description.

// valueLookup reports whether the page's examples show value for name.
type valueLookup func(name, value string) bool

// splitCells sets r.ex and r.desc.
func splitCells(r *row, shown valueLookup) {
	if r.cellsKnown {
		return
	}
	cells := r.cells
	if r.top {
		// A top-level row: cells on the line, then spilled bullets.
		rest := r.lineRest
		switch {
		case r.limitsSpilled || len(r.cells) > 0:
			// The bullets hold the description; the line holds the example.
			r.ex = strings.Join(rest, " ")
			r.desc = strings.Join(r.cells, " ")
			return
		case len(rest) >= 2 && (!isStructRow(r) || shown(r.name, rest[0])):
			r.ex = rest[0]
			r.desc = strings.Join(rest[1:], " ")
			return
		}
		cells = nil
		if len(rest) > 0 {
			cells = []string{strings.Join(rest, " ")}
		}
	}
	switch len(cells) {
	case 0:
	case 1:
		if shown(r.name, cells[0]) {
			r.ex = cells[0]
		} else {
			r.desc = cells[0]
		}
	default:
		r.ex = cells[0]
		r.desc = strings.Join(cells[1:], " ")
	}
}
