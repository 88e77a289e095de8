package top

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds how a failed attempt is retried. Retries use exponential
// backoff with jitter and stop when the context is done.
//
// Only failures that say nothing about the request itself are retried:
// transport errors (connection refused or reset, timeouts, a temporary DNS
// failure), HTTP 5xx, TOP errors with an isp.* sub_code (platform trouble),
// code 7 (app call limit) and code 10 (service unavailable). isv.*
// sub_codes, signature, session, permission and argument errors are never
// retried: sending the same request again cannot fix them. Nor is a host
// name that does not exist (DNS "no such host"), or a redirect.
//
// A transport error may hide a request the gateway did execute; a method
// that must not run twice (an order create without an idempotency key) is
// safer with RetryPolicy{}.
type RetryPolicy struct {
	// Max is the number of retries after the first attempt; 0 disables them.
	Max int
	// Base is the backoff before the first retry; it doubles with each retry.
	Base time.Duration
	// MaxDelay caps one backoff. A call limit whose ban lasts longer than
	// MaxDelay is not retried, since waiting it out is the caller's choice.
	// Zero means no cap.
	MaxDelay time.Duration
}

// DefaultRetryPolicy is what NewClient uses: the official Java SDK's three
// tries, with backoff instead of its fixed 100 ms.
var DefaultRetryPolicy = RetryPolicy{Max: 2, Base: 200 * time.Millisecond, MaxDelay: 5 * time.Second}

// TOP codes with retry meaning (docs/top-protocol.md §6).
const (
	codeAppCallLimited     = 7
	codeServiceUnavailable = 10
)

// retryDelay reports whether err is worth another attempt and, if so, the
// least time to wait first (a call limit's ban, else zero).
func retryDelay(err error) (retry bool, atLeast time.Duration) {
	// The caller's own context is not asked here: the retry loop checks it
	// before every decision.
	var te *transportError
	if errors.As(err, &te) {
		return !noSuchHost(err), 0
	}
	var re *ResponseError
	if errors.As(err, &re) {
		return re.StatusCode >= 500, 0
	}
	var e *Error
	if errors.As(err, &e) {
		switch {
		case strings.HasPrefix(e.SubCode, "isv."):
			return false, 0
		case strings.HasPrefix(e.SubCode, "isp."):
			return true, 0
		case e.Code == codeAppCallLimited:
			return true, banTime(e.SubMsg)
		case e.Code == codeServiceUnavailable:
			return true, 0
		}
	}
	return false, 0
}

// banRE matches the wait TOP states for a call limit:
// "This ban will last for 12 more seconds".
var banRE = regexp.MustCompile(`ban will last for (\d{1,9}) more seconds?`)

func banTime(msg string) time.Duration {
	m := banRE.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0
	}
	return time.Duration(n) * time.Second
}

// backoff returns the wait before retry number n (0 for the first retry):
// Base·2ⁿ capped at MaxDelay, then "equal jitter" (half fixed, half random)
// so that clients failing together do not retry together yet never retry
// at once. rnd returns a value in [0, 1).
func (p RetryPolicy) backoff(n int, rnd func() float64) time.Duration {
	d := p.Base
	for i := 0; i < n && (p.MaxDelay == 0 || d < p.MaxDelay); i++ {
		if d > time.Duration(1<<62)/2 {
			break // doubling would overflow
		}
		d *= 2
	}
	if p.MaxDelay > 0 && d > p.MaxDelay {
		d = p.MaxDelay
	}
	half := d / 2
	return half + time.Duration(rnd()*float64(d-half))
}

// sleep waits d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// jitter is the random source of backoff; math/rand/v2's top-level
// functions are safe for concurrent use.
var jitter = rand.Float64

// noSuchHost reports a host name that does not resolve (NXDOMAIN): asking
// again gives the same answer, unlike a DNS timeout or a failed server.
func noSuchHost(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound && !de.IsTemporary && !de.IsTimeout
}
