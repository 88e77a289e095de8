package top

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is TOP's error_response. Use errors.As to get it from a call's error.
type Error struct {
	Code      int    `json:"code" xml:"code"`
	Msg       string `json:"msg" xml:"msg"`
	SubCode   string `json:"sub_code,omitempty" xml:"sub_code,omitempty"`
	SubMsg    string `json:"sub_msg,omitempty" xml:"sub_msg,omitempty"`
	RequestID string `json:"request_id,omitempty" xml:"request_id,omitempty"`
}

// maxErrorText caps each text of an error_response in Error(): TOP's own
// messages are a line, but a gateway (or a mock) that echoes a bad value
// back must not turn a log line into megabytes. The fields keep the whole
// text.
const maxErrorText = 1024

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "top: error %d", e.Code)
	if e.Msg != "" {
		fmt.Fprintf(&b, " %s", capText(e.Msg, maxErrorText))
	}
	if e.SubCode != "" {
		fmt.Fprintf(&b, " (%s)", capText(e.SubCode, maxErrorText))
	}
	if e.SubMsg != "" {
		fmt.Fprintf(&b, ": %s", capText(e.SubMsg, maxErrorText))
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request_id %s]", capText(e.RequestID, maxErrorText))
	}
	return b.String()
}

// maxQuoted is how many bytes of a value an error message quotes.
const maxQuoted = 64

// quoteValue quotes a value for an error message. A long value is cut
// (on a rune boundary) and its full length noted, so that a 4 MB bad
// value gives a one-line error.
func quoteValue(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(cutUTF8(s, maxQuoted)) + fmt.Sprintf("… (%d bytes)", len(s))
}

// capText cuts a text for an error message to n bytes, noting the full
// length when it cuts.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return cutUTF8(s, n) + fmt.Sprintf("… (%d bytes)", len(s))
}

// cutUTF8 returns at most n bytes of s, without splitting a rune.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
