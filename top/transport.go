package top

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opentop/topgen/internal/quote"
)

// apiVersion is the `v` system parameter; TOP has only ever had 2.0.
const apiVersion = "2.0"

// systemNames are the parameters the client sets itself. A business
// parameter with one of these names would be ambiguous on the wire.
var systemNames = map[string]bool{
	"method": true, "app_key": true, "session": true, "timestamp": true,
	"v": true, "sign_method": true, "sign": true, "format": true,
	"simplify": true, "partner_id": true, "target_app_key": true,
}

// IsSystemParam reports whether name is a TOP system parameter (method,
// app_key, session, timestamp, v, sign_method, sign, format, simplify,
// partner_id, target_app_key) rather than a business parameter.
func IsSystemParam(name string) bool { return systemNames[name] }

// encoded is a call's business part, built once and reused by every attempt;
// only the system parameters (timestamp, sign) change between attempts.
type encoded struct {
	method      string
	business    []pair // sorted by name; what is signed besides the system params
	body        []byte
	contentType string
}

// encode checks and encodes the business parameters: form-encoded, or
// multipart when there is a file.
func encode(method string, params *Params) (*encoded, error) {
	if method == "" {
		return nil, errors.New("empty method name")
	}
	if params == nil {
		params = NewParams()
	}
	names := params.Names()
	files := params.FileNames()
	enc := &encoded{method: method, business: make([]pair, 0, len(names))}
	for _, name := range names {
		if systemNames[name] {
			return nil, fmt.Errorf("business parameter %q collides with a system parameter", name)
		}
		v, _ := params.Get(name)
		enc.business = append(enc.business, pair{name, v})
	}
	if len(files) == 0 {
		var b strings.Builder
		for i, p := range enc.business {
			if i > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(p.name))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(p.value))
		}
		enc.body = []byte(b.String())
		enc.contentType = "application/x-www-form-urlencoded;charset=utf-8"
		return enc, nil
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range enc.business {
		if err := w.WriteField(p.name, p.value); err != nil {
			return nil, err
		}
	}
	for _, name := range files {
		if systemNames[name] {
			return nil, fmt.Errorf("file parameter %q collides with a system parameter", name)
		}
		if _, dup := params.Get(name); dup {
			return nil, fmt.Errorf("parameter %q is both a value and a file", name)
		}
		f, _ := params.File(name)
		filename := f.Name
		if filename == "" {
			filename = name
		}
		part, err := w.CreateFormFile(name, filename)
		if err != nil {
			return nil, err
		}
		part.Write(f.Content) // writes to a bytes.Buffer cannot fail
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	enc.body = buf.Bytes()
	enc.contentType = w.FormDataContentType()
	return enc, nil
}

// systemPairs returns the system parameters of one attempt, without sign,
// sorted by name (they are listed in name order; a test checks it). Empty
// optional ones are left out, as they are from the signature.
func (c *Client) systemPairs(method, session string, now time.Time) []pair {
	ps := make([]pair, 0, 11)
	add := func(name, value string) {
		if value != "" {
			ps = append(ps, pair{name, value})
		}
	}
	add("app_key", c.appKey)
	add("format", string(c.format))
	add("method", method)
	add("partner_id", c.partnerID)
	add("session", session)
	add("sign_method", string(c.signMethod))
	if c.format == JSON && c.simplify {
		add("simplify", "true")
	}
	add("target_app_key", c.targetAppKey)
	add("timestamp", FormatTime(now))
	add("v", apiVersion)
	return ps
}

// signedQuery signs the system and business parameters together and returns
// the query string (the system parameters and sign) and the signature.
func (c *Client) signedQuery(sys, business []pair) (query, sign string) {
	all := mergeSorted(sys, business)
	sign = signSorted(c.signMethod, c.secret, all)
	var b strings.Builder
	for _, p := range sys {
		b.WriteString(p.name) // system names need no escaping
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.value))
		b.WriteByte('&')
	}
	b.WriteString("sign=")
	b.WriteString(sign)
	return b.String(), sign
}

