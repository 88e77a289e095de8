package toptest

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/opentop/topgen/top"
)

// handlerServer serves a bare Handler (no recording, no test hooks), as
// `topgen mock` does, answering Vector A's method.
func handlerServer(t *testing.T, appKey, secret string, opts ...HandlerOption) (*Handler, *Server) {
	h := NewHandler(appKey, secret, opts...)
	ts, _ := top.ParseTime("2016-01-01 12:03:00")
	h.SetClock(func() time.Time { return ts })
	h.Handle("taobao.item.seller.get", Reply{JSON: `{"item_seller_get_response":{}}`})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, &Server{URL: srv.URL}
}

func TestHandlerWithoutSecretAcceptsAnySignature(t *testing.T) {
	_, s := handlerServer(t, "", "")
	p := vectorA()
	p["sign"] = "0000"
	p["app_key"] = "any-key"
	if status, body := post(t, s, p); status != 200 || body != `{"item_seller_get_response":{}}` {
		t.Errorf("wrong sign without a secret: got %d %s, want the reply", status, body)
	}
	delete(p, "sign")
	if _, body := post(t, s, p); body != `{"item_seller_get_response":{}}` {
		t.Errorf("no sign without a secret: got %s, want the reply", body)
	}
	delete(p, "app_key")
	if _, body := post(t, s, p); !strings.Contains(body, `"code":28`) {
		t.Errorf("missing app_key: got %s, want code 28", body)
	}
}

func TestHandlerParamCheckAndRecording(t *testing.T) {
	var seen []string
	h, s := handlerServer(t, "12345678", "helloworld", WithParamCheck(func(rec *Received) *top.Error {
		seen = append(seen, rec.Params["num_iid"])
		if rec.Params["num_iid"] != "11223344" {
			return &top.Error{Code: 41, Msg: "Invalid Arguments", SubCode: "isv.invalid-parameter:num_iid"}
		}
		return nil
	}))
	if status, body := post(t, s, vectorA()); status != 200 || body != `{"item_seller_get_response":{}}` {
		t.Fatalf("got %d %s, want the reply", status, body)
	}
	bad := vectorA()
	bad["sign"] = "0000"
	if _, body := post(t, s, bad); !strings.Contains(body, `"code":25`) {
		t.Errorf("bad sign: got %s, want code 25 before the param check", body)
	}
	if len(seen) != 1 {
		t.Errorf("param check ran %d times, want once (not for a request failing the signature)", len(seen))
	}
	if got := h.Received(); len(got) != 0 {
		t.Errorf("a Handler without WithRecording kept %d requests", len(got))
	}
}
