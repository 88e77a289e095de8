// Package priors holds what the TOP catalog teaches about where fields
// sit, for the text reader to rank the placements a page's examples leave
// open:
//
//   - which fields each struct type is documented with (TOP reuses doc type
//     names across APIs), and which fields sit under a field of a given
//     name (field names are reused more than type names);
//   - how often a field name sits directly under a top-level parameter
//     rather than deeper;
//   - which field names occur as siblings;
//   - how often a field shares a word with its parent's name, against
//     with another enclosing struct's.
//
// Every count is a number of APIs (or of fields, for the word rates), so
// one API's own contribution (Of) can be subtracted to score that API's
// page leave-one-out. catalog.txt.gz is built from the catalog by
// ../mkpriors:
//
//	go generate ./scraper/internal/priors
package priors

//go:generate go run ../mkpriors -corpus ../../../../shared/corpus/top-json -o catalog.txt.gz

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/opentop/topgen/spec"
)

// Counts are catalog statistics.
type Counts struct {
	// Types maps a struct type name to the APIs documenting it with
	// fields, and per field name the APIs documenting that field in it.
	Types map[string]*Fields
	// Parents does the same keyed by the name of the field holding the
	// struct.
	Parents map[string]*Fields
	// Names maps a field name to the APIs having it directly under a
	// top-level parameter, deeper, and anywhere below the top level.
	Names map[string]*Name
	// Siblings maps a pair of field names (in sorted order) to the APIs
	// having them as fields of one struct. Encode keeps the pairs of at
	// least MinSiblings APIs.
	Siblings map[[2]string]int
	// Words counts fields sharing a word with their parent's name
	// (ParentShare of ParentAll) and with a farther enclosing struct's
	// (OuterShare of OuterAll).
	Words Words

	rateOnce sync.Once
	rates    map[string]int // per field name, the sum over types
	structs  int            // the sum of APIs over types
}

// Fields counts the fields of one struct type (or of structs held by
// fields of one name).
type Fields struct {
	APIs   int
	Fields map[string]int
}

// Name counts where one field name sits.
type Name struct{ Top, Deep, Nested int }

// Words are the rates of shared words between a field and its enclosing
// structs' names.
type Words struct{ ParentShare, ParentAll, OuterShare, OuterAll int }

// MinSiblings is the fewest APIs a sibling pair needs to be kept: pairs
// seen once are mostly one API's vocabulary, and would triple the file.
const MinSiblings = 2

// New returns empty counts.
func New() *Counts {
	return &Counts{Types: map[string]*Fields{}, Parents: map[string]*Fields{}, Names: map[string]*Name{}, Siblings: map[[2]string]int{}}
}

// Of returns one API's contribution: each fact it documents, once.
func Of(api *spec.API) *Counts {
	c := New()
	types, parents := map[string]bool{}, map[string]bool{}
	typeFields, parentFields := map[[2]string]bool{}, map[[2]string]bool{}
	names := map[string]*Name{}
	var walk func(ancestors []*spec.Param, ps []*spec.Param)
	walk = func(ancestors []*spec.Param, ps []*spec.Param) {
		if len(ancestors) > 0 {
			parent := ancestors[len(ancestors)-1]
			types[parent.Type], parents[parent.Name] = true, true
			for i, p := range ps {
				typeFields[[2]string{parent.Type, p.Name}] = true
				parentFields[[2]string{parent.Name, p.Name}] = true
				n := names[p.Name]
				if n == nil {
					n = &Name{}
					names[p.Name] = n
				}
				n.Nested = 1
				if len(ancestors) == 1 {
					n.Top = 1
				} else {
					n.Deep = 1
				}
				for _, q := range ps[i+1:] {
					c.Siblings[pair(p.Name, q.Name)] = 1
				}
				c.Words.ParentAll++
				if shareWord(p.Name, parent.Name) {
					c.Words.ParentShare++
				}
				for _, a := range ancestors[:len(ancestors)-1] {
					c.Words.OuterAll++
					if shareWord(p.Name, a.Name) {
						c.Words.OuterShare++
					}
				}
			}
		}
		for _, p := range ps {
			if len(p.Children) > 0 {
				walk(append(ancestors[:len(ancestors):len(ancestors)], p), p.Children)
			}
		}
	}
	walk(nil, api.Request)
	walk(nil, api.Response)
	for t := range types {
		fields(c.Types, t).APIs++
	}
	for p := range parents {
		fields(c.Parents, p).APIs++
	}
	for f := range typeFields {
		fields(c.Types, f[0]).Fields[f[1]]++
	}
	for f := range parentFields {
		fields(c.Parents, f[0]).Fields[f[1]]++
	}
	for name, n := range names {
		*c.name(name) = *n
	}
	return c
}

func pair(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// Words returns the words of a field name: its parts between underscores
// and dots, lower case, of three letters or more.
func WordsOf(name string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '_' || r == '.' || r == '-' }) {
		if len(w) >= 3 {
			out = append(out, w)
		}
	}
	return out
}

