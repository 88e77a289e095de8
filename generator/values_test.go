package generator

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every documented value of the bundled specs is a constant of generated/
// whose doc comment is the doc's label: what go doc shows next to it.
func TestConstantsInGoDoc(t *testing.T) {
	consts := 0
	docs := map[string]map[string]string{} // package → its constants' docs
	for _, s := range loadSpecs(t, "../specs") {
		a, err := buildAPI(s, Options{ImportPath: "github.com/opentop/topgen/generated"})
		if err != nil {
			t.Fatal(err)
		}
		if docs[a.Package] == nil {
			docs[a.Package] = constDocs(t, filepath.Join("..", "generated", a.Package))
		}
		pkgDocs := docs[a.Package]
		for _, g := range a.Consts {
			for _, c := range g.Consts {
				consts++
				got, ok := pkgDocs[c.GoName]
				want := c.Label
				if want == "" {
					want = `The value "` + c.Value + `".`
				}
				switch {
				case !ok:
					t.Errorf("%s: constant %s is not in the package's documentation", a.Method, c.GoName)
				case got != want:
					t.Errorf("%s: %s is documented %q, want the label %q", a.Method, c.GoName, got, want)
				}
			}
		}
	}
	if consts == 0 {
		t.Fatal("the bundled specs give no constants; the test checks nothing")
	}

	// And the go command's own go doc prints a constant with its label.
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goTool, "doc", "../generated/damai", "MzOrderDetailOrderState1").CombinedOutput()
	if err != nil {
		t.Fatalf("go doc: %v\n%s", err, out)
	}
	for _, want := range []string{"// 订单未完成\n\tMzOrderDetailOrderState1 int64 = 1", "// 订单已关闭\n\tMzOrderDetailOrderState3 int64 = 3"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("go doc output lacks %q:\n%s", want, out)
		}
	}
}

// constDocs parses a package directory with go/doc, as go doc does, and
// returns each exported constant's own doc comment.
func constDocs(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, "example.com/"+filepath.Base(dir))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, v := range pkg.Consts {
		for _, s := range v.Decl.Specs {
			vs := s.(*ast.ValueSpec)
			for _, n := range vs.Names {
				out[n.Name] = strings.TrimSpace(vs.Doc.Text())
			}
		}
	}
	return out
}
