package top

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"fmt"
	"hash"
	"slices"
	"strings"
)

// SignMethod is how a request is signed, the `sign_method` system parameter.
type SignMethod string

const (
	// SignMD5 is MD5(secret + s + secret).
	SignMD5 SignMethod = "md5"
	// SignHMAC is HMAC-MD5 keyed with the secret.
	SignHMAC SignMethod = "hmac"
	// SignHMACSHA256 is HMAC-SHA256 keyed with the secret. The official Java
	// and Go SDKs default to it, and so does Client.
	SignHMACSHA256 SignMethod = "hmac-sha256"
)

// ParseSignMethod returns the SignMethod named s ("md5", "hmac",
// "hmac-sha256"), for flags and configuration files.
func ParseSignMethod(s string) (SignMethod, error) {
	m := SignMethod(s)
	if !m.valid() {
		return "", fmt.Errorf("top: unknown sign method %q (want md5, hmac or hmac-sha256)", s)
	}
	return m, nil
}

func (m SignMethod) valid() bool {
	return m == SignMD5 || m == SignHMAC || m == SignHMACSHA256
}

// Sign returns TOP's signature of params: the upper-case hex digest of the
// parameters sorted by name and concatenated as name+value, with no
// separators and raw (not URL-encoded) UTF-8 values.
//
// params are all the parameters that are sent as form values, system and
// business alike. Sign skips "sign" itself and empty values, so a caller
// may pass everything it received; file (byte[]) parameters are never
// signed and must not be in params. The official SDKs and the gateway
// agree on this rule; see docs/top-protocol.md §1 for the test vectors.
//
// Sign is exported for tools that sign outside Client, such as a CLI that
// prints a signed URL or a fake gateway that verifies one.
func Sign(method SignMethod, secret string, params map[string]string) (string, error) {
	if !method.valid() {
		return "", fmt.Errorf("top: unknown sign method %q (want md5, hmac or hmac-sha256)", string(method))
	}
	pairs := make([]pair, 0, len(params))
	for name, value := range params {
		pairs = append(pairs, pair{name, value})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return strings.Compare(a.name, b.name) })
	return signSorted(method, secret, pairs), nil
}

// pair is one form value. Client keeps parameters as sorted pairs so that
// signing and encoding walk them in a fixed order without a map.
type pair struct {
	name, value string
}

// signSorted signs pairs that are already sorted by name. method must be
// valid. Skipping happens here, not in the callers, so there is one rule.
func signSorted(method SignMethod, secret string, pairs []pair) string {
	// The canonical string goes into one buffer and the hash gets one Write:
	// the hash is behind an interface, so writing names and values one by one
	// would allocate a []byte per string. md5 wraps the secret around it.
	n := 2 * len(secret)
	for _, p := range pairs {
		n += len(p.name) + len(p.value)
	}
	buf := make([]byte, 0, n)
	if method == SignMD5 {
		buf = append(buf, secret...)
	}
	for _, p := range pairs {
		if p.name == "sign" || p.name == "" || p.value == "" {
			continue
		}
		buf = append(buf, p.name...)
		buf = append(buf, p.value...)
	}
	switch method {
	case SignMD5:
		buf = append(buf, secret...)
		sum := md5.Sum(buf)
		return upperHex(sum[:])
	case SignHMAC:
		return upperHex(hmacSum(md5.New, secret, buf))
	default:
		return upperHex(hmacSum(sha256.New, secret, buf))
	}
}

func hmacSum(h func() hash.Hash, secret string, msg []byte) []byte {
	mac := hmac.New(h, []byte(secret))
	mac.Write(msg)
	return mac.Sum(nil)
}

func upperHex(b []byte) string {
	const digits = "0123456789ABCDEF"
	var s strings.Builder
	s.Grow(2 * len(b))
	for _, c := range b {
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&0x0f])
	}
	return s.String()
}
