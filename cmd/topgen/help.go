package main

import (
	"flag"
	"io"
)

// runHelp prints the top-level usage, or with a command name that
// command's full help (the same as `topgen <command> -h`), to stdout.
func runHelp(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("help", flag.ContinueOnError)
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	switch fs.NArg() {
	case 0:
		printUsage(stdout)
		return 0
	case 1:
		c := lookup(fs.Arg(0))
		if c == nil {
			return badUsage(stderr, fs, "unknown command %q", fs.Arg(0))
		}
		return c.run([]string{"-h"}, stdout, stderr)
	}
	return badUsage(stderr, fs, "give at most one command")
}
