package toptest

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/opentop/topgen/top"
)

func TestSimplifyJSON(t *testing.T) {
	cases := []struct{ name, wrapped, want string }{
		// docs/top-protocol.md §4.1's trade sample, abridged: object lists,
		// a list inside a list item.
		{"trade",
			`{"trade_fullinfo_get_response":{"trade":{"orders":{"order":[{"oid":"163288460521879179","price":"149.00"}]},` +
				`"service_tags":{"logistics_tag":[{"logistic_service_tag_list":{"logistic_service_tag":[{"service_tag":"lgType=-4","service_type":"FAST"}]},"order_id":"163288460521882636"}]}}}}`,
			`{"trade":{"orders":[{"oid":"163288460521879179","price":"149.00"}],` +
				`"service_tags":[{"logistic_service_tag_list":[{"service_tag":"lgType=-4","service_type":"FAST"}],"order_id":"163288460521882636"}]}}`},
		// §4.1: String[] and Number[] items; number text kept exactly.
		{"scalar lists",
			`{"x_get_response":{"receipt_rel_ids":{"string":["a","b"]},"nums":{"number":[7, 12345678901234567890, 1.50]},"request_id":"r"}}`,
			`{"receipt_rel_ids":["a","b"],"nums":[7,12345678901234567890,1.50],"request_id":"r"}`},
		// A struct whose only field is a list holds the list's wrapper:
		// it stays an object.
		{"struct with one list",
			`{"x_get_response":{"result":{"models":{"model":[{"id":1}]}}}}`,
			`{"result":{"models":[{"id":1}]}}`},
		{"empty and scalars",
			`{"x_get_response":{"a":{},"b":null,"c":true,"d":"<&>\u00e9","e":{"f":1,"g":[]}}}`,
			`{"a":{},"b":null,"c":true,"d":"<&>é","e":{"f":1,"g":[]}}`},
		{"error_response", `{"error_response": {"code":15,"msg":"Remote service error"}}`,
			`{"error_response":{"code":15,"msg":"Remote service error"}}`},
	}
	for _, c := range cases {
		got, err := SimplifyJSON(c.wrapped)
		if err != nil || got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.name, got, err, c.want)
		}
	}
	for _, bad := range []string{
		``, `[1]`, `{"a_response":{}} {}`, `{"a_response":{},"b_response":{}}`,
		`{"item":{"num_iid":1}}`, `{"a_response":[1]}`, `{"a_response":{"x":{"y":[1]}}`,
	} {
		if got, err := SimplifyJSON(bad); err == nil {
			t.Errorf("SimplifyJSON(%q) = %s, want an error", bad, got)
		}
	}
}

// TestReplyWithOnlyJSON: top.Client asks for simplify JSON by default; a
// Reply with only the JSON body answers it (it used to answer HTTP 500,
// three times).
func TestReplyWithOnlyJSON(t *testing.T) {
	s := NewServer(t, "12345678", "s")
	s.Handle("taobao.item.seller.get", Reply{
		JSON: `{"item_seller_get_response":{"item":{"num_iid":11223344,"skus":{"sku":[{"sku_id":1},{"sku_id":2}]}},"request_id":"r1"}}`,
	})
	c, err := top.NewClient("12345678", "s", top.WithGateway(s.URL))
	if err != nil {
		t.Fatal(err)
	}
	body, err := c.Execute(context.Background(), "taobao.item.seller.get", nil)
	if want := `{"item":{"num_iid":11223344,"skus":[{"sku_id":1},{"sku_id":2}]},"request_id":"r1"}`; err != nil || string(body) != want {
		t.Errorf("got %s (%v), want %s", body, err, want)
	}
	if n := len(s.Received()); n != 1 {
		t.Errorf("gateway got %d requests, want 1", n)
	}
}

// TestReplyWithUnderivableJSON: when the JSON body cannot give a simplify
// one, the problem report says why and what to set, and the secret (a
// single letter here) does not mangle the message the client quotes.
func TestReplyWithUnderivableJSON(t *testing.T) {
	var reports []string
	h := NewHandler("12345678", "s", WithProblemReport(func(msg string) { reports = append(reports, msg) }))
	h.Handle("taobao.item.seller.get", Reply{JSON: `{"item":{"num_iid":1}}`})
	srv := httptest.NewServer(h)
	defer srv.Close()
	c, err := top.NewClient("12345678", "s", top.WithGateway(srv.URL), top.WithRetry(top.RetryPolicy{}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Execute(context.Background(), "taobao.item.seller.get", nil, top.WithSession("t"))
	var re *top.ResponseError
	if !errors.As(err, &re) || re.StatusCode != 500 {
		t.Fatalf("err = %v, want HTTP 500", err)
	}
	if len(reports) != 1 || !strings.Contains(reports[0], "set Reply.Simplify") || !strings.Contains(reports[0], `want the key <method>_response, found "item"`) {
		t.Errorf("reports %q: want one saying why and what to set", reports)
	}
	if !strings.Contains(err.Error(), "toptest: taobao.item.seller.get was called for a Simplify body") {
		t.Errorf("client error %q: want the toptest message intact", err)
	}
}
