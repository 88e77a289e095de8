package top

import (
	"errors"
	"fmt"
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

// Client calls the TOP gateway for one app. It is safe for concurrent use;
// its settings are fixed by NewClient.
//
// Use Do to run a generated request, or Execute for an untyped call.
type Client struct {
	appKey       string
	secret       string
	gateway      *url.URL
	signMethod   SignMethod
	httpClient   *http.Client
	format       Format
	simplify     bool
	partnerID    string
	targetAppKey string
	retry        RetryPolicy
	maxBody      int64
	now          func() time.Time
}

// Option configures a Client in NewClient.
type Option func(*Client) error

// NewClient returns a client for the app with this key and secret. Without
// options it posts to DefaultGateway, signs with hmac-sha256, asks for
// simplified JSON, retries per DefaultRetryPolicy, caps bodies at
// DefaultMaxResponseSize and uses http.DefaultClient.
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
	}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, fmt.Errorf("top: NewClient: %w", err)
		}
	}
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

// WithHTTPClient sets the HTTP client; its Timeout bounds one attempt, the
// context passed to Do bounds the whole call including retries.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("nil *http.Client")
		}
		c.httpClient = hc
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

// String describes the client without its secret, so that printing a client
// (%v, %+v, %#v) in a log never leaks it.
func (c *Client) String() string {
	return fmt.Sprintf("top.Client{app_key: %s, gateway: %s, sign_method: %s, format: %s}",
		c.appKey, c.gateway, c.signMethod, c.format)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

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
