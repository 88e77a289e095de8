package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// -h, -help, --help and help print the usage to stdout and exit 0.
func TestTopLevelHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"--help"}, {"help"}} {
		code, out, errs := topgen(t, args...)
		if code != 0 || errs != "" || !strings.Contains(out, "usage: topgen <command>") {
			t.Errorf("topgen %v: exit %d, stderr %q, stdout:\n%s\nwant exit 0 and the usage on stdout", args, code, errs, out)
		}
		for _, c := range commands {
			if !strings.Contains(out, "\n  "+c.name) {
				t.Errorf("topgen %v: the usage does not list %s", args, c.name)
			}
		}
	}
	// Without arguments the usage is an error: stderr, exit 2.
	if code, out, errs := topgen(t); code != 2 || out != "" || !strings.Contains(errs, "usage: topgen <command>") {
		t.Errorf("topgen: exit %d, stdout %q; want 2 and the usage on stderr", code, out)
	}
}

// Every command's help, whichever way it is asked for, exits 0 and shows
// its positional arguments and every flag with its description.
func TestCommandHelp(t *testing.T) {
	for _, c := range commands {
		fs := flagsOf(c)
		if fs == nil {
			t.Errorf("%s: its runner does not call parseFlags", c.name)
			continue
		}
		_, want, _ := topgen(t, "help", c.name)
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {c.name, "-help"}, {"help", c.name}} {
			code, out, errs := topgen(t, args...)
			if code != 0 || errs != "" {
				t.Errorf("topgen %v: exit %d, stderr %q; want 0 and nothing on stderr", args, code, errs)
			}
			if out != want {
				t.Errorf("topgen %v prints other help than topgen help %s", args, c.name)
			}
		}
		if !strings.HasPrefix(want, "usage: topgen "+c.name) {
			t.Errorf("help %s does not start with its usage line:\n%s", c.name, want)
		}
		if !strings.Contains(strings.Join(strings.Fields(want), " "), c.args) {
			t.Errorf("help %s does not show the arguments %q:\n%s", c.name, c.args, want)
		}
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(want, "\n  -"+f.Name+" ") && !strings.Contains(want, "\n  -"+f.Name+"\n") && !strings.Contains(want, "\n  -"+f.Name+"\t") {
				t.Errorf("help %s does not describe -%s:\n%s", c.name, f.Name, want)
			}
			if line := firstLine(f.Usage); !strings.Contains(want, line) {
				t.Errorf("help %s lacks the description of -%s (%q)", c.name, f.Name, line)
			}
		})
	}
	if code, _, errs := topgen(t, "help", "nope"); code != 2 || !strings.Contains(errs, `topgen help: unknown command "nope"`) {
		t.Errorf("help nope: exit %d, stderr %q", code, errs)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.ReplaceAll(s, "`", "")
}

