package generator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/allocs"
	"github.com/opentop/topgen/spec"
)

// deepAPI nests structs levels deep on both sides, each field with a
// description of 2 KB.
func deepAPI(levels int) *spec.API {
	desc := strings.Repeat("说明 text ", 200)
	var chain func(d int) []*spec.Param
	chain = func(d int) []*spec.Param {
		ps := []*spec.Param{{Name: fmt.Sprintf("id_%d", d), Type: "Number", Description: desc}}
		if d < levels {
			ps = append(ps, &spec.Param{Name: "child", Type: fmt.Sprintf("Level%d", d), Description: desc, Children: chain(d + 1)})
		}
		return ps
	}
	return &spec.API{Method: "taobao.deep.get", Session: spec.SessionNone, Request: chain(1), Response: chain(1)}
}

// TestBuildLinearInDepth: building the IR of a tree 10× deeper allocates
// about 10× the bytes. Keying each struct type by a serialisation of its
// whole subtree (to share identical structures) grew with the square of
// the depth (issue 10).
func TestBuildLinearInDepth(t *testing.T) {
	var bytes [2]uint64
	for i, levels := range []int{6, 60} {
		a := deepAPI(levels)
		var err error
		bytes[i] = allocs.Bytes(func() { _, err = buildAPI(a, testOpts) })
		if err != nil {
			t.Fatal(err)
		}
	}
	ratio := float64(bytes[1]) / float64(bytes[0])
	t.Logf("6 levels %d B, 60 levels %d B: %.1f×", bytes[0], bytes[1], ratio)
	if ratio > 20 {
		t.Errorf("10× the depth allocates %.1f× the bytes: building is not linear", ratio)
	}
}

// TestUniqueLinear: k names that all map to one Go name get suffixes
// 2…k in order, and 10× the names allocate about 10× the bytes (the
// suffix search started at 2 every time: 20k names took 86 s).
func TestUniqueLinear(t *testing.T) {
	var bytes [2]uint64
	for i, k := range []int{2000, 20000} {
		var got []string
		bytes[i] = allocs.Bytes(func() {
			s := newNameSet("A3")
			for range k {
				got = append(got, s.unique("A"))
			}
		})
		if got[0] != "A" || got[1] != "A2" || got[2] != "A4" || got[k-1] != fmt.Sprintf("A%d", k+1) {
			t.Fatalf("k=%d: names %v … %v", k, got[:3], got[k-1])
		}
	}
	if ratio := float64(bytes[1]) / float64(bytes[0]); ratio > 20 {
		t.Errorf("10× the names allocate %.1f× the bytes", ratio)
	}
}

// TestSharedShapes: identical structures share one type within an API,
// structures differing anywhere below (here the deepest description)
// do not, and the numbering does not depend on the order of the walk.
func TestSharedShapes(t *testing.T) {
	leaf := func(desc string) *spec.Param {
		return &spec.Param{Name: "inner", Type: "Inner", Children: []*spec.Param{{Name: "x", Type: "String", Description: desc}}}
	}
	outer := func(desc string) *spec.Param {
		return &spec.Param{Name: "o", Type: "Outer", Children: []*spec.Param{{Name: "y", Type: "Number"}, leaf(desc)}}
	}
	a := &spec.API{Method: "taobao.shape.get", Session: spec.SessionNone, Response: []*spec.Param{
		{Name: "a", Type: "Outer", Children: outer("same").Children},
		{Name: "b", Type: "Outer", Children: outer("same").Children},
		{Name: "c", Type: "Outer", Children: outer("other").Children},
	}}
	ir, err := buildAPI(a, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range ir.Structs {
		names = append(names, s.GoName)
	}
	if got := strings.Join(names, " "); got != "GetOuter GetInner GetOuter2 GetInner2" {
		t.Errorf("types %s", got)
	}
	if ir.Results[0].Type.Struct != ir.Results[1].Type.Struct || ir.Results[0].Type.Struct == ir.Results[2].Type.Struct {
		t.Error("a and b must share a type, c must not")
	}
}
