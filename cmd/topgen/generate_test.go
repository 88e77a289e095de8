package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// project makes a config in a temp dir with the given bundled pages.
func project(t *testing.T, pages ...string) (dir, cfg string) {
	t.Helper()
	dir = t.TempDir()
	os.MkdirAll(filepath.Join(dir, "pages"), 0o755)
	for _, p := range pages {
		data, err := os.ReadFile(filepath.Join("../../pages", p))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "pages", p), data, 0o644)
	}
	cfg = filepath.Join(dir, "topgen.yaml")
	os.WriteFile(cfg, []byte("sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/shop/gen\n"), 0o644)
	return dir, cfg
}

// snapshot maps every file under dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

func keys(m map[string]string) string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	sort.Strings(k)
	return strings.Join(k, " ")
}

func TestGenerateCheckAndStaleFiles(t *testing.T) {
	dir, cfg := project(t, "alibaba.omni.order.query.txt", "alibaba.damai.mz.order.detail.txt")
	// Before the first run the output is stale: -check says so with a diff
	// and writes nothing.
	code, out, _ := topgen(t, "generate", "-config", cfg, "-check")
	if code != 1 || !strings.Contains(out, "+++ "+filepath.Join(dir, "gen", "omni", "order_query.go")) {
		t.Fatalf("-check before generating: exit %d, output %.300s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "gen")); err == nil {
		t.Fatalf("-check wrote output")
	}
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errs)
	}
	for _, f := range []string{"specs/alibaba.omni.order.query.yaml", "gen/omni/order_query.go", "gen/omni/order_query_test.go", "gen/damai/mz_order_detail.go", "gen/damai/doc.go"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if code, out, _ := topgen(t, "generate", "-config", cfg, "-check"); code != 0 || out != "" {
		t.Errorf("-check after generating: exit %d, output %q", code, out)
	}
	if code, out, _ := topgen(t, "generate", "-config", cfg); code != 0 || out != "" {
		t.Errorf("a no-op run wrote: %q", out)
	}

	// Remove an API from the sources: its generated files and spec go, a
	// hand-written file in the same package stays.
	hand := filepath.Join(dir, "gen", "damai", "client.go")
	os.WriteFile(hand, []byte("package damai\n\n// Hand-written.\n"), 0o644)
	os.Remove(filepath.Join(dir, "pages", "alibaba.damai.mz.order.detail.txt"))
	code, out, errs := topgen(t, "generate", "-config", cfg)
	if code != 0 {
		t.Fatalf("generate: %s", errs)
	}
	for _, gone := range []string{"gen/damai/mz_order_detail.go", "gen/damai/mz_order_detail_test.go", "gen/damai/doc.go", "specs/alibaba.damai.mz.order.detail.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("stale %s not removed", gone)
		}
		if !strings.Contains(out, "removed "+filepath.Join(dir, gone)) {
			t.Errorf("output does not report removing %s:\n%s", gone, out)
		}
	}
	if b, err := os.ReadFile(hand); err != nil || string(b) != "package damai\n\n// Hand-written.\n" {
		t.Errorf("hand-written file touched: %v", err)
	}
}

// Changing one API's doc changes only that API's files.
func TestGenerateLocality(t *testing.T) {
	dir, cfg := project(t, "alibaba.damai.mz.order.create.txt", "alibaba.damai.mz.order.detail.txt", "alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus.txt")
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatal(errs)
	}
	before := snapshot(t, dir)
	page := filepath.Join(dir, "pages", "alibaba.damai.mz.order.create.txt")
	data, _ := os.ReadFile(page)
	edited := strings.Replace(string(data), "  • 订单备注\n", "  • 订单备注(最多200字)\n", 1)
	if edited == string(data) {
		t.Fatal("edit did not apply")
	}
	os.WriteFile(page, []byte(edited), 0o644)
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatal(errs)
	}
	after := snapshot(t, dir)
	var changed []string
	for f, b := range after {
		if before[f] != b {
			changed = append(changed, f)
		}
	}
	sort.Strings(changed)
	want := "gen/damai/mz_order_create.go pages/alibaba.damai.mz.order.create.txt specs/alibaba.damai.mz.order.create.yaml"
	if strings.Join(changed, " ") != want {
		t.Errorf("changed files: %v\nwant only: %s", changed, want)
	}
}

