package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/opentop/topgen/fetch"
	"github.com/opentop/topgen/internal/term"
	"github.com/opentop/topgen/scraper"
)

// runFetch downloads doc-site documents into a pages directory; the
// fetch package does the work.
func runFetch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	base := fs.String("base", fetch.DefaultBase, "doc site `URL`")
	out := fs.String("o", "pages", "output `dir` for the raw documents")
	all := fs.Bool("all", false, "fetch every API of the catalogue")
	conc := fs.Int("concurrency", 4, "requests in flight at most")
	rate := fs.Float64("rate", 5, "requests per second at most (0: no limit)")
	retries := fs.Int("retries", 3, "retries of a request after a transport error, 5xx or 429")
	force := fs.Bool("force", false, "rewrite documents even when their gmtModified is not newer")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	switch {
	case fs.NArg() > 0 && *all:
		return badUsage(stderr, fs, "-all and METHOD|DOCID arguments exclude each other")
	case fs.NArg() == 0 && !*all:
		return badUsage(stderr, fs, "name methods or docIds, or give -all")
	case *conc < 1, *rate < 0, *retries < 0:
		return badUsage(stderr, fs, "-concurrency must be at least 1, -rate and -retries not negative")
	}
	for _, t := range fs.Args() {
		if err := fetch.CheckTarget(t); err != nil {
			return badUsage(stderr, fs, "%s", strings.TrimPrefix(err.Error(), "fetch: "))
		}
	}
	cfg := fetch.Config{
		Base:        *base,
		Dir:         *out,
		Concurrency: *conc,
		Rate:        *rate,
		Attempts:    *retries + 1,
		Force:       *force,
		Log:         stdout,
		Warn:        &linePrefixer{w: stderr, prefix: "topgen fetch: "},
		Check:       readableDoc,
	}
	if *rate == 0 {
		cfg.Rate = -1 // the package's zero means its default
	}
	if term.Is(stderr) {
		cfg.Progress = stderr
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sum, err := fetch.New(cfg).Run(ctx, fs.Args(), *all)
	if sum != (fetch.Summary{}) {
		fmt.Fprintln(stdout, sum)
	}
	if err != nil {
		return fail(stderr, "fetch", err)
	}
	return 0
}

// readableDoc is fetch's check of a document before it is written: the
// scraper's JSON reader must read it, as scrape and generate will, so that
// a reply that is no doc (or a doc the reader rejects) never lands in the
// pages directory.
func readableDoc(method string, raw []byte) error {
	_, _, err := scraper.ParseJSON(method+".json", raw)
	return err
}
