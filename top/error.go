package top

import (
	"fmt"
	"strings"

	"github.com/opentop/topgen/internal/quote"
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
		fmt.Fprintf(&b, " %s", quote.Text(e.Msg, maxErrorText))
	}
	if e.SubCode != "" {
		fmt.Fprintf(&b, " (%s)", quote.Text(e.SubCode, maxErrorText))
	}
	if e.SubMsg != "" {
		fmt.Fprintf(&b, ": %s", quote.Text(e.SubMsg, maxErrorText))
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request_id %s]", quote.Text(e.RequestID, maxErrorText))
	}
	return b.String()
}

// quoteValue quotes a value for an error message, cut to quote.Max bytes
// with its full length noted, so that a 4 MB bad value gives a one-line
// error.
func quoteValue(s string) string { return quote.Value(s) }
