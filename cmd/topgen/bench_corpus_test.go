package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/cache"
)

// corpusProject is a topgen.yaml in a temp dir whose one source is a flat
// folder with a copy of every corpus doc under corpusDir/glob (catelog.json
// indexes and the two nameless stub docs left out: 4,885 docs for "*"),
// the setup of scripts/bench-generate.sh.
func corpusProject(b *testing.B, glob string) (dir, cfg string) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, glob, "*.json"))
	if len(files) == 0 {
		b.Skip("catalog corpus not present at " + corpusDir)
	}
	dir = b.TempDir()
	pages := filepath.Join(dir, "pages")
	os.Mkdir(pages, 0o755)
	for _, f := range files {
		if name := filepath.Base(f); name != "catelog.json" && !strings.HasPrefix(name, ".") {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			os.WriteFile(filepath.Join(pages, name), data, 0o644)
		}
	}
	cfg = filepath.Join(dir, "topgen.yaml")
	os.WriteFile(cfg, []byte("sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/catalog/gen\n"), 0o644)
	return dir, cfg
}

// BenchmarkGenerateCorpus runs the CLI's entry point, `topgen generate`, on
// the whole corpus: scrape, patches, spec YAML, Go, plan and write.
//
//	cold     specs/, gen/ and the cache removed before each run (not timed)
//	noop     nothing changed since the last run (the first no-op after a
//	         run that wrote everything reads every output once)
//	one-doc  one doc's description changed since the last run
//
// Reproduce and profile: go test -run '^$' -bench GenerateCorpus/cold
// -benchtime 3x -cpuprofile cold.prof ./cmd/topgen
func BenchmarkGenerateCorpus(b *testing.B) {
	benchmarkGenerateCorpus(b, "*")
}

// BenchmarkGenerateGroup is the same for the tbk group (45 APIs).
func BenchmarkGenerateGroup(b *testing.B) {
	benchmarkGenerateCorpus(b, "tbk")
}

func benchmarkGenerateCorpus(b *testing.B, glob string) {
	dir, cfg := corpusProject(b, glob)
	b.Setenv(cache.Env, filepath.Join(dir, "cache"))
	generate := func(b *testing.B) {
		var out, errs strings.Builder
		if code := run([]string{"generate", "-config", cfg}, &out, &errs); code != 0 {
			b.Fatalf("exit %d: %s", code, errs.String())
		}
	}
	clean := func() {
		for _, d := range []string{"specs", "gen", "cache"} {
			os.RemoveAll(filepath.Join(dir, d))
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			clean()
			b.StartTimer()
			generate(b)
		}
	})
	b.Run("noop", func(b *testing.B) {
		generate(b)
		for b.Loop() {
			generate(b)
		}
	})
	doc := filepath.Join(dir, "pages", "taobao_tbk_coupon_get.json")
	orig, err := os.ReadFile(doc)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("one-doc", func(b *testing.B) {
		generate(b)
		edits := []string{"商品ID（改）", "商品ID"}
		n := 0
		for b.Loop() {
			b.StopTimer()
			edited := strings.Replace(string(orig), `"description": "商品ID"`, `"description": "`+edits[n%2]+`"`, 1)
			n++
			os.WriteFile(doc, []byte(edited), 0o644)
			b.StartTimer()
			generate(b)
		}
	})
}
