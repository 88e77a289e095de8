// Package config reads topgen.yaml, the one file that drives
// `topgen generate` in a repository: where the doc sources are, where specs
// and Go go, and the few overrides a doc set needs. Paths in it are
// relative to the file, so go:generate works from any directory.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Config is topgen.yaml. schema.json describes the same keys; a test keeps
// the two in step.
type Config struct {
	// Sources are doc files or directories of them (text, HTML or JSON
	// pages), relative to the config file. Directories are read
	// recursively.
	Sources []string `yaml:"sources"`
	// Fetch lists methods to download with `topgen fetch` into the first
	// source directory before scraping (optional).
	Fetch []string `yaml:"fetch,omitempty"`
	// Specs is the spec directory: scrape output, generator input. Per-API
	// patches live in its patches/ subdirectory.
	Specs string `yaml:"specs"`
	// Output is the directory the Go packages are written to.
	Output string `yaml:"output"`
	// ImportPath is the import path of Output, e.g.
	// example.com/shop/internal/taobao.
	ImportPath string `yaml:"import_path"`
	// Include and Exclude filter methods by glob (path.Match: * matches
	// any run of characters but "/", so "taobao.trade.*" matches every
	// taobao.trade method).
	Include []string `yaml:"include,omitempty"`
	Exclude []string `yaml:"exclude,omitempty"`
	// Packages overrides the package of the methods a glob matches (the
	// default is the method's second segment: taobao.trade.get → trade).
	Packages map[string]string `yaml:"packages,omitempty"`
	// TestImports are packages blank-imported by every generated test
	// file, e.g. the package that registers a repository's -update test
	// flag, so `go test ./... -update` passes through generated packages.
	TestImports []string `yaml:"test_imports,omitempty"`
	// Types overrides generated Go type names: "<method> <side>:<path>"
	// (e.g. "alibaba.damai.mz.order.create response:result") → Go name.
	Types map[string]string `yaml:"types,omitempty"`
	// DocFile names each generated package's doc file (default doc.go),
	// for a repository whose doc.go is hand-written: topgen never
	// overwrites a file that lacks its header.
	DocFile string `yaml:"doc_file,omitempty"`
	// Paging sets the paging of a method (exact name) the rule misses, or
	// turns it off ("off") for one it gets wrong; see ApplyPaging.
	Paging map[string]PagingOverride `yaml:"paging,omitempty"`

	// Dir is the directory of the config file; paths above are relative
	// to it. Not a YAML key.
	Dir string `yaml:"-"`
	// File is the config file's path, for messages.
	File string `yaml:"-"`

	// lines maps keys and entries to their lines, for messages (see
	// keyLines).
	lines map[string]int
}

// Error is a problem in a config file at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Load reads and checks a config file.
func Load(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, data)
}

