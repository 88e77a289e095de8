package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/opentop/topgen/internal/writefile"
	"github.com/opentop/topgen/spec"
)

// Specs are derived from the doc pages, so a hand edit would be undone by
// the next generate. Every spec file carries a checksum of its body (see
// spec/checksum.go): a spec whose checksum no longer matches, and whose
// body differs from what generating writes now, was edited by hand.
// generate and generate -check stop there, write nothing, and print the
// patch that keeps the edit; `topgen patch METHOD` writes it.

// checkHandEdits reports every hand-edited spec of apis in specDir with
// the patch that keeps its edit, and returns an error if there is any.
func checkHandEdits(cmd, specDir string, apis []*spec.API, stderr io.Writer) error {
	n := 0
	for _, a := range apis {
		path := filepath.Join(specDir, a.Method+".yaml")
		edited, err := handEdited(path, a)
		if err != nil {
			return err
		}
		if edited == nil {
			continue
		}
		n++
		patchFile := filepath.Join(specDir, "patches", a.Method+".yaml")
		fmt.Fprintf(stderr, "topgen %s: %s was edited by hand; generating would undo the edit.\n", cmd, path)
		fmt.Fprintf(stderr, "  Specs are derived from the doc pages: a correction belongs in %s.\n", patchFile)
		patch, err := keepAsPatch(specDir, a, edited)
		if err != nil {
			fmt.Fprintf(stderr, "  The edit cannot be kept as a patch: %v.\n", err)
			fmt.Fprintf(stderr, "  To drop the edit, delete %s and run topgen generate.\n", path)
			continue
		}
		fmt.Fprintf(stderr, "  To keep it, run `topgen patch %s`, which writes this patch there:\n", a.Method)
		for _, line := range strings.SplitAfter(strings.TrimSuffix(string(patch), "\n"), "\n") {
			fmt.Fprintf(stderr, "    %s", line)
		}
		fmt.Fprintf(stderr, "\n  To drop the edit, delete %s and run topgen generate.\n", path)
	}
	if n > 0 {
		return fmt.Errorf("%s by hand; nothing was written", count(n, "spec was edited", "specs were edited"))
	}
	return nil
}

// handEdited returns the spec file at path when it was edited by hand and
// differs from fresh, what generating writes now; nil otherwise (no file,
// as topgen wrote it, or equal to fresh but for the checksum, as after
// topgen patch).
func handEdited(path string, fresh *spec.API) (*spec.API, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	prov, body := spec.CheckFile(data)
	if prov != spec.HandEdited {
		return nil, nil
	}
	if same, err := sameBody(body, fresh); err != nil || same {
		return nil, err
	}
	edited, err := spec.Unmarshal(path, data)
	if err == nil {
		if verr := edited.Validate(); verr != nil {
			err = fmt.Errorf("%s: %w", path, verr)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s was edited by hand and no longer reads: %w", path, err)
	}
	return edited, nil
}

func sameBody(body []byte, a *spec.API) (bool, error) {
	data, err := spec.Marshal(a)
	if err != nil {
		return false, err
	}
	_, freshBody := spec.CheckFile(data)
	return bytes.Equal(body, freshBody), nil
}

// keepAsPatch returns the patch file that keeps a hand edit: the existing
// patch of the method (fresh already has it applied) followed by the
// changes from fresh to edited.
func keepAsPatch(specDir string, fresh, edited *spec.API) ([]byte, error) {
	p, err := spec.PatchFor(fresh, edited)
	if err != nil {
		return nil, err
	}
	if old, err := readPatch(specDir, fresh.Method); err != nil {
		return nil, err
	} else if old != nil {
		if p.Session == "" {
			p.Session = old.Session
		}
		p.Changes = append(old.Changes, p.Changes...)
	}
	return spec.MarshalPatch(p)
}

// readPatch reads specDir/patches/<method>.yaml, or returns nil if there
// is none.
func readPatch(specDir, method string) (*spec.Patch, error) {
	f := filepath.Join(specDir, "patches", method+".yaml")
	data, err := os.ReadFile(f)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return spec.UnmarshalPatch(f, data)
}

// runPatch turns hand edits of specs into patch files, so that
// regenerating keeps them.
func runPatch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("patch", flag.ContinueOnError)
	file := fs.String("config", "topgen.yaml", "the config `file`; its paths are relative to it")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() == 0 {
		return badUsage(stderr, fs, "name the methods whose edited specs to keep as patches")
	}
	cfg, err := loadConfig(*file)
	if err != nil {
		return fail(stderr, "patch", err)
	}
	apis, err := deriveSpecs(cfg, "patch", stderr, false)
	if err != nil {
		return fail(stderr, "patch", err)
	}
	byMethod := map[string]*spec.API{}
	for _, a := range apis {
		byMethod[a.Method] = a
	}
	specDir := cfg.Path(cfg.Specs)
	code, wrote := 0, false
	for _, m := range fs.Args() {
		w, err := writePatch(specDir, byMethod[m], m, stdout)
		if err != nil {
			code = fail(stderr, "patch", err)
		}
		wrote = wrote || w
	}
	if wrote {
		fmt.Fprintln(stdout, "run topgen generate to regenerate the Go code")
	}
	return code
}

// writePatch writes the patch that keeps the hand edit of one spec, and
// stamps the spec, whose body the patched doc now gives, as written.
func writePatch(specDir string, fresh *spec.API, method string, stdout io.Writer) (wrote bool, err error) {
	if fresh == nil {
		return false, fmt.Errorf("%s: no source documents it (or include/exclude leave it out)", method)
	}
	path := filepath.Join(specDir, method+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	prov, body := spec.CheckFile(data)
	if same, err := sameBody(body, fresh); err != nil {
		return false, err
	} else if same {
		fmt.Fprintf(stdout, "%s is what its doc and patches give; no patch needed\n", path)
		return false, nil
	}
	if prov == spec.AsWritten {
		// A patch from it would pin the old doc over the new one.
		return false, fmt.Errorf("%s is as topgen wrote it, not edited by hand: it is stale, run topgen generate", path)
	}
	edited, err := spec.Unmarshal(path, data)
	if err != nil {
		return false, err
	}
	if err := edited.Validate(); err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	patch, err := keepAsPatch(specDir, fresh, edited)
	if err != nil {
		return false, fmt.Errorf("%s: the edit cannot be kept as a patch: %w", path, err)
	}
	stamped, err := spec.Marshal(edited)
	if err != nil {
		return false, err
	}
	patchFile := filepath.Join(specDir, "patches", method+".yaml")
	for _, w := range []struct {
		path string
		data []byte
	}{{patchFile, patch}, {path, stamped}} {
		changed, err := writefile.IfChanged(w.path, w.data)
		if err != nil {
			return wrote, err
		}
		if changed {
			fmt.Fprintf(stdout, "wrote %s\n", w.path)
			wrote = true
		}
	}
	return wrote, nil
}
