// Package quote puts values from untrusted input into messages: cut to a
// readable length, with the full length noted, so that a 4 MB value makes
// a one-line error and not a 4 MB one.
package quote

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Max is how many bytes of a value a message quotes.
const Max = 64

// Value returns s quoted as by strconv.Quote, cut to Max bytes when longer:
// "abc…" (4194304 bytes).
func Value(s string) string {
	if len(s) <= Max {
		return strconv.Quote(s)
	}
	return strconv.Quote(Cut(s, Max)) + fmt.Sprintf("… (%d bytes)", len(s))
}

// Text returns s unquoted, cut to n bytes with the full length noted when
// longer, for text that is already readable (a message, a number).
func Text(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return Cut(s, n) + fmt.Sprintf("… (%d bytes)", len(s))
}

// Cut returns at most n bytes of s without splitting a rune.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
