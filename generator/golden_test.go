package generator

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/golden"
	"github.com/opentop/topgen/spec"
)

// goldenRoot holds the generator's golden cases: <case>/spec/*.yaml in,
// <case>/want/<package>/*.go out (or <case>/error.txt for specs Generate
// must refuse). The want/ trees are ordinary packages of this module, so
// `go vet ./...` and `go test ./...` compile them and run their fixture
// tests: a golden output that does not compile fails the build.
const goldenRoot = "../golden/gen"

// loadCase reads a case's specs without validating them (Generate must
// refuse invalid ones itself); Source is the file name, as the scraper
// sets it.
func loadCase(t *testing.T, dir string) []*spec.API {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "spec", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	var apis []*spec.API
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := spec.Unmarshal(filepath.Base(p), data)
		if err != nil {
			t.Fatal(err)
		}
		if a.Source == "" {
			a.Source = filepath.Base(p)
		}
		apis = append(apis, a)
	}
	return apis
}

func TestGolden(t *testing.T) {
	cases, err := os.ReadDir(goldenRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join(goldenRoot, c.Name())
			apis := loadCase(t, dir)
			files, err := Generate(apis, Options{ImportPath: "github.com/opentop/topgen/golden/gen/" + c.Name() + "/want", TestImports: []string{goldenPkg}})
			errPath := filepath.Join(dir, "error.txt")
			if err != nil {
				if files != nil {
					t.Errorf("Generate returned files with an error")
				}
				golden.Check(t, errPath, []byte(err.Error()+"\n"))
				return
			}
			if _, statErr := os.Stat(errPath); statErr == nil && !golden.Updating() {
				t.Fatalf("Generate succeeded; %s expects an error", errPath)
			}
			want := filepath.Join(dir, "want")
			for _, name := range sortedNames(files) {
				golden.Check(t, filepath.Join(want, filepath.FromSlash(name)), files[name])
			}
			// Golden files no longer generated.
			_ = filepath.WalkDir(want, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(want, p)
				if _, ok := files[filepath.ToSlash(rel)]; !ok {
					if golden.Updating() {
						return os.Remove(p)
					}
					t.Errorf("%s is not generated any more; run with -update to remove it", p)
				}
				return nil
			})
		})
	}
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TestHostileOutput checks what the compiler cannot: that no text from the
// hostile spec became code. Every "func init" in its doc text must sit in
// a comment or a string literal, so the generated files declare no init.
func TestHostileOutput(t *testing.T) {
	apis := loadCase(t, filepath.Join(goldenRoot, "hostile"))
	files, err := Generate(apis, Options{ImportPath: "example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedNames(files) {
		for i, line := range strings.Split(string(files[name]), "\n") {
			trimmed := strings.TrimSpace(line)
			if strings.HasPrefix(trimmed, "func init") || strings.HasPrefix(trimmed, "}") && strings.Contains(trimmed, "func init") {
				t.Errorf("%s:%d: injected code: %s", path.Base(name), i+1, line)
			}
			if strings.ContainsAny(line, "\u2028\u2029") && !strings.Contains(line, "`") && !strings.Contains(line, `"`) {
				t.Errorf("%s:%d: line separator outside a string literal", name, i+1)
			}
		}
	}
}
