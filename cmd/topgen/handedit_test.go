package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const createMethod = "alibaba.damai.mz.order.create"

// editFile replaces text in a file as a person would, failing when the
// text is not there.
func editFile(t *testing.T, path string, pairs ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%s has no %q", path, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// generated runs generate on a fresh project of the create page.
func generated(t *testing.T) (dir, cfg, specFile string) {
	t.Helper()
	dir, cfg = project(t, createMethod+".txt", "alibaba.omni.order.query.txt")
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatalf("generate: %s", errs)
	}
	return dir, cfg, filepath.Join(dir, "specs", createMethod+".yaml")
}

const typeEdit = "          - name: need_online_pay\n            type: Boolean\n"

// generate and generate -check stop at a hand-edited spec, write nothing,
// and print the patch that keeps the edit; topgen patch writes it, and
// generate then keeps the edit.
func TestHandEditKeptAsPatch(t *testing.T) {
	dir, cfg, specFile := generated(t)
	editFile(t, specFile, typeEdit, strings.Replace(typeEdit, "Boolean", "String", 1), "session: none\n", "session: required\n")
	before := snapshot(t, dir)
	wantPatch := "method: " + createMethod + `
session: required
changes:
  - at: response:result/data/need_online_pay
    set:
      type: String
`
	for _, args := range [][]string{{"generate", "-config", cfg, "-check"}, {"generate", "-config", cfg}} {
		code, out, errs := topgen(t, args...)
		if code != 1 || out != "" {
			t.Errorf("%v: exit %d, stdout %.200q; want 1 and nothing", args, code, out)
		}
		for _, want := range []string{
			"topgen generate: " + specFile + " was edited by hand; generating would undo the edit.\n",
			"a correction belongs in " + filepath.Join(dir, "specs", "patches", createMethod+".yaml"),
			"To keep it, run `topgen patch " + createMethod + "`, which writes this patch there:\n",
			"    " + strings.ReplaceAll(strings.TrimSuffix(wantPatch, "\n"), "\n", "\n    ") + "\n",
			"To drop the edit, delete " + specFile + " and run topgen generate.\n",
			"topgen generate: 1 spec was edited by hand; nothing was written\n",
		} {
			if !strings.Contains(errs, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, errs)
			}
		}
		if after := snapshot(t, dir); keys(after) != keys(before) || after[filepath.Join("specs", createMethod+".yaml")] != before[filepath.Join("specs", createMethod+".yaml")] {
			t.Errorf("%v wrote files", args)
		}
	}

	code, out, errs := topgen(t, "patch", createMethod, "-config", cfg)
	if code != 0 || !strings.Contains(out, "wrote "+filepath.Join(dir, "specs", "patches", createMethod+".yaml")) {
		t.Fatalf("patch: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "specs", "patches", createMethod+".yaml"))
	if string(got) != wantPatch {
		t.Errorf("patch file:\n%s\nwant:\n%s", got, wantPatch)
	}
	edited, _ := os.ReadFile(specFile)
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatalf("generate after patch: %s", errs)
	}
	now, _ := os.ReadFile(specFile)
	if string(now) != string(edited) {
		t.Errorf("generate changed the patched spec")
	}
	goFile, _ := os.ReadFile(filepath.Join(dir, "gen", "damai", "mz_order_create.go"))
	if !strings.Contains(string(goFile), "NeedOnlinePay string") || !strings.Contains(string(goFile), "return true") {
		t.Errorf("the Go code does not carry the edit")
	}
	if code, out, _ := topgen(t, "generate", "-config", cfg, "-check"); code != 0 || out != "" {
		t.Errorf("-check after: exit %d, %q", code, out)
	}
}

