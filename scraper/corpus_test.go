package scraper

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
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
