package top_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/opentop/topgen/top"
	"github.com/opentop/topgen/top/toptest"
)

// Bad gateways and load: every failure is a clear error, never a panic, and
// only the retryable ones are retried.

const proxyHTML = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"

func do(t *testing.T, c *top.Client) (*itemGetResponse, error) {
	t.Helper()
	return top.Do(context.Background(), c, itemReq, top.WithSession("sess-secret-token"))
}

// checkClean asserts an error names neither the secret nor the session.
func checkClean(t *testing.T, err error) {
	t.Helper()
	for _, s := range []string{secret, "sess-secret-token"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error leaks %q: %v", s, err)
		}
	}
}

func Test502Then200IsRetried(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get",
		toptest.Reply{Status: http.StatusBadGateway, Raw: []byte(proxyHTML)},
		itemReply)
	resp, err := do(t, newClient(t, gw))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Item == nil || resp.Item.NumIID != 11223344 {
		t.Errorf("response after retry = %+v", resp)
	}
	got := gw.Received()
	if len(got) != 2 {
		t.Fatalf("gateway got %d requests, want 2", len(got))
	}
	if got[0].System["sign"] == "" || got[1].System["sign"] == "" {
		t.Error("a retry was sent unsigned")
	}
}

func Test5xxExhaustsRetries(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Status: http.StatusBadGateway, Raw: []byte(proxyHTML)})
	_, err := do(t, newClient(t, gw))
	var re *top.ResponseError
	if !errors.As(err, &re) || re.StatusCode != 502 || !strings.Contains(re.Excerpt, "502 Bad Gateway") {
		t.Fatalf("err = %v, want a ResponseError with status 502 and the page's start", err)
	}
	if n := len(gw.Received()); n != fastRetry.Max+1 {
		t.Errorf("gateway got %d requests, want %d", n, fastRetry.Max+1)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") || !strings.Contains(err.Error(), "502") {
		t.Errorf("message %q: want the status and the attempts", err)
	}
	checkClean(t, err)
}

func TestISPRetriedISVNot(t *testing.T) {
	isp := &top.Error{Code: 15, Msg: "Remote service error", SubCode: "isp.remote-connection-error"}
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Error: isp}, itemReply)
	if _, err := do(t, newClient(t, gw)); err != nil {
		t.Fatalf("isp then success: %v", err)
	}
	if n := len(gw.Received()); n != 2 {
		t.Errorf("isp: gateway got %d requests, want 2", n)
	}

	gw = newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Error: &top.Error{Code: 15, SubCode: "isv.invalid-parameter"}}, itemReply)
	_, err := do(t, newClient(t, gw))
	var te *top.Error
	if !errors.As(err, &te) || te.SubCode != "isv.invalid-parameter" {
		t.Errorf("isv: err = %v", err)
	}
	if n := len(gw.Received()); n != 1 {
		t.Errorf("isv: gateway got %d requests, want 1", n)
	}
}

// A call-limit ban longer than the policy's MaxDelay is not waited out.
func TestLongBanNotRetried(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Error: &top.Error{Code: 7, Msg: "App Call Limited",
		SubCode: "accesscontrol.limited-by-app-access-count", SubMsg: "This ban will last for 71 more seconds"}})
	_, err := do(t, newClient(t, gw))
	var te *top.Error
	if !errors.As(err, &te) || te.Code != 7 {
		t.Errorf("err = %v, want code 7", err)
	}
	if n := len(gw.Received()); n != 1 {
		t.Errorf("gateway got %d requests, want 1", n)
	}
}

func TestCallLimitRetried(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Error: &top.Error{Code: 7, Msg: "App Call Limited"}}, itemReply)
	if _, err := do(t, newClient(t, gw)); err != nil {
		t.Fatal(err)
	}
	if n := len(gw.Received()); n != 2 {
		t.Errorf("gateway got %d requests, want 2", n)
	}
}

func TestNotATopAnswer(t *testing.T) {
	cases := []struct {
		name, body, excerpt string
	}{
		{"html", proxyHTML, "<html><head>"},
		{"truncated json", `{"item_seller_get_response":{"item":{"num_iid":1`, `{"item_seller_get_response"`},
		{"plain text", "Service Unavailable", "Service Unavailable"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gw := newGateway(t)
			gw.Handle("taobao.item.seller.get", toptest.Reply{Raw: []byte(tc.body)})
			_, err := do(t, newClient(t, gw))
			var re *top.ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v (%T), want a *top.ResponseError", err, err)
			}
			if re.StatusCode != 200 || !strings.HasPrefix(re.Excerpt, tc.excerpt) {
				t.Errorf("status %d excerpt %q, want 200 and %q", re.StatusCode, re.Excerpt, tc.excerpt)
			}
			if !strings.Contains(err.Error(), "HTTP 200") {
				t.Errorf("message %q does not give the status", err)
			}
			if n := len(gw.Received()); n != 1 {
				t.Errorf("a 200 non-answer was sent %d times, want 1", n)
			}
			checkClean(t, err)
		})
	}
}

