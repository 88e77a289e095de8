package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top/toptest"
)

const (
	callAppKey = "12345678"
	callSecret = "helloworld"
)

// seedArgs are the four seed APIs' name=value arguments with their Java
// request examples' values (struct parameters as compact JSON).
var seedArgs = []struct {
	method string
	args   []string
}{
	{"alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus", []string{
		`get_creating_order_status_param={"app_key":"22354565656","key":"afeasdfasdfa"}`}},
	{"alibaba.damai.mz.order.detail", []string{"mz_order_id=412963624031", "mz_user_id=7383771901"}},
	{"alibaba.damai.mz.order.create", []string{`param={"order_payment_money_fen":16000,"goods_list":[{"card_no":"1107618827341283","seat_id":"91273971413","price_id":"44281279312","event_id":"8273719231","real_name":"李清雪","card_type":1,"lock_id":"82877218910013","good_identity_list":[{"card_no":"1107618827341283","card_type":1,"real_name":"李清雪"}]}],"delivery_type":3,"remark":"xxxx","collector_phone":"15812340123","external_order_no":"786631200921","collector_card_type":1,"collector_card_no":"11012281827736721","order_receive_money_fen":18000,"order_promotion_rule_id":"31243","mz_user_id":"981273781441","collector_name":"张起灵","coupon_code":"tx3671hgsh1734","order_promotion_id":"8273661701","coupon_code_promotion_rule_id":"72178184","address_id":"28377194","express_pay_type":1,"third_tag":"726819","use_point":10000,"use_point_money_fen":10000,"use_account_money_fen":5000,"use_card_id":"476177551891","use_card_money_fen":3000,"asset_biz_key":"hgyat6771ttf15614"}`}},
	{"alibaba.omni.order.query", []string{"user_id=3031798632", "order_id=109078258777804955", "out_order_id=54321"}},
}

// callArgs builds `call` arguments for the gateway with the test app.
func callArgs(gateway string, extra ...string) []string {
	return append([]string{"call", "-gateway", gateway, "-app-key", callAppKey, "-secret", callSecret}, extra...)
}

