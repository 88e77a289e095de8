// Package writefile writes output files the way code generators should:
// atomically (temp file + rename, so a reader or an interrupted run never
// sees half a file) and only when the bytes change (so mtimes and diffs
// stay quiet when nothing changed). A Plan does the same for a whole
// output tree: all old or all new, whatever stops the run (plan.go,
// apply.go, journal.go).
package writefile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// IfChanged writes data to path unless the file already holds exactly
// data. It reports whether it wrote. Missing parent directories are made.
func IfChanged(path string, data []byte) (bool, error) {
	old, err := os.ReadFile(path)
	if err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := Atomic(path, data); err != nil {
		return false, err
	}
	return true, nil
}

// Atomic writes data to path through a temporary file in the same
// directory and a rename.
func Atomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// A short temp name: a long target name that fits must not fail on
	// a longer temp name.
	tmp, err := os.CreateTemp(dir, ".topgen-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
