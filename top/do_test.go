package top_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/opentop/topgen/top"
	"github.com/opentop/topgen/top/toptest"
)

const (
	appKey = "12345678"
	secret = "helloworld-secret"
)

// itemGetRequest is a hand-written request in the shape the generator emits.
type itemGetRequest struct {
	NumIID int64
	Fields []string
	Note   string // optional; empty is not sent
	Image  *top.File
}

func (r *itemGetRequest) APIMethod() string     { return "taobao.item.seller.get" }
func (r *itemGetRequest) SessionRequired() bool { return true }
func (r *itemGetRequest) Validate() error {
	if r.NumIID <= 0 {
		return errors.New("num_iid: required, want > 0")
	}
	return nil
}
func (r *itemGetRequest) Params() (*top.Params, error) {
	p := top.NewParams()
	p.SetInt("num_iid", r.NumIID)
	p.SetList("fields", r.Fields)
	p.Set("note", r.Note)
	if r.Image != nil {
		p.SetFile("image", *r.Image)
	}
	return p, nil
}
func (r *itemGetRequest) NewResponse() *itemGetResponse { return new(itemGetResponse) }

type sku struct {
	SkuID int64       `json:"sku_id" xml:"sku_id"`
	Price top.Decimal `json:"price" xml:"price"`
}

type item struct {
	NumIID int64     `json:"num_iid" xml:"num_iid"`
	Title  string    `json:"title" xml:"title"`
	Skus   []sku     `json:"skus" xml:"skus"`
	Listed time.Time `json:"list_time" xml:"list_time"`
}

type itemGetResponse struct {
	Item      *item  `json:"item" xml:"item"`
	RequestID string `json:"request_id" xml:"request_id"`
}

// The three shapes of one answer, written by hand after the doc's shapes
// (docs/top-protocol.md §3-4), and what they mean.
var itemReply = toptest.Reply{
	JSON: `{"item_seller_get_response":{"item":{"num_iid":11223344,"title":"连衣裙",` +
		`"skus":{"sku":[{"sku_id":1,"price":"9.90"},{"sku_id":2,"price":"19.00"}]},"list_time":"2024-03-15 09:30:00"},"request_id":"r1"}}`,
	Simplify: `{"item":{"num_iid":11223344,"title":"连衣裙",` +
		`"skus":[{"sku_id":1,"price":"9.90"},{"sku_id":2,"price":"19.00"}],"list_time":"2024-03-15 09:30:00"},"request_id":"r1"}`,
	XML: `<?xml version="1.0" encoding="utf-8" ?><item_seller_get_response><item><num_iid>11223344</num_iid><title>连衣裙</title>` +
		`<skus list="true"><sku><sku_id>1</sku_id><price>9.90</price></sku><sku><sku_id>2</sku_id><price>19.00</price></sku></skus>` +
		`<list_time>2024-03-15 09:30:00</list_time></item><request_id>r1</request_id></item_seller_get_response><!--top010179080184.s.et2-->`,
}

func wantItem() *itemGetResponse {
	return &itemGetResponse{
		Item: &item{
			NumIID: 11223344,
			Title:  "连衣裙",
			Skus:   []sku{{1, "9.90"}, {2, "19.00"}},
			Listed: time.Date(2024, 3, 15, 9, 30, 0, 0, top.CST),
		},
		RequestID: "r1",
	}
}

func newGateway(t *testing.T) *toptest.Server {
	gw := toptest.NewServer(t, appKey, secret)
	gw.Handle("taobao.item.seller.get", itemReply)
	gw.RequireSession("taobao.item.seller.get")
	return gw
}

