package toptest

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"maps"
	"slices"
	"strings"
)

// sign computes TOP's signature the plain way: build the canonical string,
// then digest it. It is written apart from top.Sign on purpose, so that the
// fake gateway checks the client instead of agreeing with it by
// construction. ok is false for an unknown sign_method.
func sign(method, secret string, params map[string]string) (sig string, ok bool) {
	var s strings.Builder
	for _, name := range slices.Sorted(maps.Keys(params)) {
		if name == "sign" || params[name] == "" {
			continue
		}
		s.WriteString(name + params[name])
	}
	var h hash.Hash
	switch method {
	case "md5":
		h = md5.New()
		h.Write([]byte(secret + s.String() + secret))
	case "hmac":
		h = hmac.New(md5.New, []byte(secret))
		h.Write([]byte(s.String()))
	case "hmac-sha256":
		h = hmac.New(sha256.New, []byte(secret))
		h.Write([]byte(s.String()))
	default:
		return "", false
	}
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil))), true
}
