package writefile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
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

// A name that fits (250 bytes) is written by Atomic: the temp name is
// short, not the target name plus a suffix.
func TestAtomicLongName(t *testing.T) {
	f := filepath.Join(t.TempDir(), strings.Repeat("a", 246)+".txt")
	if err := Atomic(f, []byte("x")); err != nil {
		t.Fatal(err)
	}
}

// tree lists every file and directory under dir with its content, hidden
// ones included.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out = append(out, rel+"/")
			return nil
		}
		b, _ := os.ReadFile(p)
		out = append(out, rel+"="+string(b))
		return nil
	})
	return strings.Join(out, " ")
}

func write(t *testing.T, path, content string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ours is the test's owner rule: a file is ours when it starts with "gen".
func ours(path string, old []byte) error {
	if strings.HasPrefix(string(old), "gen") {
		return nil
	}
	return fmt.Errorf("%s is hand-written", path)
}

func TestPlanApply(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "keep.go"), "gen same")
	write(t, filepath.Join(dir, "edit.go"), "gen old")
	write(t, filepath.Join(dir, "stale.go"), "gen gone")
	write(t, filepath.Join(dir, "pkg", "only.go"), "gen gone too")
	p := NewPlan()
	p.Root(dir, ours)
	p.Write(filepath.Join(dir, "keep.go"), []byte("gen same"))
	p.Write(filepath.Join(dir, "edit.go"), []byte("gen new"))
	p.Write(filepath.Join(dir, "sub", "add.go"), []byte("gen added"))
	p.Remove(filepath.Join(dir, "stale.go"))
	p.Remove(filepath.Join(dir, "pkg", "only.go"))
	p.Remove(filepath.Join(dir, "never-there.go"))
	changes, err := p.Changes()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range changes {
		rel, _ := filepath.Rel(dir, c.Path)
		names = append(names, rel)
	}
	if strings.Join(names, " ") != "edit.go pkg/only.go stale.go sub/add.go" {
		t.Errorf("changes %v", names)
	}
	if _, err := p.Apply(context.Background()); err != nil {
		t.Fatal(err)
	}
	// pkg/ lost its only file and is gone; no staging directory is left.
	if got := tree(t, dir); got != "edit.go=gen new keep.go=gen same sub/ sub/add.go=gen added" {
		t.Errorf("after apply: %s", got)
	}
}

// A file its root's owner does not claim is never written or removed: a
// planned write is an error naming it (and nothing is written), a planned
// removal is skipped.
func TestPlanOwnership(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "doc.go"), "package x // hand-written")
	write(t, filepath.Join(dir, "notes.go"), "package x // hand-written too")
	before := tree(t, dir)
	p := NewPlan()
	p.Root(dir, ours)
	p.Write(filepath.Join(dir, "a.go"), []byte("gen a"))
	p.Write(filepath.Join(dir, "doc.go"), []byte("gen doc"))
	_, err := p.Apply(context.Background())
	if err == nil || err.Error() != filepath.Join(dir, "doc.go")+" is hand-written" {
		t.Fatalf("Apply: %v", err)
	}
	if after := tree(t, dir); after != before {
		t.Errorf("a refused plan wrote:\n%s\n%s", before, after)
	}
	p = NewPlan()
	p.Root(dir, ours)
	p.Remove(filepath.Join(dir, "notes.go"))
	if changes, err := p.Apply(context.Background()); err != nil || len(changes) != 0 {
		t.Errorf("removing a hand-written file: %v %v", changes, err)
	}
	if after := tree(t, dir); after != before {
		t.Errorf("hand-written file removed: %s", after)
	}
}

// Nothing is written through a symbolic link below a root: not through a
// linked directory (the write would land outside), not over a linked file.
func TestPlanRefusesSymlinks(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "pkg")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	write(t, filepath.Join(outside, "target.go"), "gen elsewhere")
	os.Symlink(filepath.Join(outside, "target.go"), filepath.Join(dir, "link.go"))
	for _, name := range []string{"pkg/a.go", "pkg/deeper/b.go", "link.go"} {
		p := NewPlan()
		p.Root(dir, ours)
		p.Write(filepath.Join(dir, "ok.go"), []byte("gen ok"))
		p.Write(filepath.Join(dir, filepath.FromSlash(name)), []byte("gen x"))
		_, err := p.Apply(context.Background())
		if err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("%s: %v, want a refusal naming the symbolic link", name, err)
		}
	}
	if got := tree(t, outside); got != "target.go=gen elsewhere" {
		t.Errorf("written outside the root: %s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "ok.go")); err == nil {
		t.Errorf("a refused plan wrote ok.go")
	}
	// The root itself may be a link: the user named it.
	p := NewPlan()
	p.Root(filepath.Join(dir, "pkg"), ours)
	p.Write(filepath.Join(dir, "pkg", "c.go"), []byte("gen c"))
	if _, err := p.Apply(context.Background()); err != nil {
		t.Errorf("root through a symlink: %v", err)
	}
}

