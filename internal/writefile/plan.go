package writefile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Plan is an output tree to write: files with their new content and files
// to remove. Apply changes the disk only where bytes differ, and stages
// every write before touching any target, so a failure while writing
// leaves the previous output as it was.
type Plan struct {
	writes  map[string][]byte
	removes map[string]bool
}

// NewPlan returns an empty plan.
func NewPlan() *Plan { return &Plan{writes: map[string][]byte{}, removes: map[string]bool{}} }

// Write plans path to hold data.
func (p *Plan) Write(path string, data []byte) {
	p.writes[path] = data
	delete(p.removes, path)
}

// Remove plans path to be deleted.
func (p *Plan) Remove(path string) {
	if _, ok := p.writes[path]; !ok {
		p.removes[path] = true
	}
}

// Change is one file the plan would change.
type Change struct {
	Path string
	Old  []byte // nil when the file is new
	New  []byte // nil when the file is removed
}

// Changes compares the plan with the disk and returns what would change,
// sorted by path.
func (p *Plan) Changes() ([]Change, error) {
	var out []Change
	for path, data := range p.writes {
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, Change{Path: path, New: data})
		case err != nil:
			return nil, err
		case !bytes.Equal(old, data):
			out = append(out, Change{Path: path, Old: old, New: data})
		}
	}
	for path := range p.removes {
		old, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, Change{Path: path, Old: old})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// stage writes a temp file beside path; tests replace it to inject a
// failure mid-run.
var stage = func(path string, data []byte) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Chmod(0o644)
	if err := errors.Join(werr, cerr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// Apply carries out the changes and returns them. Every new content is
// first staged in a temp file; only when all are staged are they renamed
// into place and the removals done. A staging failure removes the temp
// files and leaves the disk unchanged.
func (p *Plan) Apply() ([]Change, error) {
	changes, err := p.Changes()
	if err != nil {
		return nil, err
	}
	temps := map[string]string{}
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, c := range changes {
		if c.New == nil {
			continue
		}
		tmp, err := stage(c.Path, c.New)
		if err != nil {
			cleanup()
			return nil, err
		}
		temps[c.Path] = tmp
	}
	for _, c := range changes {
		if c.New == nil {
			if err := os.Remove(c.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				cleanup()
				return nil, err
			}
			continue
		}
		if err := os.Rename(temps[c.Path], c.Path); err != nil {
			cleanup()
			return nil, err
		}
		delete(temps, c.Path)
	}
	return changes, nil
}
