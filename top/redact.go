package top

import (
	"net/url"
	"strings"
)

// redactor masks the credentials of one attempt (the session, the
// signature and, for good measure, the secret, which is never sent) where
// an error quotes what the gateway sent back: a proxy's error page or a
// misconfigured gateway may echo the request.
//
// Only whole values are masked: an occurrence counts when the bytes on
// either side are not letters or digits, as in an echoed query
// (session=…&) or JSON ("…"). Replacing a short secret such as "s" inside
// arbitrary text would mangle the message ("topte[secret]t") and hide
// nothing.
type redactor []redaction

type redaction struct{ value, label string }

// newRedactor masks each non-empty value, and its URL-encoded form, with
// its label.
func newRedactor(pairs ...redaction) redactor {
	var r redactor
	for _, p := range pairs {
		if p.value == "" {
			continue
		}
		r = append(r, p)
		if esc := url.QueryEscape(p.value); esc != p.value {
			r = append(r, redaction{esc, p.label})
		}
	}
	return r
}

// apply masks the whole occurrences of every value in s. A value that
// reaches the end of s counts as whole: s may be an excerpt cut right after
// it.
func (r redactor) apply(s string) string {
	for _, p := range r {
		s = maskWhole(s, p.value, p.label)
	}
	return s
}

func maskWhole(s, value, label string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for from := 0; ; {
		i := strings.Index(s[from:], value)
		if i < 0 {
			break
		}
		start, end := from+i, from+i+len(value)
		if (start == 0 || !isWordByte(s[start-1])) && (end == len(s) || !isWordByte(s[end])) {
			b.WriteString(s[done:start])
			b.WriteString(label)
			done, from = end, end
		} else {
			from = start + 1
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