// A name that fits the file system is written (staged names are short);
// one that does not is refused before anything is written, and no empty
// directory is left.
func TestPlanLongNames(t *testing.T) {
	dir := t.TempDir()
	p := NewPlan()
	p.Root(dir, ours)
	fits := filepath.Join(dir, "pkg", strings.Repeat("a", 250)+".yaml")
	p.Write(fits, []byte("gen"))
	if _, err := p.Apply(context.Background()); err != nil {
		t.Fatalf("a 255-byte name: %v", err)
	}
	dir = t.TempDir()
	p = NewPlan()
	p.Root(dir, ours)
	p.Write(filepath.Join(dir, "pkg", "ok.go"), []byte("gen"))
	p.Write(filepath.Join(dir, "pkg", strings.Repeat("a", 253)+".go"), []byte("gen"))
	if _, err := p.Apply(context.Background()); err == nil || !strings.Contains(err.Error(), "256 bytes long") {
		t.Errorf("a 256-byte name: %v", err)
	}
	if got := tree(t, dir); got != "" {
		t.Errorf("left behind: %s", got)
	}
}

func TestPlanOutsideRoots(t *testing.T) {
	dir := t.TempDir()
	p := NewPlan()
	p.Root(filepath.Join(dir, "out"), ours)
	p.Write(filepath.Join(dir, "out", "..", "evil.go"), []byte("gen"))
	if _, err := p.Apply(context.Background()); err == nil || !strings.Contains(err.Error(), "outside the output directories") {
		t.Errorf("got %v", err)
	}
	if got := tree(t, dir); got != "" {
		t.Errorf("written: %s", got)
	}
}

