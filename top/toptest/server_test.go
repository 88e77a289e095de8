package toptest

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/opentop/topgen/top"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

// These tests talk to the fake with plain HTTP and the signed Vector A of
// docs/top-protocol.md §1.2, so they check the fake against the doc, not
// against top.Client.

const vectorAMD5 = "66987CB115214E59E6EC978214934FB8"

func vectorA() map[string]string {
	return map[string]string{
		"method":      "taobao.item.seller.get",
		"app_key":     "12345678",
		"session":     "test",
		"timestamp":   "2016-01-01 12:00:00",
		"format":      "json",
		"v":           "2.0",
		"sign_method": "md5",
		"sign":        vectorAMD5,
		"fields":      "num_iid,title,nick,price,num",
		"num_iid":     "11223344",
	}
}

func vectorAServer(t *testing.T) *Server {
	s := NewServer(t, "12345678", "helloworld")
	ts, _ := top.ParseTime("2016-01-01 12:03:00")
	s.SetClock(func() time.Time { return ts })
	s.Handle("taobao.item.seller.get", Reply{
		JSON:     `{"item_seller_get_response":{"item":{"num_iid":11223344}}}`,
		Simplify: `{"item":{"num_iid":11223344}}`,
		XML:      `<item_seller_get_response><item><num_iid>11223344</num_iid></item></item_seller_get_response>`,
	})
	return s
}

// post sends params, system ones in the query and the rest in the body.
func post(t *testing.T, s *Server, params map[string]string) (int, string) {
	t.Helper()
	q, body := url.Values{}, url.Values{}
	for k, v := range params {
		if top.IsSystemParam(k) {
			q.Set(k, v)
		} else {
			body.Set(k, v)
		}
	}
	resp, err := http.Post(s.URL+"?"+q.Encode(), "application/x-www-form-urlencoded", strings.NewReader(body.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestVectorAAccepted(t *testing.T) {
	s := vectorAServer(t)
	status, body := post(t, s, vectorA())
	if status != 200 || body != `{"item_seller_get_response":{"item":{"num_iid":11223344}}}` {
		t.Fatalf("got %d %s, want the JSON reply", status, body)
	}
	p := vectorA()
	p["simplify"] = "true"
	// simplify is signed too: the fake must reject the old signature.
	if _, body := post(t, s, p); !strings.Contains(body, `"code":25`) {
		t.Errorf("simplify added, old sign: %s, want code 25", body)
	}
	got := s.Received()
	if len(got) != 2 {
		t.Fatalf("received %d, want 2", len(got))
	}
	want := Received{
		Method: "taobao.item.seller.get",
		System: map[string]string{
			"method": "taobao.item.seller.get", "app_key": "12345678", "session": "test",
			"timestamp": "2016-01-01 12:00:00", "format": "json", "v": "2.0",
			"sign_method": "md5", "sign": vectorAMD5,
		},
		Params:      map[string]string{"fields": "num_iid,title,nick,price,num", "num_iid": "11223344"},
		Files:       map[string]top.File{},
		ContentType: "application/x-www-form-urlencoded",
	}
	got[0].Query = nil
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("received (-want +got):\n%s", diff)
	}
	if got[1].Rejected == nil || got[1].Rejected.Code != 25 {
		t.Errorf("second request Rejected = %v, want code 25", got[1].Rejected)
	}
}

func TestGatewayErrors(t *testing.T) {
	cases := []struct {
		name   string
		change func(p map[string]string)
		code   int
	}{
		{"bad sign", func(p map[string]string) { p["sign"] = "0" + vectorAMD5[1:] }, 25},
		{"changed value", func(p map[string]string) { p["num_iid"] = "11223345" }, 25},
		{"missing sign", func(p map[string]string) { delete(p, "sign") }, 24},
		{"unknown sign_method", func(p map[string]string) { p["sign_method"] = "sha1" }, 25},
		{"missing method", func(p map[string]string) { delete(p, "method") }, 21},
		{"missing app_key", func(p map[string]string) { delete(p, "app_key") }, 28},
		{"wrong app_key", func(p map[string]string) { p["app_key"] = "87654321" }, 29},
		{"bad format", func(p map[string]string) { p["format"] = "yaml" }, 23},
		{"missing v", func(p map[string]string) { delete(p, "v") }, 32},
		{"v 1.0", func(p map[string]string) { p["v"] = "1.0" }, 34},
		{"missing timestamp", func(p map[string]string) { delete(p, "timestamp") }, 30},
		{"timestamp in another layout", func(p map[string]string) { p["timestamp"] = "2016-01-01T12:00:00Z" }, 31},
		{"timestamp off by 8 hours", func(p map[string]string) { p["timestamp"] = "2016-01-01 04:00:00" }, 31},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := vectorAServer(t)
			p := vectorA()
			tc.change(p)
			status, body := post(t, s, p)
			var got struct {
				E *top.Error `json:"error_response"`
			}
			var err error
			if p["format"] == "json" {
				err = json.Unmarshal([]byte(body), &got)
			} else { // TOP's default format, also for a bad one
				got.E = new(top.Error)
				err = xml.Unmarshal([]byte(body), got.E)
			}
			if err != nil || got.E == nil {
				t.Fatalf("body %s: want an error_response (%v)", body, err)
			}
			if status != 200 || got.E.Code != tc.code || got.E.Msg == "" {
				t.Errorf("got %d %+v, want HTTP 200 and code %d with a msg", status, got.E, tc.code)
			}
		})
	}
}