// Bad input exits 1 naming the problem and writes nothing.
func TestGenerateBadInputWritesNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(dir, cfg string)
		want  string
	}{
		{"unknown config key", func(dir, cfg string) { appendFile(cfg, "colour: red\n") }, "topgen.yaml:5: field colour not found"},
		{"missing source", func(dir, cfg string) {
			os.WriteFile(cfg, []byte("sources: [nope]\nspecs: specs\noutput: gen\nimport_path: example.com/shop/gen\n"), 0o644)
		}, "topgen.yaml:1: sources: nope does not exist"},
		{"glob that matches nothing", func(dir, cfg string) { appendFile(cfg, "include: [\"taobao.trade.*\"]\n") }, `include: glob "taobao.trade.*" matches no method`},
		{"two docs for one method", func(dir, cfg string) {
			data, _ := os.ReadFile(filepath.Join(dir, "pages", "alibaba.omni.order.query.txt"))
			os.WriteFile(filepath.Join(dir, "pages", "copy.txt"), data, 0o644)
		}, "documents alibaba.omni.order.query, which"},
		{"bad page", func(dir, cfg string) {
			os.WriteFile(filepath.Join(dir, "pages", "bad.txt"), []byte("alibaba.x.y (坏)\n请求参数\n"), 0o644)
		}, "bad.txt:2: page ends without the 响应参数 section"},
		{"fetch method never downloaded", func(dir, cfg string) { appendFile(cfg, "fetch: [taobao.tbk.coupon.convert]\n") },
			"fetch lists taobao.tbk.coupon.convert, but no source documents it; run topgen generate -fetch"},
		{"patch for an unknown method", func(dir, cfg string) {
			os.MkdirAll(filepath.Join(dir, "specs", "patches"), 0o755)
			os.WriteFile(filepath.Join(dir, "specs", "patches", "x.yaml"), []byte("method: taobao.nope.get\n"), 0o644)
		}, "patches taobao.nope.get, which no source documents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, cfg := project(t, "alibaba.omni.order.query.txt")
			tc.setup(dir, cfg)
			before := keys(snapshot(t, dir))
			code, _, errs := topgen(t, "generate", "-config", cfg)
			if code != 1 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant 1 and %q", code, errs, tc.want)
			}
			if after := keys(snapshot(t, dir)); after != before {
				t.Errorf("files written on bad input:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func appendFile(path, s string) {
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(s)
	f.Close()
}

// The bundled pages regenerate to the checked-in specs/ and generated/
// with no change: the README's main job is a no-op on a clean clone.
func TestBundledOutputUpToDate(t *testing.T) {
	code, out, errs := topgen(t, "generate", "-config", "../../topgen.yaml", "-check")
	if code != 0 {
		t.Errorf("specs/ or generated/ is stale; run go run ./cmd/topgen generate\n%s\n%.3000s", errs, out)
	}
}

// The config's package and type-name overrides reach the generated code.
func TestGenerateOverrides(t *testing.T) {
	dir, cfg := project(t, "alibaba.omni.order.query.txt", "alibaba.damai.mz.order.create.txt")
	appendFile(cfg, `packages:
  "alibaba.omni.*": omnichannel
types:
  "alibaba.damai.mz.order.create response:result": CreateResult
`)
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatal(errs)
	}
	query, err := os.ReadFile(filepath.Join(dir, "gen", "omnichannel", "order_query.go"))
	if err != nil || !strings.Contains(string(query), "package omnichannel\n") {
		t.Errorf("package override: %v", err)
	}
	create, _ := os.ReadFile(filepath.Join(dir, "gen", "damai", "mz_order_create.go"))
	if !strings.Contains(string(create), "Result *CreateResult `json:\"result\" xml:\"result\"`") || !strings.Contains(string(create), "type CreateResult struct") {
		t.Errorf("type override not applied:\n%.2000s", create)
	}
	if code, _, errs := topgen(t, "generate", "-config", cfg, "-check"); code != 0 {
		t.Errorf("overridden output is not stable: %s", errs)
	}
}

// topgen gen, given this repository's test import, reproduces generated/.
func TestGenUpToDate(t *testing.T) {
	code, out, errs := topgen(t, "gen", "-specs", "../../specs", "-o", "../../generated", "-test-import", "github.com/opentop/topgen/internal/golden", "-check")
	if code != 0 {
		t.Errorf("topgen gen -check: exit %d\n%s\n%.2000s", code, errs, out)
	}
	if code, _, _ := topgen(t, "gen", "-specs", t.TempDir(), "-o", t.TempDir(), "-import", "x/y"); code != 1 {
		t.Errorf("gen without specs: exit %d, want 1", code)
	}
}

func benchmarkGenerate(b *testing.B, args ...string) {
	// A copy of the bundled project, generated once, so every run is a
	// no-op.
	dir := b.TempDir()
	for _, d := range []string{"pages", "specs", "generated"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			b.Fatal(err)
		}
	}
	data, _ := os.ReadFile("../../topgen.yaml")
	cfg := filepath.Join(dir, "topgen.yaml")
	os.WriteFile(cfg, data, 0o644)
	var out, errs strings.Builder
	for b.Loop() {
		out.Reset()
		errs.Reset()
		if code := run(append([]string{"generate", "-config", cfg}, args...), &out, &errs); code != 0 || out.Len() != 0 {
			b.Fatalf("exit %d, wrote %q: %s", code, out.String(), errs.String())
		}
	}
}

// BenchmarkGenerateNoop: topgen generate on the bundled config when
// nothing changed (16 docs scraped, generated, compared; nothing written).
func BenchmarkGenerateNoop(b *testing.B) { benchmarkGenerate(b) }

// BenchmarkGenerateCheck: the same with -check.
func BenchmarkGenerateCheck(b *testing.B) { benchmarkGenerate(b, "-check") }
