// Command topgen turns Taobao Open Platform API doc pages into YAML specs
// and typed Go clients.
//
//	topgen generate [-config F]      doc sources → specs → Go, from topgen.yaml
//	topgen gen [-specs DIR] [-o DIR] specs → Go
//	topgen fetch METHOD...           doc site JSON → DIR/<method>.json (default pages/)
//	topgen scrape [-o DIR] PAGE...   doc pages → DIR/<method>.yaml (default specs/)
//	topgen call METHOD [k=v ...]     send one signed call to TOP
//	topgen mock [-specs DIR]         serve a local TOP gateway from specs
//	topgen tree FILE...              print the parameter tree of pages or specs
//	topgen diff OLD NEW              classify spec changes as breaking/warning/info
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// commands maps a subcommand to its runner; each returns the exit code
// (0 ok, 1 failure, 2 bad usage).
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"scrape":   runScrape,
	"tree":     runTree,
	"diff":     runDiff,
	"fetch":    runFetch,
	"gen":      runGen,
	"generate": runGenerate,
	"call":     runCall,
	"mock":     runMock,
}

const usage = `usage: topgen <command> [flags] [args]

commands:
  generate [-config topgen.yaml] [-check]
                            the whole pipeline of a config: doc sources → specs → Go
  gen [-specs DIR] [-o DIR] [-check]
                            generate Go from a spec directory (default specs/ → generated/)
  fetch [-o DIR] [-all] METHOD|DOCID...
                            download docs from the doc site's JSON endpoints (default pages/)
  scrape [-o DIR] PAGE...   scrape doc pages into DIR/<method>.yaml (default specs/)
  tree FILE...              print the parameter tree of doc pages or spec files
  diff [-json] [-fail-on LEVEL] OLD NEW | -git REV PATH
                            classify the changes between two specs or spec directories
  call [flags] METHOD [name=value | name=@file ...]
                            send one signed call and print the response (-h for the flags)
  mock [-specs DIR] [-addr 127.0.0.1:8080] [-secret S]
                            serve a fake TOP gateway answering every spec'd API from its examples
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "topgen: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return cmd(args[1:], stdout, stderr)
}
