package cache

import (
	"crypto/sha256"
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
//     test binary, a replace to a local directory: the SHA-256 of the
//     executable itself, so a rebuilt topgen never serves stale output.
//
// It is "" when neither is available; callers then run without a cache.
var BuildID = sync.OnceValue(buildID)

func buildID() string {
	if bi, ok := debug.ReadBuildInfo(); ok && versioned(bi) {
		return "build:" + bi.String()
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
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
