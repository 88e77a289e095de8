package scraper

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/golden"
	"github.com/opentop/topgen/spec"
)

// Each bundled page scrapes to its checked-in spec, byte for byte: specs/ is
// the golden output of pages/ (go test -update rewrites both it and the
// tree files; review the diff).
func TestBundledPagesGolden(t *testing.T) {
	pages, err := filepath.Glob("../pages/*.txt")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no bundled pages: %v", err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".txt")
		t.Run(name, func(t *testing.T) {
			api := mustParse(t, page)
			if api.Method != name {
				t.Errorf("page %s is named after %s but documents %s", page, name, api.Method)
			}
			data, err := spec.Marshal(api)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("..", "specs", api.Method+".yaml"), data)
			golden.Check(t, filepath.Join("..", "golden", "tree", api.Method+".tree"), []byte(api.Tree()))
		})
	}
}

// The stress cases under golden/scrape/<case>/ carry a hand-written true
// tree (want.tree, never rewritten by -update) and the spec the scraper
// gives (want.yaml, rewritten by -update).
func TestStressPages(t *testing.T) {
	dirs, _ := filepath.Glob("../golden/scrape/*/page.txt")
	if len(dirs) == 0 {
		t.Skip("no stress pages")
	}
	for _, page := range dirs {
		dir := filepath.Dir(page)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			api := mustParse(t, page)
			want, err := os.ReadFile(filepath.Join(dir, "want.tree"))
			if err != nil {
				t.Fatal(err)
			}
			if got := api.Tree(); got != string(want) {
				t.Errorf("tree differs from the true tree in want.tree:\n%s", lineDiff(string(want), got))
			}
			data, err := spec.Marshal(api)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(dir, "want.yaml"), data)
		})
	}
}

func mustParse(t *testing.T, path string) *spec.API {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	api, _, err := Parse(filepath.Base(path), data) // the reader and the detection, as scrape runs them
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// lineDiff lists the lines only in want (-) and only in got (+), in order.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	inW, inG := map[string]bool{}, map[string]bool{}
	for _, l := range w {
		inW[l] = true
	}
	for _, l := range g {
		inG[l] = true
	}
	var b strings.Builder
	for _, l := range w {
		if !inG[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !inW[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	if b.Len() == 0 {
		return "(same lines, different order)\n"
	}
	return b.String()
}

// A row nothing placed (nesting: default) is reported as a warning, so a
// reviewer looks at it; pinned and located rows are not.
func TestDefaultNestingWarns(t *testing.T) {
	data, err := os.ReadFile("../golden/scrape/missing-examples/page.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, warnings, err := Parse("page.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || warnings[0].Path != "response: result/records/extra/ext_source" || warnings[0].Nesting != spec.NestingDefault ||
		warnings[0].String() != "page.txt:66: response: result/records/extra/ext_source: warning: the examples fit ext_source in more than one struct; placed in the deepest open struct, under result/records/extra (nesting: default)" {
		t.Errorf("warnings: %v", warnings)
	}
	seed, _ := os.ReadFile("../pages/alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus.txt")
	if _, warnings, _ := Parse("seed.txt", seed); len(warnings) != 0 {
		t.Errorf("pinned rows warned: %v", warnings)
	}
}
