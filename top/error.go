package top

import (
	"fmt"
	"strings"
)

// Error is TOP's error_response. Use errors.As to get it from a call's error.
type Error struct {
	Code      int    `json:"code" xml:"code"`
	Msg       string `json:"msg" xml:"msg"`
	SubCode   string `json:"sub_code,omitempty" xml:"sub_code,omitempty"`
	SubMsg    string `json:"sub_msg,omitempty" xml:"sub_msg,omitempty"`
	RequestID string `json:"request_id,omitempty" xml:"request_id,omitempty"`
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "top: error %d", e.Code)
	if e.Msg != "" {
		fmt.Fprintf(&b, " %s", e.Msg)
	}
	if e.SubCode != "" {
		fmt.Fprintf(&b, " (%s)", e.SubCode)
	}
	if e.SubMsg != "" {
		fmt.Fprintf(&b, ": %s", e.SubMsg)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request_id %s]", e.RequestID)
	}
	return b.String()
}
