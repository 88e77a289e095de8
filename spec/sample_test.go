package spec

import "testing"

func TestSampleJSON(t *testing.T) {
	a := &API{
		Method: "alibaba.x.get",
		Response: []*Param{
			{Name: "result", Type: "R", Children: []*Param{
				{Name: "id", Type: "Number"},
				{Name: "ok", Type: "Boolean"},
				{Name: "code", Type: "String"},
				{Name: "items", Type: "Item", List: true, Children: []*Param{{Name: "n", Type: "Number"}}},
				{Name: "tags", Type: "String", List: true},
				{Name: "empty", Type: "String", List: true, Wrapper: "string"},
				{Name: "none", Type: "Item", List: true, Children: []*Param{{Name: "n", Type: "Number"}}},
				{Name: "sub", Type: "Sub", Children: []*Param{{Name: "x", Type: "String"}}},
			}},
		},
		Examples: Examples{ResponseXML: `<x_get_response><result>
  <id>163288460521879179</id><ok>true</ok><code>007</code>
  <items><item><n>1</n></item><item><n>x</n></item></items>
  <tags><string>a "q"</string></tags>
  <empty></empty><none/>
  <sub></sub><unknown><a>1</a></unknown>
</result></x_get_response><!-- host -->`},
	}
	wrapped, err := a.SampleJSON(false)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"alibaba_x_get_response":{"result":{"id":163288460521879179,"ok":true,"code":"007",` +
		`"items":{"item":[{"n":1},{"n":"x"}]},"tags":{"string":["a \"q\""]},"empty":{"string":[]},"none":{},` +
		`"sub":{},"unknown":{"a":"1"}}}}`
	if wrapped != want {
		t.Errorf("wrapped:\n got %s\nwant %s", wrapped, want)
	}
	simple, err := a.SampleJSON(true)
	if err != nil {
		t.Fatal(err)
	}
	want = `{"result":{"id":163288460521879179,"ok":true,"code":"007",` +
		`"items":[{"n":1},{"n":"x"}],"tags":["a \"q\""],"empty":[],"none":[],` +
		`"sub":{},"unknown":{"a":"1"}}}`
	if simple != want {
		t.Errorf("simplify:\n got %s\nwant %s", simple, want)
	}
}

func TestErrorSampleJSON(t *testing.T) {
	got, err := ErrorSampleJSON(`<error_response><code>50</code><msg>Remote &amp; error</msg><sub_msg>非法参数</sub_msg></error_response>`)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"error_response":{"code":50,"msg":"Remote & error","sub_msg":"非法参数"}}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	for _, bad := range []string{"", "<a><b></a>", "<x_response/>", "<a/><b/>"} {
		if _, err := ErrorSampleJSON(bad); err == nil {
			t.Errorf("ErrorSampleJSON(%q): want an error", bad)
		}
	}
}
