package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/opentop/topgen/internal/writefile"
	"github.com/opentop/topgen/scraper"
	"github.com/opentop/topgen/spec"
)

func runScrape(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scrape", flag.ContinueOnError)
	out := fs.String("o", "specs", "output `dir` for the spec files")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() == 0 {
		return badUsage(stderr, fs, "name at least one doc")
	}
	code := 0
	plan := writefile.NewPlan()
	plan.Root(*out, specOwner)
	for _, page := range fs.Args() {
		api, warnings, err := scrapeFile(page)
		for _, w := range warnings {
			fmt.Fprintf(stderr, "topgen scrape: %s\n", w)
		}
		if err != nil {
			code = fail(stderr, "scrape", err)
			continue
		}
		data, err := spec.Marshal(api)
		if err != nil {
			code = fail(stderr, "scrape", err)
			continue
		}
		plan.Write(filepath.Join(*out, api.Method+".yaml"), data)
	}
	// The specs of the pages that could be read are written together:
	// all or none of them, never over a file that is not a spec.
	changes, err := applyPlan(plan)
	if err != nil {
		return fail(stderr, "scrape", err)
	}
	for _, c := range changes {
		fmt.Fprintf(stdout, "wrote %s\n", c.Path)
	}
	return code
}

// scrapeFile reads one page; the spec's source is the page's base name so
// specs do not depend on where the command ran.
func scrapeFile(path string) (*spec.API, []scraper.Warning, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return scrapeBytes(path, data)
}

// scrapeBytes reads the page at path, whose content is data.
func scrapeBytes(path string, data []byte) (*spec.API, []scraper.Warning, error) {
	api, warnings, err := scraper.Parse(filepath.Base(path), data)
	for i := range warnings {
		warnings[i].File = path // messages name the file as the user gave it
	}
	if err != nil {
		if e, ok := err.(*scraper.Error); ok {
			e.File = path
		}
		return nil, nil, err
	}
	return api, warnings, nil
}
