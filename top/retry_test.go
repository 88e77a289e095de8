package top

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"
	"testing"
	"time"
)

func TestRetryDelay(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		retry   bool
		atLeast time.Duration
	}{
		{"connection reset", &transportError{syscall.ECONNRESET}, true, 0},
		{"body cut short", &transportError{io.ErrUnexpectedEOF}, true, 0},
		{"HTTP 502", &ResponseError{StatusCode: 502}, true, 0},
		{"HTTP 503 too large", &ResponseError{StatusCode: 503, Err: ErrResponseTooLarge}, true, 0},
		{"HTTP 200 not JSON", &ResponseError{StatusCode: 200}, false, 0},
		{"HTTP 404", &ResponseError{StatusCode: 404}, false, 0},
		{"isp sub_code", &Error{Code: 15, SubCode: "isp.remote-connection-error"}, true, 0},
		{"isv sub_code", &Error{Code: 15, SubCode: "isv.invalid-parameter"}, false, 0},
		{"isv wins over code 7", &Error{Code: 7, SubCode: "isv.x"}, false, 0},
		{"bad signature", &Error{Code: 25, Msg: "Invalid signature"}, false, 0},
		{"invalid session", &Error{Code: 27}, false, 0},
		{"missing arguments", &Error{Code: 40}, false, 0},
		{"service unavailable", &Error{Code: 10}, true, 0},
		{"call limit", &Error{Code: 7, SubCode: "accesscontrol.limited-by-app-access-count"}, true, 0},
		{"call limit with ban", &Error{Code: 7, SubCode: "accesscontrol.limited-by-app-api-access-count",
			SubMsg: "This ban will last for 12 more seconds"}, true, 12 * time.Second},
		{"wrapped isp", fmt.Errorf("x: %w", &Error{SubCode: "isp.top-remote-unknown-error"}), true, 0},
		{"validation", errors.New("num_iid: required"), false, 0},
		{"caller context", context.Canceled, false, 0},
	}
	for _, tc := range cases {
		retry, atLeast := retryDelay(tc.err)
		if retry != tc.retry || atLeast != tc.atLeast {
			t.Errorf("%s: retryDelay = %v, %v; want %v, %v", tc.name, retry, atLeast, tc.retry, tc.atLeast)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	p := RetryPolicy{Max: 10, Base: 100 * time.Millisecond, MaxDelay: time.Second}
	// Without jitter, the full step: base·2ⁿ capped.
	steps := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for n, step := range steps {
		step *= time.Millisecond
		lo := p.backoff(n, func() float64 { return 0 })
		hi := p.backoff(n, func() float64 { return 0.999999 })
		if lo != step/2 {
			t.Errorf("retry %d: least backoff = %v, want %v", n, lo, step/2)
		}
		if hi <= lo || hi > step {
			t.Errorf("retry %d: most backoff = %v, want in (%v, %v]", n, hi, lo, step)
		}
	}
	// Huge retry numbers and no cap must not overflow into negative waits.
	unbounded := RetryPolicy{Base: time.Second}
	if d := unbounded.backoff(200, func() float64 { return 0.5 }); d <= 0 {
		t.Errorf("backoff(200) without cap = %v, want positive", d)
	}
}

func TestSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep on a cancelled context = %v, want context.Canceled", err)
	}
	if err := sleep(context.Background(), time.Microsecond); err != nil {
		t.Errorf("short sleep = %v", err)
	}
}

func TestBanTime(t *testing.T) {
	cases := map[string]time.Duration{
		"This ban will last for 1 more seconds":    time.Second,
		"This ban will last for 3600 more seconds": time.Hour,
		"ban will last for 1 more second":          time.Second,
		"调用频率超限":                                   0,
		"":                                         0,
	}
	for msg, want := range cases {
		if got := banTime(msg); got != want {
			t.Errorf("banTime(%q) = %v, want %v", msg, got, want)
		}
	}
}
