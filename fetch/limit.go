package fetch

import (
	"context"
	"sync"
	"time"
)

// limiter spaces requests at least 1/rate apart: a token bucket of size
// one, kept as the time the next token is due. Each caller reserves its
// slot under the lock and then sleeps outside it, so waiting callers do
// not serialise on the mutex.
type limiter struct {
	mu       sync.Mutex
	interval time.Duration // 0: unlimited
	next     time.Time
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
}

func newLimiter(rate float64, now func() time.Time, sleep func(context.Context, time.Duration) error) *limiter {
	l := &limiter{now: now, sleep: sleep}
	if rate > 0 {
		l.interval = time.Duration(float64(time.Second) / rate)
	}
	return l
}

// wait blocks until the caller's slot.
func (l *limiter) wait(ctx context.Context) error {
	if l.interval == 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.now()
	slot := l.next
	if slot.Before(now) {
		slot = now
	}
	l.next = slot.Add(l.interval)
	l.mu.Unlock()
	return l.sleep(ctx, slot.Sub(now))
}
