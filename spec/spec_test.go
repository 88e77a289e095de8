package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

// readSpecFile reads and parses the spec file f.
func readSpecFile(tb testing.TB, f string) ([]byte, *API) {
	tb.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		tb.Fatal(err)
	}
	a, err := Unmarshal(f, data)
	if err != nil {
		tb.Fatal(err)
	}
	return data, a
}

// The bundled specs are what Marshal wrote; loading and saving them again
// must give the same bytes.
func TestRoundTripBundledSpecs(t *testing.T) {
	files, err := filepath.Glob("../specs/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled specs found: %v", err)
	}
	for _, f := range files {
		data, a := readSpecFile(t, f)
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		out, err := Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != string(data) {
			t.Errorf("%s: load → save changed the bytes", f)
		}
	}
}

// Hostile text survives the round trip: YAML quoting is the spec writer's
// job (yaml.v3's rules), and this proves it does it for what doc pages
// contain.
func TestRoundTripHostileText(t *testing.T) {
	hostile := "a: b\n- c\n\t*/ `x` \"q\" '\u2028' #comment\n  trailing  \n{\"k\": [1]}"
	a := &API{
		Method:      "taobao.hostile.get",
		Title:       hostile,
		Description: hostile,
		Session:     SessionNone,
		Response:    []*Param{{Name: "x", Type: "String", Example: hostile, Description: hostile}},
		Examples:    Examples{ResponseXML: hostile},
		Errors:      []ErrorCode{{Code: "isv.x", Message: hostile, Solution: hostile}},
	}
	out, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unmarshal("hostile.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if back.Description != hostile || back.Response[0].Example != hostile || back.Errors[0].Solution != hostile {
		t.Errorf("hostile text changed in the round trip:\n%s", out)
	}
	again, _ := Marshal(back)
	if string(again) != string(out) {
		t.Errorf("second save differs from the first")
	}
}

func TestUnmarshalErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"method: taobao.a.b\nsession: none\nsesion: x\n", "line 3: field sesion not found"},
		{"method: taobao.a.b\nsession: none\nrequest:\n  - name: a\n    typ: String\n", "line 5: field typ not found"},
		{"", "empty spec"},
		{"method: [\n", "x.yaml"},
	} {
		_, err := Unmarshal("x.yaml", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Unmarshal(%q) error = %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func n(v int64) *int64 { return &v }

func TestValidate(t *testing.T) {
	valid := func() *API {
		return &API{
			Method:  "alibaba.damai.mz.order.detail",
			Session: SessionNone,
			Request: []*Param{{Name: "mz_order_id", Type: "String", Required: true, Limits: Limits{MaxLength: n(32)}}},
			Response: []*Param{{Name: "result", Type: "ResultData", Children: []*Param{
				{Name: "data", Type: "OrderDetailVO", Children: []*Param{
					{Name: "use_point", Type: "Number"},
					{Name: "items", Type: "Item", List: true, Children: []*Param{{Name: "id", Type: "Number"}}},
				}},
			}}},
		}
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("valid spec: %v", err)
	}
	// A type name reused below itself (recursive data such as category
	// children) is valid: the tree is finite.
	reuse := valid()
	reuse.Response[0].Children[0].Children[1].Type = "ResultData"
	if err := reuse.Validate(); err != nil {
		t.Errorf("type name reused below itself: %v", err)
	}
	for _, tc := range []struct {
		name   string
		break_ func(a *API)
		want   string
	}{
		{"unknown type", func(a *API) { a.Response[0].Children[0].Children[0].Type = "Numbr" },
			`response: result/data/use_point: unknown type "Numbr"`},
		{"duplicate sibling", func(a *API) {
			d := a.Response[0].Children[0]
			d.Children = append(d.Children, &Param{Name: "use_point", Type: "String"})
		}, `response: result/data/use_point: duplicate name "use_point"`},
		{"cycle", func(a *API) {
			data := a.Response[0].Children[0]
			data.Children[1].Children = append(data.Children[1].Children, data)
		}, "response: result/data/items/data: the parameter contains itself (a cycle)"},
		{"struct without fields", func(a *API) { a.Response[0].Children[0].Children[1].Children = nil },
			`response: result/data/items: unknown type "Item"`},
		{"scalar with children", func(a *API) { a.Request[0].Children = []*Param{{Name: "x", Type: "String"}} },
			"request: mz_order_id: scalar type String has children"},
		{"bad method", func(a *API) { a.Method = "nodots" }, `method: "nodots" is not a TOP method name`},
		{"bad session", func(a *API) { a.Session = "maybe" }, `session: "maybe" is not one of`},
		{"min above max", func(a *API) { a.Request[0].Limits = Limits{MinValue: n(5), MaxValue: n(1)} },
			"request: mz_order_id: min_value 5 is above max_value 1"},
		{"empty name", func(a *API) { a.Request[0].Name = "" }, "request: /(unnamed): empty name"},
		{"bad nesting", func(a *API) { a.Request[0].Nesting = "guess" }, `nesting "guess"`},
	} {
		a := valid()
		tc.break_(a)
		err := a.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Validate() = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestParseType(t *testing.T) {
	for _, tc := range []struct {
		in   string
		typ  string
		list bool
	}{
		{"Goods []", "Goods", true},
		{"Goods[]", "Goods", true},
		{"String", "String", false},
		{"Number  []", "Number", true},
		{"byte[]", "byte[]", false},
		{"byte []", "byte[]", false},
		{"byte[][]", "byte[]", true},
		{"Field List", "Field List", false},
		{" Price ", "Price", false},
	} {
		typ, list := ParseType(tc.in)
		if typ != tc.typ || list != tc.list {
			t.Errorf("ParseType(%q) = %q, %v; want %q, %v", tc.in, typ, list, tc.typ, tc.list)
		}
	}
}

func TestResponseKey(t *testing.T) {
	for in, want := range map[string]string{
		"taobao.trade.fullinfo.get":     "trade_fullinfo_get_response",
		"alibaba.damai.mz.order.detail": "alibaba_damai_mz_order_detail_response",
		"tmall.item.get":                "tmall_item_get_response",
	} {
		if got := (&API{Method: in}).ResponseKey(); got != want {
			t.Errorf("ResponseKey(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestTree(t *testing.T) {
	a := &API{
		Request:  []*Param{{Name: "param", Type: "P", Required: true, Children: []*Param{{Name: "ids", Type: "String", List: true}}}},
		Response: []*Param{{Name: "list", Type: "Item", List: true, Children: []*Param{{Name: "id", Type: "Number"}}}},
	}
	want := "req\tparam\tP\trequired\nreq\tparam/ids\tString[]\toptional\nresp\tlist\tItem[]\t-\nresp\tlist/id\tNumber\t-\n"
	if got := a.Tree(); got != want {
		t.Errorf("Tree() =\n%s\nwant\n%s", got, want)
	}
}
