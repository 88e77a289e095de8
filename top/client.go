package top

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// DefaultGateway is TOP's production gateway over HTTPS.
const DefaultGateway = "https://eco.taobao.com/router/rest"

// DefaultMaxResponseSize bounds a response body unless WithMaxResponseSize
// says otherwise. Large list responses are a few MB; anything near this is a
// misbehaving proxy, not TOP.
const DefaultMaxResponseSize = 16 << 20

// DefaultAttemptTimeout bounds one HTTP attempt (connecting, sending,
// waiting, reading the body) unless WithAttemptTimeout says otherwise, so
// that a gateway that stops answering mid-call cannot hang a call made
// with context.Background() forever. TOP answers in well under a second;
// the bound leaves room for a multi-MB upload on a slow link.
const DefaultAttemptTimeout = 60 * time.Second

// Client calls the TOP gateway for one app. It is safe for concurrent use;
// its settings are fixed by NewClient.
//
// Use Do to run a generated request, or Execute for an untyped call.
type Client struct {
	appKey         string
	secret         string
	gateway        *url.URL
	signMethod     SignMethod
	httpClient     *http.Client
	format         Format
	simplify       bool
	partnerID      string
	targetAppKey   string
	retry          RetryPolicy
	maxBody        int64
	attemptTimeout time.Duration
	now            func() time.Time
}

// Option configures a Client in NewClient.
type Option func(*Client) error

// NewClient returns a client for the app with this key and secret. Without
// options it posts to DefaultGateway, signs with hmac-sha256, asks for
// simplified JSON, retries per DefaultRetryPolicy, bounds each attempt by
// DefaultAttemptTimeout, caps bodies at DefaultMaxResponseSize and sends
// through http.DefaultClient's transport.
//
// The client never follows a redirect: a 3xx answer fails the call with a
// ResponseError whose cause is ErrRedirect, naming the status and the
// target. It sends through a copy of the HTTP client (http.DefaultClient or
// the one given to WithHTTPClient) whose CheckRedirect refuses redirects;
// the original is not changed.
func NewClient(appKey, secret string, opts ...Option) (*Client, error) {
	if appKey == "" {
		return nil, errors.New("top: NewClient: empty app key")
	}
	if secret == "" {
		return nil, errors.New("top: NewClient: empty secret")
	}
	gw, _ := url.Parse(DefaultGateway)
	c := &Client{
		appKey:     appKey,
		secret:     secret,
		gateway:    gw,
		signMethod: SignHMACSHA256,
		httpClient: http.DefaultClient,
		format:     JSON,
		simplify:   true,
		retry:      DefaultRetryPolicy,
		maxBody:    DefaultMaxResponseSize,
		now:        time.Now,

		attemptTimeout: DefaultAttemptTimeout,
	}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, fmt.Errorf("top: NewClient: %w", err)
		}
	}
	c.httpClient = refuseRedirects(c.httpClient)
	return c, nil
}

// WithGateway sets the gateway URL, e.g. the sandbox
// "https://gw.api.tbsandbox.com/router/rest" or a toptest server's URL.
func WithGateway(rawURL string) Option {
	return func(c *Client) error {
		u, err := url.Parse(rawURL)
		if err != nil {
			return fmt.Errorf("gateway %q: %w", rawURL, err)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("gateway %q: want an http or https URL with a host", rawURL)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("gateway %q: want no query or fragment; the client writes the query", rawURL)
		}
		c.gateway = u
		return nil
	}
}

// WithSignMethod sets how requests are signed.
func WithSignMethod(m SignMethod) Option {
	return func(c *Client) error {
		if !m.valid() {
			return fmt.Errorf("unknown sign method %q (want md5, hmac or hmac-sha256)", string(m))
		}
		c.signMethod = m
		return nil
	}
}

// WithHTTPClient sets the HTTP client, for its Transport (proxy, TLS,
// connection pool) or Jar. The client sends through a copy that refuses
// redirects (see NewClient); hc is not changed. hc's Timeout, when set,
// bounds each attempt besides the attempt timeout.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("nil *http.Client")
		}
		c.httpClient = hc
		return nil
	}
}

// WithAttemptTimeout bounds each HTTP attempt, from connecting to the
// last byte of the body; an attempt that runs out is a transport error and
// is retried per the retry policy. 0 removes the bound, leaving the
// context passed to Do (which bounds the whole call, retries included) and
// the HTTP client's Timeout. The default is DefaultAttemptTimeout.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d < 0 {
			return fmt.Errorf("attempt timeout %v: want >= 0", d)
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithFormat sets the response format, JSON (the default) or XML.
func WithFormat(f Format) Option {
	return func(c *Client) error {
		if f != JSON && f != XML {
			return fmt.Errorf("unknown format %q (want json or xml)", string(f))
		}
		c.format = f
		return nil
	}
}

// WithSimplify sets whether JSON responses are asked for with simplify=true
// (no envelope, plain arrays). It is on by default and has no effect on XML.
func WithSimplify(on bool) Option {
	return func(c *Client) error {
		c.simplify = on
		return nil
	}
}

// WithPartnerID sets the partner_id system parameter (the official SDKs send
// their version string there). Not sent when empty, the default.
func WithPartnerID(id string) Option {
	return func(c *Client) error {
		c.partnerID = id
		return nil
	}
}

// WithTargetAppKey sets target_app_key, for APIs offered by another ISV.
func WithTargetAppKey(key string) Option {
	return func(c *Client) error {
		c.targetAppKey = key
		return nil
	}
}

// WithRetry sets the retry policy; RetryPolicy{} disables retries.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) error {
		if p.Max < 0 || p.Base < 0 || p.MaxDelay < 0 {
			return fmt.Errorf("retry policy %+v: negative value", p)
		}
		c.retry = p
		return nil
	}
}

// WithMaxResponseSize caps the bytes read from one response body; a larger
// body fails the call with ErrResponseTooLarge.
func WithMaxResponseSize(n int64) Option {
	return func(c *Client) error {
		if n <= 0 {
			return fmt.Errorf("max response size %d: want > 0", n)
		}
		c.maxBody = n
		return nil
	}
}

// WithClock sets the clock the timestamp parameter is read from. It exists
// for tests that pin the timestamp; production code has no reason to use it.
func WithClock(now func() time.Time) Option {
	return func(c *Client) error {
		if now == nil {
			return errors.New("nil clock")
		}
		c.now = now
		return nil
	}
}

// AppKey returns the client's app key.
func (c *Client) AppKey() string { return c.appKey }

// String describes the client without its secret. It and Format are on
// the value, not the pointer, so that printing a Client or a *Client, or a
// struct holding either, with any verb never leaks the secret.
func (c Client) String() string {
	return fmt.Sprintf("top.Client{app_key: %s, gateway: %s, sign_method: %s, format: %s}",
		c.appKey, c.gateway, c.signMethod, c.format)
}

// GoString is String, for %#v.
func (c Client) GoString() string { return c.String() }

// Format prints String for every verb (%q quotes it), so that fmt never
// falls back to printing the fields.
func (c Client) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.String())
		return
	}
	io.WriteString(f, c.String())
}

// CallOption configures one call.
type CallOption func(*callConfig)

type callConfig struct {
	session string
}

// WithSession sends the user's access token as the session parameter.
func WithSession(session string) CallOption {
	return func(cc *callConfig) { cc.session = session }
}

func newCallConfig(opts []CallOption) callConfig {
	var cc callConfig
	for _, opt := range opts {
		if opt != nil {
			opt(&cc)
		}
	}
	return cc
}
