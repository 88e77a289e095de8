package config

import (
	_ "embed"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

//go:embed schema.json
var schemaJSON []byte

// The published schema and the Config struct name the same keys, and the
// schema's required keys are the ones Parse insists on.
func TestSchemaMatchesConfig(t *testing.T) {
	var schema struct {
		AdditionalProperties bool                       `json:"additionalProperties"`
		Required             []string                   `json:"required"`
		Properties           map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(schemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	var inSchema, inStruct []string
	for k := range schema.Properties {
		inSchema = append(inSchema, k)
	}
	typ := reflect.TypeOf(Config{})
	for i := 0; i < typ.NumField(); i++ {
		tag := strings.Split(typ.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "-" && tag != "" {
			inStruct = append(inStruct, tag)
		}
	}
	sort.Strings(inSchema)
	sort.Strings(inStruct)
	if strings.Join(inSchema, " ") != strings.Join(inStruct, " ") || schema.AdditionalProperties {
		t.Errorf("schema keys %v, struct keys %v", inSchema, inStruct)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "pages"), 0o755)
	for _, req := range schema.Required {
		full := map[string]string{"sources": "sources: [pages]", "specs": "specs: specs", "output": "output: gen", "import_path": "import_path: example.com/x/gen"}
		var lines []string
		for k, v := range full {
			if k != req {
				lines = append(lines, v)
			}
		}
		sort.Strings(lines)
		_, err := Parse(filepath.Join(dir, "topgen.yaml"), []byte(strings.Join(lines, "\n")))
		if err == nil || !strings.Contains(err.Error(), req+": missing") {
			t.Errorf("config without %s: %v", req, err)
		}
	}
}

func write(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "pages"), 0o755)
	f := filepath.Join(dir, "topgen.yaml")
	os.WriteFile(f, []byte(content), 0o644)
	return f
}

const good = `sources: [pages]
specs: specs
output: gen
import_path: example.com/shop/gen
include: ["alibaba.*"]
exclude: ["alibaba.damai.mz.order.detail"]
packages:
  "alibaba.omni.*": omnichannel
types:
  "alibaba.damai.mz.order.create response:result": CreateResult
`

func TestParseGood(t *testing.T) {
	f := write(t, good)
	c, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path("specs") != filepath.Join(filepath.Dir(f), "specs") {
		t.Errorf("paths are not relative to the config: %s", c.Path("specs"))
	}
	for method, want := range map[string]bool{"alibaba.omni.order.query": true, "alibaba.damai.mz.order.detail": false, "taobao.trade.get": false} {
		if c.Selected(method) != want {
			t.Errorf("Selected(%s) = %v", method, !want)
		}
	}
	if c.Package("alibaba.omni.order.query") != "omnichannel" || c.Package("alibaba.damai.mz.order.create") != "" {
		t.Errorf("package overrides wrong")
	}
	if err := c.CheckGlobs([]string{"alibaba.omni.order.query"}); err != nil {
		t.Error(err)
	}
	if err := c.CheckGlobs([]string{"taobao.trade.get"}); err == nil || !strings.Contains(err.Error(), `topgen.yaml:5: include: glob "alibaba.*" matches no method`) {
		t.Errorf("CheckGlobs: %v", err)
	}
	c.Packages["alibaba.omni.order.*"] = "orders"
	if err := c.CheckGlobs([]string{"alibaba.omni.order.query"}); err == nil || !strings.Contains(err.Error(), `topgen.yaml:7: packages: "alibaba.omni.*" → omnichannel and "alibaba.omni.order.*" → orders both match alibaba.omni.order.query`) {
		t.Errorf("conflicting package overrides: %v", err)
	}
}

// A glob that matches nothing is reported at its own line, in a flow or
// a block list.
func TestCheckGlobsLines(t *testing.T) {
	f := write(t, "sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/shop/gen\ninclude:\n  - alibaba.*\n  - taobao.trade.*\npackages:\n  \"taobao.x.*\": x\n")
	c, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	err = c.CheckGlobs([]string{"alibaba.omni.order.query"})
	if err == nil || err.Error() != f+`:7: include: glob "taobao.trade.*" matches no method of the sources` {
		t.Errorf("got %v", err)
	}
	err = c.CheckGlobs([]string{"alibaba.omni.order.query", "taobao.trade.get"})
	if err == nil || err.Error() != f+`:9: packages: glob "taobao.x.*" matches no method of the sources` {
		t.Errorf("got %v", err)
	}
}

// The schema's $id is the URL the README tells editors to use.
func TestSchemaURLPublished(t *testing.T) {
	var schema struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(schemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(schema.ID, "https://") || !strings.Contains(string(readme), "# yaml-language-server: $schema="+schema.ID+"\n") {
		t.Errorf("README lacks the modeline for the schema's $id %q", schema.ID)
	}
}

// No message points into topgen's own repository.
func TestErrorsNeedNoRepoFile(t *testing.T) {
	_, err := Load(write(t, good+"colour: red\n"))
	if err == nil || strings.Contains(err.Error(), "schema.json") {
		t.Errorf("error %v", err)
	}
}

func TestParseBad(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{good + "colour: red\n", ":11: field colour not found; the keys are sources, fetch, specs, output, import_path, include, exclude, packages, test_imports, types"},
		{good + "source: [x]\n", ":11: field source not found (did you mean sources?); the keys are sources, fetch,"},
		{strings.Replace(good, "sources: [pages]", "sources: [nope]", 1), "topgen.yaml:1: sources: nope does not exist"},
		{strings.Replace(good, "import_path: example.com/shop/gen", "import_path: \"not a path\"", 1), `:4: import_path: "not a path" is not a Go import path`},
		{strings.Replace(good, `["alibaba.*"]`, `["alibaba.["]`, 1), `:5: include: bad glob "alibaba.["`},
		{strings.Replace(good, "omnichannel", "Omni-Channel", 1), `:8: packages: "Omni-Channel" is not a Go package name`},
		{strings.Replace(good, "response:result", "result", 1), `:10: types: key "alibaba.damai.mz.order.create result"`},
		{good + `  "alibaba.damai.mz.order.detail response:result": CreateResult` + "\n", ":11: types: two overrides name the same Go type CreateResult"},
		{good + "doc_file: sub/doc.go\n", `:11: doc_file: "sub/doc.go" is not a Go file name`},
		{good + "doc_file: doc_test.go\n", `:11: doc_file: "doc_test.go" is not a Go file name`},
		{"", "empty config"},
		{"sources: [\n", "topgen.yaml:"},
	} {
		_, err := Load(write(t, tc.config))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config:\n%s\nerror %v, want %q", tc.config, err, tc.want)
		}
	}
}
