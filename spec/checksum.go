package spec

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
)

// A spec file ends with two comment lines that Marshal writes: a note that
// the file is derived from the doc, and a checksum of everything above
// them.
//
//	# Derived by topgen from the doc: a hand edit is undone by the next run; keep it as patches/<method>.yaml (topgen patch).
//	# sha256:0123456789abcdef
//
// The checksum tells a hand-edited spec apart from a stale one, exactly:
// topgen always writes a body with its own checksum, so a body whose
// checksum does not match was changed after topgen wrote it, while a
// matching one that differs from a fresh regeneration is stale (the doc,
// a patch or topgen changed since).
var trailerPattern = regexp.MustCompile(`\n# Derived by topgen [^\n]*\n# sha256:([0-9a-f]{16})\n$`)

// trailer returns the two comment lines for a spec body.
func trailer(method string, body []byte) []byte {
	return []byte("# Derived by topgen from the doc: a hand edit is undone by the next run; keep it as patches/" +
		method + ".yaml (topgen patch).\n# sha256:" + bodySum(body) + "\n")
}

// bodySum is the first 16 hex digits of the SHA-256 of the body, with
// CRLF line ends read as LF (git's autocrlf must not look like an edit).
func bodySum(body []byte) string {
	sum := sha256.Sum256(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")))
	return hex.EncodeToString(sum[:8])
}

// Provenance says what a spec file's checksum shows.
type Provenance int

const (
	// Unstamped: the file has no checksum (written by hand, or by a
	// topgen before checksums); nothing can be told.
	Unstamped Provenance = iota
	// AsWritten: the body is what topgen wrote.
	AsWritten
	// HandEdited: the body changed after topgen wrote it.
	HandEdited
)

// CheckFile reports the provenance of a spec file's bytes, and its body
// (the bytes without the trailer).
func CheckFile(data []byte) (Provenance, []byte) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	m := trailerPattern.FindSubmatchIndex(data)
	if m == nil {
		return Unstamped, data
	}
	body := data[:m[0]+1]
	if bodySum(body) != string(data[m[2]:m[3]]) {
		return HandEdited, body
	}
	return AsWritten, body
}
