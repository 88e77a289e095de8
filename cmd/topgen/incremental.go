package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/opentop/topgen/config"
	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/internal/cache"
	"github.com/opentop/topgen/internal/par"
	"github.com/opentop/topgen/internal/writefile"
	"github.com/opentop/topgen/scraper"
	"github.com/opentop/topgen/spec"
)

// generate's work is keyed in a cache (internal/cache), so that a run
// skips what did not change since the last:
//
//	doc     content and base name          → its method and warnings (no scrape)
//	API     config, doc key, patch content → its spec and Go files' hashes (no
//	                                           patch, spec YAML or generation)
//	package config, its APIs' keys         → its doc file's hash (no clash check
//	                                           or doc file)
//
// all for one topgen build (cache.BuildID). A cached API or package counts
// only when every file it made is still on disk as it was made (its hash,
// read through the file's stamp); otherwise it is generated again, so a
// hand-edited or deleted output is rewritten and -check stays exact.

// scrapeDoc and generateUnits are the scraper and the generator, as the
// pipeline calls them; tests replace them to see that a cached run skips
// them.
var (
	scrapeDoc     = scrapeBytes
	generateUnits = generator.Units
)

// buildID identifies this topgen's code for the cache; tests replace it.
var buildID = cache.BuildID

// buildPlan scrapes, patches and generates what changed, in memory, and
// plans the writes; the store says what the last run made and records
// this run's work (saved by the caller once the plan is applied). verbose
// lists the readers' warnings instead of counting them. A spec edited by
// hand stops it: writing would undo the edit.
//
// With recover, it first finishes what an interrupted run left (see
// writefile.Recover): what is clean is judged on the files as they will
// be, not on a tree whose journaled renames are still to come. -check
// does not recover: it writes nothing and reports the tree as it is.
func buildPlan(cfg *config.Config, stderr io.Writer, verbose, recover bool) (*writefile.Plan, *cache.Store, error) {
	if recover {
		if err := writefile.Recover(cfg.Path(cfg.Specs), cfg.Path(cfg.Output)); err != nil {
			return nil, nil, err
		}
	}
	store := cache.Open(cfg.File, buildID())
	cfgData, err := os.ReadFile(cfg.File)
	if err != nil {
		return nil, nil, err
	}
	b := &build{cfg: cfg, store: store, cfgKey: cache.Key("config", string(cfgData)), docKeys: map[*spec.API]string{},
		opts: generator.Options{ImportPath: cfg.ImportPath, TestImports: cfg.TestImports, PackageFor: cfg.Package, TypeNames: cfg.Types, DocFile: cfg.DocFile}}
	apis, err := selectDocs(cfg, "generate", stderr, verbose, b.readDocs)
	if err != nil {
		return nil, nil, err
	}
	specDir := cfg.Path(cfg.Specs)
	patches, err := readPatches(apis, filepath.Join(specDir, "patches"))
	if err != nil {
		return nil, nil, err
	}
	apiList := b.lookUp(apis, patches)
	if err := b.regenerate(apiList, patches, stderr); err != nil {
		return nil, nil, err
	}
	plan := writefile.NewPlan()
	if err := b.planSpecs(plan, apiList); err != nil {
		return nil, nil, err
	}
	if err := b.planGo(plan, apiList); err != nil {
		return nil, nil, err
	}
	return plan, store, nil
}

// build is one run of the incremental pipeline.
type build struct {
	cfg     *config.Config
	store   *cache.Store
	cfgKey  string
	opts    generator.Options
	docKeys map[*spec.API]string // doc key of each API read
	docs    map[*spec.API]string // the doc file of each API read
	cached  map[*spec.API]bool   // placeholders: APIs not scraped
}

