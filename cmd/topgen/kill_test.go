package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/opentop/topgen/internal/slowtest"
	"github.com/opentop/topgen/internal/writefile"
)

// TestCLIProcess is not a test: the kill test runs the test binary as
// `topgen` through it (TOPGEN_TEST_CLI=1, CLI arguments after --).
func TestCLIProcess(t *testing.T) {
	if os.Getenv("TOPGEN_TEST_CLI") != "1" {
		t.Skip("the CLI as a subprocess of the kill test")
	}
	os.Exit(run(flag.Args(), os.Stdout, os.Stderr))
}

// syntheticProject writes a topgen.yaml and copies of the bundled JSON
// pages: copy k of each doc has the group segment suffixed with k (one
// package per copy and group), and version v in every title, so that two
// versions differ in every spec and every API file.
func syntheticProject(t *testing.T, dir string, copies []int, version string) {
	t.Helper()
	pages, _ := filepath.Glob("../../pages/*.json")
	out := filepath.Join(dir, "pages")
	os.RemoveAll(out)
	os.MkdirAll(out, 0o755)
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		method, _ := doc["name"].(string)
		segs := strings.Split(method, ".")
		for _, k := range copies {
			s := append([]string{}, segs...)
			s[1] = fmt.Sprintf("%s%d", s[1], k)
			renamed := strings.Join(s, ".")
			text := strings.ReplaceAll(string(data), method, renamed)
			text = strings.ReplaceAll(text, strings.Join(segs[1:], "_")+"_response", strings.Join(s[1:], "_")+"_response")
			text = strings.Replace(text, `"apiChineseName": "`, `"apiChineseName": "`+version+" ", 1)
			os.WriteFile(filepath.Join(out, renamed+".json"), []byte(text), 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "topgen.yaml"), []byte("sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/kill/gen\n"), 0o644)
}

