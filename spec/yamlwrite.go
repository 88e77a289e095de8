package spec

import (
	"bytes"
	"strconv"
)

// The spec writer: the spec's YAML, byte for byte as yaml.v3 (two-space
// indentation) writes it, without yaml.v3's reflection, event queue and
// garbage, which cost about a sixth of `topgen generate`'s CPU time on
// the catalogue. A spec's layout is fixed (the API struct's keys in order,
// omitempty as tagged), so the writer spells it out. Strings are where
// yaml.v3 chooses (yamlscalar.go): the writer writes plain, quoted and
// literal-block strings itself by yaml.v3's rules and hands the rest to
// yaml.v3. Tests hold the writer to yaml.v3 on every bundled, golden and
// catalogue spec, on strings aimed at each rule, and under fuzzing.

// writeSpec is a's YAML as encodeYAML(a) writes it.
func writeSpec(a *API) ([]byte, error) {
	var w specWriter
	// Most of a spec is its strings; the YAML around them is a fraction.
	w.buf.Grow(4096)
	w.api(a)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf.Bytes(), nil
}

// specWriter appends a spec's YAML to buf.
type specWriter struct {
	buf bytes.Buffer
	err error // the first string yaml.v3 could not write
}

// key writes "k:" at the position at and returns the key's indentation;
// the key after it is no longer a sequence item's first.
func (w *specWriter) key(at *keyPos, k string) int {
	if at.first {
		w.buf.WriteString("- ")
		at.first = false
	} else {
		w.spaces(at.indent)
	}
	w.buf.WriteString(k)
	w.buf.WriteByte(':')
	return at.indent
}

func (w *specWriter) spaces(n int) {
	const blank = "                                "
	for n > len(blank) {
		w.buf.WriteString(blank)
		n -= len(blank)
	}
	w.buf.WriteString(blank[:n])
}

// keyPos is the position of the next key: at indent, and the first key of
// a sequence item when first (its "- " is written with it, two columns
// before indent).
type keyPos struct {
	indent int
	first  bool
}

// str writes "key: value" for a string.
func (w *specWriter) str(at *keyPos, k, v string) {
	w.scalar(w.key(at, k), v)
}

// optStr is str for an omitempty field.
func (w *specWriter) optStr(at *keyPos, k, v string) {
	if v != "" {
		w.str(at, k, v)
	}
}

func (w *specWriter) optBool(at *keyPos, k string, v bool) {
	if v {
		w.key(at, k)
		w.buf.WriteString(" true\n")
	}
}

func (w *specWriter) optInt(at *keyPos, k string, v *int64) {
	if v != nil {
		w.key(at, k)
		w.buf.WriteByte(' ')
		w.buf.WriteString(strconv.FormatInt(*v, 10))
		w.buf.WriteByte('\n')
	}
}

// mapping writes "key:" and returns the position of the nested mapping's
// first key.
func (w *specWriter) mapping(at *keyPos, k string) *keyPos {
	in := w.key(at, k)
	w.buf.WriteByte('\n')
	return &keyPos{indent: in + 2}
}

// sequence writes "key:" and returns the indentation of its items' keys;
// each item starts with seqItem.
func (w *specWriter) sequence(at *keyPos, k string) int {
	in := w.key(at, k)
	w.buf.WriteByte('\n')
	return in + 4
}

// seqItem starts an item of a sequence whose keys are at indent.
func (w *specWriter) seqItem(indent int) *keyPos {
	w.spaces(indent - 2)
	return &keyPos{indent: indent, first: true}
}

func (w *specWriter) api(a *API) {
	at := &keyPos{}
	w.str(at, "method", a.Method)
	w.optStr(at, "title", a.Title)
	w.optStr(at, "description", a.Description)
	w.optStr(at, "source", a.Source)
	w.str(at, "session", string(a.Session))
	w.params(at, "request", a.Request)
	w.params(at, "response", a.Response)
	if p := a.Paging; p != nil {
		m := w.mapping(at, "paging")
		w.str(m, "style", string(p.Style))
		w.optStr(m, "page", p.Page)
		w.optInt(m, "first", p.First)
		w.optStr(m, "size", p.Size)
		w.optStr(m, "cursor", p.Cursor)
		w.optStr(m, "next_cursor", p.NextCursor)
		w.optStr(m, "items", p.Items)
		w.optStr(m, "has_next", p.HasNext)
		w.optStr(m, "total", p.Total)
		w.optStr(m, "total_of", string(p.TotalOf))
	}
	if e := a.Examples; !e.IsZero() {
		m := w.mapping(at, "examples")
		w.optStr(m, "request", e.Request)
		w.optStr(m, "response_xml", e.ResponseXML)
		w.optStr(m, "response_json", e.ResponseJSON)
		w.optStr(m, "response_simplify_json", e.ResponseSimplifyJSON)
		w.optStr(m, "error_xml", e.ErrorXML)
		w.optStr(m, "error_json", e.ErrorJSON)
	}
	if len(a.Errors) > 0 {
		in := w.sequence(at, "errors")
		for _, e := range a.Errors {
			it := w.seqItem(in)
			w.str(it, "code", e.Code)
			w.optStr(it, "message", e.Message)
			w.optStr(it, "solution", e.Solution)
		}
	}
}

func (w *specWriter) params(at *keyPos, k string, ps []*Param) {
	if len(ps) == 0 {
		return
	}
	in := w.sequence(at, k)
	for _, p := range ps {
		it := w.seqItem(in)
		if p == nil {
			w.buf.WriteString("- null\n")
			continue
		}
		w.str(it, "name", p.Name)
		w.str(it, "type", p.Type)
		w.optBool(it, "list", p.List)
		w.optBool(it, "opaque", p.Opaque)
		w.optBool(it, "required", p.Required)
		w.optStr(it, "example", p.Example)
		w.optStr(it, "default", p.Default)
		w.optStr(it, "description", p.Description)
		if l := p.Limits; !l.IsZero() {
			m := w.mapping(it, "limits")
			w.optInt(m, "max_length", l.MaxLength)
			w.optInt(m, "max_list_size", l.MaxListSize)
			w.optInt(m, "min_value", l.MinValue)
			w.optInt(m, "max_value", l.MaxValue)
		}
		if len(p.Values) > 0 {
			vin := w.sequence(it, "values")
			for _, v := range p.Values {
				vit := w.seqItem(vin)
				w.str(vit, "value", v.Value)
				w.optStr(vit, "label", v.Label)
			}
		}
		w.optStr(it, "wrapper", p.Wrapper)
		w.optStr(it, "nesting", string(p.Nesting))
		w.params(it, "children", p.Children)
	}
}
