package generator

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"sort"
	"strings"
	"sync"
)

// Type-checking generated code in-process (go/types), for tests that must
// know the output compiles without building a module: the fuzzer and the
// Go-rules tests. Imports (the runtime, toptest, the standard library) are
// read from the export data `go list -export` leaves in the build cache,
// listed once per test binary: type-checking them from source instead
// costs 14 s up front and most of a second per check.

var (
	checkMu  sync.Mutex
	checkImp types.ImporterFrom
	checkSet = token.NewFileSet()
)

// importedByGenerated are the packages generated code imports (with the
// test import this repository adds).
var importedByGenerated = []string{RuntimePath, toptestPath, goldenPkg, "errors", "testing", "time"}

func exportImporter() (types.ImporterFrom, error) {
	cmd := exec.Command("go", append([]string{"list", "-deps", "-export", "-f", "{{.ImportPath}}\t{{.Export}}"}, importedByGenerated...)...)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if p, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			exports[p] = file
		}
	}
	lookup := func(p string) (io.ReadCloser, error) {
		file, ok := exports[p]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", p)
		}
		return os.Open(file)
	}
	return importer.ForCompiler(checkSet, "gc", lookup).(types.ImporterFrom), nil
}

// typeCheck parses and type-checks every package of a Generate result,
// test files included (they share the package), and returns the first
// problem: a parse error or a type error naming file and line.
func typeCheck(files map[string][]byte) error {
	checkMu.Lock()
	defer checkMu.Unlock()
	if checkImp == nil {
		imp, err := exportImporter()
		if err != nil {
			return err
		}
		checkImp = imp
	}
	byPkg := map[string][]string{}
	for name := range files {
		byPkg[path.Dir(name)] = append(byPkg[path.Dir(name)], name)
	}
	var pkgs []string
	for p := range byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		names := byPkg[p]
		sort.Strings(names)
		var parsed []*ast.File
		for _, n := range names {
			f, err := parser.ParseFile(checkSet, n, files[n], parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			parsed = append(parsed, f)
		}
		var first error
		conf := types.Config{Importer: checkImp, Error: func(err error) {
			if first == nil {
				first = err
			}
		}}
		conf.Check(p, checkSet, parsed, nil)
		if first != nil {
			return first
		}
	}
	return nil
}

// declared lists the package-level names of a Go source, for messages.
func declared(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.SkipObjectResolution)
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				out = append(out, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					out = append(out, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						out = append(out, n.Name)
					}
				}
			}
		}
	}
	return out
}
