package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/opentop/topgen/internal/writefile"
)

// specOwner is the ownership rule of a spec directory: a spec file is
// topgen's when its first line is "method: <its own name>", the line
// spec.Marshal always writes first. Anything else there — a hand-written
// note, a patch copied up from patches/ — is never overwritten or removed.
func specOwner(path string, old []byte) error {
	method := strings.TrimSuffix(filepath.Base(path), ".yaml")
	line, _, _ := bytes.Cut(old, []byte("\n"))
	if string(line) == "method: "+method {
		return nil
	}
	return fmt.Errorf("%s is not a spec topgen wrote (its first line is not \"method: %s\") and topgen never overwrites it: rename or move it", path, method)
}

// applyPlan writes the plan; SIGINT and SIGTERM while it stages stop it
// with the output untouched and no staging directory left (before it,
// nothing is written, so the default handling is right; once the rename
// phase begins it runs to the end).
func applyPlan(plan *writefile.Plan) ([]writefile.Change, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	changes, err := plan.Apply(ctx)
	if errors.Is(err, context.Canceled) {
		return nil, fmt.Errorf("interrupted; nothing was written")
	}
	return changes, err
}

// isHidden reports whether a directory is one the go tool ignores (.x,
// _x): never a generated package, and where the staging directory lives.
func isHidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}
