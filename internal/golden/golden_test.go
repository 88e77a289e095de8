package golden

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const importPath = "github.com/opentop/topgen/internal/golden"

// TestEveryTestPackageAcceptsUpdate keeps `go test ./... -update` working:
// a test binary rejects a flag nobody defined, so every directory of this
// module with tests must import this package in one of its test files
// (generated packages get the import through topgen.yaml's test_imports).
func TestEveryTestPackageAcceptsUpdate(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
			return filepath.SkipDir
		}
		if path != root {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module: its own flags
			}
		}
		tests, _ := filepath.Glob(filepath.Join(path, "*_test.go"))
		if len(tests) == 0 {
			return nil
		}
		checked++
		for _, f := range tests {
			file, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range file.Imports {
				if p, _ := strconv.Unquote(imp.Path.Value); p == importPath {
					return nil
				}
			}
		}
		if path == filepath.Join(root, "internal", "golden") { // defines the flag itself
			return nil
		}
		t.Errorf("%s: no test file imports %s, so `go test ./... -update` fails there; add\n\t_ %q",
			filepath.ToSlash(path), importPath, importPath)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("found only %d test directories under %s; is the walk rooted at the module?", checked, root)
	}
}
