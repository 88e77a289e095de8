//go:build ignore

// mockcheck adds to every generated package under DIR a test that sends
// each API's example request (the example<X>Request of its fixture tests)
// with top.Do to topgen's mock gateway (package mock) loaded with that API's
// spec from SPECS and a secret: the generated client's signing and
// encoding against the mock's own checks of the doc's types and limits.
// scripts/check-rendered-catalog.sh runs it on the whole catalogue; a
// request the example leaves invalid (Validate fails) is not sent.
//
// Usage: go run scripts/mockcheck/main.go DIR SPECS
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	exampleFunc = regexp.MustCompile(`(?m)^func (example\w+Request)\(\) \*`)
	packageLine = regexp.MustCompile(`(?m)^package (\w+)`)
)

const testFile = "topgen_mockcheck_test.go"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run scripts/mockcheck/main.go DIR SPECS")
		os.Exit(2)
	}
	dirs, err := filepath.Glob(filepath.Join(os.Args[1], "*"))
	if err != nil {
		fail(err)
	}
	specs, err := filepath.Abs(os.Args[2])
	if err != nil {
		fail(err)
	}
	sort.Strings(dirs)
	n := 0
	for _, dir := range dirs {
		tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		var names []string
		pkg := ""
		for _, f := range tests {
			if filepath.Base(f) == testFile {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				fail(err)
			}
			if m := packageLine.FindSubmatch(data); m != nil {
				pkg = string(m[1])
			}
			for _, m := range exampleFunc.FindAllSubmatch(data, -1) {
				names = append(names, string(m[1]))
			}
		}
		if len(names) == 0 {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, testFile), []byte(source(pkg, specs, names)), 0o644); err != nil {
			fail(err)
		}
		n += len(names)
	}
	fmt.Printf("mockcheck: %d example requests in %s\n", n, os.Args[1])
}

func source(pkg, specs string, names []string) string {
	var calls strings.Builder
	for _, n := range names {
		fmt.Fprintf(&calls, "\t\tfunc() (string, error) {\n\t\t\tr := %s()\n\t\t\treturn r.APIMethod(), send(r.APIMethod(), r.Validate(), func(c *top.Client) error { _, err := top.Do(ctx, c, r, top.WithSession(\"session\")); return err })\n\t\t},\n", n)
	}
	return fmt.Sprintf(`package %s

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/opentop/topgen/mock"
	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top"
)

// TestMockAcceptsExamples is written by scripts/mockcheck.
func TestMockAcceptsExamples(t *testing.T) {
	ctx := context.Background()
	send := func(method string, invalid error, do func(*top.Client) error) error {
		if invalid != nil {
			return nil
		}
		api, err := spec.Load(filepath.Join(%q, method+".yaml"))
		if err != nil {
			return err
		}
		h, err := mock.New([]*spec.API{api}, "example-secret")
		if err != nil {
			return err
		}
		srv := httptest.NewServer(h)
		defer srv.Close()
		c, err := top.NewClient("example-app-key", "example-secret", top.WithGateway(srv.URL+mock.Path), top.WithRetry(top.RetryPolicy{}))
		if err != nil {
			return err
		}
		return do(c)
	}
	for _, call := range []func() (string, error){
%s	} {
		if method, err := call(); err != nil {
			t.Errorf("%%s: %%v", method, err)
		}
	}
}
`, pkg, specs, calls.String())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mockcheck:", err)
	os.Exit(1)
}
