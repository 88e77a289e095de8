package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/opentop/topgen/internal/writefile"
)

// IndexFile is the name of the index in the output directory. The leading
// dot keeps it out of `topgen generate`, which skips dot files.
const IndexFile = ".fetch-index.json"

// Index remembers, per docId, the method and gmtModified of the document
// last written. The catalogue carries no gmtModified, so a document must
// still be downloaded to learn it; what the index saves is the write.
//
// The rule: a fetched document is not written when the index has its
// docId with the same method, the recorded gmtModified is at least the
// fetched one, both are non-zero, and DIR/<method>.json exists. Without
// an index entry (first run, or an index lost) the file's own
// data.gmtModified stands in for it. Every other case writes, and the
// write itself is skipped when the bytes are identical, so re-running
// never touches an unchanged file.
type Index struct {
	path string
	mu   sync.Mutex
	docs map[string]IndexEntry
}

// IndexEntry is one document of the index.
type IndexEntry struct {
	Method      string `json:"method"`
	GmtModified int64  `json:"gmtModified"`
}

// LoadIndex reads DIR/.fetch-index.json; a missing file is an empty index.
func LoadIndex(dir string) (*Index, error) {
	idx := &Index{path: filepath.Join(dir, IndexFile), docs: map[string]IndexEntry{}}
	data, err := os.ReadFile(idx.path)
	if errors.Is(err, fs.ErrNotExist) {
		return idx, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetch: index: %w", err)
	}
	if err := json.Unmarshal(data, &idx.docs); err != nil {
		return nil, fmt.Errorf("fetch: index %s: %v (want {\"docId\": {\"method\": ..., \"gmtModified\": ms}}; delete it to start over)", idx.path, err)
	}
	if idx.docs == nil {
		idx.docs = map[string]IndexEntry{}
	}
	return idx, nil
}

// Current reports whether the document need not be written (see Index).
func (x *Index) Current(docID, method string, gmtModified int64, path string) bool {
	if gmtModified == 0 {
		return false
	}
	x.mu.Lock()
	e, ok := x.docs[docID]
	x.mu.Unlock()
	if ok && e.Method != method {
		return false
	}
	if !ok {
		e.GmtModified = fileGmtModified(path)
	}
	if e.GmtModified == 0 || e.GmtModified < gmtModified {
		return false
	}
	_, err := os.Stat(path)
	return err == nil
}

// Record notes a written document.
func (x *Index) Record(docID, method string, gmtModified int64) {
	x.mu.Lock()
	x.docs[docID] = IndexEntry{Method: method, GmtModified: gmtModified}
	x.mu.Unlock()
}

// Lookup returns the entry of docID.
func (x *Index) Lookup(docID string) (IndexEntry, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	e, ok := x.docs[docID]
	return e, ok
}

// Save writes the index when it changed. encoding/json sorts map keys, so
// the same index is the same bytes.
func (x *Index) Save() error {
	x.mu.Lock()
	data, err := json.MarshalIndent(x.docs, "", "  ")
	x.mu.Unlock()
	if err != nil {
		return err
	}
	if len(x.docs) == 0 {
		if _, err := os.Stat(x.path); errors.Is(err, fs.ErrNotExist) {
			return nil // nothing fetched: no empty index file
		}
	}
	if _, err := writefile.IfChanged(x.path, append(data, '\n')); err != nil {
		return fmt.Errorf("fetch: index: %w", err)
	}
	return nil
}

// fileGmtModified reads data.gmtModified (or a bare data object's
// gmtModified) of a file written earlier; 0 when it cannot.
func fileGmtModified(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	var doc struct {
		Data        *DocMeta `json:"data"`
		GmtModified int64    `json:"gmtModified"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return 0
	}
	if doc.Data != nil {
		return doc.Data.GmtModified
	}
	return doc.GmtModified
}
