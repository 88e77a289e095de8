package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "-trimpath", Value: "true"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0bc2f34e5ad8c1f0d0e7b3c3a7e8d2f1a9b8c7d6"},
		{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go install @version",
			debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: modulePath, Version: "v1.2.3"}},
			"topgen v1.2.3 (go1.26.8)"},
		{"go build in a checkout",
			debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: modulePath, Version: "(devel)"}, Settings: vcs},
			"topgen (devel) revision 0bc2f34e5ad8c1f0d0e7b3c3a7e8d2f1a9b8c7d6, 2026-01-02T03:04:05Z, modified (go1.26.8)"},
		{"clean checkout, version stamped from vcs",
			debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: modulePath, Version: "v0.0.0-20260102030405-0bc2f34e5ad8"},
				Settings: vcs[:4]},
			"topgen v0.0.0-20260102030405-0bc2f34e5ad8 revision 0bc2f34e5ad8c1f0d0e7b3c3a7e8d2f1a9b8c7d6, 2026-01-02T03:04:05Z (go1.26.8)"},
		{"go tool topgen in another module: topgen's version, not that module's revision",
			debug.BuildInfo{GoVersion: "go1.25.0", Main: debug.Module{Path: "example.com/shop"}, Settings: vcs,
				Deps: []*debug.Module{{Path: "golang.org/x/net", Version: "v0.58.0"}, {Path: modulePath, Version: "v1.4.0"}}},
			"topgen v1.4.0 (go1.25.0)"},
		{"a replaced topgen",
			debug.BuildInfo{GoVersion: "go1.25.0", Main: debug.Module{Path: "example.com/shop"},
				Deps: []*debug.Module{{Path: modulePath, Version: "v0.0.0", Replace: &debug.Module{Path: "../.."}}}},
			"topgen v0.0.0 => ../.. (go1.25.0)"},
		{"no build information", debug.BuildInfo{}, "topgen (devel)"},
	} {
		if got := versionLine(&tc.bi); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// version, -version and --version print the same line and exit 0.
func TestVersionCommand(t *testing.T) {
	code, want, errs := topgen(t, "version")
	if code != 0 || errs != "" || !strings.HasPrefix(want, "topgen ") || strings.Count(want, "\n") != 1 {
		t.Fatalf("version: exit %d, stdout %q, stderr %q", code, want, errs)
	}
	for _, args := range [][]string{{"-version"}, {"--version"}} {
		if code, out, _ := topgen(t, args...); code != 0 || out != want {
			t.Errorf("topgen %v: exit %d, %q; want 0 and %q", args, code, out, want)
		}
	}
}

// A binary built from this checkout names its git revision.
func TestVersionOfBuiltBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds topgen")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	head, err := exec.Command(git, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	top, _ := exec.Command(git, "rev-parse", "--show-toplevel").Output()
	if st, err := os.Stat(filepath.Join(strings.TrimSpace(string(top)), ".git")); err != nil || !st.IsDir() {
		t.Skip("a git worktree (.git is a file): go build stamps no VCS information there")
	}
	bin := filepath.Join(t.TempDir(), "topgen")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOFLAGS=") // the machine may set -buildvcs=false there
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "revision " + strings.TrimSpace(string(head)); !strings.HasPrefix(string(out), "topgen ") || !strings.Contains(string(out), want) {
		t.Errorf("topgen version = %q, want it to contain %q", out, want)
	}
}
