// Package examples holds the test that runs the downstream example the way
// a user's repository runs topgen.
package examples

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

// The downstream example, copied to a temp dir without its generated code,
// regenerates it with `go generate` to the checked-in bytes, then vets and
// passes its own tests (hand-written ones against toptest, and the
// generated fixture tests).
func TestDownstreamExample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a separate module")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	src := "downstream"
	dst := t.TempDir()
	generated := map[string][]byte{}
	err = filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if top == "taobao" || top == "specs" {
			generated[rel] = data // left out: go generate must make it again
			return nil
		}
		if rel == "go.mod" {
			data = bytes.Replace(data, []byte("=> ../.."), []byte("=> "+root), 1)
		}
		out := filepath.Join(dst, rel)
		os.MkdirAll(filepath.Dir(out), 0o755)
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(generated) == 0 {
		t.Fatal("the example has no checked-in generated code")
	}
	for _, args := range [][]string{{"generate", "./..."}, {"vet", "./..."}, {"test", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dst
		cmd.Env = append(os.Environ(), "TOPGEN_CACHE="+t.TempDir()) // not the user's cache
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	for rel, want := range generated {
		got, err := os.ReadFile(filepath.Join(dst, rel))
		if err != nil {
			t.Errorf("go generate did not make %s", rel)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: go generate gives other bytes than the checked-in file; run go generate in examples/downstream", rel)
		}
	}
}
