package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/opentop/topgen/diff"
	"github.com/opentop/topgen/internal/term"
	"github.com/opentop/topgen/spec"
)

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the changes as JSON")
	failOn := fs.String("fail-on", "", "exit 1 when a change of this `level` (breaking or warning) or higher is found")
	rev := fs.String("git", "", "compare PATH at git `revision` with PATH in the work tree")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	usage := "usage: topgen diff [-json] [-fail-on breaking|warning] OLD NEW\n       topgen diff [-json] [-fail-on breaking|warning] -git REV PATH"
	var threshold diff.Level
	if *failOn != "" {
		l, err := diff.ParseLevel(*failOn)
		if err != nil || l == diff.Info {
			fmt.Fprintf(stderr, "topgen diff: -fail-on takes breaking or warning, not %q\n", *failOn)
			return 2
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
	default:
		fmt.Fprintln(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "topgen diff:", err)
		return 1
	}
	changes := diff.CompareSets(old, new)
	if *asJSON {
		err = diff.WriteJSON(stdout, changes)
	} else {
		err = diff.WriteText(stdout, changes, term.Is(stdout))
	}
	if err != nil {
		fmt.Fprintln(stderr, "topgen diff:", err)
		return 1
	}
	if max, any := diff.Max(changes); any && *failOn != "" && max >= threshold {
		return 1
	}
	return 0
}
