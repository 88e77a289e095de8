package examples

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/slowtest"
)

// readmeSteps returns the code blocks of the README's section "Using
// topgen in your repository", in order, with their language.
func readmeSteps(t *testing.T) (sh []string, goLines []string) {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "\n## Using topgen in your repository\n")
	if start < 0 {
		t.Fatal("README has no section \"Using topgen in your repository\"")
	}
	section := text[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	block := regexp.MustCompile("(?s)```(sh|go)\n(.*?)\n *```")
	for _, m := range block.FindAllStringSubmatch(section, -1) {
		for _, line := range strings.Split(m[2], "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if m[1] == "sh" {
				sh = append(sh, line)
			} else {
				goLines = append(goLines, line)
			}
		}
	}
	return sh, goLines
}

// A fresh module goes from an empty go.mod with a go 1.24 line to a green
// `go vet ./... && go test ./...` by the README's steps alone: the
// commands of its shell blocks run in order, and the go:generate line is
// its Go block. The module holds only what a user writes by hand: the
// example's doc pages, topgen.yaml and its own code and tests.
//
// Two things differ from a user's machine, neither a step: go.mod
// replaces topgen with this checkout, so `@<version>` is v0.0.0 and the
// code under test is this one; and the go command runs with
// GOPROXY=off and GOSUMDB=off, because tests never use the network. Every
// dependency comes from the module cache, which building topgen itself
// has filled (and whose contents were verified when they were
// downloaded). GOFLAGS is -mod=readonly, the default, on purpose: with
// -mod=mod the go command would quietly add a missing go.sum entry, the
// very failure (`missing go.sum entry for … go-cmp`) this test exists to
// catch.
func TestDownstreamFromEmptyModule(t *testing.T) {
	slowtest.Require(t, "a downstream module from an empty go.mod")
	shSteps, goLines := readmeSteps(t)
	if len(shSteps) < 3 || len(goLines) != 1 {
		t.Fatalf("README steps: %d shell commands, %d Go lines; want the go get, go generate and vet/test commands and one go:generate line:\n%q\n%q",
			len(shSteps), len(goLines), shSteps, goLines)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(mod, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/shop\n\ngo 1.24\n\nreplace github.com/opentop/topgen => "+root+"\n")
	for _, rel := range []string{"topgen.yaml", "orders.go", "orders_test.go"} {
		data, err := os.ReadFile(filepath.Join("downstream", rel))
		if err != nil {
			t.Fatal(err)
		}
		write(rel, string(data))
	}
	docs, _ := filepath.Glob("downstream/docs/*")
	for _, d := range docs {
		data, _ := os.ReadFile(d)
		write(filepath.Join("docs", filepath.Base(d)), string(data))
	}
	write("generate.go", "package shop\n\n"+goLines[0]+"\n")

	env := append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "GOFLAGS=-mod=readonly", "GOWORK=off", "GOTOOLCHAIN=local",
		"TOPGEN_CACHE="+t.TempDir()) // not the user's cache
	for _, step := range shSteps {
		step = strings.ReplaceAll(step, "@<version>", "@v0.0.0")
		cmd := exec.Command("sh", "-c", step)
		cmd.Dir = mod
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			gomod, _ := os.ReadFile(filepath.Join(mod, "go.mod"))
			t.Fatalf("README step %q: %v\n%s\ngo.mod:\n%s", step, err, out, gomod)
		}
		t.Logf("%s\n%s", step, out)
	}
	// The go line was raised to topgen's floor, and nothing but topgen
	// was required by hand.
	gomod, _ := os.ReadFile(filepath.Join(mod, "go.mod"))
	if want := "go " + goLine(t, "../go.mod") + "\n"; !strings.Contains(string(gomod), want) {
		t.Errorf("go.mod after the steps lacks %q:\n%s", want, gomod)
	}
	if strings.Contains(string(gomod), "go-cmp") {
		t.Errorf("go.mod needs go-cmp:\n%s", gomod)
	}
}
