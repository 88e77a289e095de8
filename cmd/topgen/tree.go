package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/opentop/topgen/spec"
)

func runTree(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tree", flag.ContinueOnError)
	evidence := fs.Bool("evidence", false, "add a fifth column: how each parameter was placed (nesting: example, java, pinned, prior, default; - where the doc gave the tree); then a line per parameter with documented values and one for the paging")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() == 0 {
		return badUsage(stderr, fs, "name at least one doc page or spec")
	}
	code := 0
	for _, file := range fs.Args() {
		api, err := loadAny(file)
		if err != nil {
			code = fail(stderr, "tree", err)
			continue
		}
		if fs.NArg() > 1 {
			fmt.Fprintf(stdout, "# %s\n", file)
		}
		if *evidence {
			fmt.Fprint(stdout, api.EvidenceTree())
			fmt.Fprint(stdout, api.Detections())
		} else {
			fmt.Fprint(stdout, api.Tree())
		}
	}
	return code
}

// loadAny reads a spec YAML file or scrapes a doc page, by content: a spec
// starts with its method key.
func loadAny(path string) (*spec.API, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(data, []byte("method:")) {
		a, err := spec.Unmarshal(path, data)
		if err != nil {
			return nil, err
		}
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return a, nil
	}
	api, _, err := scrapeFile(path)
	return api, err
}
