// Package golden compares test output with checked-in golden files.
//
// Every test package of the module imports it (blank-importing it where it
// has no golden files), so that `go test ./... -update` is accepted by every
// test binary and rewrites the golden files. Review the diff before
// committing an update.
package golden

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether the test run rewrites golden files.
func Updating() bool { return *update }

// Check compares got with the golden file at path. With -update it writes
// got to path instead (only if it changed). On a mismatch it reports a
// line diff (- want, + got).
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if old, err := os.ReadFile(path); err == nil && string(old) == string(got) {
			return // unchanged files keep their mtime
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("golden file %s is missing; run go test with -update to create it", path)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the output (-want +got); run go test with -update to accept:\n%s",
			path, cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")))
	}
}
