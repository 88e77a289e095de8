package main

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// modulePath is topgen's module, looked up among the build's modules when
// topgen is built as a tool of another module (go tool topgen).
const modulePath = "github.com/opentop/topgen"

// runVersion prints topgen's version from the binary's build information.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return badUsage(stderr, fs, "takes no arguments")
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = &debug.BuildInfo{}
	}
	fmt.Fprintln(stdout, versionLine(bi))
	return 0
}

// versionLine says which topgen this is: the module version when it was
// built as a module (go install …@v1.2.3, go tool topgen), "(devel)"
// otherwise, plus the VCS revision, time and modified flag when it was
// built from a checkout, and the Go version.
//
//	topgen v1.2.3 (go1.26.8)
//	topgen (devel) revision 0bc2f34e…, 2026-01-02T03:04:05Z, modified (go1.26.8)
func versionLine(bi *debug.BuildInfo) string {
	version := "(devel)"
	main := bi.Main.Path == modulePath || bi.Main.Path == ""
	if main {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
	} else {
		for _, m := range bi.Deps {
			if m.Path == modulePath {
				version = m.Version
				if r := m.Replace; r != nil {
					version += " => " + strings.TrimSpace(r.Path+" "+r.Version)
				}
			}
		}
	}
	// The vcs settings describe the main module's checkout: shown only when
	// that is topgen's own, not a module that has topgen as a tool.
	var vcs []string
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if r := settings["vcs.revision"]; r != "" && main {
		vcs = append(vcs, "revision "+r)
		if t := settings["vcs.time"]; t != "" {
			vcs = append(vcs, t)
		}
		if settings["vcs.modified"] == "true" {
			vcs = append(vcs, "modified")
		}
	}
	line := "topgen " + version
	if len(vcs) > 0 {
		line += " " + strings.Join(vcs, ", ")
	}
	if bi.GoVersion != "" {
		line += " (" + bi.GoVersion + ")"
	}
	return line
}