// A JSON error page from a proxy must not pass for a simplified response.
func TestJSONWithBadStatus(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Status: 403, Raw: []byte(`{"message":"forbidden"}`)})
	_, err := do(t, newClient(t, gw))
	var re *top.ResponseError
	if !errors.As(err, &re) || re.StatusCode != 403 {
		t.Errorf("err = %v, want a ResponseError with status 403", err)
	}
}

func TestBodySizeCap(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 50<<20) // 50 MB, over the default cap
	copy(big, `{"item":"`)
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Raw: big})
	_, err := do(t, newClient(t, gw))
	if !errors.Is(err, top.ErrResponseTooLarge) {
		t.Fatalf("err = %v, want ErrResponseTooLarge", err)
	}
	var re *top.ResponseError
	if !errors.As(err, &re) || !strings.HasPrefix(re.Excerpt, `{"item":"xxx`) || len(re.Excerpt) > 300 {
		t.Errorf("excerpt = %.400q, want the start of the body, short", re.Excerpt)
	}
	if len(err.Error()) > 500 {
		t.Errorf("message is %d bytes long, want a short one", len(err.Error()))
	}
}

// Without Content-Length the cap applies while reading.
func TestBodySizeCapStreamed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 100 {
			w.Write(bytes.Repeat([]byte("y"), 1000))
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	c, err := top.NewClient(appKey, secret, top.WithGateway(srv.URL), top.WithMaxResponseSize(10_000))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Execute(context.Background(), "taobao.time.get", nil)
	if !errors.Is(err, top.ErrResponseTooLarge) {
		t.Errorf("err = %v, want ErrResponseTooLarge", err)
	}
}

func TestGatewayTimesOut(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Fault: toptest.Hang})
	c := newClient(t, gw, top.WithHTTPClient(&http.Client{Timeout: 100 * time.Millisecond}))
	_, err := do(t, c)
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if n := len(gw.Received()); n != fastRetry.Max+1 {
		t.Errorf("gateway got %d requests, want %d (timeouts are retried)", n, fastRetry.Max+1)
	}
	checkClean(t, err)
}

func TestContextDeadline(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Fault: toptest.Hang})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := top.Do(ctx, newClient(t, gw), itemReq, top.WithSession("sess-secret-token"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if n := len(gw.Received()); n != 1 {
		t.Errorf("gateway got %d requests, want 1 (the caller's deadline ends the call)", n)
	}
	checkClean(t, err)
}

func TestConnectionReset(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Fault: toptest.Reset}, itemReply)
	if _, err := do(t, newClient(t, gw)); err != nil {
		t.Fatalf("reset then success: %v", err)
	}
	if n := len(gw.Received()); n != 2 {
		t.Errorf("gateway got %d requests, want 2", n)
	}

	gw = newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Fault: toptest.Reset})
	_, err := do(t, newClient(t, gw))
	if err == nil {
		t.Fatal("always reset: no error")
	}
	if n := len(gw.Received()); n != fastRetry.Max+1 {
		t.Errorf("always reset: gateway got %d requests, want %d", n, fastRetry.Max+1)
	}
	checkClean(t, err)
}

// cancelAfterFirst is a transport that cancels the call's context once the
// first response is in hand, so the cancellation lands between attempts.
type cancelAfterFirst struct {
	cancel context.CancelFunc
	calls  int
}

func (c *cancelAfterFirst) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	c.calls++ // one call at a time: attempts are sequential
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if c.calls == 1 {
		time.AfterFunc(time.Millisecond, c.cancel)
	}
	return resp, err
}

func TestCancelMidRetry(t *testing.T) {
	gw := newGateway(t)
	gw.Handle("taobao.item.seller.get", toptest.Reply{Status: 503, Raw: []byte(proxyHTML)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rt := &cancelAfterFirst{cancel: cancel}
	// A backoff of an hour: only the cancellation can end this call soon.
	c, err := top.NewClient(appKey, secret, top.WithGateway(gw.URL),
		top.WithHTTPClient(&http.Client{Transport: rt}),
		top.WithRetry(top.RetryPolicy{Max: 5, Base: time.Hour}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = top.Do(ctx, c, itemReq, top.WithSession("s"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var re *top.ResponseError
	if !errors.As(err, &re) || re.StatusCode != 503 {
		t.Errorf("err = %v, want the last attempt's 503 kept", err)
	}
	if n := len(gw.Received()); n != 1 {
		t.Errorf("gateway got %d requests, want 1", n)
	}
}
