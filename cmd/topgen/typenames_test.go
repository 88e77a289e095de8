package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/internal/slowtest"
)

// catalogTypeName is one type declared by the generated catalogue.
type catalogTypeName struct {
	Name, DocType, Method string
}

var (
	requestDoc = regexp.MustCompile(`^\S+ is a request of (\S+)`)
	docTypeDoc = regexp.MustCompile(`^\S+ is the doc type (\S+?)(?: of \S+)?\.$`)
)

// catalogTypeNames parses the generated API files and returns every type
// they declare with its doc type (empty for requests and responses) and
// method, read back from the doc comments.
func catalogTypeNames(t *testing.T, files map[string][]byte) []catalogTypeName {
	var out []catalogTypeName
	fset := token.NewFileSet()
	for name, src := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "/doc.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		method := ""
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			doc := strings.Join(strings.Fields(g.Doc.Text()), " ")
			if m := requestDoc.FindStringSubmatch(doc); m != nil {
				method = m[1]
			}
			tn := catalogTypeName{Name: g.Specs[0].(*ast.TypeSpec).Name.Name, Method: method}
			if m := docTypeDoc.FindStringSubmatch(doc); m != nil {
				tn.DocType = m[1]
			}
			out = append(out, tn)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Name) != len(out[j].Name) {
			return len(out[i].Name) > len(out[j].Name)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// letters is s lower-cased with everything but letters and digits removed.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// TestCatalogTypeNames prints the catalogue's 20 longest type names (run
// with -v: the before/after table of issue 11) and checks on every struct
// type of the catalogue that its name is the doc type's name (letters,
// any case) after a part of the API's Go name, so the doc type stays
// recognisable and the API's name never repeats inside it.
func TestCatalogTypeNames(t *testing.T) {
	slowtest.Require(t, "naming the whole catalogue")
	apis, _ := loadCatalog(t)
	files, err := generator.Generate(apis, generator.Options{ImportPath: "catalog/gen"})
	if err != nil {
		t.Fatalf("generating the catalog: %v", err)
	}
	names := catalogTypeNames(t, files)
	total := 0
	for i, n := range names {
		total += len(n.Name)
		if i < 20 {
			t.Logf("%3d %-90s %s", len(n.Name), n.Name, n.Method)
		}
	}
	t.Logf("%d types, %.1f characters on average", len(names), float64(total)/float64(len(names)))
	prefix := map[string]string{} // method → the API's Go name, from its request type
	for _, n := range names {
		if n.DocType == "" && strings.HasSuffix(n.Name, "Request") {
			prefix[n.Method] = strings.TrimSuffix(n.Name, "Request")
		}
	}
	for _, n := range names {
		if n.DocType == "" {
			continue
		}
		name, doc, api := letters(n.Name), letters(n.DocType), prefix[n.Method]
		if !strings.HasSuffix(name, doc) {
			name = strings.TrimRight(name, "0123456789") // a second type of one doc name: DTO2
		}
		kept, ok := strings.CutSuffix(name, doc)
		if !ok || !strings.HasPrefix(letters(api), kept) {
			t.Errorf("%s (%s): not a part of %s followed by the doc type %s", n.Name, n.Method, api, n.DocType)
			continue
		}
		// The API's name does not run into the doc type's first words.
		if kept == letters(api) && overlaps(camelWords(api), camelWords(n.DocType)) {
			t.Errorf("%s (%s): the end of %s repeats the start of %s", n.Name, n.Method, api, n.DocType)
		}
	}
}

// camelWords splits a camel-case name at each upper-case letter after a
// lower-case letter or digit.
func camelWords(s string) []string {
	var words []string
	start := 0
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
			words = append(words, string(rs[start:i]))
			start = i
		}
	}
	return append(words, string(rs[start:]))
}

// overlaps reports whether some last words of a spell (in letters, any
// case) the first words of b.
func overlaps(a, b []string) bool {
	for i := range a {
		tail := letters(strings.Join(a[i:], ""))
		head := ""
		for _, w := range b {
			head += letters(w)
			if head == tail {
				return true
			}
		}
	}
	return false
}