// readDocs reads the docs in parallel: a doc whose content and name are
// cached gives a placeholder API (its method only) without being scraped.
func (b *build) readDocs(docs []string) []scraped {
	results := make([]scraped, len(docs))
	keys := make([]string, len(docs))
	hit := make([]bool, len(docs))
	par.Do(len(docs), func(i int) {
		r := &results[i]
		sum, data, err := b.store.HashRead(docs[i])
		if err == nil {
			keys[i] = docKey(docs[i], sum)
			if d, ok := b.store.Doc(keys[i]); ok {
				hit[i] = true
				r.api = &spec.API{Method: d.Method}
				r.warnings = make([]scraper.Warning, len(d.Warnings))
				for j, w := range d.Warnings {
					w.File = docs[i]
					r.warnings[j] = w
				}
				return
			}
		}
		// Scrape the bytes whose hash is the key, so that a doc changed
		// meanwhile is never cached under another content's key.
		if data == nil {
			if data, err = os.ReadFile(docs[i]); err != nil {
				r.err = err
				return
			}
			keys[i] = docKey(docs[i], cache.HashOf(data))
		}
		if r.api, r.warnings, r.err = scrapeDoc(docs[i], data); r.err == nil {
			d := cache.Doc{Method: r.api.Method}
			for _, w := range r.warnings {
				w.File = ""
				d.Warnings = append(d.Warnings, w)
			}
			b.store.PutDoc(keys[i], d)
		}
	})
	b.docs, b.cached = map[*spec.API]string{}, map[*spec.API]bool{}
	for i, r := range results {
		if r.api != nil {
			b.docKeys[r.api] = keys[i]
			b.docs[r.api] = docs[i]
			b.cached[r.api] = hit[i]
		}
	}
	return results
}

func docKey(path, sum string) string { return cache.Key("doc", filepath.Base(path), sum) }

// apiItem is one selected API in the run.
type apiItem struct {
	api   *spec.API // a placeholder until regenerate reads it, if dirty
	key   string
	rec   cache.API // the cached outputs, when clean
	clean bool      // rec holds, and every file it names is on disk as made
	patch *patchFile
	unit  *generator.Unit // dirty: the fresh unit
	spec  []byte          // dirty: the fresh spec file
}

// lookUp keys every API and checks its cached outputs against the disk. An
// API the config's paging names is always redone (a few per config): the
// config's paging check needs every one of them in hand.
func (b *build) lookUp(apis []*spec.API, patches []*patchFile) []*apiItem {
	byMethod := map[string]*patchFile{}
	for _, p := range patches {
		byMethod[p.patch.Method] = p
	}
	specDir, out := b.cfg.Path(b.cfg.Specs), b.cfg.Path(b.cfg.Output)
	items := make([]*apiItem, len(apis))
	par.Do(len(apis), func(i int) {
		a := apis[i]
		it := &apiItem{api: a, patch: byMethod[a.Method]}
		patchSum := ""
		if it.patch != nil {
			patchSum = cache.HashOf(it.patch.data)
		}
		it.key = cache.Key("api", b.cfgKey, b.docKeys[a], patchSum)
		_, paged := b.cfg.Paging[a.Method]
		if rec, ok := b.store.API(it.key); ok && !paged && b.onDisk(filepath.Join(specDir, a.Method+".yaml"), rec.Spec) {
			it.rec, it.clean = rec, true
			for f := 0; f+1 < len(rec.Files); f += 2 {
				if !b.onDisk(filepath.Join(out, filepath.FromSlash(rec.Files[f])), rec.Files[f+1]) {
					it.clean = false
					break
				}
			}
		}
		items[i] = it
	})
	return items
}

// onDisk reports whether the file at path holds the content whose hash is
// sum.
func (b *build) onDisk(path, sum string) bool {
	got, err := b.store.Hash(path)
	return err == nil && got == sum
}

// regenerate reads, patches and generates every API that is not clean, and
// records what it made.
func (b *build) regenerate(items []*apiItem, patches []*patchFile, stderr io.Writer) error {
	var dirty []*apiItem
	for _, it := range items {
		if !it.clean {
			dirty = append(dirty, it)
		}
	}
	errs := make([]error, len(dirty))
	par.Do(len(dirty), func(i int) { errs[i] = b.reread(dirty[i]) })
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// Patches apply in file order, as without the cache.
	for _, p := range patches {
		for _, it := range dirty {
			if it.patch == p {
				if err := p.apply(it.api); err != nil {
					return err
				}
			}
		}
	}
	apis := make([]*spec.API, len(dirty))
	for i, it := range dirty {
		apis[i] = it.api
	}
	if err := checkHandEdits("generate", b.cfg.Path(b.cfg.Specs), apis, stderr); err != nil {
		return err
	}
	// The APIs the config pages are never clean (lookUp), so every one
	// is here for ApplyPaging to find.
	if err := b.cfg.ApplyPaging(apis); err != nil {
		return err
	}
	units, err := generateUnits(apis, b.opts)
	if err != nil {
		return err
	}
	par.Do(len(dirty), func(i int) { dirty[i].spec, errs[i] = spec.Marshal(apis[i]) })
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, it := range dirty {
		it.unit = units[i]
		it.rec = cache.NewAPI(cache.HashOf(it.spec), units[i])
	}
	for _, it := range items {
		b.store.PutAPI(it.key, it.rec)
	}
	return nil
}

