package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opentop/topgen/internal/writefile"
)

// WriteFiles writes files (paths relative to dir, slash-separated)
// atomically, skipping files whose bytes are unchanged, and returns the
// paths it wrote, sorted. Paths that would leave dir are refused before
// anything is written.
func WriteFiles(dir string, files map[string][]byte) (changed []string, err error) {
	names, err := checkedNames(files)
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		wrote, err := writefile.IfChanged(filepath.Join(dir, filepath.FromSlash(name)), files[name])
		if err != nil {
			return changed, err
		}
		if wrote {
			changed = append(changed, name)
		}
	}
	return changed, nil
}

// CheckFiles writes nothing; it returns the paths whose content on disk
// differs from files (or is missing), sorted.
func CheckFiles(dir string, files map[string][]byte) (stale []string, err error) {
	names, err := checkedNames(files)
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if errors.Is(err, fs.ErrNotExist) {
			stale = append(stale, name)
			continue
		}
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(old, files[name]) {
			stale = append(stale, name)
		}
	}
	return stale, nil
}

func checkedNames(files map[string][]byte) ([]string, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || !fs.ValidPath(name) {
			return nil, fmt.Errorf("generator: refusing to write %q: not a relative slash path inside the output directory", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}