func newClient(t *testing.T, gw *toptest.Server, opts ...top.Option) *top.Client {
	t.Helper()
	opts = append([]top.Option{top.WithGateway(gw.URL), top.WithRetry(fastRetry)}, opts...)
	c, err := top.NewClient(appKey, secret, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fastRetry keeps retries real but the waits tiny.
var fastRetry = top.RetryPolicy{Max: 2, Base: time.Millisecond, MaxDelay: 5 * time.Millisecond}

var itemReq = &itemGetRequest{NumIID: 11223344, Fields: []string{"num_iid", "title", "skus"}}

func TestDoShapes(t *testing.T) {
	cases := []struct {
		name string
		opts []top.Option
		sys  map[string]string // expected format-related system params
	}{
		{"simplify json", nil, map[string]string{"format": "json", "simplify": "true"}},
		{"wrapped json", []top.Option{top.WithSimplify(false)}, map[string]string{"format": "json"}},
		{"xml", []top.Option{top.WithFormat(top.XML)}, map[string]string{"format": "xml"}},
	}
	for _, tc := range cases {
		for _, sm := range []top.SignMethod{top.SignMD5, top.SignHMAC, top.SignHMACSHA256} {
			t.Run(tc.name+"/"+string(sm), func(t *testing.T) {
				gw := newGateway(t)
				c := newClient(t, gw, append(tc.opts, top.WithSignMethod(sm))...)
				resp, err := top.Do(context.Background(), c, itemReq, top.WithSession("sess-1"))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(wantItem(), resp); diff != "" {
					t.Errorf("response (-want +got):\n%s", diff)
				}
				got := gw.Received()
				if len(got) != 1 {
					t.Fatalf("gateway got %d requests, want 1", len(got))
				}
				r := got[0]
				for k, v := range tc.sys {
					if r.System[k] != v {
						t.Errorf("system %s = %q, want %q", k, r.System[k], v)
					}
				}
				if _, ok := tc.sys["simplify"]; !ok && r.System["simplify"] != "" {
					t.Errorf("simplify = %q sent, want absent", r.System["simplify"])
				}
				if r.System["sign_method"] != string(sm) || r.System["session"] != "sess-1" ||
					r.System["v"] != "2.0" || r.System["app_key"] != appKey {
					t.Errorf("system params = %v", r.System)
				}
			})
		}
	}
}

// System parameters go in the query, business ones in the form body; an
// empty optional parameter is not sent at all.
func TestDoPlacement(t *testing.T) {
	gw := newGateway(t)
	c := newClient(t, gw)
	if _, err := top.Do(context.Background(), c, itemReq, top.WithSession("sess-1")); err != nil {
		t.Fatal(err)
	}
	r := gw.Received()[0]
	if r.ContentType != "application/x-www-form-urlencoded" {
		t.Errorf("content type = %q", r.ContentType)
	}
	wantParams := map[string]string{"num_iid": "11223344", "fields": "num_iid,title,skus"}
	if diff := cmp.Diff(wantParams, r.Params); diff != "" {
		t.Errorf("business params (-want +got):\n%s", diff)
	}
	for name := range r.Query {
		if !top.IsSystemParam(name) {
			t.Errorf("business parameter %s is in the query", name)
		}
	}
	for _, name := range []string{"method", "app_key", "timestamp", "v", "sign_method", "sign", "format", "session"} {
		if r.Query.Get(name) == "" {
			t.Errorf("system parameter %s missing from the query", name)
		}
	}
	for _, v := range append(slices.Collect(maps.Values(r.System)), slices.Collect(maps.Values(r.Params))...) {
		if strings.Contains(v, secret) {
			t.Errorf("the secret was sent: %q", v)
		}
	}
	if ts, err := top.ParseTime(r.System["timestamp"]); err != nil || time.Since(ts).Abs() > time.Hour {
		t.Errorf("timestamp %q is not GMT+8 now (%v)", r.System["timestamp"], err)
	}
}

func TestDoFile(t *testing.T) {
	gw := newGateway(t)
	c := newClient(t, gw, top.WithSignMethod(top.SignMD5))
	req := *itemReq
	req.Image = &top.File{Name: "a.jpg", Content: []byte("\xff\xd8\xff\xe0 jpeg")}
	if _, err := top.Do(context.Background(), c, &req, top.WithSession("s")); err != nil {
		t.Fatal(err) // the gateway verified the signature without the file
	}
	r := gw.Received()[0]
	if r.ContentType != "multipart/form-data" {
		t.Errorf("content type = %q, want multipart/form-data", r.ContentType)
	}
	if diff := cmp.Diff(map[string]top.File{"image": *req.Image}, r.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if r.Params["num_iid"] != "11223344" {
		t.Errorf("business params with a file = %v", r.Params)
	}
}

func TestDoFailsBeforeSending(t *testing.T) {
	gw := newGateway(t)
	c := newClient(t, gw)
	_, err := top.Do(context.Background(), c, itemReq)
	if !errors.Is(err, top.ErrSessionRequired) {
		t.Errorf("no session: err = %v, want ErrSessionRequired", err)
	}
	_, err = top.Do(context.Background(), c, &itemGetRequest{}, top.WithSession("s"))
	if err == nil || !strings.Contains(err.Error(), "num_iid") || !strings.Contains(err.Error(), "taobao.item.seller.get") {
		t.Errorf("invalid request: err = %v, want the validation error naming the method", err)
	}
	if n := len(gw.Received()); n != 0 {
		t.Errorf("gateway got %d requests, want none", n)
	}
}

func TestDoTopError(t *testing.T) {
	for _, f := range []top.Format{top.JSON, top.XML} {
		gw := newGateway(t)
		want := &top.Error{Code: 15, Msg: "Remote service error", SubCode: "isv.item-not-exist",
			SubMsg: "商品不存在", RequestID: "req-9"}
		gw.Handle("taobao.item.seller.get", toptest.Reply{Error: want})
		c := newClient(t, gw, top.WithFormat(f))
		_, err := top.Do(context.Background(), c, itemReq, top.WithSession("s"))
		var got *top.Error
		if !errors.As(err, &got) {
			t.Fatalf("%s: err = %v, want a *top.Error", f, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: error (-want +got):\n%s", f, diff)
		}
		if n := len(gw.Received()); n != 1 {
			t.Errorf("%s: isv error sent %d times, want 1 (never retried)", f, n)
		}
		if !strings.Contains(err.Error(), "taobao.item.seller.get") {
			t.Errorf("%s: error %q does not name the method", f, err)
		}
	}
}

// Errors the fake gateway answers by itself, as the real one would.
func TestDoGatewayChecks(t *testing.T) {
	gw := newGateway(t)
	wrong, err := top.NewClient(appKey, "not-the-secret", top.WithGateway(gw.URL), top.WithRetry(fastRetry))
	if err != nil {
		t.Fatal(err)
	}
	_, err = top.Do(context.Background(), wrong, itemReq, top.WithSession("s"))
	var te *top.Error
	if !errors.As(err, &te) || te.Code != 25 {
		t.Errorf("wrong secret: err = %v, want code 25", err)
	}
	if strings.Contains(err.Error(), "not-the-secret") {
		t.Errorf("error leaks the secret: %v", err)
	}
	if n := len(gw.Received()); n != 1 {
		t.Errorf("bad signature sent %d times, want 1", n)
	}

	c := newClient(t, gw)
	_, err = c.Execute(context.Background(), "taobao.no.such.method", nil)
	if !errors.As(err, &te) || te.Code != 22 {
		t.Errorf("unknown method: err = %v, want code 22", err)
	}
}

func TestExecuteRaw(t *testing.T) {
	gw := newGateway(t)
	c := newClient(t, gw)
	p := top.NewParams()
	p.Set("num_iid", "11223344")
	body, err := c.Execute(context.Background(), "taobao.item.seller.get", p, top.WithSession("s"))
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != itemReply.Simplify {
		t.Errorf("body = %s, want the simplify reply", body)
	}
	xc := newClient(t, gw, top.WithFormat(top.XML))
	body, err = xc.Execute(context.Background(), "taobao.item.seller.get", p, top.WithSession("s"))
	if err != nil || string(body) != itemReply.XML {
		t.Errorf("XML: body %s, err %v; want the XML reply", body, err)
	}
	// Execute does not know the API needs a session; the gateway says so.
	_, err = c.Execute(context.Background(), "taobao.item.seller.get", p)
	var te *top.Error
	if !errors.As(err, &te) || te.Code != 26 {
		t.Errorf("no session: err = %v, want code 26 from the gateway", err)
	}
}

// One client, many goroutines: run with -race.
func TestDoConcurrent(t *testing.T) {
	gw := newGateway(t)
	c := newClient(t, gw)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			req := &itemGetRequest{NumIID: int64(i + 1)}
			resp, err := top.Do(context.Background(), c, req, top.WithSession(fmt.Sprint("s", i)))
			if err == nil && resp.Item.NumIID != 11223344 {
				err = fmt.Errorf("goroutine %d: response %+v", i, resp.Item)
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for _, r := range gw.Received() {
		seen[r.Params["num_iid"]+"/"+r.System["session"]] = true
	}
	if len(seen) != 20 {
		t.Errorf("gateway saw %d distinct requests, want 20", len(seen))
	}
}
