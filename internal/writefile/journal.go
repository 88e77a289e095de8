package writefile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/opentop/topgen/internal/par"
)

// The journal is the commit point of Apply: one file, written complete and
// then renamed into place, in the run's first staging directory (its
// home), after every new content is staged and before the first rename.
// The run's other staging directories (other roots) hold a homeFile
// naming the home. A run that finds a staging directory — which can only
// be left by a dead run, since a run holds the lock of its roots from
// before it stages until it is done — looks for the journal at home:
//   - none: the run died while staging; nothing of the output changed,
//     and the directory is removed;
//   - found: the run died in the rename phase; the journal's operations
//     are replayed — each is idempotent — so the output becomes all new,
//     then the directory is removed.
//
// A run replays a journal from any of the roots it names, so a run whose
// config names only one of them (topgen gen after topgen generate) still
// finishes the update. Paths are relative to the home directory, so a
// moved checkout still recovers.
const (
	journalFile = "journal"
	homeFile    = "home"
)

// op is one journaled operation, with absolute paths in memory.
type op struct {
	staged string // the staged new content; "" for a removal
	target string
	old    string // removals: sha256 of the content to remove
}

// journalEntry is an op on disk.
type journalEntry struct {
	Staged string `json:"staged,omitempty"`
	Target string `json:"target"`
	Old    string `json:"old,omitempty"`
}

type journal struct {
	Topgen int            `json:"topgen_journal"` // format version
	Ops    []journalEntry `json:"ops"`
}

func writeJournal(dir string, ops []op) error {
	j := journal{Topgen: 1, Ops: make([]journalEntry, len(ops))}
	for i, o := range ops {
		e := journalEntry{Target: rel(dir, o.target), Old: o.old}
		if o.staged != "" {
			e.Staged = rel(dir, o.staged)
		}
		j.Ops[i] = e
	}
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, journalFile+".tmp")
	if err := writeNew(tmp, data); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, journalFile))
}

func rel(dir, path string) string {
	r, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

func readJournal(dir string) ([]op, error) {
	data, err := os.ReadFile(filepath.Join(dir, journalFile))
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil || j.Topgen != 1 {
		return nil, fmt.Errorf("%s: not a journal this topgen can read", filepath.Join(dir, journalFile))
	}
	ops := make([]op, len(j.Ops))
	for i, e := range j.Ops {
		ops[i] = op{target: filepath.Join(dir, filepath.FromSlash(e.Target)), old: e.Old}
		if e.Staged != "" {
			ops[i].staged = filepath.Join(dir, filepath.FromSlash(e.Staged))
		}
	}
	return ops, nil
}

// replay carries out the ops. Each is idempotent, so replaying a journal
// whose rename phase was cut off at any point finishes it: a staged file
// that is gone was already renamed, a file to remove that is gone (or no
// longer holds the journaled content) is left alone. It goes on after an
// error and returns the first. crash (tests only; nil otherwise) stops it
// dead before an operation, as a kill would (with the operations running
// in parallel, any set of the others may be done by then).
func replay(ops []op, crash func(i int) bool) error {
	var first error
	fail := func(err error) {
		if first == nil {
			first = err
		}
	}
	made := map[string]bool{}
	for _, o := range ops {
		if o.staged == "" {
			continue
		}
		if dir := filepath.Dir(o.target); !made[dir] {
			made[dir] = true
			if err := os.MkdirAll(dir, 0o755); err != nil {
				fail(err)
			}
		}
	}
	// The operations are independent: they run in parallel.
	var crashed atomic.Bool
	errs := make([]error, len(ops))
	par.Do(len(ops), func(i int) {
		if crashed.Load() || crash != nil && crash(i) {
			crashed.Store(true)
			return
		}
		o := ops[i]
		if o.staged == "" {
			errs[i] = removeIfHolds(o.target, o.old)
		} else if err := os.Rename(o.staged, o.target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs[i] = err
		}
	})
	if crashed.Load() {
		return errCrashed
	}
	for _, err := range errs {
		if err != nil {
			fail(err)
		}
	}
	for _, o := range ops {
		if o.staged == "" {
			pruneEmpty(filepath.Dir(o.target))
		}
	}
	return first
}

// removeIfHolds removes path if it is a regular file with the content
// whose hash is sum.
func removeIfHolds(path, sum string) error {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil || hashOf(data) != sum {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// pruneEmpty removes dir and its parents while they are empty: a package
// whose every file was removed leaves no empty directory behind. It stops
// at the first directory that is not empty (or is a root in use: it holds
// the staging directory).
func pruneEmpty(dir string) {
	for os.Remove(dir) == nil {
		dir = filepath.Dir(dir)
	}
}

// recoverRoot finishes or clears what an interrupted run left in root.
func recoverRoot(root string) error {
	dir := filepath.Join(root, stageDir)
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a staging directory topgen made; remove it", dir)
	}
	home := dir
	if ref, err := os.ReadFile(filepath.Join(dir, homeFile)); err == nil {
		home = filepath.Join(dir, filepath.FromSlash(string(ref)))
	}
	if _, err := os.Stat(filepath.Join(home, journalFile)); err == nil {
		ops, err := readJournal(home)
		if err == nil {
			err = replay(ops, nil)
		}
		if err != nil {
			return fmt.Errorf("finishing the update an interrupted topgen run journaled in %s: %w (delete %s to abandon it)", home, err, dir)
		}
	}
	return os.RemoveAll(dir)
}