func TestUnknownMethodAndSession(t *testing.T) {
	s := vectorAServer(t)
	s.Handle("taobao.item.seller.get", Reply{Simplify: "{}"})
	// A method without a reply: re-sign Vector A under another name.
	p := vectorA()
	p["method"] = "taobao.no.such"
	p["sign"], _ = sign("md5", "helloworld", p)
	if _, body := post(t, s, p); !strings.Contains(body, `"code":22`) {
		t.Errorf("unknown method: %s, want code 22", body)
	}
	s.RequireSession("taobao.item.seller.get")
	p = vectorA()
	delete(p, "session")
	p["sign"], _ = sign("md5", "helloworld", p)
	if _, body := post(t, s, p); !strings.Contains(body, `"code":26`) {
		t.Errorf("no session: %s, want code 26", body)
	}
}

// An error is answered in the format asked, as TOP's samples show it.
func TestErrorInXML(t *testing.T) {
	s := vectorAServer(t)
	p := vectorA()
	p["format"] = "xml"
	_, body := post(t, s, p) // the sign was for format=json: code 25
	if !strings.HasPrefix(body, `<?xml version="1.0" encoding="utf-8" ?><error_response><code>25</code>`) {
		t.Errorf("XML error = %s", body)
	}
	var x struct {
		Code int    `xml:"code"`
		Msg  string `xml:"msg"`
	}
	if err := xml.Unmarshal([]byte(body), &x); err != nil || x.Code != 25 || x.Msg != "Invalid signature" {
		t.Errorf("XML error %s decodes to %+v, %v", body, x, err)
	}
}

func TestRepliesInOrder(t *testing.T) {
	s := vectorAServer(t)
	s.Handle("taobao.item.seller.get",
		Reply{Status: 502, Raw: []byte("bad gateway")},
		Reply{Error: &top.Error{Code: 15, SubCode: "isp.x"}},
		Reply{JSON: `{"ok":1}`})
	want := []string{"502 bad gateway", `200 {"error_response":{"code":15,"msg":"","sub_code":"isp.x"}}`, `200 {"ok":1}`, `200 {"ok":1}`}
	for i, w := range want {
		status, body := post(t, s, vectorA())
		if got := strconv.Itoa(status) + " " + body; got != w {
			t.Errorf("call %d: %d %s, want %s", i, status, body, w)
		}
	}
}

func TestDuplicateParam(t *testing.T) {
	s := vectorAServer(t)
	q := url.Values{}
	for k, v := range vectorA() {
		q.Set(k, v)
	}
	// num_iid in the query and again in the body.
	resp, err := http.Post(s.URL+"?"+q.Encode(), "application/x-www-form-urlencoded", strings.NewReader("num_iid=11223344"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"code":41`) {
		t.Errorf("duplicate parameter: %s, want code 41", b)
	}
}

func TestSignMatchesDocVectors(t *testing.T) {
	p := vectorA()
	for m, want := range map[string]string{
		"md5":         vectorAMD5,
		"hmac":        "D56D7858309C31B6251083A874D48273",
		"hmac-sha256": "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8",
	} {
		q := maps.Clone(p)
		q["sign_method"] = m
		if got, ok := sign(m, "helloworld", q); !ok || got != want {
			t.Errorf("%s: sign = %s, want %s", m, got, want)
		}
	}
	if _, ok := sign("sha1", "helloworld", p); ok {
		t.Error("unknown sign method accepted")
	}
}
