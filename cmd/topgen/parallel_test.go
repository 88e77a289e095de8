package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/internal/slowtest"
)

// generateWith runs topgen generate on a fresh copy of the project made by
// setup, with GOMAXPROCS procs, and returns the exit code, stdout and
// stderr (the project directory replaced by "DIR") and the output tree.
func generateWith(t *testing.T, procs int, setup func(dir string)) (int, string, string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	setup(dir)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	code, out, errs := topgen(t, "generate", "-config", filepath.Join(dir, "topgen.yaml"))
	return code, strings.ReplaceAll(out, dir, "DIR"), strings.ReplaceAll(errs, dir, "DIR"), outputTree(t, dir)
}

// The parallel pipeline (scrape, spec YAML, generation, writing) gives
// byte-identical output, and the same messages in the same order, as a
// sequential run (GOMAXPROCS=1), on every run.
func TestGenerateParallelMatchesSequential(t *testing.T) {
	good := func(dir string) {
		syntheticProject(t, dir, []int{0, 1}, "v1")
		pages, _ := filepath.Glob("../../pages/*.txt")
		for _, p := range pages {
			data, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(dir, "pages", filepath.Base(p)), data, 0o644)
		}
	}
	code, out, errs, want := generateWith(t, 1, good)
	if code != 0 {
		t.Fatalf("sequential run: %s", errs)
	}
	t.Logf("%d files and directories", len(want))
	for run := range 2 {
		c, o, e, got := generateWith(t, 8, good)
		if c != code || o != out || e != errs {
			t.Errorf("run %d: exit %d, messages differ from the sequential run:\n%s\n%s\nwant exit %d:\n%s\n%s", run, c, o, e, code, out, errs)
		}
		if !sameTree(got, want) {
			t.Errorf("run %d: output differs from the sequential run: %s", run, describe(got, map[string]string{}, want))
		}
	}

	// Bad docs: every one is reported, in file order, on every run.
	bad := func(dir string) {
		good(dir)
		for _, name := range []string{"a-bad.txt", "m-bad.txt", "z-bad.txt"} {
			os.WriteFile(filepath.Join(dir, "pages", name), []byte("alibaba.x.y (坏)\n请求参数\n"), 0o644)
		}
		data, _ := os.ReadFile(filepath.Join(dir, "pages", "alibaba.omni.order.query.txt"))
		os.WriteFile(filepath.Join(dir, "pages", "copy-of-omni.txt"), data, 0o644)
	}
	code, out, errs, _ = generateWith(t, 1, bad)
	if code != 1 || strings.Count(errs, "bad.txt:") != 3 || !strings.Contains(errs, "documents alibaba.omni.order.query, which") {
		t.Fatalf("sequential run on bad docs: exit %d:\n%s", code, errs)
	}
	for run := range 1 {
		if c, o, e, _ := generateWith(t, 8, bad); c != code || o != out || e != errs {
			t.Errorf("run %d on bad docs: exit %d:\n%s\nwant exit %d:\n%s", run, c, e, code, errs)
		}
	}
}

// On the whole catalog, generator.Generate in parallel is byte-identical
// to a sequential run.
func TestCatalogParallelMatchesSequential(t *testing.T) {
	slowtest.Require(t, "sequential and parallel generation of the catalog")
	apis, _ := loadCatalog(t)
	opts := generator.Options{ImportPath: "catalog/gen"}
	prev := runtime.GOMAXPROCS(1)
	want, err := generator.Generate(apis, opts)
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	got, err := generator.Generate(apis, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d files in parallel, %d sequentially", len(got), len(want))
	}
	for name, data := range want {
		if string(got[name]) != string(data) {
			t.Errorf("%s differs", name)
		}
	}
}
