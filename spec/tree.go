package spec

import "strings"

// Tree renders the parameter trees for review, one line per parameter in
// document order, tab-separated: side (req or resp), the slash-joined path,
// the type as the doc writes it (lists as "X[]"), and required/optional for
// request parameters or "-" for response fields.
func (a *API) Tree() string { return a.tree(nil) }

// EvidenceTree is Tree with a fifth column saying how each parameter was
// placed under its parent when the source lost depth (its nesting:
// example, java, pinned, prior, default), or "-" where the source gave
// the tree (and for top-level parameters).
func (a *API) EvidenceTree() string {
	return a.tree(func(p *Param) string {
		if p.Nesting == "" {
			return "-"
		}
		return string(p.Nesting)
	})
}

// tree writes the lines, with extra's column when it is not nil.
func (a *API) tree(extra func(*Param) string) string {
	var b strings.Builder
	line := func(side, path string, p *Param, req string) {
		b.WriteString(side + "\t" + path + "\t" + p.DocType() + "\t" + req)
		if extra != nil {
			b.WriteString("\t" + extra(p))
		}
		b.WriteByte('\n')
	}
	Walk(a.Request, func(path string, p *Param) {
		req := "optional"
		if p.Required {
			req = "required"
		}
		line("req", path, p, req)
	})
	Walk(a.Response, func(path string, p *Param) { line("resp", path, p, "-") })
	return b.String()
}
