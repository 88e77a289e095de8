package top_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opentop/topgen/top"
	"github.com/opentop/topgen/top/toptest"
)

// Hostile networks (issue 10): redirects, a gateway that never finishes,
// echoes of the request, names that do not resolve.

// foreignHost is a second server on 127.0.0.1 standing for another host;
// it counts what reaches it.
func foreignHost(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"item":{"num_iid":666}}`) // would decode as a success
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// redirector answers every request with status and a Location on target,
// carrying a query as a redirect to https would.
func redirector(t *testing.T, status int, target string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+"/router/rest?"+r.URL.RawQuery, status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRedirectsAreRefused(t *testing.T) {
	foreign, hits := foreignHost(t)
	defaultCheck := fmt.Sprintf("%p", http.DefaultClient.CheckRedirect)
	for _, status := range []int{301, 302, 303, 307, 308} {
		own := &http.Client{Timeout: time.Minute}
		for name, opts := range map[string][]top.Option{
			"default client":  nil,
			"caller's client": {top.WithHTTPClient(own)},
		} {
			t.Run(fmt.Sprint(status, " ", name), func(t *testing.T) {
				gw := redirector(t, status, foreign.URL)
				opts = append([]top.Option{top.WithGateway(gw.URL + "/router/rest"), top.WithRetry(fastRetry)}, opts...)
				c, err := top.NewClient(appKey, secret, opts...)
				if err != nil {
					t.Fatal(err)
				}
				_, err = do(t, c)
				var re *top.ResponseError
				if !errors.As(err, &re) || re.StatusCode != status || !errors.Is(err, top.ErrRedirect) {
					t.Fatalf("err = %v, want a ResponseError %d caused by ErrRedirect", err, status)
				}
				msg := err.Error()
				if !strings.Contains(msg, fmt.Sprint("HTTP ", status)) || !strings.Contains(msg, foreign.URL+"/router/rest?…") {
					t.Errorf("message %q: want the status and the target %s/router/rest (query cut)", msg, foreign.URL)
				}
				if strings.Contains(msg, "sign=") || strings.Contains(msg, "session=") {
					t.Errorf("message %q quotes the signed query", msg)
				}
				checkClean(t, err)
			})
		}
		if own.CheckRedirect != nil {
			t.Errorf("NewClient changed the caller's http.Client")
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the foreign host got %d requests, want none", n)
	}
	if got := fmt.Sprintf("%p", http.DefaultClient.CheckRedirect); got != defaultCheck {
		t.Errorf("NewClient changed http.DefaultClient's CheckRedirect")
	}
}

// TestSlowGatewayTimesOutPerAttempt: a gateway that sends headers and then
// a byte now and then would hang a call made with context.Background()
// forever; the attempt timeout ends each attempt.
func TestSlowGatewayTimesOutPerAttempt(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		w.WriteHeader(200)
		// The drip stops on its own after a while, so that a client
		// without the bound fails this test instead of hanging it.
		stop := time.After(20 * time.Second)
		for {
			w.Write([]byte(" "))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	c, err := top.NewClient(appKey, secret, top.WithGateway(srv.URL),
		top.WithAttemptTimeout(150*time.Millisecond),
		top.WithRetry(top.RetryPolicy{Max: 1, Base: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = do(t, c)
	if err == nil || !strings.Contains(err.Error(), "attempt timed out after 150ms") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the attempt timeout named", err)
	}
	if n := attempts.Load(); n != 2 {
		t.Errorf("gateway got %d attempts, want 2 (a timed-out attempt is retried)", n)
	}
	checkClean(t, err)
}

func TestAttemptTimeoutOption(t *testing.T) {
	if _, err := top.NewClient(appKey, secret, top.WithAttemptTimeout(-time.Second)); err == nil {
		t.Error("a negative attempt timeout was accepted")
	}
	// 0 removes the bound: the caller's context is then what ends a
	// hanging call.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		fmt.Fprint(w, itemReply.Simplify)
	}))
	defer srv.Close()
	for _, tc := range []struct {
		timeout time.Duration
		ok      bool
	}{{0, true}, {50 * time.Millisecond, false}} {
		c, err := top.NewClient(appKey, secret, top.WithGateway(srv.URL),
			top.WithAttemptTimeout(tc.timeout), top.WithRetry(top.RetryPolicy{}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = do(t, c)
		if tc.ok && err != nil {
			t.Errorf("attempt timeout %v: a 300ms answer failed: %v", tc.timeout, err)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "attempt timed out")) {
			t.Errorf("attempt timeout %v: a 300ms answer gave %v, want the attempt timeout", tc.timeout, err)
		}
	}
}

// errTransport fails every request with err and counts them.
type errTransport struct {
	err   error
	calls atomic.Int32
}

func (e *errTransport) RoundTrip(*http.Request) (*http.Response, error) {
	e.calls.Add(1)
	return nil, e.err
}

func TestNoSuchHostIsNotRetried(t *testing.T) {
	dial := func(dns *net.DNSError) error { return &net.OpError{Op: "dial", Net: "tcp", Err: dns} }
	cases := []struct {
		name  string
		err   error
		tries int32
	}{
		{"no such host", dial(&net.DNSError{Err: "no such host", Name: "gw.invalid", IsNotFound: true}), 1},
		{"temporary", dial(&net.DNSError{Err: "server misbehaving", Name: "gw.invalid", IsTemporary: true}), 3},
		{"timeout", dial(&net.DNSError{Err: "i/o timeout", Name: "gw.invalid", IsTimeout: true}), 3},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, 3},
	}
	for _, tc := range cases {
		rt := &errTransport{err: tc.err}
		c, err := top.NewClient(appKey, secret, top.WithGateway("https://gw.invalid/router/rest"),
			top.WithHTTPClient(&http.Client{Transport: rt}), top.WithRetry(fastRetry))
		if err != nil {
			t.Fatal(err)
		}
		_, err = do(t, c)
		if err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		if n := rt.calls.Load(); n != tc.tries {
			t.Errorf("%s: %d attempts, want %d (err %v)", tc.name, n, tc.tries, err)
		}
		checkClean(t, err)
	}
}

// TestEchoedRequestIsMasked: a proxy page that echoes the request shows
// neither the session nor the signature in the error.
func TestEchoedRequestIsMasked(t *testing.T) {
	var sign string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sign = r.URL.Query().Get("sign")
		w.WriteHeader(http.StatusBadGateway)
		q := r.URL.Query()
		fmt.Fprintf(w, "bad gateway: sign=%s&session=%s in POST %s", sign, q.Get("session"), r.URL.RequestURI())
	}))
	defer srv.Close()
	c, err := top.NewClient(appKey, secret, top.WithGateway(srv.URL+"/router/rest"), top.WithRetry(top.RetryPolicy{}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = do(t, c)
	if err == nil || sign == "" {
		t.Fatalf("err = %v, sign %q: want a 502 for a signed request", err, sign)
	}
	if strings.Contains(err.Error(), sign) || !strings.Contains(err.Error(), "sign=[sign]") ||
		!strings.Contains(err.Error(), "session=[session]") {
		t.Errorf("error %q: want the session and the signature masked", err)
	}
	checkClean(t, err)
}

// TestShortSecretLeavesTextAlone: masking a one-letter secret must not
// mangle the words that contain the letter.
func TestShortSecretLeavesTextAlone(t *testing.T) {
	const page = "toptest: the method was called; this is a misconfigured proxy"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, page, http.StatusInternalServerError)
	}))
	defer srv.Close()
	c, err := top.NewClient(appKey, "s", top.WithGateway(srv.URL), top.WithRetry(top.RetryPolicy{}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = top.Do(context.Background(), c, itemReq, top.WithSession("t"))
	if err == nil || !strings.Contains(err.Error(), page) {
		t.Errorf("err = %v, want the page quoted intact", err)
	}
}

// TestHugeBadValueGivesShortError: a 4 MB value that does not fit its
// field gives a one-line error that notes the value's length.
func TestHugeBadValueGivesShortError(t *testing.T) {
	huge := strings.Repeat("9", 4<<20) + "x"
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Simplify: `{"item":{"num_iid":"` + huge + `"}}`})
	_, err := do(t, newClient(t, gw))
	if err == nil {
		t.Fatal("no error")
	}
	if msg := err.Error(); len(msg) > 1000 || !strings.Contains(msg, "(4194305 bytes)") {
		t.Errorf("error of %d bytes (%.300s…): want a line noting the value's length", len(msg), msg)
	}
}
