package top

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrSessionRequired is returned, before anything is sent, by Do for a
// request whose API needs a user session when no WithSession was given.
var ErrSessionRequired = errors.New("top: this API needs a user session; pass top.WithSession")

// Do validates req, sends it and decodes the typed response:
//
//	resp, err := top.Do(ctx, client, req, top.WithSession(session))
//
// A TOP error_response is returned as *Error (use errors.As); a response
// that is not a TOP answer as *ResponseError; a failure the client retried
// until its policy gave up names the number of attempts. Nothing is sent
// when req.Validate fails or a required session is missing.
func Do[R any](ctx context.Context, c *Client, req Call[R], opts ...CallOption) (R, error) {
	var resp R
	err := c.do(ctx, req, opts, func() any {
		// A fresh value per attempt, so a failed attempt leaves nothing behind.
		resp = req.NewResponse()
		return resp
	})
	if err != nil {
		var none R
		return none, err
	}
	return resp, nil
}

// do is Do's untyped body, kept out of the generic function so that every
// instantiation stays a few lines.
func (c *Client) do(ctx context.Context, req Request, opts []CallOption, newV func() any) error {
	method := req.APIMethod()
	if err := req.Validate(); err != nil {
		return &callError{method: method, err: err}
	}
	cc := newCallConfig(opts)
	if req.SessionRequired() && cc.session == "" {
		return &callError{method: method, err: ErrSessionRequired}
	}
	params, err := req.Params()
	if err != nil {
		return &callError{method: method, err: err}
	}
	_, err = c.call(ctx, method, params, cc, newV)
	return err
}

// Execute sends an untyped call (method and its business parameters) and
// returns the raw response body once it is known not to be an error: it
// fails like Do, with *Error for an error_response and *ResponseError for a
// body that is not a TOP answer. Do is Execute plus typing; both share one
// path (signing, transport, retries, error checks).
func (c *Client) Execute(ctx context.Context, method string, params *Params, opts ...CallOption) ([]byte, error) {
	return c.call(ctx, method, params, newCallConfig(opts), func() any { return new(struct{}) })
}

// call sends a call, retrying per the client's policy, and decodes each
// answer into a fresh newV().
func (c *Client) call(ctx context.Context, method string, params *Params, cc callConfig, newV func() any) ([]byte, error) {
	enc, err := encode(method, params)
	if err != nil {
		return nil, &callError{method: method, err: err}
	}
	for n := 0; ; n++ {
		body, err := c.attempt(ctx, enc, cc, newV)
		if err == nil {
			return body, nil
		}
		fail := &callError{method: method, attempts: n + 1, err: err}
		if ctxErr := ctx.Err(); ctxErr != nil {
			if !errors.Is(err, ctxErr) {
				fail.err = fmt.Errorf("%w; last attempt: %w", ctxErr, err)
			}
			return nil, fail
		}
		retry, atLeast := retryDelay(err)
		if !retry || n >= c.retry.Max || (c.retry.MaxDelay > 0 && atLeast > c.retry.MaxDelay) {
			return nil, fail
		}
		if err := sleep(ctx, max(c.retry.backoff(n, jitter), atLeast)); err != nil {
			fail.err = fmt.Errorf("%w while waiting to retry; last attempt: %w", err, fail.err)
			return nil, fail
		}
	}
}

// attempt sends once and checks the answer.
func (c *Client) attempt(ctx context.Context, enc *encoded, cc callConfig, newV func() any) ([]byte, error) {
	a, err := c.send(ctx, enc, cc.session)
	if err != nil {
		return nil, err
	}
	derr := DecodeResponse(a.body, c.format, enc.method, newV())
	var topErr *Error
	switch {
	case errors.As(derr, &topErr):
		// A TOP error is TOP's answer whatever the HTTP status.
		return nil, topErr
	case derr != nil:
		return nil, &ResponseError{StatusCode: a.status, Excerpt: excerpt(a.body, a.redact), Err: derr}
	case a.status < 200 || a.status > 299:
		// A proxy's JSON error page can look like a simplified response.
		return nil, &ResponseError{StatusCode: a.status, Excerpt: excerpt(a.body, a.redact), Err: errors.New("unexpected HTTP status")}
	}
	return a.body, nil
}

// callError names the method (and the attempts, when retried) of a failed
// call. errors.Is/As see the cause through it.
type callError struct {
	method   string
	attempts int
	err      error
}

func (e *callError) Error() string {
	msg := "top: " + e.method + ": " + strings.TrimPrefix(e.err.Error(), "top: ")
	if e.attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.attempts)
	}
	return msg
}

func (e *callError) Unwrap() error { return e.err }