func shareWord(a, b string) bool {
	wb := WordsOf(b)
	for _, w := range WordsOf(a) {
		for _, x := range wb {
			if w == x {
				return true
			}
		}
	}
	return false
}

// ShareWord reports whether two field names share a word (WordsOf).
func ShareWord(a, b string) bool { return shareWord(a, b) }

func fields(m map[string]*Fields, key string) *Fields {
	f := m[key]
	if f == nil {
		f = &Fields{Fields: map[string]int{}}
		m[key] = f
	}
	return f
}

func (c *Counts) name(n string) *Name {
	x := c.Names[n]
	if x == nil {
		x = &Name{}
		c.Names[n] = x
	}
	return x
}

// Add adds o's counts to c.
func (c *Counts) Add(o *Counts) {
	for _, m := range []struct{ dst, src map[string]*Fields }{{c.Types, o.Types}, {c.Parents, o.Parents}} {
		for key, f := range m.src {
			d := fields(m.dst, key)
			d.APIs += f.APIs
			for name, n := range f.Fields {
				d.Fields[name] += n
			}
		}
	}
	for name, n := range o.Names {
		d := c.name(name)
		d.Top += n.Top
		d.Deep += n.Deep
		d.Nested += n.Nested
	}
	for p, n := range o.Siblings {
		c.Siblings[p] += n
	}
	c.Words.ParentShare += o.Words.ParentShare
	c.Words.ParentAll += o.Words.ParentAll
	c.Words.OuterShare += o.Words.OuterShare
	c.Words.OuterAll += o.Words.OuterAll
}

// TypeField returns the APIs documenting struct type typ with a field
// named name, and the APIs documenting typ with fields.
func (c *Counts) TypeField(typ, name string) (with, total int) { return lookup(c.Types, typ, name) }

// ParentField returns the APIs documenting a field named name in a struct
// held by a field named parent, and the APIs documenting such a struct.
func (c *Counts) ParentField(parent, name string) (with, total int) {
	return lookup(c.Parents, parent, name)
}

func lookup(m map[string]*Fields, key, name string) (int, int) {
	f := m[key]
	if f == nil {
		return 0, 0
	}
	return f.Fields[name], f.APIs
}

// FieldRate returns how many (API, struct type) pairs document a field
// named name, and how many (API, struct type) pairs there are: the rate of
// the name in a struct of unknown type.
func (c *Counts) FieldRate(name string) (with, structs int) {
	c.rateOnce.Do(func() {
		c.rates = map[string]int{}
		for _, t := range c.Types {
			c.structs += t.APIs
			for f, n := range t.Fields {
				c.rates[f] += n
			}
		}
	})
	return c.rates[name], c.structs
}

// Level returns the APIs with a field named name directly under a
// top-level parameter, deeper, and anywhere below the top level.
func (c *Counts) Level(name string) Name {
	if n := c.Names[name]; n != nil {
		return *n
	}
	return Name{}
}

// Sibling returns the APIs having fields named a and b in one struct.
func (c *Counts) Sibling(a, b string) int { return c.Siblings[pair(a, b)] }

// The encoding is text, one record per line, sorted, so the file diffs
// and regenerates byte for byte:
//
//	topgen-priors 2
//	w <parent share> <parent all> <outer share> <outer all>
//	n <name>                     a field name, numbered from 0 in order
//	l <top> <deep> <nested>      where the name just listed sits
//	s <i>:<n> ...                its siblings after it (numbers base 36) and their APIs
//	t <type> <apis> <i>:<n> ...  a struct type, its APIs, its fields and their APIs
//	p <i> <apis> <i>:<n> ...     the same for structs held by fields named <i>
const header = "topgen-priors 2"

// Encode writes c in the text encoding.
func Encode(c *Counts) []byte {
	names := map[string]bool{}
	for n := range c.Names {
		names[n] = true
	}
	for _, m := range []map[string]*Fields{c.Types, c.Parents} {
		for _, f := range m {
			for n := range f.Fields {
				names[n] = true
			}
		}
	}
	for p := range c.Parents {
		names[p] = true
	}
	siblings := map[string][][2]string{}
	for p, n := range c.Siblings {
		if n >= MinSiblings {
			names[p[0]], names[p[1]] = true, true
			siblings[p[0]] = append(siblings[p[0]], p)
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	index := make(map[string]int, len(sorted))
	for i, n := range sorted {
		index[n] = i
	}
	b36 := func(i int) string { return strconv.FormatInt(int64(i), 36) }
	var b bytes.Buffer
	b.WriteString(header + "\n")
	w := c.Words
	fmt.Fprintf(&b, "w %d %d %d %d\n", w.ParentShare, w.ParentAll, w.OuterShare, w.OuterAll)
	for _, n := range sorted {
		fmt.Fprintf(&b, "n %s\n", n)
		if l := c.Names[n]; l != nil && *l != (Name{}) {
			fmt.Fprintf(&b, "l %d %d %d\n", l.Top, l.Deep, l.Nested)
		}
		if ps := siblings[n]; len(ps) > 0 {
			sort.Slice(ps, func(i, j int) bool { return index[ps[i][1]] < index[ps[j][1]] })
			b.WriteString("s")
			for _, p := range ps {
				fmt.Fprintf(&b, " %s:%d", b36(index[p[1]]), c.Siblings[p])
			}
			b.WriteByte('\n')
		}
	}
	writeFields := func(kind string, m map[string]*Fields, key func(string) string) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f := m[k]
			fs := make([]int, 0, len(f.Fields))
			for n := range f.Fields {
				fs = append(fs, index[n])
			}
			sort.Ints(fs)
			fmt.Fprintf(&b, "%s %s %d", kind, key(k), f.APIs)
			for _, i := range fs {
				fmt.Fprintf(&b, " %s:%d", b36(i), f.Fields[sorted[i]])
			}
			b.WriteByte('\n')
		}
	}
	writeFields("t", c.Types, func(k string) string { return k })
	writeFields("p", c.Parents, func(k string) string { return b36(index[k]) })
	return b.Bytes()
}

