package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/opentop/topgen/config"
	"github.com/opentop/topgen/fetch"
	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/internal/par"
	"github.com/opentop/topgen/internal/term"
	"github.com/opentop/topgen/internal/udiff"
	"github.com/opentop/topgen/internal/writefile"
	"github.com/opentop/topgen/spec"
)

// runGenerate runs the whole pipeline of a topgen.yaml: doc sources →
// specs (with patches) → Go packages. Everything is built in memory first;
// bad input writes nothing, and the writes are staged so a failure midway
// leaves the previous output.
func runGenerate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	file := fs.String("config", "topgen.yaml", "the config `file`; its paths are relative to it")
	check := fs.Bool("check", false, "write nothing; exit 1 with a unified diff if the output is stale")
	refetch := fs.Bool("fetch", false, "first download the config's fetch methods from the doc site into its first source directory")
	verbose := fs.Bool("v", false, "list the doc readers' warnings (by default one line counts them)")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return badUsage(stderr, fs, "takes no arguments, got %q (the config is given with -config)", fs.Arg(0))
	}
	if *check && *refetch {
		return badUsage(stderr, fs, "-check and -fetch exclude each other")
	}
	cfg, err := loadConfig(*file)
	if err != nil {
		return fail(stderr, "generate", err)
	}
	if *refetch {
		// Only on request: generating is hermetic by default, so go
		// generate never depends on the network.
		if err := fetchSources(cfg, stdout, stderr); err != nil {
			return fail(stderr, "generate", err)
		}
	}
	plan, store, err := buildPlan(cfg, stderr, *verbose, !*check)
	if err != nil {
		return fail(stderr, "generate", err)
	}
	code := finish("generate", plan, *check, stdout, stderr)
	if code == 0 && !*check {
		saveCache(store, stderr)
	}
	return code
}

// loadConfig reads topgen.yaml; a missing file says where topgen looked
// and how to name another.
func loadConfig(file string) (*config.Config, error) {
	cfg, err := config.Load(file)
	if errors.Is(err, os.ErrNotExist) {
		err = fmt.Errorf("%s not found: run topgen in the directory of topgen.yaml, or name it with -config FILE", file)
	}
	return cfg, err
}

// deriveSpecs reads the config's sources and returns the specs they give,
// selected by include/exclude and patched. cmd names the command in
// messages.
func deriveSpecs(cfg *config.Config, cmd string, stderr io.Writer, verbose bool) ([]*spec.API, error) {
	apis, err := selectDocs(cfg, cmd, stderr, verbose, func(docs []string) []scraped {
		results := make([]scraped, len(docs))
		par.Do(len(docs), func(i int) {
			r := &results[i]
			r.api, r.warnings, r.err = scrapeFile(docs[i])
		})
		return results
	})
	if err != nil {
		return nil, err
	}
	if err := applyPatches(apis, filepath.Join(cfg.Path(cfg.Specs), "patches")); err != nil {
		return nil, err
	}
	return apis, nil
}

// selectDocs reads the config's sources with read (one result per doc) and
// returns their APIs selected by include/exclude, after reporting what
// was skipped, the docs that could not be read and the warnings.
func selectDocs(cfg *config.Config, cmd string, stderr io.Writer, verbose bool, read func(docs []string) []scraped) ([]*spec.API, error) {
	var sources []string
	for _, s := range cfg.Sources {
		sources = append(sources, cfg.Path(s))
	}
	scan, err := docFiles(sources)
	if err != nil {
		return nil, err
	}
	for _, note := range scan.notes() {
		fmt.Fprintf(stderr, "topgen %s: %s\n", cmd, note)
	}
	if len(scan.docs) == 0 {
		return nil, fmt.Errorf("the sources hold no doc: %s", scan.describe())
	}
	apis, warned, err := collectScraped(cmd, scan.docs, read(scan.docs), stderr)
	if err != nil {
		return nil, err
	}
	if err := checkFetched(cfg, apis); err != nil {
		return nil, err
	}
	if apis, err = selectAPIs(cfg, apis, scan); err != nil {
		return nil, err
	}
	reportWarnings(cmd, stderr, apis, warned, verbose)
	return apis, nil
}

// planGo plans the generated packages and the removal of stale generated
// files: Go files under out that are no longer generated. The plan removes
// (and overwrites) only files that carry topgen's header; a hand-written
// file where a generated one would go is an error naming it, and docHint
// is the extra way out offered when that file is the package doc file.
func planGo(plan *writefile.Plan, out string, opts generator.Options, apis []*spec.API, docHint string) error {
	files, err := generator.Generate(apis, opts)
	if err != nil {
		return err
	}
	goRoot(plan, out, opts, docHint)
	keep := map[string]bool{}
	for name, data := range files {
		path := filepath.Join(out, filepath.FromSlash(name))
		plan.Write(path, data)
		keep[path] = true
	}
	return removeStale(plan, out, keep)
}

