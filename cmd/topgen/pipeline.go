package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opentop/topgen/config"
	"github.com/opentop/topgen/internal/writefile"
	"github.com/opentop/topgen/spec"
)

// docFiles lists the doc files of the sources: files as given, and the
// regular, non-hidden files of directories, sorted.
func docFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
				out = append(out, filepath.Join(p, e.Name()))
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// scrapeAll reads every doc. It reports every bad doc (not only the first)
// and a method documented by two files, and returns an error if any.
func scrapeAll(files []string, stderr io.Writer) ([]*spec.API, error) {
	var apis []*spec.API
	from := map[string]string{}
	failed := 0
	for _, f := range files {
		api, warnings, err := scrapeFile(f)
		for _, w := range warnings {
			fmt.Fprintln(stderr, w)
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			failed++
			continue
		}
		if prev, ok := from[api.Method]; ok {
			fmt.Fprintf(stderr, "%s: documents %s, which %s documents too; keep one of them\n", f, api.Method, prev)
			failed++
			continue
		}
		from[api.Method] = f
		apis = append(apis, api)
	}
	if failed > 0 {
		return nil, fmt.Errorf("%d of %d docs could not be read; nothing was written", failed, len(files))
	}
	return apis, nil
}

// applyPatches applies <dir>/<method>.yaml patches. A patch for a method
// that no source documents is an error: it would silently do nothing.
func applyPatches(apis []*spec.API, dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return err
	}
	byMethod := map[string]*spec.API{}
	for _, a := range apis {
		byMethod[a.Method] = a
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		p, err := spec.UnmarshalPatch(f, data)
		if err != nil {
			return err
		}
		a := byMethod[p.Method]
		if a == nil {
			return fmt.Errorf("%s: patches %s, which no source documents (or include/exclude leaves out)", f, p.Method)
		}
		if err := a.Apply(p); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}

// planSpecs plans dir/<method>.yaml for every API and the removal of spec
// files for methods no longer documented. Only files that are specs (they
// start with "method:") are removed; patches/ is a subdirectory and
// untouched.
func planSpecs(plan *writefile.Plan, dir string, apis []*spec.API) error {
	keep := map[string]bool{}
	for _, a := range apis {
		data, err := spec.Marshal(a)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, a.Method+".yaml")
		plan.Write(path, data)
		keep[path] = true
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range old {
		if keep[f] {
			continue
		}
		if data, err := os.ReadFile(f); err == nil && strings.HasPrefix(string(data), "method:") {
			plan.Remove(f)
		}
	}
	return nil
}

// selectAPIs applies the config's include/exclude and checks that every
// glob matched something.
func selectAPIs(cfg *config.Config, apis []*spec.API) ([]*spec.API, error) {
	methods := make([]string, len(apis))
	for i, a := range apis {
		methods[i] = a.Method
	}
	if err := cfg.CheckGlobs(methods); err != nil {
		return nil, err
	}
	var out []*spec.API
	for _, a := range apis {
		if cfg.Selected(a.Method) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("include/exclude leave no API to generate")
	}
	return out, nil
}
