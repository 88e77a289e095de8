package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// command is one subcommand: its name, its positional arguments and its
// help text. The flags are not listed here: each runner defines them on its
// own flag.FlagSet, and the usage lines are built from that set, so the
// help can never miss a flag.
type command struct {
	name string
	// args is the synopsis of the positional arguments, after the flags:
	// "METHOD [name=value | name=@file ...]".
	args string
	// summary is the one line of the command list.
	summary string
	// about is the rest of the help: what the arguments are, what the
	// command prints, its exit status. Optional.
	about string
	run   func(args []string, stdout, stderr io.Writer) int
}

// lookup finds a command by name.
func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// parseFlags parses a subcommand's arguments; every runner calls it
// instead of fs.Parse. Flags may come before, between or after the
// positional arguments (`topgen call METHOD -gateway URL`), as Go
// developers expect from most tools; "--" ends the flags. Afterwards
// fs.Args() holds the positional arguments in their order.
//
// -h, -help and --help print the command's full help to stdout, and a bad
// flag prints "topgen <command>: <problem>" and the usage line to stderr;
// in both cases done is true and code is the exit status.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	if probe, ok := stdout.(*flagProbe); ok {
		probe.fs = fs
		return 0, true
	}
	flags, positional := splitFlags(fs, args)
	fs.SetOutput(io.Discard) // the messages below replace the flag package's
	fs.Usage = func() {}
	err := fs.Parse(append(append(flags, "--"), positional...))
	switch {
	case errors.Is(err, flag.ErrHelp):
		printHelp(stdout, fs)
		return 0, true
	case err != nil:
		return badUsage(stderr, fs, "%v", err), true
	}
	return 0, false
}

// splitFlags separates flags (with their values) from positional
// arguments. A flag that takes a value consumes the next argument unless
// it is written -name=value; boolean flags never do, as in package flag.
// An unknown flag is kept with the flags so that Parse reports it.
func splitFlags(fs *flag.FlagSet, args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(positional, args[i+1:]...)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil && !isBoolFlag(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	return flags, positional
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// badUsage reports a usage problem of a subcommand: the problem, the
// usage line and where the full help is. It returns the exit status 2.
func badUsage(stderr io.Writer, fs *flag.FlagSet, format string, args ...any) int {
	name := fs.Name()
	fmt.Fprintf(stderr, "topgen %s: %s\n", name, fmt.Sprintf(format, args...))
	fmt.Fprintf(stderr, "usage: %s\nRun 'topgen help %s' for the flags and arguments.\n", wrap(synopsis(lookup(name), fs), len("usage: "), "    "), name)
	return 2
}

// fail reports a failure of a subcommand as "topgen <command>: err" and
// returns the exit status 1. A message that already starts with the
// command's name (errors of package fetch start with "fetch: ") is not
// prefixed twice.
func fail(stderr io.Writer, name string, err error) int {
	msg := strings.TrimPrefix(err.Error(), name+": ")
	fmt.Fprintf(stderr, "topgen %s: %s\n", name, msg)
	return 1
}

// synopsis is the usage line of a command: its flags, read from its flag
// set, then its positional arguments.
func synopsis(c *command, fs *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString("topgen " + c.name)
	for _, f := range sortedFlags(fs) {
		name, _ := flag.UnquoteUsage(f)
		if name == "" {
			fmt.Fprintf(&b, " [-%s]", f.Name)
		} else {
			fmt.Fprintf(&b, " [-%s %s]", f.Name, name)
		}
	}
	if c.args != "" {
		b.WriteString(" " + c.args)
	}
	return b.String()
}

func sortedFlags(fs *flag.FlagSet) []*flag.Flag {
	var out []*flag.Flag
	if fs != nil {
		fs.VisitAll(func(f *flag.Flag) { out = append(out, f) })
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// printHelp prints a command's full help: usage line, summary, details
// and every flag with its default.
func printHelp(w io.Writer, fs *flag.FlagSet) {
	c := lookup(fs.Name())
	fmt.Fprintf(w, "usage: %s\n\n%s\n", wrap(synopsis(c, fs), len("usage: "), "    "), wrap(sentence(c.summary), 0, ""))
	if c.about != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.about))
	}
	if len(sortedFlags(fs)) == 0 {
		fmt.Fprintln(w, "\nNo flags.")
		return
	}
	fmt.Fprintln(w, "\nflags (they may also follow the arguments; -- ends them):")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// flagProbe is a stdout that makes parseFlags record the command's flag
// set and return at once, before the command does anything: the top-level
// help uses it to list every command's flags.
type flagProbe struct {
	io.Writer
	fs *flag.FlagSet
}

// flagsOf returns the flag set a command defines (nil for a command
// without one).
func flagsOf(c *command) *flag.FlagSet {
	probe := &flagProbe{Writer: io.Discard}
	c.run(nil, probe, io.Discard)
	return probe.fs
}

// sentence capitalises a summary line and ends it with a period.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// wrap breaks a line that starts at column start at spaces before 80
// columns; continuation lines start with indent. A bracketed group is
// never split.
func wrap(line string, start int, indent string) string {
	const width = 80
	var out strings.Builder
	col := start
	for i, word := range usageWords(line) {
		n := utf8.RuneCountInString(word)
		if i > 0 && col+1+n > width {
			out.WriteString("\n" + indent)
			col = len(indent)
		} else if i > 0 {
			out.WriteByte(' ')
			col++
		}
		out.WriteString(word)
		col += n
	}
	return out.String()
}

// usageWords splits a usage line at the spaces outside brackets.
func usageWords(line string) []string {
	var words []string
	depth, start := 0, 0
	for i, r := range line {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case ' ':
			if depth == 0 {
				if i > start {
					words = append(words, line[start:i])
				}
				start = i + 1
			}
		}
	}
	if start < len(line) {
		words = append(words, line[start:])
	}
	return words
}

// count says n things with the right number: count(1, "file is", "files
// are") is "1 file is".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// linePrefixer starts every line written through it with prefix: the
// lines a package writes to a log writer, under the command's name.
type linePrefixer struct {
	w      io.Writer
	prefix string
	mid    bool // inside a line
}

func (p *linePrefixer) Write(b []byte) (int, error) {
	var out []byte
	for _, c := range b {
		if !p.mid {
			out = append(out, p.prefix...)
		}
		out = append(out, c)
		p.mid = c != '\n'
	}
	if _, err := p.w.Write(out); err != nil {
		return 0, err
	}
	return len(b), nil
}