// Decode reads the text encoding.
func Decode(data []byte) (*Counts, error) {
	c := New()
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var names []string
	line := 0
	bad := func(msg string) error { return fmt.Errorf("priors: line %d: %s", line, msg) }
	name := func(s string) (string, bool) {
		i, err := strconv.ParseInt(s, 36, 64)
		if err != nil || i < 0 || int(i) >= len(names) {
			return "", false
		}
		return names[i], true
	}
	var pending [][2]string // sibling pairs, resolved once every name is read
	var pendingN []int
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			if text != header {
				return nil, bad("not a priors file (header " + strconv.Quote(text) + ")")
			}
			continue
		}
		kind, rest, _ := strings.Cut(text, " ")
		f := strings.Fields(rest)
		switch kind {
		case "w":
			n, ok := ints(f, 4)
			if !ok {
				return nil, bad("bad word record")
			}
			c.Words = Words{ParentShare: n[0], ParentAll: n[1], OuterShare: n[2], OuterAll: n[3]}
		case "n":
			names = append(names, rest)
		case "l":
			n, ok := ints(f, 3)
			if !ok || len(names) == 0 {
				return nil, bad("bad level record")
			}
			*c.name(names[len(names)-1]) = Name{Top: n[0], Deep: n[1], Nested: n[2]}
		case "s":
			if len(names) == 0 {
				return nil, bad("sibling record before a name")
			}
			for _, kv := range f {
				k, v, _ := strings.Cut(kv, ":")
				n, err := strconv.Atoi(v)
				if err != nil {
					return nil, bad("bad sibling " + strconv.Quote(kv))
				}
				pending = append(pending, [2]string{names[len(names)-1], k})
				pendingN = append(pendingN, n)
			}
		case "t", "p":
			if len(f) < 2 {
				return nil, bad("bad field record")
			}
			key := f[0]
			m := c.Types
			if kind == "p" {
				var ok bool
				if key, ok = name(key); !ok {
					return nil, bad("bad name number " + strconv.Quote(f[0]))
				}
				m = c.Parents
			}
			apis, err := strconv.Atoi(f[1])
			if err != nil {
				return nil, bad("bad field record")
			}
			fs := &Fields{APIs: apis, Fields: make(map[string]int, len(f)-2)}
			m[key] = fs
			for _, kv := range f[2:] {
				k, v, _ := strings.Cut(kv, ":")
				n, err := strconv.Atoi(v)
				fname, ok := name(k)
				if err != nil || !ok {
					return nil, bad("bad field " + strconv.Quote(kv))
				}
				fs.Fields[fname] = n
			}
		default:
			return nil, bad("unknown record " + strconv.Quote(kind))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if line == 0 {
		return nil, fmt.Errorf("priors: empty file")
	}
	c.Siblings = make(map[[2]string]int, len(pending))
	for i, p := range pending {
		other, ok := name(p[1])
		if !ok {
			return nil, fmt.Errorf("priors: bad sibling number %q", p[1])
		}
		c.Siblings[pair(p[0], other)] = pendingN[i]
	}
	return c, nil
}

// ints parses exactly n decimal fields.
func ints(f []string, n int) ([]int, bool) {
	if len(f) != n {
		return nil, false
	}
	out := make([]int, n)
	for i, s := range f {
		v, err := strconv.Atoi(s)
		if err != nil {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// Compress gzips the encoding deterministically (no name, no time).
func Compress(text []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(text)
	w.Close()
	return b.Bytes()
}

// Decompress reverses Compress.
func Decompress(data []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

//go:embed catalog.txt.gz
var catalogGz []byte

// Catalog returns the counts of the whole TOP catalog, decoded once.
var Catalog = sync.OnceValue(func() *Counts {
	text, err := Decompress(catalogGz)
	if err == nil {
		var c *Counts
		if c, err = Decode(text); err == nil {
			return c
		}
	}
	panic("priors: embedded catalog.txt.gz: " + err.Error())
})