// goRoot declares out as an output directory of generated Go (see
// generator.Owner) and returns the doc file name.
func goRoot(plan *writefile.Plan, out string, opts generator.Options, docHint string) string {
	docFile := opts.DocFile
	if docFile == "" {
		docFile = "doc.go"
	}
	plan.Root(out, generator.Owner(docFile, docHint))
	return docFile
}

// removeStale plans the removal of the Go files under out that are not in
// keep (the plan removes only those with topgen's header), outside the
// directories the go tool ignores.
func removeStale(plan *writefile.Plan, out string, keep map[string]bool) error {
	return filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) && path == out {
			return filepath.SkipDir
		}
		if err == nil && d.IsDir() && path != out && isHidden(d.Name()) {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || keep[path] {
			return err
		}
		plan.Remove(path)
		return nil
	})
}

// finish applies the plan, or with check reports what would change.
// name is the command, for messages.
func finish(name string, plan *writefile.Plan, check bool, stdout, stderr io.Writer) int {
	if check {
		changes, err := plan.Changes()
		if err != nil {
			return fail(stderr, name, err)
		}
		for _, c := range changes {
			oldName, newName := c.Path, c.Path
			if c.Old == nil {
				oldName = "/dev/null"
			}
			if c.New == nil {
				newName = "/dev/null"
			}
			fmt.Fprint(stdout, udiff.Unified(oldName, newName, c.Old, c.New))
		}
		if len(changes) > 0 {
			fmt.Fprintf(stderr, "topgen %s: %s stale; run topgen %s\n", name, count(len(changes), "file is", "files are"), name)
			return 1
		}
		return 0
	}
	changes, err := applyPlan(plan)
	if err != nil {
		return fail(stderr, name, err)
	}
	for _, c := range changes {
		verb := "wrote"
		if c.New == nil {
			verb = "removed"
		}
		fmt.Fprintf(stdout, "%s %s\n", verb, c.Path)
	}
	return 0
}

// runGen generates Go from a spec directory, without a config.
func runGen(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	specDir := fs.String("specs", "specs", "spec `dir`")
	out := fs.String("o", "generated", "output `dir`")
	importPath := fs.String("import", "", "import `path` of the output directory (default: from the enclosing go.mod)")
	check := fs.Bool("check", false, "write nothing; exit 1 with a unified diff if the output is stale")
	var testImports []string
	fs.Func("test-import", "a `package` every generated test file blank-imports (repeatable)", func(s string) error {
		testImports = append(testImports, s)
		return nil
	})
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return badUsage(stderr, fs, "takes no arguments, got %q (the spec directory is given with -specs)", fs.Arg(0))
	}
	if *importPath == "" {
		p, err := importPathOf(*out)
		if err != nil {
			return fail(stderr, "gen", fmt.Errorf("%w (give -import)", err))
		}
		*importPath = p
	}
	files, _ := filepath.Glob(filepath.Join(*specDir, "*.yaml"))
	var apis []*spec.API
	for _, f := range files {
		a, err := spec.Load(f)
		if err != nil {
			return fail(stderr, "gen", err)
		}
		apis = append(apis, a)
	}
	if len(apis) == 0 {
		return fail(stderr, "gen", fmt.Errorf("no specs in %s", *specDir))
	}
	plan := writefile.NewPlan()
	if err := planGo(plan, *out, generator.Options{ImportPath: *importPath, TestImports: testImports}, apis, ""); err != nil {
		return fail(stderr, "gen", err)
	}
	return finish("gen", plan, *check, stdout, stderr)
}

// importPathOf derives a directory's import path from the go.mod above it.
func importPathOf(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
					rel, _ := filepath.Rel(d, abs)
					return strings.TrimSuffix(f[1]+"/"+filepath.ToSlash(rel), "/."), nil
				}
			}
			return "", fmt.Errorf("%s has no module line", filepath.Join(d, "go.mod"))
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
	}
}

// fetchSources downloads the config's fetch methods into its first source,
// which must be a directory.
func fetchSources(cfg *config.Config, stdout, stderr io.Writer) error {
	if len(cfg.Fetch) == 0 {
		return fmt.Errorf("%s lists no methods under fetch", cfg.File)
	}
	dir := cfg.Path(cfg.Sources[0])
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: the first source, %s, must be a directory to fetch into", cfg.File, cfg.Sources[0])
	}
	fc := fetch.Config{Dir: dir, Log: stdout, Warn: &linePrefixer{w: stderr, prefix: "topgen generate: "}, Check: readableDoc}
	if term.Is(stderr) {
		fc.Progress = stderr
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	_, err := fetch.New(fc).Run(ctx, cfg.Fetch, false)
	return err
}

// checkFetched reports a fetch method that no source documents: the doc
// was never downloaded (or was deleted).
func checkFetched(cfg *config.Config, apis []*spec.API) error {
	have := map[string]bool{}
	for _, a := range apis {
		have[a.Method] = true
	}
	for _, m := range cfg.Fetch {
		if !have[m] {
			return fmt.Errorf("%s: fetch lists %s, but no source documents it; run topgen generate -fetch", cfg.File, m)
		}
	}
	return nil
}
