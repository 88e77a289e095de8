package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
)

// BuildID identifies the code of the running topgen: what a cached result
// was computed by. Results of another build are never used.
//
//   - A release or a clean checkout (a module version without "+dirty",
//     not replaced by a directory): the build info — module versions and
//     sums of topgen and every dependency, the Go version, build flags.
//   - Anything else — a dev build with uncommitted changes, `go run`, a
//     test binary, a replace to a local directory: the executable's Go
//     build ID, whose content part is the linker's hash of the executable
//     (what `go tool buildid` prints), so a rebuilt topgen never serves
//     stale output; where it cannot be read, the SHA-256 of the
//     executable itself.
//
// It is "" when none is available; callers then run without a cache.
var BuildID = sync.OnceValue(buildID)

func buildID() string {
	if bi, ok := debug.ReadBuildInfo(); ok && versioned(bi) {
		return "build:" + bi.String()
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(exe); id != "" {
		return "go:" + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "exe:" + hex.EncodeToString(h.Sum(nil))
}

// goBuildID reads the build ID the go command stamps into an executable:
// an ELF note, or the marker at the start of the text (other formats). It
// returns "" unless the ID has the go command's form (action and content
// hashes, slash-separated), so a hand-set -buildid is not trusted.
func goBuildID(exe string) string {
	var id string
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			// namesz, descsz, type, "Go\x00\x00", then the ID.
			if data, err := s.Data(); err == nil && len(data) > 16 && string(data[12:16]) == "Go\x00\x00" {
				n := binary.LittleEndian.Uint32(data[4:8])
				if f.ByteOrder == binary.BigEndian {
					n = binary.BigEndian.Uint32(data[4:8])
				}
				if 16+int(n) <= len(data) {
					id = string(data[16 : 16+n])
				}
			}
		}
	} else if f, err := os.Open(exe); err == nil {
		defer f.Close()
		head := make([]byte, 64<<10)
		n, _ := io.ReadFull(f, head)
		const marker = "\xff Go build ID: \""
		if i := bytes.Index(head[:n], []byte(marker)); i >= 0 {
			rest := head[i+len(marker) : n]
			if j := bytes.IndexByte(rest, '"'); j >= 0 {
				id = string(rest[:j])
			}
		}
	}
	if parts := strings.Split(id, "/"); len(parts) < 2 || len(id) < 40 {
		return ""
	}
	return id
}

// versioned reports whether the build info pins the code: a real module
// version, no local changes, no dependency replaced by a directory.
func versioned(bi *debug.BuildInfo) bool {
	v := bi.Main.Version
	if v == "" || v == "(devel)" || strings.HasSuffix(v, "+dirty") || bi.Main.Replace != nil {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.modified" && s.Value == "true" {
			return false
		}
	}
	for _, d := range bi.Deps {
		if d.Replace != nil && d.Replace.Version == "" {
			return false
		}
	}
	return true
}
