package scraper

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

const miniDoc = `{
  "name": "taobao.mini.get",
  "apiChineseName": "迷你",
  "description": " 描述 ",
  "unknownKey": {"ignored": [1, 2]},
  "labels": [{"key": "2", "displayName": "￥免费"}, {"key": "required", "displayName": "必须用户授权"}],
  "requestParams": [
    {"name": "ids", "type": "Number []", "required": true, "demoValue": "1,2", "maxListSize": "20", "maxLength": null, "subParams": []},
    {"name": "q", "type": "Query", "subParams": [
      {"name": "start", "type": "Date", "minValue": 1, "maxValue": 9.0},
      {"name": "price", "type": "Price", "subParams": [{"name": "cent", "type": "Number"}]}
    ]}
  ],
  "responseParams": [
    {"name": "items", "type": "NTbkItem[]", "subParams": [{"name": "id", "type": "Number"}, {"name": "id", "type": "String"}]},
    {"name": "extra", "type": "Map", "subParams": []}
  ],
  "rspSampleXml": "<mini_get_response><items><n_tbk_item><id>1</id></n_tbk_item></items></mini_get_response>",
  "rspSampleJson": "{\"mini_get_response\":{\"items\":{\"n_tbk_item\":[{\"id\":,}]}}}",
  "errorCodes": [{"errorCode": "isv.x", "errorMsg": "坏", "solution": "修"}]
}`

func TestParseJSONMini(t *testing.T) {
	for _, doc := range []string{miniDoc, `{"success": true, "data": ` + miniDoc + `}`} {
		api, warnings, err := ParseJSON("mini.json", []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if api.Method != "taobao.mini.get" || api.Title != "迷你" || api.Description != "描述" || api.Session != spec.SessionRequired {
			t.Errorf("header: %+v", api)
		}
		ids := api.Request[0]
		if ids.Type != "Number" || !ids.List || !ids.Required || ids.Example != "1,2" || *ids.Limits.MaxListSize != 20 || ids.Limits.MaxLength != nil {
			t.Errorf("ids: %+v", ids)
		}
		start := api.Request[1].Children[0]
		if *start.Limits.MinValue != 1 || *start.Limits.MaxValue != 9 {
			t.Errorf("limits as numbers: %+v", start.Limits)
		}
		if price := api.Request[1].Children[1]; price.Type != "PriceStruct" || len(price.Children) != 1 {
			t.Errorf("a Price with fields becomes a struct: %+v", price)
		}
		items := api.Response[0]
		if items.Wrapper != "n_tbk_item" || len(items.Children) != 1 || items.Children[0].Type != "Number" {
			t.Errorf("items: wrapper %q, children %d (duplicate dropped)", items.Wrapper, len(items.Children))
		}
		if m := api.Response[1]; m.Type != "Map" || !m.Opaque {
			t.Errorf("a struct without fields is an opaque leaf that keeps its doc type, got %+v", m)
		}
		if api.Examples.ResponseXML == "" || api.Examples.ResponseJSON != "" {
			t.Errorf("the invalid JSON sample must be dropped, the XML kept")
		}
		if len(api.Errors) != 1 || api.Errors[0] != (spec.ErrorCode{Code: "isv.x", Message: "坏", Solution: "修"}) {
			t.Errorf("errors: %+v", api.Errors)
		}
		var msgs []string
		for _, w := range warnings {
			msgs = append(msgs, w.String())
		}
		all := strings.Join(msgs, "\n")
		for _, want := range []string{
			"mini.json: $", "rspSampleJson line 1: warning: invalid sample",
			`requestParams[1].subParams[1]: warning: scalar type Price has fields`,
			`responseParams[0].subParams[1]: warning: duplicate parameter "id"`,
			`responseParams[1]: warning: struct type Map has no fields; read as an opaque leaf (raw JSON text)`,
		} {
			if !strings.Contains(all, want) {
				t.Errorf("warnings lack %q:\n%s", want, all)
			}
		}
	}
}

func TestParseJSONErrors(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"name": "a.b", "requestParams": [{"name": "x", "type": 5}]}`, `$.requestParams[0].type: expected a string, found the number 5`},
		{`{"data": {"name": "a.b", "responseParams": [{"name": "x", "type": "X", "subParams": {}}]}}`, `$.data.responseParams[0].subParams: expected an array, found an object`},
		{`{"name": "a.b", "requestParams": [{"name": "x", "type": "Number", "maxLength": "ten"}]}`, `$.requestParams[0].maxLength: expected an integer, found "ten"`},
		{`{"success": false, "errMsg": "login"}`, `$.success: the doc site answered success=false (login)`},
		{`{"name": ""}`, `$.name: the doc has no method name`},
		{"{\n\"name\": \"a.b\",\n", `x.json:3: not JSON`},
		{`[1]`, `$: expected a JSON object`},
	} {
		_, _, err := ParseJSON("x.json", []byte(tc.doc))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseJSON(%s) = %v, want %q", tc.doc, err, tc.want)
		}
	}
}

// The raw doc-site documents bundled in pages/: every one reads; the two
// with broken JSON samples warn and keep their XML sample. (The other JSON
// pages are corpus-form docs, without samples, bundled for their paging.)
func TestBundledRawDocs(t *testing.T) {
	files, _ := filepath.Glob("../pages/*.json")
	var raw []string
	for _, f := range files {
		if data, _ := os.ReadFile(f); bytes.Contains(data, []byte(`"rspSampleXml"`)) {
			raw = append(raw, f)
		}
	}
	if len(raw) != 12 {
		t.Fatalf("want the 12 bundled raw documents, found %d", len(raw))
	}
	broken := map[string]bool{}
	for _, f := range raw {
		data, _ := os.ReadFile(f)
		api, warnings, err := Parse(filepath.Base(f), data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if api.Method+".json" != filepath.Base(f) {
			t.Errorf("%s documents %s", f, api.Method)
		}
		if api.Examples.ResponseXML == "" || api.Examples.Request == "" || api.Examples.ErrorJSON == "" {
			t.Errorf("%s: samples missing", f)
		}
		for _, w := range warnings {
			if strings.Contains(w.Msg, "invalid sample") {
				broken[api.Method] = true
			}
		}
	}
	if len(broken) != 2 || !broken["taobao.tbk.relation.refund"] || !broken["alibaba.taobao.ud.smart.order.detail.pull"] {
		t.Errorf("docs with broken JSON samples: %v", broken)
	}
}
