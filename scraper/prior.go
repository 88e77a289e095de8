package scraper

import (
	"math"

	"github.com/opentop/topgen/scraper/internal/priors"
)

// priorSource is what the TOP catalog teaches about where fields sit
// (scraper/internal/priors): the counts the resolver ranks the placements
// a page's examples leave open with.
type priorSource interface {
	// typeField returns how many APIs document struct type typ with a
	// field named name, and how many document typ with fields at all.
	typeField(typ, name string) (with, total int)
	// parentField does the same for structs held by a field named parent.
	parentField(parent, name string) (with, total int)
	// fieldRate returns in how many (API, struct type) pairs a field named
	// name occurs, and how many pairs there are.
	fieldRate(name string) (with, structs int)
	// level says where a field named name sits: how many APIs have it
	// directly under a top-level parameter, deeper, and anywhere nested.
	level(name string) priors.Name
	// sibling returns how many APIs have fields named a and b in one
	// struct.
	sibling(a, b string) int
	// words are the rates of a field sharing a word with its parent's
	// name, and with a farther enclosing struct's.
	words() priors.Words
}

// catalog reads the priors of the whole TOP catalog
// (scraper/internal/priors/catalog.txt.gz), decoded the first time a page
// needs them: most pages never do.
type catalog struct{}

func (catalog) typeField(typ, name string) (int, int) { return priors.Catalog().TypeField(typ, name) }
func (catalog) parentField(parent, name string) (int, int) {
	return priors.Catalog().ParentField(parent, name)
}
func (catalog) fieldRate(name string) (int, int) { return priors.Catalog().FieldRate(name) }
func (catalog) level(name string) priors.Name    { return priors.Catalog().Level(name) }
func (catalog) sibling(a, b string) int          { return priors.Catalog().Sibling(a, b) }
func (catalog) words() priors.Words              { return priors.Catalog().Words }

func catalogPriors() priorSource { return catalog{} }

// withoutAPI are the catalog priors less one API's own contribution: a
// page of the catalog is scored leave-one-out, by priors that never saw
// its API.
type withoutAPI struct {
	all, own *priors.Counts
}

func (p withoutAPI) typeField(typ, name string) (int, int) {
	w, t := p.all.TypeField(typ, name)
	ow, ot := p.own.TypeField(typ, name)
	return w - ow, t - ot
}

func (p withoutAPI) parentField(parent, name string) (int, int) {
	w, t := p.all.ParentField(parent, name)
	ow, ot := p.own.ParentField(parent, name)
	return w - ow, t - ot
}

func (p withoutAPI) fieldRate(name string) (int, int) {
	w, t := p.all.FieldRate(name)
	ow, ot := p.own.FieldRate(name)
	return w - ow, t - ot
}

func (p withoutAPI) level(name string) priors.Name {
	a, o := p.all.Level(name), p.own.Level(name)
	return priors.Name{Top: a.Top - o.Top, Deep: a.Deep - o.Deep, Nested: a.Nested - o.Nested}
}

func (p withoutAPI) sibling(a, b string) int {
	n := p.all.Sibling(a, b)
	if n == 0 {
		return 0 // a pair the catalog file does not keep
	}
	return n - p.own.Sibling(a, b)
}

func (p withoutAPI) words() priors.Words {
	a, o := p.all.Words, p.own.Words
	return priors.Words{ParentShare: a.ParentShare - o.ParentShare, ParentAll: a.ParentAll - o.ParentAll,
		OuterShare: a.OuterShare - o.OuterShare, OuterAll: a.OuterAll - o.OuterAll}
}

// candidate is a struct a field may be placed in, as the priors see it.
type candidate struct {
	typ, name string   // its doc type and field name
	top       bool     // it is the top-level parameter
	fields    []string // the fields placed in it so far
}

// The weights of the level and parent-name terms against the type term,
// chosen on the leave-one-out corpus run (a coarse grid: 0.3, 0.5, 1, 2;
// the result is flat around these).
const (
	levelWeight  = 0.5
	parentWeight = 0.5
)

// priorScore rates a struct as the parent of a field named name, as a sum
// of log likelihoods: that a struct of its type has such a field (the
// name's rate in any struct for a type the catalog does not know), that a
// struct held by a field of its name has it, that the field sits at that
// level, that it is a sibling of the struct's fields (the best of them),
// and that it shares a word with the struct's name or not.
func priorScore(pri priorSource, name string, c candidate) float64 {
	if pri == nil {
		return 0
	}
	rw, rs := pri.fieldRate(name)
	if rw == 0 && pri.level(name).Nested == 0 {
		// The catalog never saw the name as a field: no type's lack of
		// it, no sibling, says anything.
		return 0
	}
	base := (float64(rw) + 0.5) / (float64(rs) + 1)
	rate := func(with, total int) float64 {
		if total <= 0 {
			return base
		}
		return (float64(with) + base) / (float64(total) + 1)
	}
	score := math.Log(rate(pri.typeField(c.typ, name)))
	score += parentWeight * math.Log(rate(pri.parentField(c.name, name)))
	if l := pri.level(name); l.Top+l.Deep > 0 {
		n := l.Deep
		if c.top {
			n = l.Top
		}
		score += levelWeight * math.Log((float64(n)+0.5)/(float64(l.Top+l.Deep)+1))
	}
	if len(c.fields) > 0 {
		best := math.Inf(-1)
		for _, f := range c.fields {
			best = max(best, math.Log((float64(pri.sibling(name, f))+0.1)/(float64(pri.level(f).Nested)+1)))
		}
		score += best
	}
	if w := pri.words(); w.ParentAll > 0 && w.OuterAll > 0 {
		parent := (float64(w.ParentShare) + 1) / (float64(w.ParentAll) + 2)
		outer := (float64(w.OuterShare) + 1) / (float64(w.OuterAll) + 2)
		if priors.ShareWord(name, c.name) {
			score += math.Log(parent / outer)
		} else {
			score += math.Log((1 - parent) / (1 - outer))
		}
	}
	return score
}
