package main

import (
	"flag"
	"io"

	"github.com/opentop/topgen/diff"
	"github.com/opentop/topgen/internal/term"
	"github.com/opentop/topgen/spec"
)

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the changes as JSON")
	failOn := fs.String("fail-on", "", "exit 1 when a change of this `level` (breaking or warning) or higher is found")
	rev := fs.String("git", "", "compare PATH at git revision `rev` with PATH in the work tree")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	var threshold diff.Level
	if *failOn != "" {
		l, err := diff.ParseLevel(*failOn)
		if err != nil || l == diff.Info {
			return badUsage(stderr, fs, "-fail-on takes breaking or warning, not %q", *failOn)
		}
		threshold = l
	}
	var old, new []*spec.API
	var err error
	switch {
	case *rev != "" && fs.NArg() == 1:
		if old, err = diff.LoadGit(*rev, fs.Arg(0)); err == nil {
			new, err = diff.Load(fs.Arg(0))
		}
	case *rev == "" && fs.NArg() == 2:
		if old, err = diff.Load(fs.Arg(0)); err == nil {
			new, err = diff.Load(fs.Arg(1))
		}
	case *rev != "":
		return badUsage(stderr, fs, "with -git REV give one PATH, got %s", count(fs.NArg(), "argument", "arguments"))
	default:
		return badUsage(stderr, fs, "give OLD and NEW, got %s", count(fs.NArg(), "argument", "arguments"))
	}
	if err != nil {
		return fail(stderr, "diff", err)
	}
	changes := diff.CompareSets(old, new)
	if *asJSON {
		err = diff.WriteJSON(stdout, changes)
	} else {
		err = diff.WriteText(stdout, changes, term.Color(stdout))
	}
	if err != nil {
		return fail(stderr, "diff", err)
	}
	if max, any := diff.Max(changes); any && *failOn != "" && max >= threshold {
		return 1
	}
	return 0
}