// mergeSorted merges two name-sorted lists into one.
func mergeSorted(a, b []pair) []pair {
	out := make([]pair, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].name <= b[0].name {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// ErrResponseTooLarge is the cause of a ResponseError for a body over the
// client's maximum response size.
var ErrResponseTooLarge = errors.New("response body exceeds the size limit")

// ResponseError is an HTTP response that is not a usable TOP answer: a body
// that is neither a TOP response nor an error_response (an HTML page from a
// proxy, truncated JSON, a body over the size limit), or a non-2xx status.
// Err is the cause; errors.Is(err, ErrResponseTooLarge) and
// errors.As(err, &*DecodeError) work through it.
type ResponseError struct {
	StatusCode int
	// Excerpt is the start of the body, cut to a few hundred bytes.
	Excerpt string
	Err     error
}

func (e *ResponseError) Error() string {
	msg := fmt.Sprintf("top: HTTP %d", e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		msg += " " + t
	}
	if e.Err != nil {
		msg += ": " + strings.TrimPrefix(e.Err.Error(), "top: ")
	}
	return msg + fmt.Sprintf("; body starts %q", e.Excerpt)
}

func (e *ResponseError) Unwrap() error { return e.Err }

// ErrRedirect is the cause of a ResponseError for a redirect, which the
// client never follows: following one to another host would send the
// signed URL there (in Referer), post the business body again and return a
// stranger's answer as TOP's.
var ErrRedirect = errors.New("redirect refused")

// transportError is a failure to get a complete response: no connection,
// a reset, a timeout, a body cut short. Worth a retry unless it is a host
// name that does not resolve.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// excerptSize is how much of a bad body goes into a ResponseError.
const excerptSize = 200

// excerpt returns the start of body, cut on a UTF-8 boundary, with the
// attempt's credentials masked (see redactor) in case something echoed
// the request. A value the cut would split is kept whole and masked, so
// that no prefix of it survives.
func excerpt(body []byte, r redactor) string {
	if len(body) <= excerptSize {
		return r.apply(string(body))
	}
	cut := excerptSize
	for cut > 0 && !utf8.RuneStart(body[cut]) {
		cut--
	}
	for moved := true; moved; {
		moved = false
		for _, p := range r {
			// An occurrence that starts before the cut and ends after it.
			from := max(0, cut-len(p.value)+1)
			to := min(len(body), cut+len(p.value)-1)
			if i := bytes.Index(body[from:to], []byte(p.value)); i >= 0 && from+i+len(p.value) > cut {
				cut, moved = from+i+len(p.value), true
			}
		}
	}
	s := r.apply(string(body[:cut]))
	if cut < len(body) {
		s += "…"
	}
	return s
}

// answer is what one attempt got back.
type answer struct {
	status int
	body   []byte
	redact redactor // the attempt's session and sign, and the secret
}

// refuseRedirects returns a copy of hc that stops at the first redirect
// and returns it as the response (see ErrRedirect). The copy shares hc's
// Transport (its connection pool), Jar and Timeout; hc itself is not
// changed, so a caller's client, or http.DefaultClient, keeps its own
// redirect policy for its other uses.
func refuseRedirects(hc *http.Client) *http.Client {
	cp := *hc
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

// send runs one HTTP attempt, bounded by the client's attempt timeout,
// and returns the status and the whole body.
func (c *Client) send(ctx context.Context, enc *encoded, session string) (answer, error) {
	sys := c.systemPairs(enc.method, session, c.now())
	query, sign := c.signedQuery(sys, enc.business)
	a := answer{redact: newRedactor(
		redaction{c.secret, "[secret]"}, redaction{session, "[session]"}, redaction{sign, "[sign]"})}
	parent := ctx
	if c.attemptTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.attemptTimeout)
		defer cancel() // after the body is read: the context bounds that too
	}
	// A failed exchange: the URL in the error carries the session token and
	// the signature, so it names the gateway only; a timeout of the attempt
	// (not of the caller's context) says which bound it hit.
	failed := func(err error) error {
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.URL = c.gateway.String()
		}
		if parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = fmt.Errorf("attempt timed out after %v (top.WithAttemptTimeout): %w", c.attemptTimeout, err)
		}
		return &transportError{err}
	}
	u := *c.gateway
	u.RawQuery = query
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(enc.body))
	if err != nil {
		return a, err
	}
	req.Header.Set("Content-Type", enc.contentType)
	req.Header.Set("User-Agent", "topgen")
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return a, failed(err)
	}
	defer resp.Body.Close()
	a.status = resp.StatusCode
	if resp.ContentLength > c.maxBody {
		head, _ := io.ReadAll(io.LimitReader(resp.Body, excerptSize))
		return a, &ResponseError{a.status, excerpt(head, a.redact),
			fmt.Errorf("%w (Content-Length %d > %d)", ErrResponseTooLarge, resp.ContentLength, c.maxBody)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return a, failed(fmt.Errorf("reading response body: %w", err))
	}
	if int64(len(body)) > c.maxBody {
		return a, &ResponseError{a.status, excerpt(body, a.redact),
			fmt.Errorf("%w (more than %d bytes)", ErrResponseTooLarge, c.maxBody)}
	}
	if loc := resp.Header.Get("Location"); isRedirect(a.status) && loc != "" {
		return a, &ResponseError{a.status, excerpt(body, a.redact),
			fmt.Errorf("%w to %s: check the gateway URL (top.WithGateway)", ErrRedirect, redirectTarget(resp))}
	}
	a.body = body
	return a, nil
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// redirectTarget names where a redirect points, resolved against the
// request, without its query: a redirect to the same path over https would
// carry the signed query back.
func redirectTarget(resp *http.Response) string {
	u, err := resp.Location()
	if err != nil {
		return quoteValue(resp.Header.Get("Location"))
	}
	hadQuery := u.RawQuery != ""
	u.RawQuery, u.Fragment, u.User = "", "", nil
	s := quote.Text(u.String(), 256)
	if hadQuery {
		s += "?…"
	}
	return s
}
