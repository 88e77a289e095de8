package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// sourceScan is what reading the config's sources found: the doc files,
// and what was passed over, for the messages that explain an empty or
// surprising result.
type sourceScan struct {
	docs     []string // doc files, sorted
	dirs     []string // folders read, in the order read
	catalogs []string // catalogue files skipped
	hidden   int      // hidden files and folders skipped (".git", ".DS_Store")
	repeats  []string // folders and files reached a second time through a symlink, skipped

	seen map[string]string // real path → the path it was first read as
}

// docFiles lists the doc files of the sources: a file as given, and every
// regular, non-hidden file under a folder, recursively and sorted.
// Symlinks are followed; a folder or file reached again (a symlink loop, or
// two links to one place) is read once. The doc site's catalogue files
// (catelog.json, one per API group) are recognised by content and skipped.
func docFiles(paths []string) (*sourceScan, error) {
	s := &sourceScan{seen: map[string]string{}}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			err = s.walk(p)
		} else {
			err = s.file(p, st)
		}
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(s.docs)
	return s, nil
}

// firstVisit records a real path and reports whether it is new.
func (s *sourceScan) firstVisit(path string) (bool, error) {
	real, err := realPath(path)
	if err != nil {
		return false, err
	}
	return s.firstVisitAt(path, real), nil
}

func realPath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	return real, nil
}

// firstVisitAt is firstVisit for a path whose real path is known.
func (s *sourceScan) firstVisitAt(path, real string) bool {
	if first, ok := s.seen[real]; ok {
		s.repeats = append(s.repeats, path+" (already read as "+first+")")
		return false
	}
	s.seen[real] = path
	return true
}

func (s *sourceScan) walk(dir string) error {
	realDir, err := realPath(dir)
	if err != nil || !s.firstVisitAt(dir, realDir) {
		return err
	}
	s.dirs = append(s.dirs, dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			s.hidden++
			continue
		}
		st, err := os.Stat(p) // follows a symlink
		if err != nil {
			if e.Type()&os.ModeSymlink != 0 {
				target, _ := os.Readlink(p)
				return fmt.Errorf("%s: a symlink to %s, which cannot be read: %w", p, target, err)
			}
			return err
		}
		switch {
		case st.IsDir():
			err = s.walk(p)
		case st.Mode().IsRegular() && e.Type().IsRegular():
			// Not a symlink: its real path is its folder's, and
			// resolving it again for each of thousands of docs costs.
			if s.firstVisitAt(p, filepath.Join(realDir, e.Name())) {
				s.addFile(p, st)
			}
		case st.Mode().IsRegular():
			err = s.file(p, st)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *sourceScan) file(path string, st os.FileInfo) error {
	if ok, err := s.firstVisit(path); !ok || err != nil {
		return err
	}
	s.addFile(path, st)
	return nil
}

// addFile records a file visited for the first time.
func (s *sourceScan) addFile(path string, st os.FileInfo) {
	if isCatalog(path, st) {
		s.catalogs = append(s.catalogs, path)
		return
	}
	s.docs = append(s.docs, path)
}

// isCatalog recognises the doc site's catalogue file of an API group
// (catelog.json: {"name": …, "pkg": …, "id": …}), which lists no API: a
// small JSON object with the pkg and id keys and no others but name. Only
// small files are read (the corpus's are at most 91 bytes; its docs at
// least 168, and a thousand docs under 1 KB).
func isCatalog(path string, st os.FileInfo) bool {
	if st.Size() > 512 {
		return false
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(data, []byte(`"pkg"`)) {
		return false // most small files are docs: no JSON parse for them
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil || obj["pkg"] == nil || obj["id"] == nil {
		return false
	}
	for k := range obj {
		if k != "name" && k != "pkg" && k != "id" {
			return false
		}
	}
	return true
}

// notes are the one-line remarks about what was skipped, for stderr.
func (s *sourceScan) notes() []string {
	var out []string
	if n := len(s.catalogs); n > 0 {
		out = append(out, fmt.Sprintf("skipped %s (the doc site's API group lists, not docs): %s",
			count(n, "catalogue file", "catalogue files"), listSome(s.catalogs)))
	}
	if n := len(s.repeats); n > 0 {
		out = append(out, fmt.Sprintf("read %s once (symlinks lead there twice): %s",
			count(n, "place", "places"), listSome(s.repeats)))
	}
	return out
}

// describe says what the sources held, for an error about an empty
// result: "read 3 folders (pages, pages/a, pages/b): 0 docs, 2 catalogue
// files, 1 hidden file skipped".
func (s *sourceScan) describe() string {
	var b strings.Builder
	if len(s.dirs) > 0 {
		fmt.Fprintf(&b, "read %s (%s): ", count(len(s.dirs), "folder", "folders"), listSome(s.dirs))
	}
	b.WriteString(count(len(s.docs), "doc", "docs"))
	if n := len(s.catalogs); n > 0 {
		b.WriteString(", " + count(n, "catalogue file", "catalogue files"))
	}
	if s.hidden > 0 {
		b.WriteString(", " + count(s.hidden, "hidden file or folder", "hidden files or folders") + " skipped")
	}
	return b.String()
}

// listSome joins the first few names and says how many more there are.
func listSome(names []string) string {
	const shown = 5
	if len(names) <= shown {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:shown], ", ") + fmt.Sprintf(" and %d more", len(names)-shown)
}
