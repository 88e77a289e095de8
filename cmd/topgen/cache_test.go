package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/internal/cache"
	"github.com/opentop/topgen/scraper"
	"github.com/opentop/topgen/spec"
)

// TestMain gives the package's tests a cache directory of their own, so
// that every test of generate runs through the cache (and none writes to
// the user's cache directory).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "topgen-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv(cache.Env, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// work records what the scraper and the generator were asked to do.
type work struct {
	mu        sync.Mutex
	scraped   []string // doc base names
	generated []string // methods
}

func (w *work) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	sort.Strings(w.scraped)
	sort.Strings(w.generated)
	return fmt.Sprintf("scraped %v, generated %v", w.scraped, w.generated)
}

// watchWork makes the pipeline record its work in the returned log, and
// gives the test a cache of its own.
func watchWork(t *testing.T) *work {
	t.Helper()
	t.Setenv(cache.Env, t.TempDir())
	w := &work{}
	scrape, units := scrapeDoc, generateUnits
	t.Cleanup(func() { scrapeDoc, generateUnits = scrape, units })
	scrapeDoc = func(path string, data []byte) (*spec.API, []scraper.Warning, error) {
		w.mu.Lock()
		w.scraped = append(w.scraped, filepath.Base(path))
		w.mu.Unlock()
		return scrape(path, data)
	}
	generateUnits = func(apis []*spec.API, opts generator.Options) ([]*generator.Unit, error) {
		w.mu.Lock()
		for _, a := range apis {
			w.generated = append(w.generated, a.Method)
		}
		w.mu.Unlock()
		return units(apis, opts)
	}
	return w
}

// reset empties the log.
func (w *work) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.scraped, w.generated = nil, nil
}

// uncachedTree is the output tree a run without the cache makes from the
// project's sources, config and patches (in a copy of it).
func uncachedTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	fresh := t.TempDir()
	for _, d := range []string{"pages", "specs/patches"} {
		if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
			if err := os.CopyFS(filepath.Join(fresh, d), os.DirFS(filepath.Join(dir, d))); err != nil {
				t.Fatal(err)
			}
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "topgen.yaml"))
	os.WriteFile(filepath.Join(fresh, "topgen.yaml"), cfg, 0o644)
	t.Setenv(cache.Env, "off")
	defer t.Setenv(cache.Env, os.Getenv(cache.Env))
	if code, _, errs := topgen(t, "generate", "-config", filepath.Join(fresh, "topgen.yaml")); code != 0 {
		t.Fatalf("uncached run: %s", errs)
	}
	return outputTree(t, fresh)
}

// generateOK runs generate on cfg and returns its stdout.
func generateOK(t *testing.T, cfg string, args ...string) string {
	t.Helper()
	code, out, errs := topgen(t, append([]string{"generate", "-config", cfg}, args...)...)
	if code != 0 {
		t.Fatalf("generate %v: exit %d: %s", args, code, errs)
	}
	return out
}

var cachePages = []string{"alibaba.omni.order.query.txt", "alibaba.damai.mz.order.detail.txt", "taobao.tbk.coupon.convert.json"}

// A run with nothing changed neither scrapes nor generates, and writes
// nothing; nor does -check.
func TestCacheNoopDoesNoWork(t *testing.T) {
	w := watchWork(t)
	dir, cfg := project(t, cachePages...)
	generateOK(t, cfg)
	if got := w.String(); got != "scraped [alibaba.damai.mz.order.detail.txt alibaba.omni.order.query.txt taobao.tbk.coupon.convert.json], generated [alibaba.damai.mz.order.detail alibaba.omni.order.query taobao.tbk.coupon.convert]" {
		t.Errorf("first run: %s", got)
	}
	for run := range 3 {
		w.reset()
		if out := generateOK(t, cfg); out != "" {
			t.Errorf("no-op %d wrote: %s", run, out)
		}
		if got := w.String(); got != "scraped [], generated []" {
			t.Errorf("no-op %d: %s", run, got)
		}
	}
	w.reset()
	generateOK(t, cfg, "-check")
	if got := w.String(); got != "scraped [], generated []" {
		t.Errorf("-check: %s", got)
	}
	// A no-op does not even rewrite the cache.
	states, _ := filepath.Glob(filepath.Join(os.Getenv(cache.Env), "*"))
	if len(states) != 1 {
		t.Fatalf("cache files: %v", states)
	}
	before, _ := os.Stat(states[0])
	generateOK(t, cfg)
	if after, _ := os.Stat(states[0]); !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
		t.Errorf("a no-op rewrote the cache")
	}
	if got := outputTree(t, dir); !sameTree(got, uncachedTree(t, dir)) {
		t.Errorf("output differs from an uncached run")
	}
}

