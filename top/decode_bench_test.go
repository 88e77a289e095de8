package top

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

type benchItem struct {
	OID    int64   `json:"oid"`
	Title  string  `json:"title"`
	Price  Decimal `json:"price"`
	Num    int64   `json:"num"`
	Status string  `json:"status"`
}

type benchResponse struct {
	Orders    []benchItem `json:"orders"`
	RequestID string      `json:"request_id"`
}

// plainItem is the encoding/json baseline: a plain slice, no wrappers.
type plainItem struct {
	OID    int64  `json:"oid"`
	Title  string `json:"title"`
	Price  string `json:"price"`
	Num    int64  `json:"num"`
	Status string `json:"status"`
}

func benchItems(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"oid":%d,"title":"商品 %d","price":"149.00","num":2,"status":"WAIT_SELLER_SEND_GOODS"}`, 163288460521879179+i, i)
	}
	return b.String()
}

// BenchmarkDecodeWrappedList decodes a 10,000-item wrapped JSON list
// ({"orders":{"order":[…]}}) with DecodeResponse.
func BenchmarkDecodeWrappedList(b *testing.B) {
	body := []byte(`{"alibaba_test_thing_get_response":{"orders":{"order":[` + benchItems(10000) + `]},"request_id":"x"}}`)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var r benchResponse
		if err := DecodeResponse(body, JSON, testMethod, &r); err != nil {
			b.Fatal(err)
		}
		if len(r.Orders) != 10000 {
			b.Fatal(len(r.Orders))
		}
	}
}

// BenchmarkDecodePlainListStdlib is the baseline: encoding/json into a
// plain struct slice from a plain array.
func BenchmarkDecodePlainListStdlib(b *testing.B) {
	body := []byte(`{"orders":[` + benchItems(10000) + `],"request_id":"x"}`)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var r struct {
			Orders    []plainItem `json:"orders"`
			RequestID string      `json:"request_id"`
		}
		if err := json.Unmarshal(body, &r); err != nil {
			b.Fatal(err)
		}
		if len(r.Orders) != 10000 {
			b.Fatal(len(r.Orders))
		}
	}
}
