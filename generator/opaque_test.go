package generator

import (
	"regexp"
	"testing"

	"github.com/opentop/topgen/spec"
)

// A struct type the doc gives no fields for (opaque: true) is carried as
// raw JSON text: a top.RawJSON field in requests (sent as the JSON value it
// holds), a string in responses (the value's JSON text, as Json); without
// the mark a childless struct type is an error.
func TestOpaqueStructIsRawJSON(t *testing.T) {
	api := &spec.API{Method: "taobao.topgen.opaque", Session: spec.SessionNone,
		Request: []*spec.Param{{Name: "attrs", Type: "Map", Opaque: true, Description: "属性"}},
		Response: []*spec.Param{{Name: "result", Type: "Result", Children: []*spec.Param{
			{Name: "ext", Type: "JSONObject", Opaque: true, Description: "扩展"},
			{Name: "nodes", Type: "TimeNodeDO", List: true, Opaque: true},
		}}},
	}
	files, err := Generate([]*spec.API{api}, Options{ImportPath: "example.com/gen"})
	if err != nil {
		t.Fatal(err)
	}
	src := string(files["topgen/opaque.go"])
	for _, want := range []string{
		`(?m)^\s+Attrs\s+\*top\.RawJSON$`,
		`(?m)^\s+Ext\s+string\s`,
		`(?m)^\s+Nodes\s+\[\]string\s`,
	} {
		if !regexp.MustCompile(want).MatchString(src) {
			t.Errorf("generated code lacks %s:\n%s", want, src)
		}
	}
	api.Request[0].Opaque = false
	if _, err := Generate([]*spec.API{api}, Options{ImportPath: "example.com/gen"}); err == nil {
		t.Errorf("a childless struct type without opaque: true was accepted")
	}
}
