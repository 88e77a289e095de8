package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/internal/slowtest"
	"github.com/opentop/topgen/scraper"
	"github.com/opentop/topgen/spec"
)

// corpusDir is the structured-JSON catalog beside the repo (CI has it);
// it is never committed, and tests using it skip when it is absent.
const corpusDir = "../../../shared/corpus/top-json"

// loadCatalog scrapes every catalog doc in parallel. It returns the specs
// sorted by method and the docs that could not be read, with why.
func loadCatalog(tb testing.TB) ([]*spec.API, []string) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	if len(files) == 0 {
		tb.Skip("catalog corpus not present at " + corpusDir)
	}
	var docs []string
	for _, f := range files {
		if filepath.Base(f) != "catelog.json" {
			docs = append(docs, f)
		}
	}
	apis := make([]*spec.API, len(docs))
	errs := make([]string, len(docs))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				data, err := os.ReadFile(docs[i])
				if err == nil {
					apis[i], _, err = scraper.Parse(filepath.Base(docs[i]), data) // the reader and the detection, as scrape runs them
				}
				if err != nil {
					errs[i] = err.Error()
				}
			}
		}()
	}
	for i := range docs {
		work <- i
	}
	close(work)
	wg.Wait()
	var out []*spec.API
	var failed []string
	for i, a := range apis {
		if a != nil {
			out = append(out, a)
		} else {
			failed = append(failed, errs[i])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Method < out[j].Method })
	return out, failed
}

// Every catalog API generates, and the whole generated catalog builds,
// vets and passes its own generated tests as one module: the corpus docs
// have no examples, so those are the request, paging and decoding tests
// of 4,885 APIs (they found a decoder that took a field named
// product_list_response for an envelope). It takes minutes, so it runs
// with TOPGEN_CATALOG=1 (CI) only.
func TestCatalogCompiles(t *testing.T) {
	slowtest.Require(t, "building the whole generated catalogue")
	apis, failed := loadCatalog(t)
	for _, f := range failed {
		// The two stub docs (an id and no name) are the only ones the
		// scraper cannot read; say so and keep going.
		if !strings.HasPrefix(f, ".json: ") {
			t.Errorf("unreadable doc: %s", f)
		}
	}
	mod := t.TempDir()
	files, err := generator.Generate(apis, generator.Options{ImportPath: "catalog/gen"})
	if err != nil {
		t.Fatalf("generating the catalog: %v", err)
	}
	for name, data := range files {
		p := filepath.Join(mod, "gen", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, _ := filepath.Abs("../..")
	gomod := "module catalog\n\ngo 1.26\n\nrequire github.com/opentop/topgen v0.0.0\n\nreplace github.com/opentop/topgen => " + root + "\n"
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte(gomod), 0o644)
	sum, _ := os.ReadFile(filepath.Join(root, "go.sum"))
	os.WriteFile(filepath.Join(mod, "go.sum"), sum, 0o644)
	t.Logf("%d APIs, %d files generated", len(apis), len(files))
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-vet=off", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s in the generated catalog: %v\n%.5000s", strings.Join(args, " "), err, failures(out))
		}
	}
}

// failures drops the lines of go test's output that report a passing
// package, so the cap on the message keeps what failed.
func failures(out []byte) string {
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(l, "ok  \t") && !strings.HasPrefix(l, "?   \t") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// BenchmarkCatalog measures the catalog JSON → specs → Go source, the
// whole pipeline but the writing.
func BenchmarkCatalog(b *testing.B) {
	for b.Loop() {
		apis, _ := loadCatalog(b)
		if _, err := generator.Generate(apis, generator.Options{ImportPath: "catalog/gen"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCatalogGroup measures one API group (the corpus folder tbk,
// Taobao affiliate APIs) from JSON docs to Go source.
func BenchmarkCatalogGroup(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "tbk", "*.json"))
	if len(files) == 0 {
		b.Skip("catalog corpus not present")
	}
	var docs [][]byte
	var names []string
	for _, f := range files {
		if filepath.Base(f) == "catelog.json" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs, names = append(docs, data), append(names, filepath.Base(f))
	}
	b.ReportMetric(float64(len(docs)), "apis")
	for b.Loop() {
		var apis []*spec.API
		for i, d := range docs {
			a, _, err := scraper.Parse(names[i], d)
			if err != nil {
				b.Fatal(err)
			}
			apis = append(apis, a)
		}
		if _, err := generator.Generate(apis, generator.Options{ImportPath: "catalog/gen"}); err != nil {
			b.Fatal(err)
		}
	}
}

// Locality on real data: in the catalog's largest package, changing one
// API's doc (a response field added, a request parameter made required)
// changes that API's two files and nothing else.
func TestCatalogSampleLocality(t *testing.T) {
	apis, _ := loadCatalog(t)
	byPkg := map[string][]*spec.API{}
	for _, a := range apis {
		pkg := strings.Split(a.Method, ".")[1]
		byPkg[pkg] = append(byPkg[pkg], a)
	}
	largest := ""
	for pkg, list := range byPkg {
		if len(list) > len(byPkg[largest]) || (len(list) == len(byPkg[largest]) && pkg < largest) {
			largest = pkg
		}
	}
	sample := byPkg[largest]
	opts := generator.Options{ImportPath: "catalog/gen"}
	before, err := generator.Generate(sample, opts)
	if err != nil {
		t.Fatal(err)
	}
	// Edit a copy of one API with both a request and a response.
	var target *spec.API
	for _, a := range sample {
		if len(a.Request) > 0 && len(a.Response) > 0 {
			target = a
			break
		}
	}
	if target == nil {
		t.Skip("no API with request and response in package " + largest)
	}
	data, _ := spec.Marshal(target)
	edited, err := spec.Unmarshal("copy", data)
	if err != nil {
		t.Fatal(err)
	}
	edited.Response = append(edited.Response, &spec.Param{Name: "added_by_test", Type: "String"})
	edited.Request[0].Required = !edited.Request[0].Required
	var changedSample []*spec.API
	for _, a := range sample {
		if a == target {
			a = edited
		}
		changedSample = append(changedSample, a)
	}
	after, err := generator.Generate(changedSample, opts)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for name, b := range after {
		if string(before[name]) != string(b) {
			changed = append(changed, name)
		}
	}
	sort.Strings(changed)
	if len(changed) != 2 || !strings.HasSuffix(changed[0], ".go") || !strings.HasSuffix(changed[1], "_test.go") ||
		strings.TrimSuffix(changed[0], ".go") != strings.TrimSuffix(changed[1], "_test.go") {
		t.Errorf("package %s (%d APIs): editing %s changed %v, want only its .go and _test.go", largest, len(sample), target.Method, changed)
	}
	t.Logf("package %s: %d APIs, edited %s, changed %v", largest, len(sample), target.Method, changed)
}
