package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opentop/topgen/internal/writefile"
)

// IsGenerated reports whether a file is topgen's generated Go: its first
// line is "// " + Header. Only such files are ever overwritten or removed;
// a hand-written file is left alone whatever its name.
func IsGenerated(data []byte) bool {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return string(line) == "// "+Header
}

// Owner is the ownership rule of an output directory of generated Go, as
// a writefile.Owner: files that are not IsGenerated are refused with an
// error naming the file and the way out; hint, if not empty, adds another
// way (for the doc file: "set doc_file in topgen.yaml").
func Owner(docFile, hint string) writefile.Owner {
	return func(path string, old []byte) error {
		if IsGenerated(old) {
			return nil
		}
		fix := "rename it"
		if filepath.Base(path) == docFile && hint != "" {
			fix += ", or " + hint
		}
		return fmt.Errorf("%s was not written by topgen (its first line is not // %s) and topgen never overwrites it: %s", path, Header, fix)
	}
}

// WriteFiles writes files (paths relative to dir, slash-separated) as one
// writefile.Plan: all or nothing, skipping files whose bytes are
// unchanged, never over a file that is not IsGenerated. It returns the
// paths it wrote, sorted. Paths that would leave dir are refused before
// anything is written.
func WriteFiles(dir string, files map[string][]byte) (changed []string, err error) {
	plan, err := planFiles(dir, files)
	if err != nil {
		return nil, err
	}
	changes, err := plan.Apply(context.Background())
	return relNames(dir, changes), err
}

// CheckFiles writes nothing; it returns the paths whose content on disk
// differs from files (or is missing), sorted.
func CheckFiles(dir string, files map[string][]byte) (stale []string, err error) {
	plan, err := planFiles(dir, files)
	if err != nil {
		return nil, err
	}
	changes, err := plan.Changes()
	return relNames(dir, changes), err
}

func planFiles(dir string, files map[string][]byte) (*writefile.Plan, error) {
	plan := writefile.NewPlan()
	plan.Root(dir, Owner("doc.go", ""))
	for name, data := range files {
		if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || !fs.ValidPath(name) {
			return nil, fmt.Errorf("generator: refusing to write %q: not a relative slash path inside the output directory", name)
		}
		plan.Write(filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	return plan, nil
}

func relNames(dir string, changes []writefile.Change) []string {
	var names []string
	for _, c := range changes {
		rel, _ := filepath.Rel(dir, c.Path)
		names = append(names, filepath.ToSlash(rel))
	}
	sort.Strings(names)
	return names
}
