// Package names_test checks, end to end, that the code generated for
// golden/gen/names (want/names) sends and receives every wire name under
// its own field, whatever the name means to encoding/json or encoding/xml
// tags ("-" skips a field, "a,b" is the name a with an option, "x>y" is an
// XML path, a space starts an XML namespace). Issue 10.
package names_test

import (
	"testing"

	"github.com/opentop/topgen/golden/gen/names/want/names"
	_ "github.com/opentop/topgen/internal/golden" // accepts go test ./... -update
	"github.com/opentop/topgen/top"
)

func TestWireNamesDecode(t *testing.T) {
	body := `{"alibaba_names_wire_get_response":{
		"result":{"-":"dash","a":"a","a,b":"comma","a b":"space","q\"t":"quote","x>y":"gt","订单号":"cn","ok.name":7},
		"a,b":"top comma","a":"top a"}}`
	simplify := `{"result":{"-":"dash","a":"a","a,b":"comma","a b":"space","q\"t":"quote","x>y":"gt","订单号":"cn","ok.name":7},
		"a,b":"top comma","a":"top a"}`
	for _, b := range []string{body, simplify} {
		var got names.WireGetResponse
		if err := top.DecodeResponse([]byte(b), top.JSON, "alibaba.names.wire.get", &got); err != nil {
			t.Fatal(err)
		}
		r := got.Result
		if r == nil {
			t.Fatal("no result")
		}
		for _, c := range []struct{ wire, got, want string }{
			{"-", r.X, "dash"}, {"a", r.A, "a"}, {"a,b", r.AB, "comma"}, {"a b", r.AB2, "space"},
			{`q"t`, r.QT, "quote"}, {"x>y", r.XY, "gt"}, {"订单号", r.X订单号, "cn"},
			{"a,b (top level)", got.AB, "top comma"}, {"a (top level)", got.A, "top a"},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q", c.wire, c.got, c.want)
			}
		}
		if r.OkName != 7 {
			t.Errorf("ok.name: got %d", r.OkName)
		}
	}
}

func TestWireNamesDecodeXML(t *testing.T) {
	body := `<alibaba_names_wire_get_response><result><a>a</a><订单号>cn</订单号><ok.name>7</ok.name></result><a>top a</a></alibaba_names_wire_get_response>`
	var got names.WireGetResponse
	if err := top.DecodeResponse([]byte(body), top.XML, "alibaba.names.wire.get", &got); err != nil {
		t.Fatal(err)
	}
	if r := got.Result; r == nil || r.A != "a" || r.X订单号 != "cn" || r.OkName != 7 || got.A != "top a" {
		t.Errorf("got %+v, result %+v", got, got.Result)
	}
}

func TestWireNamesEncode(t *testing.T) {
	s := func(v string) *string { return &v }
	n := int64(7)
	req := names.NewWireGetRequest().SetX("top-level").SetParam(&names.WireGetWireParam{
		X: s("dash"), A: s("a"), AB: s("comma"), AB2: s("space"), QT: s("quote"), XY: s("gt"), X订单号: s("cn"), OkName: &n,
	})
	p, err := req.Params()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"-":"dash","a":"a","a,b":"comma","a b":"space","q\"t":"quote","x>y":"gt","订单号":"cn","ok.name":7}`
	if got, _ := p.Get("param"); got != want {
		t.Errorf("param\n got %s\nwant %s", got, want)
	}
	if got, _ := p.Get("-"); got != "top-level" {
		t.Errorf("form value -: %q", got)
	}
}
