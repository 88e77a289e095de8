package scraper

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/slowtest"
	"github.com/opentop/topgen/spec"
	"gopkg.in/yaml.v3"
)

// corpusDir is the structured-JSON catalog beside the repo; tests that use
// it skip when it is absent (it is never committed).
const corpusDir = "../../shared/corpus/top-json"

// Every catalog doc either gives a valid spec or fails with a located
// *Error; the failures are listed so a regression shows.
func TestCorpusJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + corpusDir)
	}
	var ok, warned int
	var failed []string
	for _, f := range files {
		if filepath.Base(f) == "catelog.json" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		api, warnings, err := ParseJSON(filepath.Base(f), data)
		if err != nil {
			if _, isErr := err.(*Error); !isErr {
				t.Errorf("%s: error is not a *scraper.Error: %v", f, err)
			}
			// The only docs the catalog cannot give are the two stubs named
			// ".json" that hold an id and no name.
			if filepath.Base(f) != ".json" {
				t.Errorf("%s: %v", f, err)
			}
			failed = append(failed, strings.SplitN(err.Error(), "\n", 3)[0]+" "+strings.SplitN(err.Error()+"\n\n", "\n", 3)[1])
			continue
		}
		if api.Method == "" {
			t.Errorf("%s: no method", f)
		}
		// The spec writer against yaml.v3, on every doc in CI and on a
		// tenth of them by default.
		if slowtest.Enabled() || ok%10 == 0 {
			checkSpecYAML(t, f, api)
		}
		ok++
		if len(warnings) > 0 {
			warned++
		}
	}
	sort.Strings(failed)
	t.Logf("%d docs: %d specs (%d with warnings), %d failed", ok+len(failed), ok, warned, len(failed))
	for _, f := range failed {
		t.Log(f)
	}
}

// checkSpecYAML checks that spec.Marshal writes the spec as yaml.v3 does.
func checkSpecYAML(t *testing.T, file string, api *spec.API) {
	t.Helper()
	if !specYAMLAsV3(api) {
		t.Errorf("%s: spec.Marshal does not write the spec as yaml.v3 does", file)
	}
}

// specYAMLAsV3 reports whether spec.Marshal writes api as yaml.v3 does
// (two-space indentation), followed by the two lines of its trailer.
func specYAMLAsV3(api *spec.API) bool {
	var want bytes.Buffer
	enc := yaml.NewEncoder(&want)
	enc.SetIndent(2)
	if err := enc.Encode(api); err != nil {
		return false
	}
	if err := enc.Close(); err != nil {
		return false
	}
	got, err := spec.Marshal(api)
	return err == nil && bytes.HasPrefix(got, want.Bytes()) && bytes.Count(got[want.Len():], []byte("\n")) == 2
}
