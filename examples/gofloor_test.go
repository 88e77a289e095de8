package examples

import (
	"go/version"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/slowtest"
)

// goLine reads the go directive of a go.mod ("1.25.0").
func goLine(t *testing.T, gomod string) string {
	t.Helper()
	data, err := os.ReadFile(gomod)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s has no go line", gomod)
	}
	return string(m[1])
}

// The go line of topgen's go.mod is the real floor: a module that requires
// topgen is raised to it by `go get` and `go mod tidy`, so it must not be
// higher than the dependencies need (today: golang.org/x/net, goquery,
// cascadia, x/term and x/sys need 1.25.0), nor lower (go would refuse to
// build). The README states it.
func TestGoFloor(t *testing.T) {
	floor := goLine(t, "../go.mod")
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.GoVersion}}", "all")
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -m all: %v\n%s", err, out)
	}
	need, needBy := "1.0", ""
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, goVersion, _ := strings.Cut(line, " ")
		if path == "github.com/opentop/topgen" || goVersion == "" {
			continue
		}
		if version.Compare("go"+goVersion, "go"+need) > 0 {
			need, needBy = goVersion, path
		}
	}
	if version.Compare("go"+floor, "go"+need) != 0 {
		t.Errorf("go.mod says go %s, but the dependencies need go %s (%s): set the go line to the real floor", floor, need, needBy)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if minor := strings.Join(strings.Split(floor, ".")[:2], "."); !strings.Contains(string(readme), "Go "+minor+" or newer") {
		t.Errorf("the README does not say \"Go %s or newer\"", minor)
	}
}

// The module builds and vets under the floor's rules. The go line is what
// sets them: the compiler gets -lang=go1.25 for the module's packages and
// vet's stdversion analyzer rejects standard-library API newer than 1.25,
// so a newer language feature or API fails here (CI's toolchain is newer
// than the floor, and the module proxy serves no go1.25 toolchain to build
// with).
func TestGoFloorBuild(t *testing.T) {
	slowtest.Require(t, "building topgen under its Go floor's rules")
	floor := goLine(t, "../go.mod")
	lang := "go" + strings.Join(strings.Split(floor, ".")[:2], ".")
	for _, args := range [][]string{
		{"build", "-gcflags=github.com/opentop/topgen/...=-lang=" + lang, "./..."},
		{"vet", "-stdversion", "./..."},
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
