package cache

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opentop/topgen/generator"
	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

func TestKey(t *testing.T) {
	if again := Key("x"); Key("ab", "c") == Key("a", "bc") || Key("a") == Key("a", "") || Key("x") != again {
		t.Error("keys of different parts collide, or one key varies")
	}
}

// reopen saves the store and opens the state again, as the next run does.
func reopen(t *testing.T, s *Store, config, build string) *Store {
	t.Helper()
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	return Open(config, build)
}

func TestStateRoundTrip(t *testing.T) {
	t.Setenv(Env, t.TempDir())
	config := filepath.Join(t.TempDir(), "topgen.yaml")
	s := Open(config, "b1")
	s.PutDoc("d", Doc{Method: "taobao.x.get"})
	s.PutAPI("a", API{Spec: "s", Files: []string{"x/get.go", "h"}, Unit: generator.Unit{Method: "taobao.x.get"}, Names: "GetRequest\nGetResponse"})
	s.PutPackage("p", "h")
	s = reopen(t, s, config, "b1")
	if d, ok := s.Doc("d"); !ok || d.Method != "taobao.x.get" {
		t.Errorf("doc: %v %v", d, ok)
	}
	if a, ok := s.API("a"); !ok || a.Files[1] != "h" || a.Meta().Names[1] != "GetResponse" {
		t.Errorf("api: %v %v", a, ok)
	}
	if h, ok := s.Package("p"); !ok || h != "h" {
		t.Errorf("package: %v %v", h, ok)
	}
	// Only what a run used or made is kept: the API was not confirmed.
	s = reopen(t, s, config, "b1")
	if _, ok := s.API("a"); ok {
		t.Errorf("an API nobody confirmed was kept")
	}
	if _, ok := s.Doc("d"); !ok {
		t.Errorf("a doc that was looked up was dropped")
	}
	// Another build, another config, a corrupt file or the cache off:
	// nothing.
	for name, s := range map[string]*Store{
		"another build":  Open(config, "b2"),
		"another config": Open(config+"x", "b1"),
	} {
		if _, ok := s.Doc("d"); ok {
			t.Errorf("%s: the doc is there", name)
		}
	}
	os.WriteFile(Open(config, "b1").file, []byte("not gob"), 0o644)
	if _, ok := Open(config, "b1").Doc("d"); ok {
		t.Errorf("a corrupt state file was read")
	}
	t.Setenv(Env, "off")
	off := Open(config, "b1")
	off.PutDoc("d", Doc{Method: "m"})
	if err := off.Save(); err != nil || off.file != "" {
		t.Errorf("cache off: %v %q", err, off.file)
	}
	if s := Open(config, ""); s.file != "" {
		t.Errorf("no build id: cache on")
	}
}

// Hash reads a file unless its stamp is the one recorded when the file had
// settled; any change to the content — even in place, same size, mtime put
// back — changes the stamp.
func TestHashStamps(t *testing.T) {
	t.Setenv(Env, t.TempDir())
	defer func(d time.Duration) { settle = d }(settle)
	settle = 0
	config := filepath.Join(t.TempDir(), "topgen.yaml")
	f := filepath.Join(t.TempDir(), "a.go")
	os.WriteFile(f, []byte("package a // one"), 0o644)
	time.Sleep(50 * time.Millisecond) // past the clock tick of the write
	hash := func(s *Store) (string, int64) {
		t.Helper()
		before := reads.Load()
		h, err := s.Hash(f)
		if err != nil {
			t.Fatal(err)
		}
		return h, reads.Load() - before
	}
	s := Open(config, "b")
	if h, n := hash(s); h != HashOf([]byte("package a // one")) || n != 1 {
		t.Fatalf("first hash %s, %d reads", h, n)
	}
	s = reopen(t, s, config, "b")
	if h, n := hash(s); h != HashOf([]byte("package a // one")) || n != 0 {
		t.Errorf("stamped file: %s, %d reads", h, n)
	}
	st, _ := os.Stat(f)
	os.WriteFile(f, []byte("package a // two"), 0o644)
	os.Chtimes(f, st.ModTime(), st.ModTime())
	s = reopen(t, s, config, "b")
	if h, n := hash(s); h != HashOf([]byte("package a // two")) || n != 1 {
		t.Errorf("edited in place (same size, mtime restored): %s, %d reads", h, n)
	}
	if _, err := s.Hash(filepath.Join(t.TempDir(), "missing.go")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}

	// A file changed just before the run is not stamped: it is read again
	// next time.
	settle = time.Hour
	s = reopen(t, Open(config, "b"), config, "b")
	hash(s)
	s = reopen(t, s, config, "b")
	if _, n := hash(s); n != 1 {
		t.Errorf("a recently changed file was trusted by its stamp")
	}
}

// The running test binary is identified by its Go build ID, as `go tool
// buildid` reads it.
func TestBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skip("go tool buildid:", err)
	}
	if got, want := goBuildID(exe), strings.TrimSpace(string(out)); got != want {
		t.Errorf("goBuildID = %q, go tool buildid says %q", got, want)
	}
	if id := BuildID(); id != "go:"+strings.TrimSpace(string(out)) {
		t.Errorf("BuildID = %q", id)
	}
	// A file without a build ID gives none (the caller hashes it).
	f := filepath.Join(t.TempDir(), "x")
	os.WriteFile(f, []byte("not an executable"), 0o755)
	if id := goBuildID(f); id != "" {
		t.Errorf("goBuildID of a text file = %q", id)
	}
}

func TestNewAPI(t *testing.T) {
	u := &generator.Unit{Method: "taobao.x.get", Package: "x", Names: []string{"GetRequest", "GetResponse"},
		Files: map[string][]byte{"x/get_test.go": []byte("t"), "x/get.go": []byte("g")}}
	a := NewAPI("spec", u)
	if len(a.Files) != 4 || a.Files[0] != "x/get.go" || a.Files[1] != HashOf([]byte("g")) || a.Files[2] != "x/get_test.go" {
		t.Errorf("files %q", a.Files)
	}
	m := a.Meta()
	if m.Files != nil || m.Method != "taobao.x.get" || strings.Join(m.Names, " ") != "GetRequest GetResponse" {
		t.Errorf("meta %+v", m)
	}
	if u.Files == nil || len(u.Names) != 2 {
		t.Errorf("NewAPI changed the unit")
	}
}

// Saving removes the state of configs unused for 30 days; a no-op keeps
// its own state marked as used.
func TestSaveTrims(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(Env, dir)
	stale := filepath.Join(dir, "0123456789abcdef0123456789abcdef.state")
	other := filepath.Join(dir, "notes.txt")
	for _, f := range []string{stale, other} {
		os.WriteFile(f, nil, 0o644)
		old := time.Now().Add(-31 * 24 * time.Hour)
		os.Chtimes(f, old, old)
	}
	config := filepath.Join(t.TempDir(), "topgen.yaml")
	s := Open(config, "b")
	s.PutDoc("d", Doc{Method: "m"})
	s = reopen(t, s, config, "b")
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("a state unused for 31 days was kept")
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file that is not a state was removed")
	}
	// A no-op run of a config used 2 days ago marks its state as used.
	old := time.Now().Add(-48 * time.Hour)
	os.Chtimes(s.file, old, old)
	s.Doc("d")
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(s.file); time.Since(st.ModTime()) > time.Hour {
		t.Errorf("a used state was not marked as used")
	}
}
