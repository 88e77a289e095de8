package diff

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opentop/topgen/spec"
)

// Load reads one spec file, or every *.yaml spec in a directory.
func Load(p string) ([]*spec.API, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		a, err := spec.Load(p)
		if err != nil {
			return nil, err
		}
		return []*spec.API{a}, nil
	}
	files, err := filepath.Glob(filepath.Join(p, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return loadAll(files, func(f string) ([]byte, error) { return os.ReadFile(f) })
}

// LoadGit reads the specs of a file or directory as they were at a git
// revision, through `git show` / `git ls-tree` in the directory's repository.
func LoadGit(rev, p string) ([]*spec.API, error) {
	abs, err := filepath.Abs(p)
	if err == nil {
		// git reports the top level with symlinks resolved.
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return nil, err
	}
	dir := abs
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return nil, err
	}
	rel = filepath.ToSlash(rel)
	// git paths are relative to the repository root from here on.
	show := func(f string) ([]byte, error) { return git(root, "show", rev+":"+f) }
	if strings.HasSuffix(rel, ".yaml") {
		return loadAll([]string{rel}, show)
	}
	list, err := git(root, "ls-tree", "--name-only", rev, rel+"/")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, f := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		if strings.HasSuffix(f, ".yaml") && path.Dir(f) == rel {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	return loadAll(files, show)
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

func loadAll(files []string, read func(string) ([]byte, error)) ([]*spec.API, error) {
	var out []*spec.API
	seen := map[string]string{}
	for _, f := range files {
		data, err := read(f)
		if err != nil {
			return nil, err
		}
		a, err := spec.Unmarshal(f, data)
		if err != nil {
			return nil, err
		}
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if prev, ok := seen[a.Method]; ok {
			return nil, fmt.Errorf("%s and %s both specify %s", prev, f, a.Method)
		}
		seen[a.Method] = f
		out = append(out, a)
	}
	return out, nil
}
