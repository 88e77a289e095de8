package mock

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top"
)

const (
	testAppKey = "12345678"
	testSecret = "helloworld"
)

// startMock serves the bundled specs on 127.0.0.1 and returns the gateway
// URL and the specs by method.
func startMock(t testing.TB, secret string) (string, map[string]*spec.API) {
	t.Helper()
	apis, err := LoadDir("../specs")
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(apis, secret)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(Path, h)
	srv := httptest.NewServer(mux) // binds 127.0.0.1
	t.Cleanup(srv.Close)
	t.Cleanup(h.Close)
	byMethod := map[string]*spec.API{}
	for _, a := range apis {
		byMethod[a.Method] = a
	}
	return srv.URL + Path, byMethod
}

// variant is one response format a client can ask for.
type variant struct {
	name     string
	format   top.Format
	simplify bool
}

var variants = []variant{{"json", top.JSON, false}, {"simplify", top.JSON, true}, {"xml", top.XML, false}}

func newClient(t testing.TB, gateway, secret string, m top.SignMethod, v variant, hc *http.Client) *top.Client {
	t.Helper()
	if hc == nil {
		hc = http.DefaultClient
	}
	c, err := top.NewClient(testAppKey, secret, top.WithGateway(gateway), top.WithSignMethod(m),
		top.WithFormat(v.format), top.WithSimplify(v.simplify), top.WithRetry(top.RetryPolicy{}), top.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func toParams(m map[string]string) *top.Params {
	p := top.NewParams()
	for k, v := range m {
		p.Set(k, v)
	}
	return p
}

// wantBody is the body the mock must answer for api in variant v. For the
// seed specs (XML examples only) the JSON forms are the XML example as
// spec.SampleJSON converts it; the mock package does not compute them.
func wantBody(t testing.TB, api *spec.API, v variant) string {
	t.Helper()
	if v.format == top.XML {
		return `<?xml version="1.0" encoding="utf-8" ?>` + api.Examples.ResponseXML
	}
	s, err := api.SampleJSON(v.simplify)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func jsonEqual(t testing.TB, what, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Errorf("%s: body is not JSON: %v\n%s", what, err, got)
		return
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: want is not JSON: %v", what, err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

func TestSeedCallsEverySignMethodAndFormat(t *testing.T) {
	gw, apis := startMock(t, testSecret)
	for _, c := range seedCalls {
		for _, m := range []top.SignMethod{top.SignMD5, top.SignHMAC, top.SignHMACSHA256} {
			for _, v := range variants {
				client := newClient(t, gw, testSecret, m, v, nil)
				var opts []top.CallOption
				if c.session {
					opts = append(opts, top.WithSession("session-token"))
				}
				body, err := client.Execute(context.Background(), c.method, toParams(c.params), opts...)
				what := c.method + " " + string(m) + " " + v.name
				if err != nil {
					t.Errorf("%s: %v", what, err)
					continue
				}
				want := wantBody(t, apis[c.method], v)
				if v.format == top.XML {
					if string(body) != want {
						t.Errorf("%s: got\n%s\nwant\n%s", what, body, want)
					}
				} else {
					jsonEqual(t, what, string(body), want)
				}
			}
		}
	}
}

// TestSimplifyShapes checks the simplify bodies against the doc by hand:
// the getcreatingorderstatus XML example written as simplify JSON, and
// the coupon.convert simplify sample without the doc site's wrapper.
func TestSimplifyShapes(t *testing.T) {
	gw, _ := startMock(t, "")
	c := seedCalls[0]
	body, err := newClient(t, gw, "any", top.SignMD5, variants[1], nil).Execute(context.Background(), c.method, toParams(c.params))
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, c.method, string(body), `{"result":{"code":200,"success":true,"model":{"oid":22020220,
		"seat_info_dto":{"sell_seat_for_fail":"预留已售出","card_no_repeat_for_fail":"cardNoRepeatForFail"},
		"code":200,"err_code":"300","err_msg":"接口错误"},"message":"成功"}}`)

	coupon := toParams(map[string]string{"item_id": "123", "adzone_id": "123"})
	for _, v := range variants[:2] {
		body, err := newClient(t, gw, "any", top.SignMD5, v, nil).Execute(context.Background(), "taobao.tbk.coupon.convert", coupon)
		if err != nil {
			t.Fatal(err)
		}
		var root map[string]json.RawMessage
		if err := json.Unmarshal(body, &root); err != nil {
			t.Fatal(err)
		}
		_, wrapped := root["tbk_coupon_convert_response"]
		_, result := root["result"]
		if wrapped == v.simplify || result != v.simplify {
			t.Errorf("coupon.convert %s: root keys %v; want the wrapper only without simplify", v.name, keys(root))
		}
	}
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestReplyWithoutExamples(t *testing.T) {
	r, err := Reply(&spec.API{Method: "taobao.x.get"})
	if err != nil {
		t.Fatal(err)
	}
	if r.JSON != `{"x_get_response":{}}` || r.Simplify != `{}` || r.XML != `<?xml version="1.0" encoding="utf-8" ?><x_get_response></x_get_response>` {
		t.Errorf("got %+v, want empty success bodies", r)
	}
	_, err = Reply(&spec.API{Method: "taobao.x.get", Examples: spec.Examples{ResponseJSON: `{"x_get_response":`}})
	if err == nil {
		t.Error("broken response_json: want an error naming it")
	}
}

func TestMockErrors(t *testing.T) {
	gw, _ := startMock(t, testSecret)
	detail := map[string]string{"mz_order_id": "412963624031", "mz_user_id": "7383771901"}
	cases := []struct {
		name    string
		secret  string
		method  string
		params  map[string]string
		session string
		want    top.Error
	}{
		{"wrong secret", "other", "alibaba.damai.mz.order.detail", detail, "",
			top.Error{Code: 25, Msg: "Invalid signature"}},
		{"unknown method", testSecret, "taobao.no.such.api", detail, "",
			top.Error{Code: 22, Msg: "Invalid Method"}},
		{"missing required", testSecret, "alibaba.damai.mz.order.detail", map[string]string{"mz_order_id": "1"}, "",
			top.Error{Code: 40, Msg: "Missing Required Arguments", SubCode: "isv.missing-parameter:mz_user_id"}},
		{"unknown parameter", testSecret, "alibaba.damai.mz.order.detail", map[string]string{"mz_order_id": "1", "mz_user_id": "2", "x": "3"}, "",
			top.Error{Code: 41, Msg: "Invalid Arguments", SubCode: "isv.invalid-parameter:x"}},
		{"missing session", testSecret, "alibaba.omni.order.query", seedCalls[3].params, "",
			top.Error{Code: 26, Msg: "Missing Session"}},
	}
	for _, c := range cases {
		for _, v := range variants {
			client := newClient(t, gw, c.secret, top.SignHMACSHA256, v, nil)
			var opts []top.CallOption
			if c.session != "" {
				opts = append(opts, top.WithSession(c.session))
			}
			_, err := client.Execute(context.Background(), c.method, toParams(c.params), opts...)
			var te *top.Error
			if !errors.As(err, &te) {
				t.Errorf("%s %s: got %v, want a TOP error", c.name, v.name, err)
				continue
			}
			got := top.Error{Code: te.Code, Msg: te.Msg, SubCode: te.SubCode}
			if got != c.want {
				t.Errorf("%s %s: got %+v, want %+v", c.name, v.name, got, c.want)
			}
		}
	}
}