// cancelAfter is a context whose Err turns non-nil after n calls: a
// SIGINT arriving while the n-th file is staged.
type cancelAfter struct {
	context.Context
	n atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// oldNew is a tree with files to edit, remove and add in a new root
// directory "fresh" that does not exist yet, across two roots.
func oldNew(t *testing.T) (dir string, plan func() *Plan, oldTree, newTree string) {
	t.Helper()
	dir = t.TempDir()
	for i := range 5 {
		write(t, filepath.Join(dir, "specs", fmt.Sprintf("s%d.yaml", i)), fmt.Sprintf("gen spec %d v1", i))
		write(t, filepath.Join(dir, "out", "a", fmt.Sprintf("f%d.go", i)), fmt.Sprintf("gen a %d v1", i))
	}
	write(t, filepath.Join(dir, "out", "gone", "g.go"), "gen gone")
	write(t, filepath.Join(dir, "out", "hand.go"), "hand-written")
	plan = func() *Plan {
		p := NewPlan()
		p.Root(filepath.Join(dir, "specs"), ours)
		p.Root(filepath.Join(dir, "out"), ours)
		for i := range 5 {
			p.Write(filepath.Join(dir, "specs", fmt.Sprintf("s%d.yaml", i)), fmt.Appendf(nil, "gen spec %d v2", i))
			p.Write(filepath.Join(dir, "out", "a", fmt.Sprintf("f%d.go", i)), fmt.Appendf(nil, "gen a %d v2", i))
			p.Write(filepath.Join(dir, "out", "fresh", fmt.Sprintf("n%d.go", i)), fmt.Appendf(nil, "gen new %d", i))
		}
		p.Remove(filepath.Join(dir, "out", "gone", "g.go"))
		p.Remove(filepath.Join(dir, "out", "hand.go"))
		return p
	}
	oldTree = tree(t, dir)
	if _, err := plan().Apply(context.Background()); err != nil {
		t.Fatal(err)
	}
	newTree = tree(t, dir)
	os.RemoveAll(dir)
	for i := range 5 {
		write(t, filepath.Join(dir, "specs", fmt.Sprintf("s%d.yaml", i)), fmt.Sprintf("gen spec %d v1", i))
		write(t, filepath.Join(dir, "out", "a", fmt.Sprintf("f%d.go", i)), fmt.Sprintf("gen a %d v1", i))
	}
	write(t, filepath.Join(dir, "out", "gone", "g.go"), "gen gone")
	write(t, filepath.Join(dir, "out", "hand.go"), "hand-written")
	if oldTree == newTree || tree(t, dir) != oldTree {
		t.Fatal("bad fixture")
	}
	return dir, plan, oldTree, newTree
}

// A SIGINT/SIGTERM (a cancelled context) at any point of the staging
// leaves the tree exactly as it was: no staging directory, no directory
// made for new files.
func TestPlanCancelDuringStaging(t *testing.T) {
	for n := 0; n < 20; n++ {
		dir, plan, oldTree, _ := oldNew(t)
		ctx := &cancelAfter{Context: context.Background()}
		ctx.n.Store(int64(n))
		_, err := plan().Apply(ctx)
		if err == nil {
			break // staged everything before the n-th check
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("n=%d: %v", n, err)
		}
		if got := tree(t, dir); got != oldTree {
			t.Fatalf("cancelled after %d checks:\n got  %s\n want %s", n, got, oldTree)
		}
	}
}

// A kill at any point of the commit — before the journal, before any
// operation of the rename phase — is repaired by the next run: its
// recovery leaves the tree all old (killed before the journal) or all
// new, with no staging directory.
func TestPlanKillDuringCommit(t *testing.T) {
	defer func() { crashAt = func(string, int) bool { return false } }()
	points := []struct {
		phase string
		i     int
	}{{"journal", 0}}
	for i := 0; i <= 17; i++ { // 15 writes + 1 removal (+1: after the last)
		points = append(points, struct {
			phase string
			i     int
		}{"rename", i})
	}
	for _, pt := range points {
		dir, plan, oldTree, newTree := oldNew(t)
		crashAt = func(phase string, i int) bool { return phase == pt.phase && i == pt.i }
		_, err := plan().Apply(context.Background())
		crashAt = func(string, int) bool { return false }
		if pt.i < 16 && !errors.Is(err, errCrashed) {
			t.Fatalf("%s %d: not stopped: %v", pt.phase, pt.i, err)
		}
		if pt.i >= 16 && err != nil {
			t.Fatalf("%s %d: %v", pt.phase, pt.i, err)
		}
		// The next run: recovery, then its own (here empty) plan.
		next := NewPlan()
		next.Root(filepath.Join(dir, "specs"), ours)
		next.Root(filepath.Join(dir, "out"), ours)
		if _, err := next.Apply(context.Background()); err != nil {
			t.Fatalf("%s %d: next run: %v", pt.phase, pt.i, err)
		}
		want := newTree
		if pt.phase == "journal" && pt.i == 0 {
			want = oldTree
		}
		if got := tree(t, dir); got != want {
			t.Errorf("killed before %s %d, after the next run:\n got  %s\n want %s", pt.phase, pt.i, got, want)
		}
	}
}

// Recovery through one root alone (a later `topgen gen`, which names only
// the output) finishes the whole update from that root's journal copy.
func TestPlanRecoverFromEitherRoot(t *testing.T) {
	defer func() { crashAt = func(string, int) bool { return false } }()
	for _, only := range []string{"specs", "out"} {
		dir, plan, _, newTree := oldNew(t)
		crashAt = func(phase string, i int) bool { return phase == "rename" && i == 3 }
		plan().Apply(context.Background())
		crashAt = func(string, int) bool { return false }
		next := NewPlan()
		next.Root(filepath.Join(dir, only), ours)
		if _, err := next.Apply(context.Background()); err != nil {
			t.Fatal(err)
		}
		other := map[string]string{"specs": "out", "out": "specs"}[only]
		// The other root keeps its staging directory until a run names
		// it (replaying the journal again changes nothing); the output
		// itself is all new.
		var kept []string
		for _, f := range strings.Fields(tree(t, dir)) {
			if !strings.HasPrefix(f, other+"/"+stageDir+"/") {
				kept = append(kept, f)
			}
		}
		if got := strings.Join(kept, " "); got != strings.Join(strings.Fields(newTree), " ") {
			t.Errorf("recovering through %s:\n got  %s\n want %s", only, got, newTree)
		}
		both := NewPlan()
		both.Root(filepath.Join(dir, "specs"), ours)
		both.Root(filepath.Join(dir, "out"), ours)
		if _, err := both.Apply(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := tree(t, dir); got != newTree {
			t.Errorf("after a run naming both roots:\n got  %s\n want %s", got, newTree)
		}
	}
}

// A staging directory without a journal (a run killed while staging) is
// removed by the next run; the tree stays as it was.
func TestPlanClearsStaleStaging(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.go"), "gen a")
	write(t, filepath.Join(dir, stageDir, "0"), "gen half")
	p := NewPlan()
	p.Root(dir, ours)
	p.Write(filepath.Join(dir, "a.go"), []byte("gen a"))
	if _, err := p.Apply(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); got != "a.go=gen a" {
		t.Errorf("after the next run: %s", got)
	}
}