// An output file that no longer holds what topgen wrote — edited (even in
// place, same size, mtime put back), deleted, or a package doc file — is
// reported by -check and rewritten by generate, regenerating its API only.
func TestCacheHandEditedOutput(t *testing.T) {
	w := watchWork(t)
	dir, cfg := project(t, cachePages...)
	generateOK(t, cfg)
	generateOK(t, cfg) // stamps the files now that they are settled
	want := outputTree(t, dir)
	query := filepath.Join(dir, "gen", "omni", "order_query.go")
	for _, tc := range []struct {
		name string
		edit func()
		file string
		api  string
	}{
		{"appended", func() { appendFile(query, "// mine\n") }, "gen/omni/order_query.go", "alibaba.omni.order.query"},
		{"same size, mtime restored", func() {
			st, _ := os.Stat(query)
			data, _ := os.ReadFile(query)
			i := strings.Index(string(data), "OrderQuery")
			data[i] = 'X'
			os.WriteFile(query, data, 0o644)
			os.Chtimes(query, st.ModTime(), st.ModTime())
		}, "gen/omni/order_query.go", "alibaba.omni.order.query"},
		{"deleted", func() { os.Remove(filepath.Join(dir, "gen", "damai", "mz_order_detail_test.go")) }, "gen/damai/mz_order_detail_test.go", "alibaba.damai.mz.order.detail"},
		{"deleted spec", func() { os.Remove(filepath.Join(dir, "specs", "taobao.tbk.coupon.convert.yaml")) }, "specs/taobao.tbk.coupon.convert.yaml", "taobao.tbk.coupon.convert"},
		{"package doc", func() { appendFile(filepath.Join(dir, "gen", "tbk", "doc.go"), "// mine\n") }, "gen/tbk/doc.go", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.edit()
			code, out, _ := topgen(t, "generate", "-config", cfg, "-check")
			if code != 1 || !strings.Contains(out, filepath.Join(dir, filepath.FromSlash(tc.file))) {
				t.Errorf("-check: exit %d, diff:\n%.500s", code, out)
			}
			w.reset()
			out = generateOK(t, cfg)
			if !strings.Contains(out, filepath.Join(dir, filepath.FromSlash(tc.file))) || strings.Count(out, "\n") != 1 {
				t.Errorf("generate wrote %q, want only %s", out, tc.file)
			}
			wantWork := "scraped [], generated []"
			if tc.api != "" {
				wantWork = "scraped [" + tc.api + filepath.Ext(pageOf(tc.api)) + "], generated [" + tc.api + "]"
			}
			if got := w.String(); got != wantWork {
				t.Errorf("work: %s, want %s", got, wantWork)
			}
			if got := outputTree(t, dir); !sameTree(got, want) {
				t.Errorf("not restored: %s", describe(got, map[string]string{}, want))
			}
		})
	}
}

func pageOf(method string) string {
	for _, p := range cachePages {
		if strings.TrimSuffix(p, filepath.Ext(p)) == method {
			return p
		}
	}
	return ""
}

