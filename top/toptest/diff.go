package toptest

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Diff compares want and got, typically a generated response type with
// the value a test expects, and returns "" when they are equal or a
// report with one entry per differing value: its path, then the wanted
// value after "-" and the value got after "+".
//
//	Result.Data.Goods[1].Price:
//		-"12.50"
//		+"12.5"
//
// Generated fixture tests use it so that they need nothing beyond the
// standard library and topgen's own module. Values of a type with an
// Equal method (time.Time) are compared with it; other values by their
// exported fields, elements and map entries; a struct's unexported fields
// are compared as a whole with reflect.DeepEqual. Blank fields (the
// top.DoNotCompare of generated structs) are neither compared nor shown.
func Diff(want, got any) string {
	var d differ
	d.diff("", reflect.ValueOf(want), reflect.ValueOf(got))
	return d.b.String()
}

type differ struct {
	b    strings.Builder
	n    int
	seen map[[2]uintptr]bool // pointer pairs being compared
}

// maxReported caps the report: a wholly wrong value gives a readable
// start rather than thousands of lines.
const maxReported = 50

func (d *differ) report(path string, want, got reflect.Value) {
	d.n++
	if d.n > maxReported {
		if d.n == maxReported+1 {
			d.b.WriteString("… more differences left out\n")
		}
		return
	}
	if path == "" {
		path = "(value)"
	}
	fmt.Fprintf(&d.b, "%s:\n\t-%s\n\t+%s\n", path, show(want), show(got))
}

func (d *differ) diff(path string, want, got reflect.Value) {
	if !want.IsValid() || !got.IsValid() {
		if want.IsValid() != got.IsValid() {
			d.report(path, want, got)
		}
		return
	}
	if want.Type() != got.Type() {
		d.report(path+" (type "+want.Type().String()+" vs "+got.Type().String()+")", want, got)
		return
	}
	if eq, ok := equalMethod(want, got); ok {
		if !eq {
			d.report(path, want, got)
		}
		return
	}
	switch want.Kind() {
	case reflect.Pointer, reflect.Interface:
		if want.IsNil() || got.IsNil() {
			if want.IsNil() != got.IsNil() {
				d.report(path, want, got)
			}
			return
		}
		if want.Kind() == reflect.Pointer {
			pair := [2]uintptr{want.Pointer(), got.Pointer()}
			if d.seen[pair] {
				return // a cycle: these two were compared further up
			}
			if d.seen == nil {
				d.seen = map[[2]uintptr]bool{}
			}
			d.seen[pair] = true
		}
		d.diff(path, want.Elem(), got.Elem())
	case reflect.Struct:
		t := want.Type()
		for i := 0; i < t.NumField(); i++ {
			// A blank field (a generated struct's top.DoNotCompare) holds nothing.
			if f := t.Field(i); !f.IsExported() && f.Name != "_" {
				if !reflect.DeepEqual(want.Interface(), got.Interface()) {
					d.report(path, want, got)
				}
				return
			}
		}
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.Name != "_" {
				d.diff(join(path, f.Name), want.Field(i), got.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if want.Kind() == reflect.Slice && want.IsNil() != got.IsNil() {
			d.report(path, want, got) // nil and empty differ, as in reflect.DeepEqual
			return
		}
		n := min(want.Len(), got.Len())
		for i := 0; i < n; i++ {
			d.diff(path+"["+strconv.Itoa(i)+"]", want.Index(i), got.Index(i))
		}
		for i := n; i < want.Len(); i++ {
			d.report(path+"["+strconv.Itoa(i)+"]", want.Index(i), reflect.Value{})
		}
		for i := n; i < got.Len(); i++ {
			d.report(path+"["+strconv.Itoa(i)+"]", reflect.Value{}, got.Index(i))
		}
	case reflect.Map:
		if want.IsNil() != got.IsNil() {
			d.report(path, want, got)
			return
		}
		keys := map[string]reflect.Value{}
		for _, k := range append(want.MapKeys(), got.MapKeys()...) {
			keys[show(k)] = k
		}
		names := make([]string, 0, len(keys))
		for name := range keys {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			k := keys[name]
			d.diff(path+"["+name+"]", want.MapIndex(k), got.MapIndex(k))
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if want.Pointer() != got.Pointer() {
			d.report(path, want, got)
		}
	default:
		if !reflect.DeepEqual(want.Interface(), got.Interface()) {
			d.report(path, want, got)
		}
	}
}

// equalMethod uses a type's own Equal(T) bool, as time.Time has: two
// instants in different zones are the same time.
func equalMethod(want, got reflect.Value) (equal, ok bool) {
	m := want.MethodByName("Equal")
	if !m.IsValid() || !want.CanInterface() {
		return false, false
	}
	mt := m.Type()
	if mt.NumIn() != 1 || mt.NumOut() != 1 || mt.In(0) != want.Type() || mt.Out(0).Kind() != reflect.Bool {
		return false, false
	}
	return m.Call([]reflect.Value{got})[0].Bool(), true
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// show formats a value for the report: strings quoted, types with a
// String method through it, nil and absent values named.
func show(v reflect.Value) string {
	if !v.IsValid() {
		return "(absent)"
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		if v.IsNil() {
			return "nil"
		}
	}
	if !v.CanInterface() {
		return fmt.Sprintf("%v", v)
	}
	x := v.Interface()
	if s, ok := x.(fmt.Stringer); ok && v.Kind() != reflect.Pointer {
		return strconv.Quote(s.String())
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Pointer:
		return "&" + show(v.Elem())
	case reflect.Struct:
		return showStruct(v)
	case reflect.Slice, reflect.Map, reflect.Array:
		return fmt.Sprintf("%+v", x)
	}
	return fmt.Sprintf("%v", x)
}

// showStruct is %+v without blank fields: {Name:value …}, each field as %+v
// shows it inside a struct (a nested struct the same way, a pointer as its
// address).
func showStruct(v reflect.Value) string {
	var b strings.Builder
	b.WriteByte('{')
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "_" {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(' ')
		}
		b.WriteString(f.Name + ":")
		fv := v.Field(i)
		switch {
		case fv.Kind() == reflect.Pointer && !fv.IsNil():
			fmt.Fprintf(&b, "%#x", fv.Pointer()) // as %+v shows a nested pointer, so cycles end
		case !fv.CanInterface():
			fmt.Fprintf(&b, "%+v", fv)
		case fv.Kind() == reflect.Struct && !implementsFormat(fv):
			b.WriteString(showStruct(fv))
		default:
			fmt.Fprintf(&b, "%+v", fv.Interface())
		}
	}
	b.WriteByte('}')
	return b.String()
}

// implementsFormat reports whether fmt prints v through a method of its own.
func implementsFormat(v reflect.Value) bool {
	switch v.Interface().(type) {
	case fmt.Formatter, fmt.Stringer, error:
		return true
	}
	return false
}
