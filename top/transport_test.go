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
	"github.com/opentop/topgen/internal/quote"
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
	query, _ := c.signedQuery(c.systemPairs(method, session, c.now()), enc.business)
	q, err := url.ParseQuery(query)
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
	type holder struct {
		C  Client
		P  *Client
		In any
	}
	values := map[string]any{
		"pointer":   c,
		"value":     *c,
		"in struct": holder{C: *c, P: c, In: *c},
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			s := fmt.Sprintf(verb, v)
			if strings.Contains(s, "very-secret-value") || strings.Contains(s, fmt.Sprintf("%x", "very-secret-value")) {
				t.Errorf("%s of a client %s = %q: leaks the secret", verb, name, s)
			}
			if verb != "%x" && !strings.Contains(s, "12345678") {
				t.Errorf("%s of a client %s = %q: want the app key", verb, name, s)
			}
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("淘", 100) // 300 bytes, 3 per rune
	got := excerpt([]byte(long), nil)
	if !strings.HasSuffix(got, "…") || len(got) > excerptSize+len("…") {
		t.Errorf("excerpt of a long body = %q (%d bytes), want at most %d bytes and an ellipsis", got, len(got), excerptSize)
	}
	if !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("excerpt %q is not a prefix cut on a rune boundary", got)
	}
	if got := excerpt([]byte("short"), nil); got != "short" {
		t.Errorf("excerpt of a short body = %q, want it whole", got)
	}
}

// TestExcerptMasksWholeValues: the session, the signature and the secret
// are masked where a gateway echoes them as values, and only there, so
// that a short secret does not mangle the text around it.
func TestExcerptMasksWholeValues(t *testing.T) {
	r := newRedactor(
		redaction{"s", "[secret]"},
		redaction{"6100e2365 7fb", "[session]"}, // a value URL-encoding changes
		redaction{"A1B2C3", "[sign]"},
	)
	cases := []struct{ body, want string }{
		{"toptest: x was called; its Reply has none",
			"toptest: x was called; its Reply has none"},
		{"GET /router/rest?session=6100e2365+7fb&sign=A1B2C3&x=s",
			"GET /router/rest?session=[session]&sign=[sign]&x=[secret]"},
		{`{"session":"6100e2365 7fb","sign":"A1B2C3","app_secret":"s"}`,
			`{"session":"[session]","sign":"[sign]","app_secret":"[secret]"}`},
		{"A1B2C3D is another word; xA1B2C3 too", "A1B2C3D is another word; xA1B2C3 too"},
	}
	for _, c := range cases {
		if got := excerpt([]byte(c.body), r); got != c.want {
			t.Errorf("excerpt(%q)\n got %q\nwant %q", c.body, got, c.want)
		}
	}
	// A value the cut would split is masked before the cut: no prefix of
	// it survives.
	session := strings.Repeat("f", 64)
	body := strings.Repeat("x", excerptSize-10) + "&session=" + session + "&v=2.0"
	got := excerpt([]byte(body), newRedactor(redaction{session, "[session]"}))
	if strings.Contains(got, "fff") {
		t.Errorf("excerpt cut through the session and kept a prefix: %q", got)
	}
}

func TestQuoteValueCaps(t *testing.T) {
	big := strings.Repeat("9", 4<<20) + "x"
	got := quoteValue(big)
	if len(got) > 2*quote.Max || !strings.Contains(got, "(4194305 bytes)") {
		t.Errorf("quoteValue of 4 MB = %q (%d bytes): want it cut with the full length noted", got, len(got))
	}
	if got := quoteValue(`a"b`); got != `"a\"b"` {
		t.Errorf("quoteValue of a short value = %s, want it quoted whole", got)
	}
	var v Validator
	v.Decimal("price", Decimal(big))
	if err := v.Err(); err == nil || len(err.Error()) > 300 {
		t.Errorf("Validator error for a 4 MB value is %d bytes, want a line", len(err.Error()))
	}
	e := &Error{Code: 41, Msg: "Invalid Arguments", SubMsg: "price: " + big}
	if s := e.Error(); len(s) > 2*maxErrorText || !strings.Contains(s, "(4194312 bytes)") {
		t.Errorf("Error() with a 4 MB sub_msg is %d bytes, want it cut with the length noted", len(s))
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
		_, _ = c.signedQuery(c.systemPairs(enc.method, "6100e23b0c1f8e7a9d", now), enc.business)
	}
}

func TestDefaultAttemptTimeout(t *testing.T) {
	if c := mustClient(t, "k", "s"); c.attemptTimeout != DefaultAttemptTimeout || DefaultAttemptTimeout <= 0 {
		t.Errorf("NewClient's attempt timeout = %v, want DefaultAttemptTimeout (%v)", c.attemptTimeout, DefaultAttemptTimeout)
	}
}
