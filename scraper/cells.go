package scraper

import "strings"

// Telling the example from the description. Both cells are optional, so a
// row with one cell is ambiguous, and on a top-level line, where cells are
// joined by spaces, so is where the example ends; the examples decide: the
// cell is the example when the page's XML (or Java) example shows that
// value for the row. Otherwise it is the description.
//
// For a top-level row that is the value the example shows for the
// parameter. A nested row's place is known only once the resolver has
// placed it, and a field of the same name elsewhere may show that value
// (amount under another struct), so a lone cell that the example shows
// for a field of the row's name is decided after placement (loneVerdict).

// exampleValues is what one side's example shows: the values per field
// name (Java properties are folded by normName).
type exampleValues struct {
	present bool // the page has the example
	byName  map[string]map[string]bool
	// top holds the values shown for top-level parameters only (the
	// request's own setters, the response root's children).
	top  map[string]map[string]bool
	fold func(string) string
}

func (v exampleValues) key(name string) string {
	if v.fold != nil {
		return v.fold(name)
	}
	return name
}

// shows reports whether the example shows value for a field named name.
func (v exampleValues) shows(name, value string) bool { return v.byName[v.key(name)][value] }

// splitCells sets r.ex and r.desc.
func splitCells(r *row, shown exampleValues) {
	if r.cellsKnown {
		return
	}
	cells := r.cells
	if r.top {
		r.ex, r.desc = splitTopLine(r, shown)
		return
	}
	switch len(cells) {
	case 0:
	case 1:
		if shown.shows(r.name, cells[0]) {
			// Held as the example, so the resolver can match it.
			r.ex, r.loneCell = cells[0], true
		} else {
			r.desc = cells[0]
		}
	default:
		r.ex = cells[0]
		r.desc = strings.Join(cells[1:], " ")
	}
}

// splitTopLine tells the example from the description of a top-level row:
// the cells on its line, then the description bullets when 更多限制 spilled.
func splitTopLine(r *row, shown exampleValues) (ex, desc string) {
	rest := r.lineRest
	if r.limitsSpilled || len(r.cells) > 0 {
		// The bullets hold the description; the line holds the example.
		return strings.Join(rest, " "), strings.Join(r.cells, " ")
	}
	if len(rest) == 0 {
		return "", ""
	}
	// The longest run of leading cells the example shows for the
	// parameter is the example (a demo value may hold spaces:
	// 2020-05-07 19:00).
	top := shown.top[shown.key(r.name)]
	for k := len(rest); k >= 1; k-- {
		if v := strings.Join(rest[:k], " "); top[v] {
			return v, strings.Join(rest[k:], " ")
		}
	}
	all := strings.Join(rest, " ")
	switch {
	case shown.present && len(top) == 0:
		// The example leaves the row out, as it does rows without a demo.
		return "", all
	case len(rest) >= 2 && !isStructRow(r):
		// Nothing decides: a scalar's first cell is its example (a
		// struct's example, when it has one, is in no example, so its
		// cells are read as the description).
		return rest[0], strings.Join(rest[1:], " ")
	}
	return "", all
}

// loneVerdict is what the placement says of a nested row's lone cell that
// the example shows for a field of the row's name. The doc generator builds
// the examples from the demo values, so a row with a demo is shown at its
// place: the cell is the row's example when the example shows it there,
// and the description when no place the rows allow shows it.
type loneVerdict int8

const (
	loneExample     loneVerdict = iota // shown at the row's place
	loneDescription                    // shown at no place the row can have
	// loneUnsure: shown at another place some consistent placement gives
	// the row, not at the chosen one. The cell stays the example, as the
	// example shows it for a field of that name, and a warning names the
	// row.
	loneUnsure
)

// settle applies the verdict to the row.
func (v loneVerdict) settle(r *row) {
	if v == loneDescription {
		r.ex, r.desc = "", r.ex
	}
	r.loneCell = false
}
