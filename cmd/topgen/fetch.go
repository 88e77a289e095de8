package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/opentop/topgen/fetch"
	"github.com/opentop/topgen/internal/term"
)

// runFetch downloads doc-site documents into a pages directory; the
// fetch package does the work.
func runFetch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: topgen fetch [-base URL] [-o DIR] [-all] [-concurrency N] [-rate R] [-retries N] [-force] METHOD|DOCID...")
		fs.PrintDefaults()
	}
	base := fs.String("base", fetch.DefaultBase, "doc site `URL`")
	out := fs.String("o", "pages", "output `directory` for the raw documents")
	all := fs.Bool("all", false, "fetch every API of the catalogue")
	conc := fs.Int("concurrency", 4, "requests in flight at most")
	rate := fs.Float64("rate", 5, "requests per second at most (0: no limit)")
	retries := fs.Int("retries", 3, "retries of a request after a transport error, 5xx or 429")
	force := fs.Bool("force", false, "rewrite documents even when their gmtModified is not newer")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	switch {
	case fs.NArg() > 0 && *all:
		fmt.Fprintln(stderr, "topgen fetch: -all and METHOD|DOCID arguments exclude each other")
		return 2
	case fs.NArg() == 0 && !*all, *conc < 1, *rate < 0, *retries < 0:
		fs.Usage()
		return 2
	}
	cfg := fetch.Config{
		Base:        *base,
		Dir:         *out,
		Concurrency: *conc,
		Rate:        *rate,
		Attempts:    *retries + 1,
		Force:       *force,
		Log:         stdout,
		Warn:        stderr,
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
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