// A spec that is as topgen wrote it but differs from its doc is stale,
// not edited: -check says so and generate rewrites it; topgen patch will
// not pin the old doc.
func TestStaleSpecIsNoHandEdit(t *testing.T) {
	dir, cfg, specFile := generated(t)
	editFile(t, filepath.Join(dir, "pages", createMethod+".txt"), "  • 订单备注\n", "  • 订单备注(最多200字)\n")
	code, _, errs := topgen(t, "generate", "-config", cfg, "-check")
	if code != 1 || strings.Contains(errs, "edited by hand") || !strings.Contains(errs, "stale; run topgen generate") {
		t.Errorf("-check: exit %d, stderr:\n%s", code, errs)
	}
	code, _, errs = topgen(t, "patch", "-config", cfg, createMethod)
	if code != 1 || !strings.Contains(errs, "is as topgen wrote it, not edited by hand: it is stale, run topgen generate") {
		t.Errorf("patch of a stale spec: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Errorf("generate: %s", errs)
	}
	if data, _ := os.ReadFile(specFile); !strings.Contains(string(data), "订单备注(最多200字)") {
		t.Error("the stale spec was not rewritten")
	}
	// A spec without a checksum (written by hand from scratch, or by an
	// older topgen) cannot be told apart: it is rewritten as stale.
	data, _ := os.ReadFile(specFile)
	unstamped := strings.Replace(string(data[:strings.Index(string(data), "# Derived by topgen")]), "订单备注(最多200字)", "x", 1)
	os.WriteFile(specFile, []byte(unstamped), 0o644)
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Errorf("generate over an unstamped spec: %s", errs)
	}
}

// An existing patch stays first; the edit's changes follow it.
func TestPatchExtendsExistingPatch(t *testing.T) {
	dir, cfg, specFile := generated(t)
	patchFile := filepath.Join(dir, "specs", "patches", createMethod+".yaml")
	os.MkdirAll(filepath.Dir(patchFile), 0o755)
	os.WriteFile(patchFile, []byte("method: "+createMethod+"\nchanges:\n  - at: request:param/remark\n    remove: true\n"), 0o644)
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatal(errs)
	}
	editFile(t, specFile, typeEdit, strings.Replace(typeEdit, "Boolean", "String", 1))
	if code, _, errs := topgen(t, "patch", "-config", cfg, createMethod); code != 0 {
		t.Fatal(errs)
	}
	got, _ := os.ReadFile(patchFile)
	want := "method: " + createMethod + `
changes:
  - at: request:param/remark
    remove: true
  - at: response:result/data/need_online_pay
    set:
      type: String
`
	if string(got) != want {
		t.Errorf("patch:\n%s\nwant:\n%s", got, want)
	}
	if code, out, errs := topgen(t, "generate", "-config", cfg, "-check"); code != 1 || strings.Contains(errs, "edited by hand") ||
		!strings.Contains(out, "NeedOnlinePay string") {
		t.Errorf("after patch only the Go code is stale: exit %d, stderr %q", code, errs)
	}
}

// An edit a patch cannot hold is named, with how to drop it; topgen patch
// refuses it with the same reason.
func TestHandEditPatchesCannotHold(t *testing.T) {
	_, cfg, specFile := generated(t)
	editFile(t, specFile, "title: 创建订单API\n", "title: 下单\n")
	code, _, errs := topgen(t, "generate", "-config", cfg)
	if code != 1 || !strings.Contains(errs, "The edit cannot be kept as a patch: the edit changes title, which patches cannot") ||
		!strings.Contains(errs, "To drop the edit, delete "+specFile) {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	code, _, errs = topgen(t, "patch", "-config", cfg, createMethod)
	if code != 1 || !strings.Contains(errs, "topgen patch: "+specFile+": the edit cannot be kept as a patch: the edit changes title") {
		t.Errorf("patch: exit %d, stderr %q", code, errs)
	}
	code, _, errs = topgen(t, "patch", "-config", cfg, "taobao.no.such")
	if code != 1 || !strings.Contains(errs, "topgen patch: taobao.no.such: no source documents it") {
		t.Errorf("patch of an unknown method: exit %d, stderr %q", code, errs)
	}
}

// An edit that breaks the YAML is reported as such.
func TestHandEditThatDoesNotParse(t *testing.T) {
	_, cfg, specFile := generated(t)
	editFile(t, specFile, "session: none\n", "session: [\n")
	code, _, errs := topgen(t, "generate", "-config", cfg)
	if code != 1 || !strings.Contains(errs, "topgen generate: "+specFile+" was edited by hand and no longer reads: ") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
