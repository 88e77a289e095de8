package top

import (
	"encoding/json"
	"encoding/xml"
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
	OID    int64  `json:"oid" xml:"oid"`
	Title  string `json:"title" xml:"title"`
	Price  string `json:"price" xml:"price"`
	Num    int64  `json:"num" xml:"num"`
	Status string `json:"status" xml:"status"`
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
	benchDecode(b, `{"alibaba_test_thing_get_response":{"orders":{"order":[`+benchItems(10000)+`]},"request_id":"x"}}`, JSON)
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

// BenchmarkDecodeSimplifyList decodes the same list as a simplify=true body
// (a plain array at the root) with DecodeResponse.
func BenchmarkDecodeSimplifyList(b *testing.B) {
	benchDecode(b, `{"orders":[`+benchItems(10000)+`],"request_id":"x"}`, JSON)
}

func benchXMLItems(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<order><oid>%d</oid><title>商品 %d</title><price>149.00</price><num>2</num><status>WAIT_SELLER_SEND_GOODS</status></order>`, 163288460521879179+i, i)
	}
	return b.String()
}

// BenchmarkDecodeXMLList decodes the same list as an XML body (wrapper
// element, item elements) with DecodeResponse.
func BenchmarkDecodeXMLList(b *testing.B) {
	benchDecode(b, benchXMLBody(10000), XML)
}

// BenchmarkDecodeXMLListStdlib is the XML baseline: encoding/xml into a
// plain struct slice with the wrapper in the tag.
func BenchmarkDecodeXMLListStdlib(b *testing.B) {
	body := []byte(benchXMLBody(10000))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var r struct {
			Orders    []plainItem `xml:"orders>order"`
			RequestID string      `xml:"request_id"`
		}
		if err := xml.Unmarshal(body, &r); err != nil {
			b.Fatal(err)
		}
		if len(r.Orders) != 10000 {
			b.Fatal(len(r.Orders))
		}
	}
}

// benchDecode decodes body into a benchResponse with DecodeResponse.
func benchDecode(b *testing.B, text string, format Format) {
	body := []byte(text)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var r benchResponse
		if err := DecodeResponse(body, format, testMethod, &r); err != nil {
			b.Fatal(err)
		}
		if len(r.Orders) != 10000 {
			b.Fatal(len(r.Orders))
		}
	}
}

// benchXMLBody is the list as TOP's XML: wrapper element, item elements.
func benchXMLBody(n int) string {
	return `<?xml version="1.0" encoding="utf-8" ?><alibaba_test_thing_get_response><orders list="true">` +
		benchXMLItems(n) + `</orders><request_id>x</request_id></alibaba_test_thing_get_response><!--top010179080184.s.et2-->`
}
