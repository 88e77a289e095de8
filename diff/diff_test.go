package diff

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
	"github.com/opentop/topgen/spec"
)

func load(t *testing.T, method string) *spec.API {
	t.Helper()
	a, err := spec.Load(filepath.Join("..", "specs", method+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func find(params []*spec.Param, path string) *spec.Param {
	var out *spec.Param
	spec.Walk(params, func(p string, x *spec.Param) {
		if p == path {
			out = x
		}
	})
	return out
}

func n(v int64) *int64 { return &v }

// Every change class, made by editing a bundled spec, is reported with its
// level, side and path — and nothing else is.
func TestChangeClasses(t *testing.T) {
	const create = "alibaba.damai.mz.order.create"
	for _, tc := range []struct {
		name string
		edit func(a *spec.API)
		want []string // "level kind side path"
	}{
		{"request param removed", func(a *spec.API) {
			g := find(a.Request, "param/goods_list")
			g.Children = g.Children[1:] // card_no
		}, []string{"breaking param-removed request param/goods_list/card_no"}},
		{"response field removed", func(a *spec.API) {
			r := find(a.Response, "result")
			r.Children = r.Children[1:] // msg
		}, []string{"breaking field-removed response result/msg"}},
		{"required request param added", func(a *spec.API) {
			p := find(a.Request, "param")
			p.Children = append(p.Children, &spec.Param{Name: "channel", Type: "String", Required: true})
		}, []string{"breaking required-param-added request param/channel"}},
		{"optional request param and response field added", func(a *spec.API) {
			a.Request = append(a.Request, &spec.Param{Name: "trace", Type: "String"})
			r := find(a.Response, "result/data")
			r.Children = append(r.Children, &spec.Param{Name: "paid", Type: "Boolean"})
		}, []string{"info param-added request trace", "info field-added response result/data/paid"}},
		{"scalar type changed", func(a *spec.API) { find(a.Request, "param/delivery_type").Type = "String" },
			[]string{"breaking type-changed request param/delivery_type"}},
		{"scalar to list", func(a *spec.API) { find(a.Response, "result/data/mz_order_id").List = true },
			[]string{"breaking type-changed response result/data/mz_order_id"}},
		{"struct renamed", func(a *spec.API) { find(a.Response, "result/data").Type = "OrderCreateResultVO" },
			[]string{"warning struct-renamed response result/data"}},
		{"optional became required", func(a *spec.API) { find(a.Request, "param/remark").Required = true },
			[]string{"breaking became-required request param/remark"}},
		{"required became optional", func(a *spec.API) { find(a.Request, "param/mz_user_id").Required = false },
			[]string{"info became-optional request param/mz_user_id"}},
		{"limit tightened and added", func(a *spec.API) {
			find(a.Request, "param/remark").Limits.MaxLength = n(200)
			find(a.Request, "param/goods_list").Limits.MaxListSize = n(10)
		}, []string{"warning limit-changed request param/goods_list", "warning limit-changed request param/remark"}},
		{"session now required", func(a *spec.API) { a.Session = spec.SessionRequired },
			[]string{"breaking session-changed  "}},
		{"error codes removed and added", func(a *spec.API) {
			a.Errors = append(a.Errors[1:], spec.ErrorCode{Code: "40409999", Message: "新错误"})
		}, []string{"warning error-code-removed  ", "info error-code-added  "}},
		{"descriptions and examples are not API changes", func(a *spec.API) {
			a.Description = "新的描述"
			find(a.Request, "param/remark").Example = "yyyy"
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := load(t, create), load(t, create)
			tc.edit(new)
			var got []string
			for _, c := range Compare(old, new) {
				if c.Method != create || c.Text == "" {
					t.Errorf("change lacks method or text: %+v", c)
				}
				got = append(got, strings.Join([]string{c.Level.String(), c.Kind, c.Side, c.Path}, " "))
			}
			if strings.Join(sorted(got), "\n") != strings.Join(sorted(tc.want), "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestCompareSetsAddedRemovedAPIs(t *testing.T) {
	detail, query := load(t, "alibaba.damai.mz.order.detail"), load(t, "alibaba.omni.order.query")
	changes := CompareSets([]*spec.API{detail}, []*spec.API{query})
	if len(changes) != 2 || changes[0].Kind != "api-removed" || changes[0].Level != Breaking || changes[1].Kind != "api-added" || changes[1].Level != Info {
		t.Errorf("changes: %+v", changes)
	}
	if max, ok := Max(changes); !ok || max != Breaking {
		t.Errorf("Max = %v %v", max, ok)
	}
	if _, ok := Max(nil); ok {
		t.Errorf("Max(nil) reports a change")
	}
}

func TestReports(t *testing.T) {
	old, new := load(t, "alibaba.omni.order.query"), load(t, "alibaba.omni.order.query")
	new.Request = new.Request[1:]
	changes := Compare(old, new)
	var text bytes.Buffer
	WriteText(&text, changes, false)
	want := "alibaba.omni.order.query\n  breaking  request user_id: request parameter removed (String): its field and setter disappear\n\n1 breaking, 0 warning, 0 info\n"
	if text.String() != want {
		t.Errorf("text report:\n%q\nwant\n%q", text.String(), want)
	}
	var colored bytes.Buffer
	WriteText(&colored, changes, true)
	if !strings.Contains(colored.String(), "\x1b[31mbreaking") {
		t.Errorf("colour report lacks red breaking: %q", colored.String())
	}
	var js bytes.Buffer
	WriteJSON(&js, changes)
	var back []map[string]string
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back[0]["level"] != "breaking" || back[0]["path"] != "user_id" || back[0]["kind"] != "param-removed" {
		t.Errorf("json report %s (%v)", js.String(), err)
	}
	js.Reset()
	WriteJSON(&js, nil)
	if strings.TrimSpace(js.String()) != "[]" {
		t.Errorf("no changes must be an empty array, got %s", js.String())
	}
}

// LoadGit reads a spec directory as committed, so a work-tree edit shows
// as a change against HEAD.
func TestLoadGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	gitRun := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitRun("init", "-q")
	specs := filepath.Join(repo, "specs")
	os.MkdirAll(specs, 0o755)
	data, _ := os.ReadFile("../specs/alibaba.omni.order.query.yaml")
	os.WriteFile(filepath.Join(specs, "alibaba.omni.order.query.yaml"), data, 0o644)
	gitRun("add", ".")
	gitRun("commit", "-qm", "specs")
	edited := strings.Replace(string(data), "  - name: out_order_id\n    type: String\n    required: true\n", "  - name: out_order_id\n    type: String\n", 1)
	if edited == string(data) {
		t.Fatal("edit did not apply")
	}
	os.WriteFile(filepath.Join(specs, "alibaba.omni.order.query.yaml"), []byte(edited), 0o644)
	old, err := LoadGit("HEAD", specs)
	if err != nil {
		t.Fatal(err)
	}
	new, err := Load(specs)
	if err != nil {
		t.Fatal(err)
	}
	changes := CompareSets(old, new)
	if len(changes) != 1 || changes[0].Kind != "became-optional" || changes[0].Path != "out_order_id" {
		t.Errorf("changes against HEAD: %+v", changes)
	}
	if _, err := LoadGit("nosuchrev", specs); err == nil {
		t.Errorf("a bad revision gives no error")
	}
}