// A changed patch, config or doc redoes exactly what depends on it, and the
// output is what an uncached run makes.
func TestCacheChangedInputs(t *testing.T) {
	w := watchWork(t)
	dir, cfg := project(t, cachePages...)
	generateOK(t, cfg)
	for _, tc := range []struct {
		name, work string
		change     func()
	}{
		{"patch added", "generated [alibaba.omni.order.query]", func() {
			os.MkdirAll(filepath.Join(dir, "specs", "patches"), 0o755)
			os.WriteFile(filepath.Join(dir, "specs", "patches", "omni.yaml"), []byte("method: alibaba.omni.order.query\nsession: none\n"), 0o644)
		}},
		{"patch changed", "generated [alibaba.omni.order.query]", func() {
			os.WriteFile(filepath.Join(dir, "specs", "patches", "omni.yaml"), []byte("method: alibaba.omni.order.query\nsession: optional\n"), 0o644)
		}},
		{"patch removed", "generated [alibaba.omni.order.query]", func() {
			os.Remove(filepath.Join(dir, "specs", "patches", "omni.yaml"))
		}},
		{"doc changed", "generated [taobao.tbk.coupon.convert]", func() {
			editFile(t, filepath.Join(dir, "pages", "taobao.tbk.coupon.convert.json"), `"apiChineseName": "`, `"apiChineseName": "新 `)
		}},
		{"config changed", "generated [alibaba.damai.mz.order.detail alibaba.omni.order.query taobao.tbk.coupon.convert]", func() {
			appendFile(cfg, "packages:\n  \"alibaba.omni.*\": omnichannel\n")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.change()
			w.reset()
			if out := generateOK(t, cfg); out == "" {
				t.Errorf("nothing written")
			}
			if got := w.String(); !strings.HasSuffix(got, tc.work) {
				t.Errorf("work: %s, want %s", got, tc.work)
			}
			if got, want := outputTree(t, dir), uncachedTree(t, dir); !sameTree(got, want) {
				t.Errorf("output differs from an uncached run: %s", describe(got, map[string]string{}, want))
			}
			if out := generateOK(t, cfg); out != "" {
				t.Errorf("the run after wrote %s", out)
			}
		})
	}
}

// A deleted cache, or a cache of another topgen build, is not used: the
// next run does all the work and writes nothing.
func TestCacheDeletedOrOtherBuild(t *testing.T) {
	w := watchWork(t)
	dir, cfg := project(t, cachePages...)
	generateOK(t, cfg)
	want := outputTree(t, dir)
	all := "scraped [alibaba.damai.mz.order.detail.txt alibaba.omni.order.query.txt taobao.tbk.coupon.convert.json], generated [alibaba.damai.mz.order.detail alibaba.omni.order.query taobao.tbk.coupon.convert]"
	for _, tc := range []struct {
		name   string
		change func()
	}{
		{"deleted", func() { os.RemoveAll(os.Getenv(cache.Env)) }},
		{"another build", func() {
			real := buildID
			buildID = func() string { return "another topgen" }
			t.Cleanup(func() { buildID = real })
		}},
	} {
		tc.change()
		w.reset()
		if out := generateOK(t, cfg); out != "" {
			t.Errorf("%s: wrote %s", tc.name, out)
		}
		if got := w.String(); got != all {
			t.Errorf("%s: %s", tc.name, got)
		}
		if got := outputTree(t, dir); !sameTree(got, want) {
			t.Errorf("%s: output changed", tc.name)
		}
	}
}

// A run interrupted in its rename phase leaves a journal whose renames the
// next run finishes before it judges what is up to date: a file the
// journal still replaces is not taken as clean.
func TestCacheAfterInterruptedRun(t *testing.T) {
	watchWork(t)
	dir, cfg := project(t, cachePages...)
	generateOK(t, cfg)
	generateOK(t, cfg)
	want := outputTree(t, dir)
	// A run for other inputs staged its version of order_query.go and was
	// killed before renaming it (the journal format of writefile).
	staging := filepath.Join(dir, "gen", ".topgen-staging")
	os.MkdirAll(staging, 0o755)
	os.WriteFile(filepath.Join(staging, "0"), []byte("// Code generated by topgen. DO NOT EDIT.\n\npackage omni // of other inputs\n"), 0o644)
	os.WriteFile(filepath.Join(staging, "journal"), []byte(`{"topgen_journal":1,"ops":[{"staged":"0","target":"../omni/order_query.go"}]}`), 0o644)
	out := generateOK(t, cfg)
	if !strings.Contains(out, filepath.Join(dir, "gen", "omni", "order_query.go")) {
		t.Errorf("the file the journal replaced was not regenerated; wrote %q", out)
	}
	if got := outputTree(t, dir); !sameTree(got, want) {
		t.Errorf("after the run: %s", describe(got, map[string]string{}, want))
	}
}