// prettySample is the doc's XML example of method as wrapped JSON
// (spec.SampleJSON), indented by two spaces.
func prettySample(t *testing.T, method string, simplify bool) string {
	t.Helper()
	api, err := spec.Load(filepath.Join("../../specs", method+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := api.SampleJSON(simplify)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		t.Fatal(err)
	}
	return b.String() + "\n"
}

// TestCallAgainstMock is the "done when": topgen call against
// topgen mock for each seed API in each sign method, checked against the
// specs before sending.
func TestCallAgainstMock(t *testing.T) {
	gw := mockServer(t, "-secret", callSecret)
	for _, seed := range seedArgs {
		want := prettySample(t, seed.method, false)
		for _, m := range []string{"md5", "hmac", "hmac-sha256"} {
			args := callArgs(gw, "-sign-method", m, "-specs", "../../specs", "-session", "session-token", seed.method)
			code, out, errs := topgen(t, append(args, seed.args...)...)
			if code != 0 || errs != "" {
				t.Errorf("%s %s: exit %d, stderr:\n%s", seed.method, m, code, errs)
				continue
			}
			if out != want {
				t.Errorf("%s %s: stdout\n%s\nwant\n%s", seed.method, m, out, want)
			}
		}
	}
}

// TestCallPrettyPrints checks the printed body against the doc's XML
// example of getcreatingorderstatus, written out by hand as TOP's JSON.
func TestCallPrettyPrints(t *testing.T) {
	gw := mockServer(t, "-secret", callSecret)
	seed := seedArgs[0]
	code, out, errs := topgen(t, append(callArgs(gw, seed.method), seed.args...)...)
	want := `{
  "alibaba_damai_maitix_sponsor_distribution_getcreatingorderstatus_response": {
    "result": {
      "code": 200,
      "success": true,
      "model": {
        "oid": 22020220,
        "seat_info_dto": {
          "sell_seat_for_fail": "预留已售出",
          "card_no_repeat_for_fail": "cardNoRepeatForFail"
        },
        "code": 200,
        "err_code": "300",
        "err_msg": "接口错误"
      },
      "message": "成功"
    }
  }
}
`
	if code != 0 || out != want {
		t.Errorf("exit %d, stdout\n%s\nwant\n%s\nstderr: %s", code, out, want, errs)
	}

	code, out, _ = topgen(t, append(callArgs(gw, "-simplify", seed.method), seed.args...)...)
	if code != 0 || out != prettySample(t, seed.method, true) || strings.Contains(out, "_response") {
		t.Errorf("-simplify: exit %d, stdout\n%s", code, out)
	}

	detail := seedArgs[1]
	code, out, _ = topgen(t, append(callArgs(gw, "-format", "xml", "-sign-method", "md5", detail.method), detail.args...)...)
	api, _ := spec.Load("../../specs/" + detail.method + ".yaml")
	if wantXML := `<?xml version="1.0" encoding="utf-8" ?>` + api.Examples.ResponseXML + "\n"; code != 0 || out != wantXML {
		t.Errorf("-format xml: exit %d, stdout\n%s\nwant\n%s", code, out, wantXML)
	}
}

func TestCallErrors(t *testing.T) {
	gw := mockServer(t, "-secret", callSecret)
	detail := "alibaba.damai.mz.order.detail"
	cases := []struct {
		name string
		args []string
		code int
		want []string // in stderr
	}{
		{"missing required, found by the mock", callArgs(gw, detail, "mz_order_id=1"), 1,
			[]string{`"error_response"`, `"code": 40`, `"sub_code": "isv.missing-parameter:mz_user_id"`}},
		{"missing required, found by -specs", callArgs("http://127.0.0.1:1/unused", "-specs", "../../specs", detail, "mz_order_id=1"), 1,
			[]string{"not sent", detail + ".yaml", `"code": 40`, `"sub_code": "isv.missing-parameter:mz_user_id"`}},
		{"bad type, found by -specs", callArgs("http://127.0.0.1:1/unused", "-specs", "../../specs", seedArgs[0].method, `get_creating_order_status_param=[1]`), 1,
			[]string{`"code": 41`, "isv.invalid-parameter:get_creating_order_status_param"}},
		{"session, found by -specs", callArgs("http://127.0.0.1:1/unused", append([]string{"-specs", "../../specs", seedArgs[3].method}, seedArgs[3].args...)...), 1,
			[]string{`"code": 26`, "Missing Session"}},
		{"wrong secret", []string{"call", "-gateway", gw, "-app-key", callAppKey, "-secret", "wrong", detail, "mz_order_id=1", "mz_user_id=2"}, 1,
			[]string{`"code": 25`, `"msg": "Invalid signature"`}},
		{"unknown method", callArgs(gw, "taobao.no.such.api", "a=1"), 1,
			[]string{`"code": 22`, `"msg": "Invalid Method"`}},
		{"unknown method, -specs", callArgs(gw, "-specs", "../../specs", "taobao.no.such.api"), 1,
			[]string{"no spec for taobao.no.such.api in ../../specs"}},
		{"gateway down", callArgs("http://127.0.0.1:1/router/rest", detail, "mz_order_id=1"), 1,
			[]string{"topgen call:", "127.0.0.1:1"}},
		{"no method", callArgs(gw), 2, []string{"missing METHOD", "usage:"}},
		{"not name=value", callArgs(gw, detail, "mz_order_id"), 2, []string{`"mz_order_id": want name=value`}},
		{"twice", callArgs(gw, detail, "a=1", "a=2"), 2, []string{"a given twice"}},
		{"system name", callArgs(gw, detail, "timestamp=1"), 2, []string{"timestamp is a system parameter"}},
		{"sign method", callArgs(gw, "-sign-method", "sha1", detail), 2, []string{`-sign-method "sha1"`}},
		{"format", callArgs(gw, "-format", "yaml", detail), 2, []string{`-format "yaml"`}},
		{"bad gateway", callArgs("ftp://x", detail), 2, []string{"gateway"}},
		{"no secret", []string{"call", "-gateway", gw, "-app-key", "k", detail}, 2, []string{"TOP_APP_SECRET"}},
		{"unknown flag", []string{"call", "-nope", detail}, 2, []string{"-nope"}},
		{"missing file", callArgs(gw, detail, "img=@/nonexistent/x.png"), 1, []string{"img", "/nonexistent/x.png"}},
	}
	t.Setenv("TOP_APP_KEY", "")
	t.Setenv("TOP_APP_SECRET", "")
	t.Setenv("TOP_SESSION", "")
	for _, c := range cases {
		code, out, errs := topgen(t, c.args...)
		if code != c.code || out != "" {
			t.Errorf("%s: exit %d, stdout %q; want exit %d and no stdout", c.name, code, out, c.code)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", c.name, w, errs)
			}
		}
		if strings.Contains(errs, callSecret) {
			t.Errorf("%s: stderr shows the secret", c.name)
		}
	}
}