// The top-level usage shows every flag of every command, and every flag
// the README's command table names exists.
func TestUsageListsEveryFlag(t *testing.T) {
	_, usage, _ := topgen(t, "help")
	flat := strings.Join(strings.Fields(usage), " ")
	for _, c := range commands {
		flagsOf(c).VisitAll(func(f *flag.Flag) {
			if !strings.Contains(flat, "[-"+f.Name+"]") && !strings.Contains(flat, "[-"+f.Name+" ") {
				t.Errorf("the usage does not list %s -%s", c.name, f.Name)
			}
		})
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `topgen ([a-z]+)([^`]*)` \\|")
	flagRE := regexp.MustCompile(`(?:^|[\s\[|])-([a-z][a-z-]*)`)
	rows := row.FindAllStringSubmatch(string(readme), -1)
	if len(rows) < 5 {
		t.Fatalf("found %d command rows in the README's table", len(rows))
	}
	for _, r := range rows {
		c := lookup(r[1])
		if c == nil {
			t.Errorf("README lists a command topgen does not have: %s", r[1])
			continue
		}
		for _, m := range flagRE.FindAllStringSubmatch(r[2], -1) {
			if flagsOf(c).Lookup(m[1]) == nil {
				t.Errorf("README: topgen %s has no flag -%s", c.name, m[1])
			}
		}
	}
}

func TestSplitFlags(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.String("gateway", "", "")
	fs.Bool("simplify", false, "")
	for _, tc := range []struct {
		args, flags, positional []string
	}{
		{[]string{"m", "-gateway", "u", "a=1"}, []string{"-gateway", "u"}, []string{"m", "a=1"}},
		{[]string{"-gateway=u", "m", "--simplify"}, []string{"-gateway=u", "--simplify"}, []string{"m"}},
		{[]string{"m", "-simplify", "a=1"}, []string{"-simplify"}, []string{"m", "a=1"}}, // a bool flag takes no value
		{[]string{"m", "--", "-gateway", "x"}, nil, []string{"m", "-gateway", "x"}},
		{[]string{"-gateway", "--", "m"}, []string{"-gateway", "--"}, []string{"m"}}, // "--" as a value
		{[]string{"-", "-nope", "v"}, []string{"-nope"}, []string{"-", "v"}},         // unknown: Parse reports it
		{[]string{"m", "-gateway"}, []string{"-gateway"}, []string{"m"}},             // missing value: Parse reports it
	} {
		flags, positional := splitFlags(fs, tc.args)
		if !reflect.DeepEqual(flags, tc.flags) || !reflect.DeepEqual(positional, tc.positional) {
			t.Errorf("splitFlags(%q) = %q, %q; want %q, %q", tc.args, flags, positional, tc.flags, tc.positional)
		}
	}
}

// Flags after the positional arguments work in every command that takes
// arguments; "--" ends the flags.
func TestFlagsAfterArguments(t *testing.T) {
	dir := t.TempDir()
	page := "../../pages/alibaba.omni.order.query.txt"
	if code, out, errs := topgen(t, "scrape", page, "-o", dir); code != 0 || !strings.Contains(out, "wrote "+dir) {
		t.Errorf("scrape PAGE -o DIR: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	old := "../../specs/alibaba.omni.order.query.yaml"
	if code, out, errs := topgen(t, "diff", old, old, "-json"); code != 0 || !strings.HasPrefix(out, "[") {
		t.Errorf("diff OLD NEW -json: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// After "--" a dash starts a file name, not a flag.
	code, _, errs := topgen(t, "tree", "--", "-json")
	if code != 1 || !strings.Contains(errs, "topgen tree: open -json:") {
		t.Errorf("tree -- -json: exit %d, stderr %q; want the file -json not found", code, errs)
	}
	// A flag the command lacks is reported as such, after arguments too.
	code, _, errs = topgen(t, "call", "taobao.x.y", "-nope", "1")
	if code != 2 || !strings.HasPrefix(errs, "topgen call: flag provided but not defined: -nope\nusage: topgen call") {
		t.Errorf("call METHOD -nope: exit %d, stderr %q", code, errs)
	}
	// A value flag after the arguments: -specs names a directory without
	// the spec, so the call fails before sending (no credentials needed
	// past the check).
	code, _, errs = topgen(t, "call", "taobao.no.such.api", "-app-key", "k", "-secret", "s", "-specs", dir, "-gateway", "http://127.0.0.1:1/unused")
	if code != 1 || !strings.Contains(errs, "no spec for taobao.no.such.api in "+dir) {
		t.Errorf("call METHOD -specs DIR: exit %d, stderr %q", code, errs)
	}
}

// Every usage problem names the command, says what is wrong and how to
// get help, and exits 2.
func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"generate", "extra"}, {"generate", "-check", "-fetch"}, {"gen", "x"}, {"scrape"}, {"tree"},
		{"diff", "one"}, {"fetch"}, {"mock", "x"}, {"version", "x"}, {"help", "a", "b"}, {"scrape", "-x"},
	} {
		code, out, errs := topgen(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "topgen "+args[0]+": ") ||
			!strings.Contains(errs, "\nusage: topgen "+args[0]) || !strings.Contains(errs, "topgen help "+args[0]) {
			t.Errorf("topgen %q: exit %d, stdout %q, stderr:\n%s", args, code, out, errs)
		}
	}
}

// Failures, as opposed to usage errors, are one line "topgen <command>: …".
func TestErrorPrefix(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	for _, args := range [][]string{
		{"generate", "-config", missing},
		{"gen", "-specs", t.TempDir(), "-import", "x.y/z"},
		{"tree", missing},
		{"scrape", "-o", t.TempDir(), missing},
		{"diff", missing, missing},
		{"mock", "-specs", missing},
	} {
		code, _, errs := topgen(t, args...)
		if code != 1 || !strings.HasPrefix(errs, "topgen "+args[0]+": ") || strings.Count(errs, "\n") != 1 {
			t.Errorf("topgen %q: exit %d, stderr %q; want 1 and one line prefixed topgen %s:", args, code, errs, args[0])
		}
	}
}

// A missing config says where topgen looked and how to name another.
func TestGenerateMissingConfig(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "topgen.yaml")
	code, _, errs := topgen(t, "generate", "-config", missing)
	if want := "topgen generate: " + missing + " not found: run topgen in the directory of topgen.yaml, or name it with -config FILE\n"; code != 1 || errs != want {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errs, want)
	}
}

// Numbers agree with their nouns in messages.
func TestPluralsInMessages(t *testing.T) {
	if _, _, errs := topgen(t, "diff", "a.yaml"); !strings.HasPrefix(errs, "topgen diff: give OLD and NEW, got 1 argument\n") {
		t.Errorf("diff with one argument: %q", errs)
	}
	_, cfg := project(t, "alibaba.omni.order.query.txt")
	if code, _, errs := topgen(t, "generate", "-config", cfg, "-check"); code != 1 || !strings.Contains(errs, "files are stale") {
		t.Errorf("-check: exit %d, %q", code, errs)
	}
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatal(errs)
	}
	dir := filepath.Dir(cfg)
	os.Remove(filepath.Join(dir, "gen", "omni", "doc.go"))
	if code, _, errs := topgen(t, "generate", "-config", cfg, "-check"); code != 1 || !strings.Contains(errs, "topgen generate: 1 file is stale; run topgen generate\n") {
		t.Errorf("one stale file: exit %d, %q", code, errs)
	}
	os.WriteFile(filepath.Join(dir, "pages", "bad.txt"), []byte("not a doc page\n"), 0o644)
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 1 || !strings.Contains(errs, "1 of 2 docs could not be read") {
		t.Errorf("one bad doc: exit %d, %q", code, errs)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 files are", 1: "1 file is", 2: "2 files are"} {
		if got := count(n, "file is", "files are"); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	line := "topgen call [-app-key string] [-format string] [-gateway URL] [-secret string] [-session string] METHOD [name=value | name=@file ...]"
	got := wrap(line, 7, "    ")
	for _, l := range strings.Split(got, "\n") {
		if len(l) > 80 {
			t.Errorf("line longer than 80: %q", l)
		}
	}
	if strings.Join(strings.Fields(got), " ") != line {
		t.Errorf("wrapping changed the words:\n%s", got)
	}
	if !strings.Contains(got, "[name=value | name=@file ...]") {
		t.Errorf("a bracketed group was split:\n%s", got)
	}
}

// gen -h describes -check as what it does: a unified diff, exit 1.
func TestGenCheckHelpMatchesBehaviour(t *testing.T) {
	_, help, _ := topgen(t, "gen", "-h")
	if !strings.Contains(help, "-check\n    \twrite nothing; exit 1 with a unified diff if the output is stale") {
		t.Errorf("gen -h:\n%s", help)
	}
	out := t.TempDir()
	code, diff, errs := topgen(t, "gen", "-specs", "../../specs", "-o", out, "-import", "example.com/x/gen", "-check")
	if code != 1 || !strings.Contains(diff, "--- /dev/null\n+++ "+out) || !strings.Contains(errs, "files are stale; run topgen gen") {
		t.Errorf("gen -check on an empty output: exit %d, stderr %q, diff %.200q", code, errs, diff)
	}
}

func TestLinePrefixer(t *testing.T) {
	var b strings.Builder
	p := &linePrefixer{w: &b, prefix: "topgen fetch: "}
	fmt.Fprint(p, "warning: a\nwarn")
	fmt.Fprint(p, "ing: b\n")
	if want := "topgen fetch: warning: a\ntopgen fetch: warning: b\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
