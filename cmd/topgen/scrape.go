package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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
	var review []string // rows placed by prior or default
	for _, page := range fs.Args() {
		api, warnings, err := scrapeFile(page)
		for _, w := range warnings {
			fmt.Fprintf(stderr, "topgen scrape: %s\n", w)
			if w.Nesting != "" {
				review = append(review, reviewItem(w))
			}
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
	if len(review) > 0 {
		// One line a reviewer can act on: where each guessed row is.
		fmt.Fprintf(stdout, "topgen scrape: %d %s placed by prior or default, to review: %s\n", len(review), plural(len(review), "row", "rows"), strings.Join(review, ", "))
	}
	return code
}

// reviewItem is a flagged row as the summary lists it: file:line (side:
// path, class).
func reviewItem(w scraper.Warning) string {
	at := w.File
	if w.Line > 0 {
		at = fmt.Sprintf("%s:%d", w.File, w.Line)
	}
	return fmt.Sprintf("%s (%s, %s)", at, w.Path, w.Nesting)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
