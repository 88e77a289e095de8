package spec

import (
	"fmt"
	"strings"
	"testing"
)

// chain is a parameter tree whose deepest parameter is at depth levels:
// id_1 and child (a struct) at depth 1, id_2 and child inside it, and so
// on down to id_<levels>.
func chain(d, levels int) []*Param {
	ps := []*Param{{Name: fmt.Sprintf("id_%d", d), Type: "Number"}}
	if d < levels {
		ps = append(ps, &Param{Name: "child", Type: fmt.Sprintf("Level%d", d), Children: chain(d+1, levels)})
	}
	return ps
}

// chainPath is the path of the parameter at depth levels in chain.
func chainPath(levels int) string {
	return strings.Repeat("child/", levels-1) + fmt.Sprintf("id_%d", levels)
}

// TestDepthCap: a spec nesting MaxDepth levels is valid and survives YAML;
// one level more is refused, naming the first parameter too deep, on both
// sides (issue 10: 1,000 levels made a 36 MB spec).
func TestDepthCap(t *testing.T) {
	ok := &API{Method: "taobao.deep.get", Session: SessionNone, Request: chain(1, MaxDepth), Response: chain(1, MaxDepth)}
	if err := ok.Validate(); err != nil {
		t.Fatalf("%d levels: %v", MaxDepth, err)
	}
	data, err := Marshal(ok)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Unmarshal("deep.yaml", data); err != nil {
		t.Fatal(err)
	}
	deep := &API{Method: "taobao.deep.get", Session: SessionNone, Request: chain(1, MaxDepth+1), Response: chain(1, 1000)}
	err = deep.Validate()
	for _, want := range []string{
		"request: " + chainPath(MaxDepth+1) + ": nests deeper than 64 levels",
		"response: " + chainPath(MaxDepth+1) + ": nests deeper than 64 levels",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}
	if n := strings.Count(err.Error(), "nests deeper"); n != 2 {
		t.Errorf("%d depth errors, want one per side:\n%v", n, err)
	}
}

// TestSampleDepthCap: examples may nest MaxSampleDepth elements (envelope,
// parameters and list wrappers), not more.
func TestSampleDepthCap(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("<a>", n) + "1" + strings.Repeat("</a>", n) }
	if _, err := ParseSampleXML(nest(MaxSampleDepth)); err != nil {
		t.Errorf("%d levels: %v", MaxSampleDepth, err)
	}
	_, err := ParseSampleXML(nest(MaxSampleDepth + 1))
	if err == nil || !strings.Contains(err.Error(), "line 1: <a> nests deeper than 130 levels") {
		t.Errorf("%d levels: %v", MaxSampleDepth+1, err)
	}
}

// TestChildIndex: Child finds the last element of a name among many
// (a repeated element overrides the earlier ones, as decoders do).
func TestChildIndex(t *testing.T) {
	n := &SampleNode{Name: "r"}
	for i := range 1000 {
		n.Children = append(n.Children, &SampleNode{Name: fmt.Sprintf("f%d", i%500), Text: fmt.Sprint(i)})
	}
	for _, c := range []struct{ name, want string }{{"f0", "500"}, {"f499", "999"}, {"f7", "507"}} {
		if got := n.Child(c.name); got == nil || got.Text != c.want {
			t.Errorf("Child(%s) = %+v, want text %s", c.name, got, c.want)
		}
	}
	if n.Child("nope") != nil {
		t.Error("Child of a missing name is not nil")
	}
}

// TestValidateUTF8: text that is not UTF-8 is invalid, named by its path,
// so a valid spec never marshals to !!binary (issue 10).
func TestValidateUTF8(t *testing.T) {
	a := &API{Method: "taobao.x.get", Session: SessionNone, Description: "ok \xff",
		Request:  []*Param{{Name: "q", Type: "String", Example: strings.Repeat("long ", 100) + "\xfe\xfd tail"}},
		Response: []*Param{{Name: "r", Type: "R", Children: []*Param{{Name: "n\xc3", Type: "String"}}}},
		Errors:   []ErrorCode{{Code: "1", Message: "\xff"}}}
	err := a.Validate()
	for _, want := range []string{
		`description is not valid UTF-8: "ok \xff" at byte 3`,
		`request: q: example is not valid UTF-8: "ong long long long long \xfe\xfd tail" at byte 500`,
		"response: r/n\xc3: name is not valid UTF-8: \"n\\xc3\" at byte 1",
		`errors[0]: message is not valid UTF-8`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\ndoes not say %s", err, want)
		}
	}
}
