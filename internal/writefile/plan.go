package writefile

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/opentop/topgen/internal/par"
)

// Plan is an output tree to write: files with their new content and files
// to remove, inside declared output directories (roots). Apply changes the
// disk only where bytes differ; it stages every new content in a hidden
// directory of each root before touching any target, and journals the
// rename phase, so an error, a signal or a kill leaves the previous output
// or, after the next run, the new one — never a mix (see Apply).
//
// A Plan is safe for concurrent use by the goroutines that fill it.
type Plan struct {
	mu      sync.Mutex
	roots   []*root
	writes  map[string][]byte
	removes map[string]bool
}

// An Owner decides whether an existing file inside a root belongs to the
// generator. It returns nil when the file may be replaced or removed, and
// otherwise an error that names the file and says how to resolve the
// clash. Files of other owners are never written: planning to write one
// is an error. Planned removals of them are skipped silently.
type Owner func(path string, old []byte) error

type root struct {
	dir   string // as given, cleaned
	abs   string
	owner Owner
}

// NewPlan returns an empty plan.
func NewPlan() *Plan { return &Plan{writes: map[string][]byte{}, removes: map[string]bool{}} }

// Root declares an output directory. Every path the plan writes or
// removes must be inside one; owner judges the files already there. A
// root may itself be a symbolic link (the user chose it), but nothing
// below it may be.
func (p *Plan) Root(dir string, owner Owner) {
	p.mu.Lock()
	defer p.mu.Unlock()
	dir = filepath.Clean(dir)
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	for _, r := range p.roots {
		if r.abs == abs {
			r.owner = owner
			return
		}
	}
	p.roots = append(p.roots, &root{dir: dir, abs: abs, owner: owner})
}

// Write plans path to hold data.
func (p *Plan) Write(path string, data []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	path = filepath.Clean(path)
	if data == nil {
		data = []byte{} // nil New means removal in a Change
	}
	p.writes[path] = data
	delete(p.removes, path)
}

// Remove plans path to be deleted if it exists and its root's owner
// claims it.
func (p *Plan) Remove(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	path = filepath.Clean(path)
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

// maxName is the longest file name (one path element, in bytes) the
// common file systems accept; longer names are refused before anything
// is written rather than failing halfway through the rename phase.
const maxName = 255

// Changes compares the plan with the disk and returns what would change,
// sorted by path. It writes nothing. It refuses, naming every offending
// path: a path outside the roots, a name longer than 255 bytes, a symbolic
// link or a non-directory on the way to a file, and writing over a file
// its root's owner does not claim.
func (p *Plan) Changes() ([]Change, error) {
	cs, err := p.changes()
	return publicChanges(cs), err
}

func (p *Plan) changes() ([]change, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	paths := make([]string, 0, len(p.writes)+len(p.removes))
	for path := range p.writes {
		paths = append(paths, path)
	}
	for path := range p.removes {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	// The paths and directories are checked in order (each directory
	// once), then the files are read in parallel.
	dirs := dirChecker{seen: map[string]error{}}
	roots := make([]*root, len(paths))
	errs := make([]error, len(paths))
	for i, path := range paths {
		roots[i], errs[i] = p.rootOf(path)
		if errs[i] == nil {
			errs[i] = dirs.check(roots[i], path)
		}
	}
	found := make([]*change, len(paths))
	par.Do(len(paths), func(i int) {
		if errs[i] == nil {
			found[i], errs[i] = p.compare(paths[i], roots[i])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []change
	for _, c := range found {
		if c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}

// compare returns the change path needs, or nil.
func (p *Plan) compare(path string, r *root) (*change, error) {
	data, isWrite := p.writes[path]
	old, exists, err := readExisting(path)
	if err != nil || !exists {
		// Removing a missing file does nothing; a symlink or a directory
		// where a file should be is never touched.
		if isWrite && err != nil {
			return nil, err
		}
		if isWrite {
			return &change{Change: Change{Path: path, New: data}, root: r}, nil
		}
		return nil, nil
	}
	if isWrite && bytes.Equal(old, data) {
		return nil, nil
	}
	if r.owner != nil {
		if err := r.owner(path, old); err != nil {
			if isWrite {
				return nil, err
			}
			return nil, nil
		}
	}
	return &change{Change: Change{Path: path, Old: old, New: data}, root: r}, nil
}

// rootOf returns the root holding path (the innermost, when roots nest).
func (p *Plan) rootOf(path string) (*root, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	var best *root
	for _, r := range p.roots {
		if rel, err := filepath.Rel(r.abs, abs); err == nil && rel != "." && filepath.IsLocal(rel) {
			if best == nil || len(r.abs) > len(best.abs) {
				best = r
			}
		}
	}
	if best == nil {
		return nil, fmt.Errorf("refusing to write %s: it is outside the output directories", path)
	}
	return best, nil
}

// readExisting reads path if it is a regular file. A path that does not
// exist is (nil, false, nil); a symlink or a directory is an error.
func readExisting(path string) ([]byte, bool, error) {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if !st.Mode().IsRegular() {
		what := "a directory"
		if st.Mode()&fs.ModeSymlink != 0 {
			what = "a symbolic link"
		} else if !st.IsDir() {
			what = "not a regular file"
		}
		return nil, false, fmt.Errorf("%s is %s; topgen replaces only regular files it wrote: move it away", path, what)
	}
	data, err := os.ReadFile(path)
	return data, err == nil, err
}

// dirChecker checks the directories between a root and a file once each:
// a symbolic link there would let a write land outside the root.
type dirChecker struct{ seen map[string]error }

func (d dirChecker) check(r *root, path string) error {
	rel, _ := filepath.Rel(r.dir, path)
	elems := strings.Split(rel, string(filepath.Separator))
	for _, e := range elems {
		if len(e) > maxName {
			return fmt.Errorf("refusing to write %s: the name %.40s… is %d bytes long, and file systems allow at most %d", path, e, len(e), maxName)
		}
	}
	dir := r.dir
	for _, e := range elems[:len(elems)-1] {
		dir = filepath.Join(dir, e)
		err, ok := d.seen[dir]
		if !ok {
			st, lerr := os.Lstat(dir)
			switch {
			case errors.Is(lerr, fs.ErrNotExist):
				// Made in the rename phase; nothing below can exist.
			case lerr != nil:
				err = lerr
			case st.Mode()&fs.ModeSymlink != 0:
				err = fmt.Errorf("refusing to write %s: %s is a symbolic link inside the output directory %s, and topgen never writes outside it; replace the link with a directory", path, dir, r.dir)
			case !st.IsDir():
				err = fmt.Errorf("refusing to write %s: %s is not a directory", path, dir)
			}
			d.seen[dir] = err
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return fmt.Sprintf("%x", sum)
}
