package writefile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/opentop/topgen/internal/par"
)

// stageDir is the hidden directory inside a root where a run stages its
// files (the go tool ignores directories starting with "."). Staged files
// are named by their index in the plan, so a long target name never
// makes a longer temp name, and a run leaves at most this one directory.
const stageDir = ".topgen-staging"

// Apply carries out the changes and returns them, sorted by path:
//
//  1. Lock every root (concurrent runs on one tree take turns) and finish
//     or clear what an interrupted earlier run left (Recover).
//  2. Compare with the disk (Changes); refuse clashes before any write.
//  3. Stage every new content in the root's staging directory. An error
//     or a cancelled ctx (SIGINT, SIGTERM) removes the staging
//     directories and every directory the run made: the disk is as it was.
//  4. Write the journal (the one commit point), then rename the staged files
//     into place, make the directories they need and remove the files to
//     remove, pruning directories that became empty. ctx is not consulted
//     any more: the phase is short and ends in a consistent tree. A kill
//     here leaves the journal, and the next run finishes the phase.
//  5. Remove the staging directories.
func (p *Plan) Apply(ctx context.Context) ([]Change, error) {
	p.mu.Lock()
	roots := append([]*root(nil), p.roots...)
	p.mu.Unlock()
	locks := lockSet{}
	defer locks.release()
	dirs := make([]string, len(roots))
	for i, r := range roots {
		dirs[i] = r.abs
	}
	if err := recoverAll(locks, dirs); err != nil {
		return nil, err
	}
	changes, err := p.changes()
	if err != nil || len(changes) == 0 {
		return publicChanges(changes), err
	}
	s := &stager{ctx: ctx, locks: &locks, stages: map[*root]string{}}
	if err := s.stageAll(changes); err != nil {
		s.abort()
		return nil, err
	}
	if err := s.commit(changes); err != nil {
		return nil, err
	}
	return publicChanges(changes), nil
}

// Recover finishes or clears what an interrupted run left in the given
// output directories, as Apply does first: the output becomes all old or
// all new, and no staging directory remains.
func Recover(dirs ...string) error {
	locks := lockSet{}
	defer locks.release()
	abs := make([]string, len(dirs))
	for i, dir := range dirs {
		abs[i] = mustAbs(dir)
	}
	return recoverAll(locks, abs)
}

// recoverAll locks those of the absolute dirs that exist and recovers
// each. A root that does not exist yet is made (and locked) only when
// something goes there.
func recoverAll(locks lockSet, dirs []string) error {
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		if err := locks.lock(dir); err != nil {
			return err
		}
		if err := recoverRoot(dir); err != nil {
			return err
		}
	}
	return nil
}

// change is a Change with what Apply needs to carry it out.
type change struct {
	Change
	root   *root
	staged string // absolute path of the staged new content
}

func publicChanges(cs []change) []Change {
	var out []Change
	for _, c := range cs {
		out = append(out, c.Change)
	}
	return out
}

// stager runs steps 3 to 5 of Apply.
type stager struct {
	ctx     context.Context
	locks   *lockSet
	stages  map[*root]string // root → its staging directory
	order   []string         // staging directories in the order made
	created []string         // directories the run made, outermost first
}

func (s *stager) stageAll(changes []change) error {
	// The staging directories first (a removal needs the journal too, in
	// a root that may have no writes), then the files, in parallel.
	for i := range changes {
		if _, err := s.stageFor(changes[i].root); err != nil {
			return err
		}
	}
	errs := make([]error, len(changes))
	par.Do(len(changes), func(i int) {
		c := &changes[i]
		if c.New == nil {
			return
		}
		if errs[i] = s.ctx.Err(); errs[i] != nil {
			return
		}
		c.staged = filepath.Join(s.stages[c.root], strconv.Itoa(i))
		errs[i] = writeNew(c.staged, c.New)
	})
	if err := s.ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// stageFor returns the root's staging directory, making the root (locked)
// and the directory on first use.
func (s *stager) stageFor(r *root) (string, error) {
	if dir, ok := s.stages[r]; ok {
		return dir, nil
	}
	if _, err := os.Stat(r.abs); errors.Is(err, fs.ErrNotExist) {
		if err := s.mkdirAll(r.abs); err != nil {
			return "", err
		}
		if err := s.locks.lock(r.abs); err != nil {
			return "", err
		}
	}
	dir := filepath.Join(r.abs, stageDir)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", err
	}
	s.stages[r] = dir
	s.order = append(s.order, dir)
	if len(s.order) > 1 {
		// The journal goes into the first staging directory only (one
		// atomic commit point); the others say where it is.
		if err := writeNew(filepath.Join(dir, homeFile), []byte(rel(dir, s.order[0]))); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// mkdirAll makes dir and its missing parents, remembering which it made.
func (s *stager) mkdirAll(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		s.created = append(s.created, missing[i])
	}
	return nil
}

// abort undoes the staging: the staging directories and the directories
// the run made go, so a failed or interrupted run leaves no trace.
func (s *stager) abort() {
	for _, dir := range s.order {
		os.RemoveAll(dir)
	}
	s.locks.release()
	for i := len(s.created) - 1; i >= 0; i-- {
		os.Remove(s.created[i]) // only if empty: never loses a file
	}
}

// commit writes the journal into every staging directory and carries out
// the renames and removals.
func (s *stager) commit(changes []change) error {
	ops := make([]op, len(changes))
	for i, c := range changes {
		ops[i] = op{staged: c.staged, target: mustAbs(c.Path)}
		if c.New == nil {
			ops[i].old = hashOf(c.Old)
		}
	}
	if crashAt("journal", 0) {
		return errCrashed
	}
	if err := writeJournal(s.order[0], ops); err != nil {
		s.abort()
		return err
	}
	err := replay(ops, func(i int) bool { return crashAt("rename", i) })
	if errors.Is(err, errCrashed) {
		return err
	}
	if err != nil {
		return fmt.Errorf("writing the output failed midway: %w; run topgen again to finish the update (the staged files are kept in %s)", err, s.order[0])
	}
	for _, dir := range s.order {
		os.RemoveAll(dir)
	}
	return nil
}

// crashAt, in tests, stops Apply dead at a point of the commit, as a
// SIGKILL would, cleaning up nothing: before the i-th journal ("journal")
// or before the i-th operation of the rename phase ("rename").
var crashAt = func(phase string, i int) bool { return false }

var errCrashed = errors.New("writefile: stopped by a test")

// writeNew writes a new file that must not exist yet.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

func mustAbs(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return abs
}
