package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/opentop/topgen/config"
	"github.com/opentop/topgen/scraper"
	"github.com/opentop/topgen/spec"
)

// scraped is what reading one doc gave. api is a placeholder holding only
// the method when the doc's result came from the cache.
type scraped struct {
	api      *spec.API
	warnings []scraper.Warning
	err      error
}

// collectScraped reports the results of reading files (read in parallel),
// in file order: every bad doc (not only the first) and a method
// documented by two files, and returns an error if any. It returns the
// APIs read and the readers' warnings by method, for reportWarnings.
func collectScraped(cmd string, files []string, results []scraped, stderr io.Writer) ([]*spec.API, map[string][]scraper.Warning, error) {
	var apis []*spec.API
	from := map[string]string{}
	warned := map[string][]scraper.Warning{}
	failed := 0
	for i, f := range files {
		api, warnings, err := results[i].api, results[i].warnings, results[i].err
		if err != nil {
			fmt.Fprintf(stderr, "topgen %s: %v\n", cmd, err)
			failed++
			continue
		}
		if prev, ok := from[api.Method]; ok {
			fmt.Fprintf(stderr, "topgen %s: %s: documents %s, which %s documents too; keep one of them\n", cmd, f, api.Method, prev)
			failed++
			continue
		}
		from[api.Method] = f
		apis = append(apis, api)
		if len(warnings) > 0 {
			warned[api.Method] = warnings
		}
	}
	if failed > 0 {
		return nil, nil, fmt.Errorf("%d of %s could not be read; nothing was written", failed, count(len(files), "doc", "docs"))
	}
	return apis, warned, nil
}

// reportWarnings reports the readers' warnings about the APIs being
// generated. They repeat on every run while the doc stays as it is, so by
// default they are one line, a count; verbose (generate -v) lists them.
func reportWarnings(cmd string, stderr io.Writer, apis []*spec.API, warned map[string][]scraper.Warning, verbose bool) {
	n, docs := 0, 0
	for _, a := range apis {
		for _, w := range warned[a.Method] {
			if verbose {
				fmt.Fprintf(stderr, "topgen %s: %s\n", cmd, w)
			}
			n++
		}
		if len(warned[a.Method]) > 0 {
			docs++
		}
	}
	if n > 0 && !verbose {
		fmt.Fprintf(stderr, "topgen %s: %s about %s; topgen generate -v lists them\n",
			cmd, count(n, "warning", "warnings"), count(docs, "doc", "docs"))
	}
}

// applyPatches applies <dir>/<method>.yaml patches. A patch for a method
// that no source documents is an error: it would silently do nothing.
func applyPatches(apis []*spec.API, dir string) error {
	patches, err := readPatches(apis, dir)
	if err != nil {
		return err
	}
	byMethod := map[string]*spec.API{}
	for _, a := range apis {
		byMethod[a.Method] = a
	}
	for _, p := range patches {
		if err := p.apply(byMethod[p.patch.Method]); err != nil {
			return err
		}
	}
	return nil
}

// patchFile is one patch of the specs' patches/ directory.
type patchFile struct {
	path  string
	data  []byte
	patch *spec.Patch
}

func (p *patchFile) apply(a *spec.API) error {
	if err := a.Apply(p.patch); err != nil {
		return fmt.Errorf("%s: %w", p.path, err)
	}
	return nil
}

// readPatches reads the patches of dir, sorted by file name. A patch for a
// method none of apis has is an error.
func readPatches(apis []*spec.API, dir string) ([]*patchFile, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, a := range apis {
		have[a.Method] = true
	}
	var out []*patchFile
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		p, err := spec.UnmarshalPatch(f, data)
		if err != nil {
			return nil, err
		}
		if !have[p.Method] {
			return nil, fmt.Errorf("%s: patches %s, which no source documents (or include/exclude leaves out)", f, p.Method)
		}
		out = append(out, &patchFile{path: f, data: data, patch: p})
	}
	return out, nil
}

// selectAPIs applies the config's include/exclude and checks that every
// glob matched something.
func selectAPIs(cfg *config.Config, apis []*spec.API, scan *sourceScan) ([]*spec.API, error) {
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
		return nil, fmt.Errorf("include/exclude leave none of the %s of the sources to generate (%s)",
			count(len(apis), "API", "APIs"), scan.describe())
	}
	return out, nil
}
