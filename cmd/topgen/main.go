// Command topgen turns Taobao Open Platform API doc pages into YAML specs
// and typed Go clients.
//
//	topgen generate [-config F]      doc sources → specs → Go, from topgen.yaml
//	topgen patch METHOD...           keep hand edits of specs as patches
//	topgen gen [-specs DIR] [-o DIR] specs → Go
//	topgen fetch METHOD...           doc site JSON → DIR/<method>.json (default pages/)
//	topgen scrape [-o DIR] PAGE...   doc pages → DIR/<method>.yaml (default specs/)
//	topgen call METHOD [k=v ...]     send one signed call to TOP
//	topgen mock [-specs DIR]         serve a local TOP gateway from specs
//	topgen tree FILE...              print the parameter tree of pages or specs
//	topgen diff OLD NEW              classify spec changes as breaking/warning/info
//	topgen help [command]            the full usage of topgen or of a command
//	topgen version                   topgen's version, from its build information
//
// Flags may follow the positional arguments; "--" ends the flags.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// commands lists the subcommands in the order the usage shows them. Each
// runner returns the exit status: 0 ok, 1 failure, 2 bad usage.
var commands []*command

func init() { // in init: help refers back to this list
	commands = []*command{
		{name: "generate", run: runGenerate,
			summary: "the whole pipeline of a config: doc sources → specs (with patches) → Go",
			about: `Reads topgen.yaml (its paths are relative to it), scrapes every doc of its
sources, applies specs/patches/<method>.yaml, writes one spec per API and
the Go packages. Everything is built in memory first: bad input writes
nothing, and unchanged files are not rewritten. Generating never touches
the network; -fetch first downloads the config's fetch methods into its
first source directory. -check writes nothing and exits 1 with a unified
diff when the output is stale.`},
		{name: "patch", run: runPatch, args: "METHOD...",
			summary: "keep hand edits of specs as patches (specs/patches/<method>.yaml), so generating keeps them",
			about: `Specs are derived from the doc pages: generate would undo an edit made in
specs/<method>.yaml, and so it stops when it finds one. patch turns the
difference between the edited spec and the one the doc gives into the
patch file (after the method's existing patch, if any) and stamps the
spec, so the next generate keeps the edit. Patches change the session
and parameters (set fields, remove, add to a struct, move); an edit of
the title, description, examples or errors, or a new top-level
parameter, cannot be a patch and is refused with the reason.`},
		{name: "gen", run: runGen,
			summary: "generate Go from a spec directory, without a config (default specs/ → generated/)",
			about: `The import path of the output directory comes from the go.mod above it
unless -import names it. -check writes nothing and exits 1 with a unified
diff of the files that would change.`},
		{name: "fetch", run: runFetch, args: "METHOD|DOCID...",
			summary: "download docs from the doc site's JSON endpoints into DIR/<method>.json (default pages/)",
			about: `Arguments are method names (looked up in the doc site's catalogue) or
numeric docIds; -all fetches the whole catalogue. Documents not newer than
the last fetch (gmtModified) are left alone unless -force.`},
		{name: "scrape", run: runScrape, args: "DOC...",
			summary: "scrape doc pages into DIR/<method>.yaml (default specs/)",
			about: `Each DOC is a plain-text copy of a doc page, a saved HTML page or the doc
site's JSON (getDocument.json); the reader is chosen by content. Where a
page lost the depth of its parameters and its examples fit a row in more
than one struct, the row is placed by priors learned from the TOP catalog
(nesting: prior) or in the deepest open struct (nesting: default); the
run ends with one line listing those rows with file:line, to review.`},
		{name: "tree", run: runTree, args: "FILE...",
			summary: "print the parameter tree of doc pages or spec files",
			about: `One tab-separated line per parameter: side, slash path, doc type,
required/optional/-; -evidence adds how the parameter was placed under
its parent (example, java, pinned, prior, default; - where the doc gave
the tree). A FILE is a spec (it starts with "method:") or a doc page.`},
		{name: "diff", run: runDiff, args: "OLD NEW | PATH (with -git)",
			summary: "classify the changes between two specs or spec directories as breaking, warning or info",
			about: `OLD and NEW are spec files or directories; with -git REV, PATH as of the
git revision REV is compared with PATH in the work tree. Exit status: 0,
or 1 with -fail-on when a change of that level or higher is found; 2 bad
usage.`},
		{name: "call", run: runCall, args: "METHOD [name=value | name=@file ...]",
			summary: "send one signed call and print the response",
			about:   callAbout},
		{name: "mock", run: runMock,
			summary: "serve a local TOP gateway answering every spec's example, checking signatures and parameters"},
		{name: "help", run: runHelp, args: "[command]",
			summary: "print topgen's usage, or a command's full help with every flag"},
		{name: "version", run: runVersion,
			summary: "print topgen's version (also topgen -version)"},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		return runHelp(args[1:], stdout, stderr)
	case "-version", "--version":
		return runVersion(args[1:], stdout, stderr)
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "topgen: unknown command %q\n\n", args[0])
		printUsage(stderr)
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

// printUsage prints the top-level usage: every command with every flag.
func printUsage(w io.Writer) {
	fmt.Fprint(w, "topgen turns Taobao Open Platform API docs into YAML specs and typed Go clients.\n\n")
	fmt.Fprint(w, "usage: topgen <command> [flags] [arguments]\n\ncommands:\n")
	for _, c := range commands {
		line := strings.TrimPrefix(synopsis(c, flagsOf(c)), "topgen ")
		fmt.Fprintf(w, "  %s\n        %s\n", wrap(line, 2, "      "), wrap(c.summary, 8, "        "))
	}
	fmt.Fprint(w, `
Flags may also follow the arguments; -- ends the flags.
Run 'topgen help <command>' for a command's flags and arguments in full.
`)
}
