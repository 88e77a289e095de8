package cache

import (
	"crypto/sha256"
	"os"
	"sync/atomic"
	"time"
)

// A Stamp is what the file system says about a file (size, modification
// and change times, inode) with the hash of its content when the stamp
// was taken. A file whose stamp is unchanged is not read again.
//
// A stamp is kept only for a file that had not changed for a while
// (settle) before it was read: a change made within the same tick of the
// file system's clock as the read would leave the stamp as it was (the
// "racy git" problem), so a recently changed file — every file the run
// itself wrote — is hashed again by the next run, and stamped then.
type Stamp struct {
	Size, ModTime, Change int64
	Ino                   uint64
	Hash                  string
}

// settle is how long a file must have been left alone to be stamped; a
// variable for tests.
var settle = 2 * time.Second

// reads counts the files Hash read, for tests.
var reads atomic.Int64

// Hash returns the SHA-256 (HashOf) of the file at path, from its stamp when
// the file's stamp is the one recorded, and keeps the stamp for the next
// run. A missing file is an error (fs.ErrNotExist).
func (s *Store) Hash(path string) (string, error) {
	sum, _, err := s.HashRead(path)
	return sum, err
}

// HashRead is Hash that also returns the content when it read the file
// (nil when the stamp answered).
func (s *Store) HashRead(path string) (string, []byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", nil, err
	}
	now := stampOf(st)
	s.mu.Lock()
	old, ok := s.old.Files[path]
	s.mu.Unlock()
	if ok && old.Hash != "" && sameStamp(old, now) {
		s.keep(path, old)
		return old.Hash, nil, nil
	}
	reads.Add(1)
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	now.Hash = HashOf(data)
	if settled := s.since.Add(-settle).UnixNano(); now.ModTime < settled && now.Change < settled {
		s.keep(path, now)
	}
	return now.Hash, data, nil
}

func (s *Store) keep(path string, st Stamp) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.new.Files[path] = st
	if old, ok := s.old.Files[path]; !ok || old != st {
		s.added = true
	}
}

func sameStamp(a, b Stamp) bool {
	return a.Size == b.Size && a.ModTime == b.ModTime && a.Change == b.Change && a.Ino == b.Ino
}

// HashOf is the SHA-256 of data (its 32 bytes), the hash Hash returns.
func HashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return string(sum[:])
}
