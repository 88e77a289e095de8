package writefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

func TestIfChanged(t *testing.T) {
	f := filepath.Join(t.TempDir(), "a", "b.txt")
	if wrote, err := IfChanged(f, []byte("x")); err != nil || !wrote {
		t.Fatalf("first write: %v %v", wrote, err)
	}
	old := time.Unix(1, 0)
	os.Chtimes(f, old, old)
	if wrote, _ := IfChanged(f, []byte("x")); wrote {
		t.Errorf("same bytes rewritten")
	}
	if st, _ := os.Stat(f); !st.ModTime().Equal(old) {
		t.Errorf("mtime changed on a no-op write")
	}
	if wrote, _ := IfChanged(f, []byte("y")); !wrote {
		t.Errorf("changed bytes not written")
	}
	if b, _ := os.ReadFile(f); string(b) != "y" {
		t.Errorf("content %q", b)
	}
}

func tree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel+"="+string(b))
		}
		return nil
	})
	return strings.Join(out, " ")
}

func TestPlanApply(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.go"), []byte("same"), 0o644)
	os.WriteFile(filepath.Join(dir, "edit.go"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dir, "stale.go"), []byte("gone"), 0o644)
	p := NewPlan()
	p.Write(filepath.Join(dir, "keep.go"), []byte("same"))
	p.Write(filepath.Join(dir, "edit.go"), []byte("new"))
	p.Write(filepath.Join(dir, "sub", "add.go"), []byte("added"))
	p.Remove(filepath.Join(dir, "stale.go"))
	p.Remove(filepath.Join(dir, "never-there.go"))
	changes, err := p.Changes()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range changes {
		names = append(names, filepath.Base(c.Path))
	}
	if strings.Join(names, " ") != "edit.go stale.go add.go" {
		t.Errorf("changes %v", names)
	}
	if _, err := p.Apply(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); got != "edit.go=new keep.go=same sub/add.go=added" {
		t.Errorf("after apply: %s", got)
	}
}

// A failure while staging the second file leaves every file as it was and
// no temp file behind.
func TestPlanApplyFailureLeavesOutputIntact(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("a1"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.go"), []byte("b1"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.go"), []byte("c1"), 0o644)
	before := tree(t, dir)
	real := stage
	defer func() { stage = real }()
	n := 0
	stage = func(path string, data []byte) (string, error) {
		if n++; n == 2 {
			return "", errors.New("disk full")
		}
		return real(path, data)
	}
	p := NewPlan()
	p.Write(filepath.Join(dir, "a.go"), []byte("a2"))
	p.Write(filepath.Join(dir, "b.go"), []byte("b2"))
	p.Remove(filepath.Join(dir, "c.go"))
	if _, err := p.Apply(); err == nil || err.Error() != "disk full" {
		t.Fatalf("Apply error %v", err)
	}
	if after := tree(t, dir); after != before {
		t.Errorf("output changed by a failed run:\nbefore %s\nafter  %s", before, after)
	}
}
