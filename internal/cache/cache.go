// Package cache remembers what a topgen generate run established, so that
// the next run skips the work whose inputs did not change: per config, one
// state file in the user's cache directory. Everything in it is either a
// fact about the build that wrote it (these inputs give these outputs) or
// a file's stamp with its content hash; a result of another build is never
// used, and deleting the file only makes the next run do all the work.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/opentop/topgen/generator"
	"github.com/opentop/topgen/scraper"
)

// Env names the cache directory (default: topgen under os.UserCacheDir);
// "off" turns the cache off.
const Env = "TOPGEN_CACHE"

// format is the layout version of the state file.
const format = 2

// Doc is what reading a doc gave: its method and the readers' warnings
// (their File left empty: the caller knows the path it read).
type Doc struct {
	Method   string
	Warnings []scraper.Warning
}

// API is what generating one API gave: the hash of its spec file, its Go
// files (relative to the output directory) with their hashes, and its unit
// without the files, for the package-level steps. It is flat — a few
// strings, no maps — because the whole catalogue's APIs are decoded on
// every run.
type API struct {
	Spec  string
	Files []string // name, hash, name, hash, …
	Unit  generator.Unit
	Names string // Unit.Names, one per line
}

// NewAPI is the record of a generated unit whose spec file hashes to spec.
func NewAPI(spec string, u *generator.Unit) API {
	a := API{Spec: spec, Unit: *u, Names: strings.Join(u.Names, "\n")}
	a.Unit.Files, a.Unit.Names = nil, nil
	for _, name := range slices.Sorted(maps.Keys(u.Files)) {
		a.Files = append(a.Files, name, HashOf(u.Files[name]))
	}
	return a
}

// Meta returns the unit of the record, without its files.
func (a API) Meta() *generator.Unit {
	u := a.Unit
	if a.Names != "" {
		u.Names = strings.Split(a.Names, "\n")
	}
	return &u
}

type state struct {
	Format int
	Build  string
	Files  map[string]Stamp
	Docs   map[string]Doc
	APIs   map[string]API
	Pkgs   map[string]string
}

func newState(build string) *state {
	return &state{Format: format, Build: build, Files: map[string]Stamp{}, Docs: map[string]Doc{},
		APIs: map[string]API{}, Pkgs: map[string]string{}}
}

// Store is the cache of one config during a run: lookups read the last
// run's state, and what this run uses or makes is kept for the next. It is
// safe for concurrent use.
type Store struct {
	file  string // "" when the cache is off
	since time.Time
	mu    sync.Mutex
	old   *state
	new   *state
	added bool // new has an entry old has not
}

// Open returns the store of the config file config, for a topgen of the
// given build (BuildID). The cache is off — every lookup misses, Save does
// nothing — when TOPGEN_CACHE is "off", build is "", or no cache
// directory is known. A state file that cannot be read is ignored.
func Open(config, build string) *Store {
	s := &Store{since: time.Now(), old: newState(build), new: newState(build)}
	dir := os.Getenv(Env)
	if dir == "off" || build == "" {
		return s
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return s
		}
		dir = filepath.Join(base, "topgen")
	}
	abs, err := filepath.Abs(config)
	if err != nil {
		return s
	}
	s.file = filepath.Join(dir, hex.EncodeToString([]byte(Key(abs)))[:32]+".state")
	data, err := os.ReadFile(s.file)
	if err != nil {
		return s
	}
	var old state
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&old) == nil && old.Format == format && old.Build == build {
		s.old = &old
	}
	return s
}

// Key is the SHA-256 of the parts (each length-prefixed, so no two lists
// of parts share a key), as a string of the 32 bytes: keys and hashes are
// compared, never shown.
func Key(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return string(h.Sum(nil))
}

// get returns the value the last run recorded under key in the map of
// old, under the store's lock.
func get[V any](s *Store, old map[string]V, key string) (V, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := old[key]
	return v, ok
}

// put records v under key in the map of new, noting whether the last run
// had the key (a key determines its value: same key, same record).
func put[V any](s *Store, old, new map[string]V, key string, v V) {
	s.mu.Lock()
	defer s.mu.Unlock()
	new[key] = v
	_, had := old[key]
	s.added = s.added || !had
}

// Doc returns the doc recorded under key by the last run, and keeps it.
func (s *Store) Doc(key string) (Doc, bool) {
	d, ok := get(s, s.old.Docs, key)
	if ok {
		s.PutDoc(key, d)
	}
	return d, ok
}

// PutDoc records a doc under key.
func (s *Store) PutDoc(key string, d Doc) { put(s, s.old.Docs, s.new.Docs, key, d) }

// API returns the API recorded under key by the last run. It is kept only
// when the caller confirms it (PutAPI): its files may have changed.
func (s *Store) API(key string) (API, bool) { return get(s, s.old.APIs, key) }

// PutAPI records an API under key.
func (s *Store) PutAPI(key string, a API) { put(s, s.old.APIs, s.new.APIs, key, a) }

// Package returns the doc file hash recorded under a package key by the
// last run. It is kept only when the caller confirms it (PutPackage).
func (s *Store) Package(key string) (string, bool) { return get(s, s.old.Pkgs, key) }

// PutPackage records a package's doc file hash under key.
func (s *Store) PutPackage(key, docHash string) { put(s, s.old.Pkgs, s.new.Pkgs, key, docHash) }

// unused is how long a state file may go unused before a Save of another
// config removes it: a config in a temporary directory must not leave its
// state in the user's cache for ever.
const unused = 30 * 24 * time.Hour

// Save writes what this run kept for the next run (atomically; the old
// state goes). It does nothing when the cache is off, and only marks the
// state as used when the run kept exactly the old state (a no-op). It
// removes the state files of configs unused for 30 days.
func (s *Store) Save() error {
	if s.file == "" {
		return nil
	}
	o, n := s.old, s.new
	if !s.added && len(n.Files) == len(o.Files) && len(n.Docs) == len(o.Docs) && len(n.APIs) == len(o.APIs) && len(n.Pkgs) == len(o.Pkgs) {
		if st, err := os.Stat(s.file); err == nil && time.Since(st.ModTime()) > 24*time.Hour {
			now := time.Now()
			os.Chtimes(s.file, now, now)
		}
		return nil
	}
	trim(filepath.Dir(s.file))
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s.new); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.file), ".state-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(buf.Bytes())
	if err := errors.Join(werr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), s.file); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// trim removes the state files in dir that were not used for a while.
func trim(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".state") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > unused {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
