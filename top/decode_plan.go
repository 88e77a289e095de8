package top

import (
	"reflect"
	"strings"
	"sync"
	"time"
)

// A plan is what the decoder knows about a Go type, worked out once per
// type by reflection and cached: which of the decoder's value kinds it is
// and, for a struct, its fields by wire name. Decoding then walks the body's
// tokens and the plan together, with no tree in between.

type planKind uint8

const (
	kindUnsupported planKind = iota // decoding a value into it is an error
	kindString
	kindInt
	kindUint
	kindFloat
	kindBool
	kindTime    // time.Time
	kindDecimal // top.Decimal
	kindAny     // an empty interface: the plain value
	kindPointer
	kindStruct
	kindSlice
)

type plan struct {
	kind planKind
	typ  reflect.Type
	bits int   // integer and float sizes
	elem *plan // pointer and slice elements
	// Struct fields in declaration order, and their positions by wire name.
	fields []planField
	index  map[string]int
}

type planField struct {
	name  string // wire name
	index int    // reflect field index
	plan  *plan
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	decimalType = reflect.TypeFor[Decimal]()
)

var (
	plans   sync.Map   // reflect.Type → *plan, complete plans only
	plansMu sync.Mutex // serialises building, so a type is planned once
)

func planFor(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	plansMu.Lock()
	defer plansMu.Unlock()
	building := map[reflect.Type]*plan{}
	p := buildPlan(t, building)
	// Publish only now: a recursive type's plan refers to itself and is
	// complete only when the whole build is.
	for t, bp := range building {
		plans.LoadOrStore(t, bp)
	}
	return p
}

func buildPlan(t reflect.Type, building map[reflect.Type]*plan) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p, ok := building[t]; ok {
		return p
	}
	p := &plan{typ: t}
	building[t] = p
	switch t {
	case timeType:
		p.kind = kindTime
		return p
	case decimalType:
		p.kind = kindDecimal
		return p
	}
	switch t.Kind() {
	case reflect.String:
		p.kind = kindString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind, p.bits = kindInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		p.kind, p.bits = kindUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		p.kind, p.bits = kindFloat, t.Bits()
	case reflect.Bool:
		p.kind = kindBool
	case reflect.Interface:
		if t.NumMethod() == 0 {
			p.kind = kindAny
		}
	case reflect.Pointer:
		p.kind, p.elem = kindPointer, buildPlan(t.Elem(), building)
	case reflect.Slice:
		p.kind, p.elem = kindSlice, buildPlan(t.Elem(), building)
	case reflect.Struct:
		p.kind = kindStruct
		p.index = map[string]int{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, ok := wireName(f)
			if !ok {
				continue
			}
			if _, dup := p.index[name]; dup {
				continue // the first field of a name wins
			}
			p.index[name] = len(p.fields)
			p.fields = append(p.fields, planField{name: name, index: i, plan: buildPlan(f.Type, building)})
		}
	}
	return p
}

// fieldIndex returns the position in p.fields of the field named key, or -1.
// hint is the position after the previous field of the object: bodies list
// fields in declaration order more often than not, so it is tried first.
func fieldIndex[K string | []byte](p *plan, key K, hint int) int {
	if hint < len(p.fields) && p.fields[hint].name == string(key) {
		return hint
	}
	if i, ok := p.index[string(key)]; ok {
		return i
	}
	return -1
}

// wireName is the name of a struct field on the wire, for decoding
// responses and encoding struct parameters alike:
//
//   - a `top:"…"` tag, whose whole value is the name: it carries names a
//     json or xml tag cannot (`-`, `a,b`, spaces, quotes);
//   - else the json tag's name;
//   - else the field name.
//
// ok is false for unexported fields and for json:"-" without a top tag.
func wireName(f reflect.StructField) (name string, ok bool) {
	if !f.IsExported() {
		return "", false
	}
	if name, ok := f.Tag.Lookup("top"); ok {
		return name, true
	}
	tag, has := f.Tag.Lookup("json")
	name, _, _ = strings.Cut(tag, ",")
	switch {
	case has && name == "-" && tag == "-":
		return "", false
	case name != "":
		return name, true
	}
	return f.Name, true
}
