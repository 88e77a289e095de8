package top

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mustClient(t testing.TB, appKey, secret string, opts ...Option) *Client {
	t.Helper()
	c, err := NewClient(appKey, secret, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// signOf runs the client's own encoding (system pairs, business pairs,
// query) and returns the parsed query it would send.
func queryOf(t *testing.T, c *Client, method, session string, p *Params) url.Values {
	t.Helper()
	enc, err := encode(method, p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := url.ParseQuery(c.signedQuery(c.systemPairs(method, session, c.now()), enc.business))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func fixedClock(s string) func() time.Time {
	ts, err := ParseTime(s)
	if err != nil {
		panic(err)
	}
	// A zone far from GMT+8, so a client that formatted in the clock's own
	// zone would get the wrong timestamp and signature.
	return func() time.Time { return ts.In(time.FixedZone("UTC-5", -5*3600)) }
}

// Vector A of docs/top-protocol.md §1.2, sent through the client: its
// system parameters, timestamp and signing give the doc's signatures.
func TestClientSignsVectorA(t *testing.T) {
	want := map[SignMethod]string{
		SignMD5:        "66987CB115214E59E6EC978214934FB8",
		SignHMAC:       "D56D7858309C31B6251083A874D48273",
		SignHMACSHA256: "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8",
	}
	for m, sign := range want {
		c := mustClient(t, "12345678", "helloworld", WithSignMethod(m), WithSimplify(false),
			WithClock(fixedClock("2016-01-01 12:00:00")))
		p := NewParams()
		p.Set("fields", "num_iid,title,nick,price,num")
		p.Set("num_iid", "11223344")
		p.Set("empty", "") // not sent, not signed
		q := queryOf(t, c, "taobao.item.seller.get", "test", p)
		if got := q.Get("sign"); got != sign {
			t.Errorf("%s: sign = %s, want %s", m, got, sign)
		}
		if got := q.Get("timestamp"); got != "2016-01-01 12:00:00" {
			t.Errorf("%s: timestamp = %q, want GMT+8 2016-01-01 12:00:00", m, got)
		}
		// The doc's suggested extra test: a file part does not change the sign.
		p.SetFile("image", File{Name: "a.jpg", Content: []byte("\xff\xd8jpeg")})
		if got := queryOf(t, c, "taobao.item.seller.get", "test", p).Get("sign"); got != sign {
			t.Errorf("%s with a file: sign = %s, want %s", m, got, sign)
		}
	}
}

// Vector C exercises partner_id, target_app_key and session.
func TestClientSignsVectorC(t *testing.T) {
	c := mustClient(t, "23456789", "0123456789abcdef0123456789abcdef",
		WithSignMethod(SignMD5), WithSimplify(false), WithPartnerID("top-sdk-go"),
		WithTargetAppKey("99999999"), WithClock(fixedClock("2025-12-31 23:59:59")))
	p := NewParams()
	p.Set("sms_type", "normal")
	p.Set("sms_free_sign_name", "阿里大于")
	p.Set("sms_param", `{"code":"1234","product":"测试"}`)
	p.Set("rec_num", "13000000000")
	q := queryOf(t, c, "alibaba.aliqin.fc.sms.num.send", "6100e23b0c1f8e7a9d", p)
	if got, want := q.Get("sign"), "A4526F2DA0BB60AEAE57837AF8EFF25A"; got != want {
		t.Errorf("sign = %s, want %s", got, want)
	}
	wantQuery := url.Values{
		"app_key": {"23456789"}, "format": {"json"}, "method": {"alibaba.aliqin.fc.sms.num.send"},
		"partner_id": {"top-sdk-go"}, "session": {"6100e23b0c1f8e7a9d"}, "sign_method": {"md5"},
		"target_app_key": {"99999999"}, "timestamp": {"2025-12-31 23:59:59"}, "v": {"2.0"},
		"sign": {"A4526F2DA0BB60AEAE57837AF8EFF25A"},
	}
	if diff := cmp.Diff(wantQuery, q); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
}

// Vector B: simplify=true is a system parameter and signed.
func TestClientSignsVectorB(t *testing.T) {
	c := mustClient(t, "12345678", "helloworld", WithSignMethod(SignHMACSHA256),
		WithClock(fixedClock("2024-03-15 09:30:00")))
	p := NewParams()
	p.Set("text", "淘宝好物推荐")
	p.Set("url", "https://s.click.taobao.com/t?e=abc&x=1")
	p.Set("user_id", "123")
	p.Set("empty_param", "")
	q := queryOf(t, c, "taobao.tbk.tpwd.create", "", p)
	if got, want := q.Get("sign"), "E687929BFA86B50E5C5E0776293C930897E490659E392195CE0168D6E1B9A2DA"; got != want {
		t.Errorf("sign = %s, want %s", got, want)
	}
	if _, ok := q["session"]; ok {
		t.Error("empty session was sent")
	}
}

func TestSystemPairsSorted(t *testing.T) {
	c := mustClient(t, "k", "s", WithPartnerID("p"), WithTargetAppKey("t"))
	ps := c.systemPairs("m", "sess", time.Unix(0, 0))
	if len(ps) != 10 {
		t.Fatalf("got %d system pairs, want all 10 set: %v", len(ps), ps)
	}
	if !slices.IsSortedFunc(ps, func(a, b pair) int { return strings.Compare(a.name, b.name) }) {
		t.Errorf("system pairs not sorted by name: %v", ps)
	}
}

func TestSimplifyOnlyForJSON(t *testing.T) {
	for _, tc := range []struct {
		opts []Option
		want bool
	}{
		{nil, true},
		{[]Option{WithSimplify(false)}, false},
		{[]Option{WithFormat(XML)}, false},
	} {
		c := mustClient(t, "k", "s", tc.opts...)
		got := slices.Contains(c.systemPairs("m", "", time.Now()), pair{"simplify", "true"})
		if got != tc.want {
			t.Errorf("format %s simplify %v: simplify sent = %v, want %v", c.format, c.simplify, got, tc.want)
		}
	}
}

func TestEncodeForm(t *testing.T) {
	p := NewParams()
	p.Set("text", "淘宝 a&b=c")
	p.Set("a", "1")
	enc, err := encode("m", p)
	if err != nil {
		t.Fatal(err)
	}
	if enc.contentType != "application/x-www-form-urlencoded;charset=utf-8" {
		t.Errorf("content type = %q", enc.contentType)
	}
	got, err := url.ParseQuery(string(enc.body))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(url.Values{"a": {"1"}, "text": {"淘宝 a&b=c"}}, got); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestEncodeMultipart(t *testing.T) {
	p := NewParams()
	p.Set("title", "标题")
	p.SetFile("image", File{Name: "a.jpg", Content: []byte{0xff, 0xd8, 0x00}})
	p.SetFile("doc", File{Content: []byte("x")})
	enc, err := encode("m", p)
	if err != nil {
		t.Fatal(err)
	}
	mt, mp, err := mime.ParseMediaType(enc.contentType)
	if err != nil || mt != "multipart/form-data" {
		t.Fatalf("content type %q: %v", enc.contentType, err)
	}
	r := multipart.NewReader(strings.NewReader(string(enc.body)), mp["boundary"])
	type part struct{ Field, File, Content string }
	var got []part
	for {
		pt, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(pt)
		got = append(got, part{pt.FormName(), pt.FileName(), string(b)})
	}
	want := []part{
		{"title", "", "标题"},
		{"doc", "doc", "x"},
		{"image", "a.jpg", "\xff\xd8\x00"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
}

func TestEncodeRejects(t *testing.T) {
	p := NewParams()
	p.Set("timestamp", "x")
	if _, err := encode("m", p); err == nil || !strings.Contains(err.Error(), `"timestamp"`) {
		t.Errorf("business timestamp: err = %v, want a collision error", err)
	}
	p = NewParams()
	p.Set("pic", "x")
	p.SetFile("pic", File{Content: []byte("y")})
	if _, err := encode("m", p); err == nil || !strings.Contains(err.Error(), `"pic"`) {
		t.Errorf("value and file: err = %v, want an error", err)
	}
	if _, err := encode("", nil); err == nil {
		t.Error("empty method accepted")
	}
}

func TestNewClientRejects(t *testing.T) {
	cases := []struct {
		name           string
		appKey, secret string
		opt            Option
	}{
		{"no app key", "", "s", nil},
		{"no secret", "k", "", nil},
		{"ftp gateway", "k", "s", WithGateway("ftp://x/router/rest")},
		{"relative gateway", "k", "s", WithGateway("/router/rest")},
		{"gateway with query", "k", "s", WithGateway("https://x/router/rest?a=1")},
		{"sign method", "k", "s", WithSignMethod("sha1")},
		{"format", "k", "s", WithFormat("json2")},
		{"nil http client", "k", "s", WithHTTPClient(nil)},
		{"negative retry", "k", "s", WithRetry(RetryPolicy{Max: -1})},
		{"zero max size", "k", "s", WithMaxResponseSize(0)},
		{"nil clock", "k", "s", WithClock(nil)},
	}
	for _, tc := range cases {
		var opts []Option
		if tc.opt != nil {
			opts = append(opts, tc.opt)
		}
		if _, err := NewClient(tc.appKey, tc.secret, opts...); err == nil {
			t.Errorf("%s: NewClient succeeded, want an error", tc.name)
		}
	}
}

func TestClientStringHidesSecret(t *testing.T) {
	c := mustClient(t, "12345678", "very-secret-value")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, c); strings.Contains(s, "very-secret-value") || !strings.Contains(s, "12345678") {
			t.Errorf("%s of a client = %q: want the app key and not the secret", verb, s)
		}
	}
}

func TestExcerpt(t *testing.T) {
	c := mustClient(t, "k", "s3cr3t")
	long := strings.Repeat("淘", 100) // 300 bytes, 3 per rune
	got := c.excerpt([]byte(long))
	if !strings.HasSuffix(got, "…") || len(got) > excerptSize+len("…") {
		t.Errorf("excerpt of a long body = %q (%d bytes), want at most %d bytes and an ellipsis", got, len(got), excerptSize)
	}
	if !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("excerpt %q is not a prefix cut on a rune boundary", got)
	}
	if got := c.excerpt([]byte("echo s3cr3t back")); strings.Contains(got, "s3cr3t") {
		t.Errorf("excerpt leaks the secret: %q", got)
	}
}

// BenchmarkEncodeRequest is everything a call does before the network:
// business encoding, system parameters, signing and the query string, for
// Vector C's parameters.
func BenchmarkEncodeRequest(b *testing.B) {
	c := mustClient(b, "23456789", "0123456789abcdef0123456789abcdef", WithPartnerID("top-sdk-go"))
	p := NewParams()
	p.Set("sms_type", "normal")
	p.Set("sms_free_sign_name", "阿里大于")
	p.Set("sms_param", `{"code":"1234","product":"测试"}`)
	p.Set("rec_num", "13000000000")
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		enc, err := encode("alibaba.aliqin.fc.sms.num.send", p)
		if err != nil {
			b.Fatal(err)
		}
		_ = c.signedQuery(c.systemPairs(enc.method, "6100e23b0c1f8e7a9d", now), enc.business)
	}
}