// TestCallEnvironment takes the credentials from the environment.
func TestCallEnvironment(t *testing.T) {
	gw := mockServer(t, "-secret", callSecret)
	t.Setenv("TOP_APP_KEY", callAppKey)
	t.Setenv("TOP_APP_SECRET", callSecret)
	t.Setenv("TOP_SESSION", "session-token")
	seed := seedArgs[3] // needs a session
	args := append([]string{"call", "-gateway", gw, "-specs", "../../specs", seed.method}, seed.args...)
	if code, out, errs := topgen(t, args...); code != 0 || out != prettySample(t, seed.method, false) {
		t.Errorf("exit %d, stdout\n%s\nstderr\n%s", code, out, errs)
	}
}

// TestCallUploadsFile sends name=@path as a multipart file part, unsigned,
// next to the signed form values; @@ escapes a literal @.
func TestCallUploadsFile(t *testing.T) {
	gw := toptest.NewServer(t, callAppKey, callSecret)
	gw.Handle("taobao.picture.upload", toptest.Reply{JSON: `{"picture_upload_response":{"picture":{"picture_id":1}}}`})
	img := filepath.Join(t.TempDir(), "cat.png")
	content := []byte("\x89PNG\r\n\x1a\n not really")
	os.WriteFile(img, content, 0o644)
	code, out, errs := topgen(t, callArgs(gw.URL, "taobao.picture.upload", "img=@"+img, "title=@@home", "picture_category_id=0")...)
	if code != 0 || out != "{\n  \"picture_upload_response\": {\n    \"picture\": {\n      \"picture_id\": 1\n    }\n  }\n}\n" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errs)
	}
	got := gw.Received()
	if len(got) != 1 {
		t.Fatalf("gateway got %d requests, want 1", len(got))
	}
	r := got[0]
	if r.ContentType != "multipart/form-data" {
		t.Errorf("content type %q, want multipart/form-data", r.ContentType)
	}
	if f := r.Files["img"]; f.Name != "cat.png" || !bytes.Equal(f.Content, content) {
		t.Errorf("file part img = %q %q, want cat.png with the file's bytes", f.Name, f.Content)
	}
	if r.Params["title"] != "@home" || r.Params["picture_category_id"] != "0" {
		t.Errorf("form values %v, want title=@home picture_category_id=0", r.Params)
	}
}

// TestCallHostileGateway: call refuses redirects (the foreign host gets
// nothing), bounds the call by -timeout, and masks the session and the
// signature in a page that echoes the request.
func TestCallHostileGateway(t *testing.T) {
	var foreignHits atomic.Int32
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreignHits.Add(1)
		fmt.Fprint(w, `{"ok":true}`)
	}))
	defer foreign.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, foreign.URL+"/router/rest?"+r.URL.RawQuery, http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	var sign string
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sign = r.URL.Query().Get("sign")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, "upstream failed for sign=%s session=%s", sign, r.URL.Query().Get("session"))
	}))
	defer echo.Close()
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // then the server notices the client leaving
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Second): // a client without the bound fails, not hangs
		}
	}))
	defer hang.Close()

	const session = "session-token-6100e2365"
	cases := []struct {
		name, gateway string
		extra         []string
		want          []string
	}{
		{"redirect", redirect.URL, nil, []string{"HTTP 307", "redirect refused", foreign.URL + "/router/rest?…"}},
		{"echo", echo.URL, nil, []string{"HTTP 502", "sign=[sign]", "session=[session]"}},
		{"slow", hang.URL, []string{"-timeout", "100ms"}, []string{"attempt timed out after 100ms"}},
	}
	for _, c := range cases {
		args := callArgs(c.gateway, append(c.extra, "-session", session, "alibaba.damai.mz.order.detail", "mz_order_id=1")...)
		code, out, errs := topgen(t, args...)
		if code != 1 || out != "" {
			t.Errorf("%s: exit %d, stdout %q; want exit 1 and no stdout", c.name, code, out)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", c.name, w, errs)
			}
		}
		for _, leak := range []string{session, callSecret, "sign=" + sign} {
			if sign != "" && strings.Contains(errs, leak) {
				t.Errorf("%s: stderr shows %q:\n%s", c.name, leak, errs)
			}
		}
	}
	if n := foreignHits.Load(); n != 0 {
		t.Errorf("the redirect's target got %d requests, want none", n)
	}
}

func TestCallRefusesBadMethodNames(t *testing.T) {
	for _, m := range []string{"-rf", "../../etc/passwd", "taobao", "taobao..get"} {
		code, _, errs := topgen(t, callArgs("http://127.0.0.1:1/unused", "-specs", "../../specs", "--", m)...)
		if code != 2 || !strings.Contains(errs, "is not a TOP method name") {
			t.Errorf("call %q: exit %d, stderr %s; want exit 2 and the method named", m, code, errs)
		}
	}
}
