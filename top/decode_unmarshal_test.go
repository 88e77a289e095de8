package top

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// rtResponse has the methods topgen generates for a response type, and
// xml tags that name list items, as generated.
type rtResponse struct {
	Items     []rtItem `json:"items" xml:"items>rt_item"`
	Tags      []string `json:"tags" xml:"tags>string"`
	OK        bool     `json:"ok" xml:"ok"`
	Count     *int64   `json:"count" xml:"count"`
	RequestID string   `json:"request_id" xml:"request_id"`
}

type rtItem struct {
	ID    int64     `json:"id" xml:"id"`
	Price Decimal   `json:"price" xml:"price"`
	When  time.Time `json:"when" xml:"when"`
	Empty time.Time `json:"empty" xml:"empty"`
}

func (r *rtResponse) UnmarshalJSON(data []byte) error { return UnmarshalJSON(data, testMethod, r) }

func (r *rtResponse) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	return UnmarshalXML(d, start, r)
}

func wantRT() *rtResponse {
	return &rtResponse{
		Items: []rtItem{
			{ID: 163288460521879179, Price: "149.00", When: time.Date(2019, 12, 30, 19, 17, 10, 0, CST)},
			{ID: 9007199254740993, Price: "0.10"},
		},
		Tags:      []string{"x", "y"},
		OK:        true,
		Count:     ptr[int64](3),
		RequestID: "abc",
	}
}

// json.Unmarshal and xml.Unmarshal, through the methods, decode every TOP
// body as DecodeResponse does, and DecodeResponse never calls them (it
// would recurse).
func TestUnmarshalMethods(t *testing.T) {
	cases := []struct {
		name, body string
		unmarshal  func([]byte, any) error
	}{
		{"json", `{"alibaba_test_thing_get_response":{"items":{"rt_item":[{"id":163288460521879179,"price":"149.00","when":"2019-12-30 19:17:10"},
			{"id":"9007199254740993","price":0.10,"when":""}]},"tags":{"string":["x","y"]},"ok":"1","count":"3","request_id":"abc"}}`, json.Unmarshal},
		{"simplify", `{"items":[{"id":163288460521879179,"price":"149.00","when":"2019-12-30 19:17:10"},{"id":9007199254740993,"price":"0.10"}],
			"tags":["x","y"],"ok":true,"count":3,"request_id":"abc"}`, json.Unmarshal},
		{"xml", `<?xml version="1.0" encoding="utf-8" ?><alibaba_test_thing_get_response><items list="true">
			<rt_item><id>163288460521879179</id><price>149.00</price><when>2019-12-30 19:17:10</when></rt_item>
			<rt_item><id>9007199254740993</id><price>0.10</price><when/></rt_item></items>
			<tags><string>x</string><string>y</string></tags><ok>true</ok><count>3</count><request_id>abc</request_id>
			</alibaba_test_thing_get_response><!--top010179080184.s.et2-->`, xml.Unmarshal},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var viaTop, viaStd rtResponse
			if err := DecodeResponse([]byte(c.body), JSON, testMethod, &viaTop); err != nil {
				t.Fatal(err)
			}
			if err := c.unmarshal([]byte(c.body), &viaStd); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantRT(), &viaTop); diff != "" {
				t.Errorf("DecodeResponse (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantRT(), &viaStd); diff != "" {
				t.Errorf("standard library (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnmarshalMethodsErrors(t *testing.T) {
	want := &Error{Code: 29, Msg: "Invalid app Key", SubCode: "isv.appkey-not-exists"}
	for _, c := range []struct {
		body      string
		unmarshal func([]byte, any) error
	}{
		{`{"error_response":{"code":29,"msg":"Invalid app Key","sub_code":"isv.appkey-not-exists"}}`, json.Unmarshal},
		{`<error_response><code>29</code><msg>Invalid app Key</msg><sub_code>isv.appkey-not-exists</sub_code></error_response>`, xml.Unmarshal},
	} {
		var got rtResponse
		err := c.unmarshal([]byte(c.body), &got)
		var te *Error
		if !errors.As(err, &te) {
			t.Fatalf("%s: got %v, want a *Error", c.body, err)
		}
		if diff := cmp.Diff(want, te); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.body, diff)
		}
	}
	var got rtResponse
	err := json.Unmarshal([]byte(`{"items":[{"id":"x"}]}`), &got)
	var de *DecodeError
	if !errors.As(err, &de) || de.Path != "items[0].id" {
		t.Errorf("got %v, want a *DecodeError at items[0].id", err)
	}
	if err := xml.Unmarshal([]byte(`<a_response><items><i><id>1</id></i></a_response>`), &got); err == nil {
		t.Error("malformed XML: no error")
	}
}

// The methods serve inside other values too, and JSON null leaves the
// value alone, as encoding/json expects of an Unmarshaler.
func TestUnmarshalMethodsNested(t *testing.T) {
	var holder struct {
		R    *rtResponse `json:"r"`
		Keep rtResponse  `json:"keep"`
	}
	holder.Keep.RequestID = "kept"
	if err := json.Unmarshal([]byte(`{"r":{"request_id":"abc"},"keep":null}`), &holder); err != nil {
		t.Fatal(err)
	}
	if holder.R == nil || holder.R.RequestID != "abc" || holder.Keep.RequestID != "kept" {
		t.Errorf("got %+v", holder)
	}
}

// What json.Marshal and xml.Marshal write decodes back to the same value:
// plain arrays, RFC 3339 dates, the items named by the xml tags, any root
// element name.
func TestUnmarshalMethodsRoundTrip(t *testing.T) {
	for _, f := range []struct {
		name      string
		marshal   func(any) ([]byte, error)
		unmarshal func([]byte, any) error
	}{
		{"json", json.Marshal, json.Unmarshal},
		{"xml", xml.Marshal, xml.Unmarshal},
	} {
		b, err := f.marshal(wantRT())
		if err != nil {
			t.Fatal(err)
		}
		var got rtResponse
		if err := f.unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v\n%s", f.name, err, b)
		}
		if diff := cmp.Diff(wantRT(), &got); diff != "" {
			t.Errorf("%s (-want +got):\n%s\n%s", f.name, diff, b)
		}
	}
}

func TestUnmarshalXMLNotPointer(t *testing.T) {
	d := xml.NewDecoder(nil)
	if err := UnmarshalXML(d, xml.StartElement{}, rtResponse{}); err == nil {
		t.Error("want an error for a non-pointer")
	}
}
