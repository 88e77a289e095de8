package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxBody bounds a reply; the largest documents seen are a few hundred KB.
const maxBody = 32 << 20

// errTooLarge is a reply over maxBody. It is not retried: the same
// document gives the same size.
var errTooLarge = fmt.Errorf("reply is over the %d MB limit, not read further", maxBody>>20)

// bootstrap opens a session: the doc centre page sets _tb_token_, which
// the JSON handlers want back as a query parameter.
func (f *Fetcher) bootstrap(ctx context.Context) error {
	u := f.cfg.Base + "/docCenter"
	if _, _, err := f.get(ctx, u, ""); err != nil {
		return fmt.Errorf("fetch: cookie bootstrap: %w", err)
	}
	base, err := url.Parse(f.cfg.Base + "/")
	if err != nil {
		return fmt.Errorf("fetch: base URL %q: %w", f.cfg.Base, err)
	}
	for _, c := range f.cfg.Client.Jar.Cookies(base) {
		if c.Name == "_tb_token_" && c.Value != "" {
			f.token = c.Value
			return nil
		}
	}
	return fmt.Errorf("fetch: cookie bootstrap: GET %s set no _tb_token_ cookie; the JSON endpoints need it", u)
}

// DocMeta is what the fetcher reads from a document; the rest is kept raw.
type DocMeta struct {
	Name        string `json:"name"`
	GmtModified int64  `json:"gmtModified"`
}

// Document fetches getDocument.json for docID and returns the reply as
// received together with the document's name and gmtModified.
func (f *Fetcher) Document(ctx context.Context, docID string) ([]byte, DocMeta, error) {
	q := url.Values{}
	q.Set("isEn", "false")
	q.Set("treeId", "")
	q.Set("docId", docID)
	q.Set("docType", "2")
	q.Set("_tb_token_", f.token)
	u := f.cfg.Base + "/handler/document/getDocument.json?" + q.Encode()
	referer := f.cfg.Base + "/api.htm?docId=" + url.QueryEscape(docID) + "&docType=2"
	raw, data, err := f.getJSON(ctx, u, referer)
	if err != nil {
		return nil, DocMeta{}, fmt.Errorf("fetch: docId %s: %w", docID, err)
	}
	var meta DocMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, DocMeta{}, fmt.Errorf("fetch: docId %s: GET %s: data is not a document: %v", docID, u, err)
	}
	return raw, meta, nil
}

// envelope is the reply wrapper of every JSON handler.
type envelope struct {
	Success *bool           `json:"success"`
	Code    any             `json:"code"`
	ErrMsg  string          `json:"errMsg"`
	Msg     string          `json:"msg"`
	Data    json.RawMessage `json:"data"`
}

// getJSON GETs u and checks that the reply is a successful envelope. It
// returns the body as received and the raw data object.
func (f *Fetcher) getJSON(ctx context.Context, u, referer string) (body, data []byte, err error) {
	body, status, err := f.get(ctx, u, referer)
	if err != nil {
		return nil, nil, err
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if !bytes.HasPrefix(trimmed, []byte("{")) {
		return nil, nil, fmt.Errorf("GET %s: status %d, reply is not JSON (a login or challenge page? the session may need a browser): %s", u, status, excerpt(body))
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, nil, fmt.Errorf("GET %s: status %d, reply is not valid JSON (%v): %s", u, status, err, excerpt(body))
	}
	if env.Success == nil || !*env.Success {
		why := env.ErrMsg
		if why == "" {
			why = env.Msg
		}
		return nil, nil, fmt.Errorf("GET %s: status %d, the doc site answered success=%v (code %v, %q): %s", u, status, env.Success != nil && *env.Success, env.Code, why, excerpt(body))
	}
	data = bytes.TrimSpace(env.Data)
	if !bytes.HasPrefix(data, []byte("{")) {
		return nil, nil, fmt.Errorf("GET %s: status %d, success=true but data is not an object: %s", u, status, excerpt(body))
	}
	return body, data, nil
}

// httpError is a reply with a status that is not 2xx.
type httpError struct {
	url    string
	status int
	body   []byte
	retry  time.Duration // Retry-After, when given
}

func (e *httpError) Error() string {
	return fmt.Sprintf("GET %s: status %d: %s", e.url, e.status, excerpt(e.body))
}

func (e *httpError) temporary() bool {
	return e.status == http.StatusTooManyRequests || e.status >= 500
}

// get sends one GET under the concurrency and rate limits, retrying
// transport errors, 5xx and 429 with backoff. It returns the body and
// status of a 2xx reply.
func (f *Fetcher) get(ctx context.Context, u, referer string) ([]byte, int, error) {
	var last error
	for attempt := 1; ; attempt++ {
		body, status, err := f.once(ctx, u, referer)
		if err == nil {
			return body, status, nil
		}
		last = err
		var he *httpError
		retryable := ctx.Err() == nil && (!errors.As(err, &he) || he.temporary()) &&
			!errors.Is(err, errTooLarge) && !noSuchHost(err)
		if !retryable || attempt >= f.cfg.Attempts {
			break
		}
		wait := f.cfg.Backoff(attempt)
		if he != nil && he.retry > wait {
			wait = he.retry
		}
		if err := f.cfg.Sleep(ctx, wait); err != nil {
			return nil, 0, errors.Join(last, err)
		}
	}
	if f.cfg.Attempts > 1 {
		return nil, 0, fmt.Errorf("%w (after %d attempts)", last, f.cfg.Attempts)
	}
	return nil, 0, last
}

func (f *Fetcher) once(ctx context.Context, u, referer string) ([]byte, int, error) {
	select {
	case f.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
	defer func() { <-f.sem }()
	if err := f.limit.wait(ctx); err != nil {
		return nil, 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Accept", "application/json, text/plain, */*")
	req.Header.Set("User-Agent", "topgen-fetch (+https://github.com/opentop/topgen)")
	if referer != "" {
		req.Header.Set("Referer", referer)
	}
	resp, err := f.cfg.Client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	if resp.ContentLength > maxBody {
		return nil, 0, fmt.Errorf("GET %s: %w: Content-Length %d", u, errTooLarge, resp.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, 0, fmt.Errorf("GET %s: reading the reply: %w", u, err)
	}
	if len(body) > maxBody {
		return nil, 0, fmt.Errorf("GET %s: %w", u, errTooLarge)
	}
	if resp.StatusCode/100 != 2 {
		he := &httpError{url: u, status: resp.StatusCode, body: body}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			he.retry = min(time.Duration(s)*time.Second, time.Minute)
		}
		return nil, 0, he
	}
	return body, resp.StatusCode, nil
}

// excerpt is the start of a reply, whitespace collapsed, for an error
// message: enough to recognise a login page.
func excerpt(body []byte) string {
	const n = 160
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return strconv.Quote(s)
}

// expBackoff waits between half and all of base·2^(n-1), capped: the
// jitter keeps parallel workers from retrying in step.
func expBackoff(base, maxWait time.Duration) func(int) time.Duration {
	return func(n int) time.Duration {
		d := base << min(n-1, 20)
		if d <= 0 || d > maxWait {
			d = maxWait
		}
		return d/2 + rand.N(d/2+1)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// noSuchHost reports a host name that does not resolve (NXDOMAIN): asking
// again gives the same answer, unlike a DNS timeout or a failed server.
func noSuchHost(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound && !de.IsTemporary && !de.IsTimeout
}