// reread scrapes the doc of a placeholder API again (its cached result did
// not hold), checking that the doc is still the one looked up.
func (b *build) reread(it *apiItem) error {
	if !b.cached[it.api] {
		return nil // read in this run
	}
	path := b.docs[it.api]
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if docKey(path, cache.HashOf(data)) != b.docKeys[it.api] {
		return fmt.Errorf("%s changed while topgen ran; run it again", path)
	}
	api, _, err := scrapeDoc(path, data)
	if err != nil {
		return err
	}
	it.api = api
	return nil
}

// planSpecs plans the spec files of the dirty APIs and the removal of spec
// files of methods no longer documented (only topgen's: specOwner).
func (b *build) planSpecs(plan *writefile.Plan, items []*apiItem) error {
	dir := b.cfg.Path(b.cfg.Specs)
	plan.Root(dir, specOwner)
	keep := map[string]bool{}
	for _, it := range items {
		path := filepath.Join(dir, it.api.Method+".yaml")
		if !it.clean {
			plan.Write(path, it.spec)
		}
		keep[path] = true
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range old {
		if !keep[f] {
			plan.Remove(f)
		}
	}
	return nil
}

// planGo plans the Go files of the dirty APIs, the doc files of the
// packages whose APIs changed (after their clash checks), and the removal
// of stale generated files.
func (b *build) planGo(plan *writefile.Plan, items []*apiItem) error {
	out := b.cfg.Path(b.cfg.Output)
	docFile := goRoot(plan, out, b.opts, "set doc_file in "+b.cfg.File+" to give topgen's doc file another name")
	keep := map[string]bool{}
	byPkg := map[string][]*apiItem{}
	for _, it := range items {
		for f := 0; f < len(it.rec.Files); f += 2 {
			name := it.rec.Files[f]
			path := filepath.Join(out, filepath.FromSlash(name))
			keep[path] = true
			if !it.clean {
				plan.Write(path, it.unit.Files[name])
			}
		}
		byPkg[it.rec.Unit.Package] = append(byPkg[it.rec.Unit.Package], it)
	}
	// A package is redone when its APIs changed or its doc file is not
	// as made; its doc file and clash checks depend on its APIs alone.
	var redo []*generator.Unit
	var redoKeys []string
	var redoPkgs []string
	for _, pkg := range slices.Sorted(maps.Keys(byPkg)) {
		its := byPkg[pkg]
		parts := []string{"package", b.cfgKey, pkg}
		for _, it := range its {
			parts = append(parts, it.key)
		}
		slices.Sort(parts[3:])
		key := cache.Key(parts...)
		doc := filepath.Join(out, pkg, docFile)
		keep[doc] = true
		if sum, ok := b.store.Package(key); ok && b.onDisk(doc, sum) {
			b.store.PutPackage(key, sum)
			continue
		}
		for _, it := range its {
			redo = append(redo, it.rec.Meta())
		}
		redoKeys = append(redoKeys, key)
		redoPkgs = append(redoPkgs, pkg)
	}
	docs, err := generator.Assemble(redo, b.opts)
	if err != nil {
		return err
	}
	for i, pkg := range redoPkgs {
		data := docs[pkg+"/"+docFile]
		plan.Write(filepath.Join(out, pkg, docFile), data)
		b.store.PutPackage(redoKeys[i], cache.HashOf(data))
	}
	return removeStale(plan, out, keep)
}

// saveCache keeps the run's work for the next run. A cache that cannot be
// written costs time, not correctness: it is a warning.
func saveCache(store *cache.Store, stderr io.Writer) {
	if err := store.Save(); err != nil {
		fmt.Fprintf(stderr, "topgen generate: warning: the cache was not saved (the next run does all the work): %v\n", err)
	}
}
