// Command mkpriors builds the text reader's priors from the TOP catalog:
// every API doc of the structured-JSON corpus (<group>/<api>.json) is read
// with the JSON reader and counted (scraper/internal/priors). The output
// is deterministic: the same catalog gives the same bytes.
//
//	go run ./scraper/internal/mkpriors -corpus ../shared/corpus/top-json -o scraper/internal/priors/catalog.txt.gz
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/opentop/topgen/scraper"
	"github.com/opentop/topgen/scraper/internal/priors"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpus/top-json", "the catalog `directory` (<group>/<api>.json)")
	out := flag.String("o", "catalog.txt.gz", "output `file`")
	flag.Parse()
	counts, n, err := Build(*corpus)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkpriors:", err)
		os.Exit(1)
	}
	data := priors.Compress(priors.Encode(counts))
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "mkpriors:", err)
		os.Exit(1)
	}
	fmt.Printf("mkpriors: %d APIs, %d types, %d names: %s (%d bytes)\n", n, len(counts.Types), len(counts.Names), *out, len(data))
}

// Build counts every API doc under dir.
func Build(dir string) (*priors.Counts, int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if err != nil {
		return nil, 0, err
	}
	if len(files) == 0 {
		return nil, 0, fmt.Errorf("no <group>/<api>.json docs under %s", dir)
	}
	sort.Strings(files)
	c := priors.New()
	n := 0
	for _, f := range files {
		if b := filepath.Base(f); b == "catelog.json" || b == ".json" {
			continue // the group index, and stubs holding only an id
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, 0, err
		}
		api, _, err := scraper.ParseJSON(filepath.Base(f), data)
		if err != nil {
			return nil, 0, err
		}
		c.Add(priors.Of(api))
		n++
	}
	return c, n, nil
}