var (
	identPattern   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	goTypePattern  = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)
	importPattern  = regexp.MustCompile(`^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$`)
	typeKey        = regexp.MustCompile(`^\S+ (request|response):\S+$`)
	docFilePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*\.go$`)
)

// Parse reads a config; file names it in errors and locates its paths.
func Parse(file string, data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(root.Content) == 0 {
		return nil, &Error{File: file, Msg: "empty config: expected at least sources, specs, output and import_path"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		e := &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			// "line 11: field colour not found in type config.Config"
			if _, scanErr := fmt.Sscanf(te.Errors[0], "line %d:", &e.Line); scanErr == nil {
				_, e.Msg, _ = strings.Cut(te.Errors[0], ": ")
			}
		}
		e.Msg = strings.Replace(e.Msg, " in type config.Config", "", 1) + unknownKeyHint(e.Msg)
		return nil, e
	}
	c.File, c.Dir = file, filepath.Dir(file)
	lines := keyLines(root.Content[0])
	c.lines = lines
	fail := func(key, format string, args ...any) error {
		return &Error{File: file, Line: lines[key], Msg: key + ": " + fmt.Sprintf(format, args...)}
	}
	// failAt reports an entry of a map key at the entry's own line.
	failAt := func(key, entry, format string, args ...any) error {
		e := fail(key, format, args...).(*Error)
		if l := lines[key+"/"+entry]; l > 0 {
			e.Line = l
		}
		return e
	}
	for _, req := range []struct{ key, val string }{{"specs", c.Specs}, {"output", c.Output}, {"import_path", c.ImportPath}} {
		if req.val == "" {
			return nil, fail(req.key, "missing; add `%s: …` to the config", req.key)
		}
	}
	if len(c.Sources) == 0 {
		return nil, fail("sources", "missing; list the doc pages or directories to scrape")
	}
	if !importPattern.MatchString(c.ImportPath) {
		return nil, fail("import_path", "%q is not a Go import path", c.ImportPath)
	}
	for _, s := range c.Sources {
		if _, err := os.Stat(c.Path(s)); err != nil {
			return nil, fail("sources", "%s does not exist (paths are relative to %s)", s, file)
		}
	}
	for _, imp := range c.TestImports {
		if !importPattern.MatchString(imp) {
			return nil, fail("test_imports", "%q is not a Go import path", imp)
		}
	}
	for _, g := range append(append([]string{}, c.Include...), c.Exclude...) {
		if _, err := path.Match(g, ""); err != nil {
			return nil, fail(globKey(&c, g), "bad glob %q", g)
		}
	}
	for _, g := range sortedKeys(c.Packages) {
		if _, err := path.Match(g, ""); err != nil {
			return nil, failAt("packages", g, "bad glob %q", g)
		}
		if !identPattern.MatchString(c.Packages[g]) {
			return nil, failAt("packages", g, "%q is not a Go package name (lower-case letters, digits, _)", c.Packages[g])
		}
	}
	for _, k := range sortedKeys(c.Types) {
		if !typeKey.MatchString(k) {
			return nil, failAt("types", k, "key %q: expected \"<method> request:<path>\" or \"<method> response:<path>\"", k)
		}
		if !goTypePattern.MatchString(c.Types[k]) {
			return nil, failAt("types", k, "%q is not an exported Go type name", c.Types[k])
		}
	}
	if c.DocFile != "" && (!docFilePattern.MatchString(c.DocFile) || strings.HasSuffix(c.DocFile, "_test.go")) {
		return nil, fail("doc_file", "%q is not a Go file name like doc.go (no directory, not a _test.go file)", c.DocFile)
	}
	if k, dup := duplicateValue(c.Types); dup != "" {
		return nil, failAt("types", k, "two overrides name the same Go type %s; each must be unique", dup)
	}
	return &c, nil
}

// Path resolves a config-relative path.
func (c *Config) Path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// Selected reports whether a method passes include/exclude.
func (c *Config) Selected(method string) bool {
	if len(c.Include) > 0 && !matchAny(c.Include, method) {
		return false
	}
	return !matchAny(c.Exclude, method)
}

// CheckGlobs reports an include glob that matched none of the methods: a
// typo there would silently generate nothing.
func (c *Config) CheckGlobs(methods []string) error {
	for _, g := range c.Include {
		if !matchAny([]string{g}, methods...) {
			return &Error{File: c.File, Line: c.line("include", g), Msg: fmt.Sprintf("include: glob %q matches no method of the sources", g)}
		}
	}
	for _, g := range sortedKeys(c.Packages) {
		if !matchAny([]string{g}, methods...) {
			return &Error{File: c.File, Line: c.line("packages", g), Msg: fmt.Sprintf("packages: glob %q matches no method of the sources", g)}
		}
	}
	for _, m := range methods {
		var globs []string
		for _, g := range sortedKeys(c.Packages) {
			if ok, _ := path.Match(g, m); ok && (len(globs) == 0 || c.Packages[globs[0]] != c.Packages[g]) {
				globs = append(globs, g)
			}
		}
		if len(globs) > 1 {
			return &Error{File: c.File, Line: c.line("packages", globs[1]), Msg: fmt.Sprintf("packages: %q → %s and %q → %s both match %s; make the globs disjoint",
				globs[0], c.Packages[globs[0]], globs[1], c.Packages[globs[1]], m)}
		}
	}
	return nil
}

// Package returns the package override for a method, or "".
func (c *Config) Package(method string) string {
	for _, g := range sortedKeys(c.Packages) {
		if ok, _ := path.Match(g, method); ok {
			return c.Packages[g]
		}
	}
	return ""
}

func matchAny(globs []string, names ...string) bool {
	for _, g := range globs {
		for _, n := range names {
			if ok, _ := path.Match(g, n); ok {
				return true
			}
		}
	}
	return false
}

func globKey(c *Config, g string) string {
	for _, x := range c.Include {
		if x == g {
			return "include"
		}
	}
	return "exclude"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// duplicateValue returns a key whose value an earlier key has too.
func duplicateValue(m map[string]string) (key, value string) {
	seen := map[string]bool{}
	for _, k := range sortedKeys(m) {
		if seen[m[k]] {
			return k, m[k]
		}
		seen[m[k]] = true
	}
	return "", ""
}

// keyLines maps each top-level key, each "key/entry" of a top-level map
// and each "key/item" of a top-level list to its line.
func keyLines(n *yaml.Node) map[string]int {
	out := map[string]int{}
	if n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		out[key.Value] = key.Line
		switch val.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(val.Content); j += 2 {
				out[key.Value+"/"+val.Content[j].Value] = val.Content[j].Line
			}
		case yaml.SequenceNode:
			for _, item := range val.Content {
				if _, dup := out[key.Value+"/"+item.Value]; !dup {
					out[key.Value+"/"+item.Value] = item.Line
				}
			}
		}
	}
	return out
}

// line is the line of an entry of a key, or of the key.
func (c *Config) line(key, entry string) int {
	if l := c.lines[key+"/"+entry]; l > 0 {
		return l
	}
	return c.lines[key]
}

// Keys are the keys of topgen.yaml, in the order the README shows them.
func Keys() []string {
	var keys []string
	t := reflect.TypeOf(Config{})
	for i := 0; i < t.NumField(); i++ {
		if tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]; tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// unknownKeyHint completes yaml.v3's "field colour not found": the closest
// key when one is a likely typo, and the list of keys, so the message
// needs nothing else to be acted on.
func unknownKeyHint(msg string) string {
	var field string
	if _, err := fmt.Sscanf(msg, "field %s not found", &field); err != nil {
		return ""
	}
	hint := ""
	best := 3 // at most two edits make a typo
	for _, k := range Keys() {
		if d := editDistance(field, k); d < best {
			best, hint = d, fmt.Sprintf(" (did you mean %s?)", k)
		}
	}
	return hint + "; the keys are " + strings.Join(Keys(), ", ")
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