// outputTree is the generated part of a project (specs/ and gen/) as
// relative path → content, hidden files and directories included.
func outputTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, sub := range []string{"specs", "gen"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			if d.IsDir() {
				rel += "/"
			}
			b, _ := os.ReadFile(p)
			out[rel] = string(b)
			return nil
		})
	}
	return out
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// litter lists what no run may leave: staging directories, temp files,
// any hidden file.
func litter(tree map[string]string) []string {
	var out []string
	for p := range tree {
		for _, e := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
			if strings.HasPrefix(e, ".") || strings.HasSuffix(e, ".tmp") {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// A kill at a random moment of `topgen generate` (SIGKILL, SIGINT or
// SIGTERM; one in three while it stages, one in three in its rename
// phase) never leaves a mixed or littered tree:
// once the next run has recovered, the output is all old or all new, and
// after the next run completes it is all new with no temp file anywhere.
// By default a small synthetic project (about 90 files); TOPGEN_CATALOG=1
// makes it catalogue-sized (about 2,100 files) with more kills.
func TestGenerateKilledAtRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess kill test skipped in -short mode")
	}
	copies, trials := 2, 3
	if slowtest.Enabled() {
		copies, trials = 40, 6
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d, %d copies of the bundled JSON docs, %d kills", seed, copies, trials)

	var oldCopies, newCopies []int
	for k := 0; k < copies; k++ {
		oldCopies = append(oldCopies, k)
		newCopies = append(newCopies, k+1) // copy 0's packages go, copy N's come
	}
	// The old and the new tree, generated without interruption.
	want := func(copies []int, version string) (string, map[string]string) {
		dir := t.TempDir()
		syntheticProject(t, dir, copies, version)
		if code, _, errs := topgen(t, "generate", "-config", filepath.Join(dir, "topgen.yaml")); code != 0 {
			t.Fatalf("generate: %s", errs)
		}
		return dir, outputTree(t, dir)
	}
	oldDir, oldTree := want(oldCopies, "v1")
	_, newTree := want(newCopies, "v2")
	t.Logf("old tree %d entries, new tree %d", len(oldTree), len(newTree))

	dir := t.TempDir()
	syntheticProject(t, dir, newCopies, "v2")
	reset := func() {
		for _, sub := range []string{"specs", "gen"} {
			os.RemoveAll(filepath.Join(dir, sub))
			if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(oldDir, sub))); err != nil {
				t.Fatal(err)
			}
		}
	}
	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCLIProcess$", "--", "generate", "-config", filepath.Join(dir, "topgen.yaml"))
		cmd.Env = append(os.Environ(), "TOPGEN_TEST_CLI=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// exists reports whether a run has reached a point: its staging
	// directory (staging began) or its journal (the rename phase began).
	exists := func(name string) bool {
		for _, sub := range []string{"specs", "gen"} {
			if _, err := os.Stat(filepath.Join(dir, sub, ".topgen-staging", name)); err == nil {
				return true
			}
		}
		return false
	}
	const staging, renaming = "", "journal"
	// waitFor polls for a point; false if the run ended first.
	waitFor := func(point string, done chan error) bool {
		for !exists(point) {
			select {
			case err := <-done:
				done <- err
				return false
			default:
				time.Sleep(100 * time.Microsecond)
			}
		}
		return true
	}
	// Calibrate: how long a run takes, how long it stages, how long it
	// renames.
	reset()
	began := time.Now()
	cmd := start()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var staged, journaled time.Time
	if waitFor(staging, done) {
		staged = time.Now()
		if waitFor(renaming, done) {
			journaled = time.Now()
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("uninterrupted run: %v", err)
	}
	ended := time.Now()
	if staged.IsZero() {
		staged = ended
	}
	if journaled.IsZero() {
		journaled = ended
	}
	total, stageTime, renameTime := ended.Sub(began), journaled.Sub(staged), ended.Sub(journaled)
	if got := outputTree(t, dir); !sameTree(got, newTree) {
		t.Fatalf("an uninterrupted run did not produce the new tree")
	}
	t.Logf("a run takes %v: staging %v, renaming %v", total, stageTime, renameTime)

	// When and how each kill lands, in turn: while the run stages, while
	// it renames, or anywhere, with every signal at every point.
	const anywhere = "anywhere"
	schedule := []struct {
		point string
		sig   syscall.Signal
	}{
		{staging, syscall.SIGINT}, {renaming, syscall.SIGKILL}, {anywhere, syscall.SIGTERM},
		{staging, syscall.SIGKILL}, {renaming, syscall.SIGTERM}, {anywhere, syscall.SIGKILL},
		{staging, syscall.SIGTERM}, {renaming, syscall.SIGINT}, {anywhere, syscall.SIGINT},
	}
	outcomes := map[string]int{}
	for i := 0; i < trials; i++ {
		point, sig := schedule[i%len(schedule)].point, schedule[i%len(schedule)].sig
		reset()
		cmd := start()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var delay time.Duration
		switch point {
		case staging:
			waitFor(staging, done)
			delay = time.Duration(rng.Int64N(int64(stageTime) + 1))
		case renaming:
			waitFor(renaming, done)
			delay = time.Duration(rng.Int64N(int64(renameTime) + 1))
		default:
			delay = time.Duration(rng.Int64N(int64(total) + 1))
		}
		time.Sleep(delay)
		cmd.Process.Signal(sig)
		<-done
		// What the kill left, before any recovery.
		left := outputTree(t, dir)
		state := "untouched"
		switch {
		case sameTree(left, newTree):
			state = "finished"
		case left["gen/.topgen-staging/journal"] != "" || left["specs/.topgen-staging/journal"] != "":
			state = "killed while renaming"
		case len(litter(left)) > 0:
			state = "killed while staging"
		case !sameTree(left, oldTree):
			state = "MIXED"
		}
		outcomes[state]++
		// The next run first recovers: all old or all new, no litter.
		if err := writefile.Recover(filepath.Join(dir, "specs"), filepath.Join(dir, "gen")); err != nil {
			t.Fatalf("kill %d (%v after %v): recovery: %v", i, sig, delay, err)
		}
		got := outputTree(t, dir)
		if !sameTree(got, oldTree) && !sameTree(got, newTree) {
			t.Fatalf("kill %d (%v after %v, %s): after recovery the tree is neither all old nor all new:\n%s", i, sig, delay, state, describe(got, oldTree, newTree))
		}
		if l := litter(got); len(l) > 0 {
			t.Fatalf("kill %d (%v after %v, %s): left %v", i, sig, delay, state, l)
		}
		// Then it completes: all new.
		if code, _, errs := topgen(t, "generate", "-config", filepath.Join(dir, "topgen.yaml")); code != 0 {
			t.Fatalf("kill %d: the next run: %s", i, errs)
		}
		if got := outputTree(t, dir); !sameTree(got, newTree) {
			t.Fatalf("kill %d (%v after %v, %s): the next run did not make the new tree:\n%s", i, sig, delay, state, describe(got, oldTree, newTree))
		}
	}
	t.Logf("what the kills left before recovery: %v", outcomes)
}

// describe says how a tree differs from the old and the new one.
func describe(got, oldTree, newTree map[string]string) string {
	var asOld, asNew, neither, missing []string
	for p, c := range got {
		switch {
		case newTree[p] == c && oldTree[p] == c:
		case newTree[p] == c:
			asNew = append(asNew, p)
		case oldTree[p] == c:
			asOld = append(asOld, p)
		default:
			neither = append(neither, p)
		}
	}
	for p := range newTree {
		if _, ok := got[p]; !ok {
			missing = append(missing, p)
		}
	}
	sort.Strings(neither)
	sort.Strings(missing)
	return fmt.Sprintf("%d entries as old, %d as new, %d neither (%s), %d of the new tree missing (%s)", len(asOld), len(asNew), len(neither), listSome(neither), len(missing), listSome(missing))
}
