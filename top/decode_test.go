package top

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	_ "github.com/opentop/topgen/internal/golden" // accept go test ./... -update
)

type testItem struct {
	ID    int64   `json:"id" xml:"id"`
	Price Decimal `json:"price" xml:"price"`
	Name  string  `json:"name" xml:"name"`
}

type testResult struct {
	Items   []testItem `json:"items" xml:"items"`
	Tags    []string   `json:"tags" xml:"tags"`
	Nums    []int64    `json:"nums" xml:"nums"`
	OK      bool       `json:"ok" xml:"ok"`
	When    time.Time  `json:"when" xml:"when"`
	Empty   time.Time  `json:"empty" xml:"empty"`
	Extra   string     `json:"extra" xml:"extra"`
	Count   *int64     `json:"count" xml:"count"`
	Matrix  [][]int64  `json:"matrix" xml:"matrix"`
	Nothing *testItem  `json:"nothing" xml:"nothing"`
}

type testResponse struct {
	Result    *testResult `json:"result" xml:"result"`
	RequestID string      `json:"request_id" xml:"request_id"`
}

const testMethod = "alibaba.test.thing.get"

func ptr[T any](v T) *T { return &v }

// wantTest is what every shape of the same body below must decode to,
// written from the bodies by hand.
func wantTest() *testResponse {
	return &testResponse{
		Result: &testResult{
			Items: []testItem{
				{ID: 163288460521879179, Price: "149.00", Name: "a"},
				{ID: 9007199254740993, Price: "0.10", Name: "b"},
			},
			Tags:   []string{"x", "y"},
			Nums:   []int64{7},
			OK:     true,
			When:   time.Date(2019, 12, 30, 19, 17, 10, 0, CST),
			Extra:  `{"k":[1,2]}`,
			Count:  ptr[int64](3),
			Matrix: [][]int64{{1, 2}, {3}},
		},
		RequestID: "abc",
	}
}

func TestDecodeShapes(t *testing.T) {
	cases := []struct {
		name   string
		format Format
		body   string
	}{
		{"json wrapped", JSON, `{"alibaba_test_thing_get_response":{"result":{
			"items":{"test_item":[{"id":163288460521879179,"price":"149.00","name":"a"},{"id":"9007199254740993","price":0.10,"name":"b"}]},
			"tags":{"string":["x","y"]},"nums":{"number":[7]},"ok":true,"when":"2019-12-30 19:17:10","empty":"",
			"extra":{"k":[1,2]},"count":"3","matrix":[{"number":[1,2]},{"number":[3]}],"unknown":{"deep":[1]}},
			"request_id":"abc"}}`},
		{"json simplify", JSON, `{"result":{
			"items":[{"id":163288460521879179,"price":"149.00","name":"a"},{"id":9007199254740993,"price":"0.10","name":"b"}],
			"tags":["x","y"],"nums":["7"],"ok":"true","when":"2019-12-30 19:17:10","empty":"",
			"extra":"{\"k\":[1,2]}","count":3,"matrix":[[1,2],[3]]},"request_id":"abc"}`},
		{"xml", XML, `<?xml version="1.0" encoding="utf-8" ?>
<alibaba_test_thing_get_response>
  <result>
    <items list="true">
      <test_item><id>163288460521879179</id><price>149.00</price><name>a</name></test_item>
      <test_item><id>9007199254740993</id><price>0.10</price><name>b</name></test_item>
    </items>
    <tags><string>x</string><string>y</string></tags>
    <nums><number>7</number></nums>
    <ok>true</ok>
    <when>2019-12-30 19:17:10</when>
    <empty></empty>
    <extra>{"k":[1,2]}</extra>
    <count> 3 </count>
    <matrix><number_list><number>1</number><number>2</number></number_list><number_list><number>3</number></number_list></matrix>
    <nothing/>
  </result>
  <request_id>abc</request_id>
</alibaba_test_thing_get_response><!--top010179080184.s.et2-->`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got testResponse
			if err := DecodeResponse([]byte(c.body), c.format, testMethod, &got); err != nil {
				t.Fatal(err)
			}
			want := wantTest()
			if c.name == "xml" {
				want.Result.Nothing = &testItem{} // <nothing/> is present but empty
			}
			if diff := cmp.Diff(want, &got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeError(t *testing.T) {
	cases := []struct {
		name, body string
		want       Error
	}{
		{"json number code", `{"error_response":{"code":29,"msg":"Invalid app Key","sub_code":"isv.appkey-not-exists","request_id":"3bsxgbx6seom"}}`,
			Error{Code: 29, Msg: "Invalid app Key", SubCode: "isv.appkey-not-exists", RequestID: "3bsxgbx6seom"}},
		{"json string code", `{"error_response":{"code":"50","msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"非法参数"}}`,
			Error{Code: 50, Msg: "Remote service error", SubCode: "isv.invalid-parameter", SubMsg: "非法参数"}},
		{"xml", `<?xml version="1.0" encoding="utf-8" ?><error_response><code>29</code><msg>Invalid app Key</msg><sub_code>isv.appkey-not-exists</sub_code><request_id>14sqam8deckzh</request_id></error_response><!--top010179080184.s.et2-->`,
			Error{Code: 29, Msg: "Invalid app Key", SubCode: "isv.appkey-not-exists", RequestID: "14sqam8deckzh"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got testResponse
			err := DecodeResponse([]byte(c.body), JSON, testMethod, &got)
			var te *Error
			if !errors.As(err, &te) {
				t.Fatalf("got %v, want *Error", err)
			}
			if diff := cmp.Diff(c.want, *te); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeBadBodies(t *testing.T) {
	cases := []struct{ name, body, wantErr string }{
		{"empty", "  \n", "empty response body"},
		{"html text", "Bad Gateway", "neither JSON nor XML"},
		{"html", "<html><body>502</body></html>", "root is <html>"},
		{"truncated json", `{"a":`, "not valid JSON"},
		{"json array", `[1,2]`, "neither JSON nor XML"},
		{"trailing", `{"a":1} x`, "data after"},
		{"bad xml", `<alibaba_test_thing_get_response><result>`, "not valid XML"},
		{"bad number", `{"result":{"count":"12x"}}`, `field result.count: "12x" is not an integer`},
		{"bad item", `{"result":{"items":[{"id":1},{"id":true}]}}`, "field result.items[1].id: want a number, got a boolean"},
		{"bad decimal", `{"result":{"items":[{"price":"1,5"}]}}`, `"1,5" is not a decimal`},
		{"bad date", `{"result":{"when":"30/12/2019"}}`, "is not a date"},
		{"overflow", `{"result":{"count":99999999999999999999}}`, "not an integer of 64 bits"},
		{"list from object", `{"result":{"tags":{"a":1,"b":2}}}`, "want a list, got an object with 2 keys"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got testResponse
			err := DecodeResponse([]byte(c.body), JSON, testMethod, &got)
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, c.wantErr)
			}
			var te *Error
			if errors.As(err, &te) {
				t.Fatalf("got a TOP error for a malformed body: %v", err)
			}
		})
	}
}

func TestDecodeDeepNesting(t *testing.T) {
	body := strings.Repeat(`{"result":`, 300) + "1" + strings.Repeat("}", 300)
	type rec struct {
		Result *rec `json:"result"`
	}
	var r rec
	if err := DecodeResponse([]byte(body), JSON, testMethod, &r); err == nil || !strings.Contains(err.Error(), "too deeply") {
		t.Fatalf("got %v, want a nesting error", err)
	}
	var got testResponse
	var anyv struct {
		Result any `json:"result"`
	}
	if err := DecodeResponse([]byte(body), JSON, testMethod, &anyv); err != nil {
		t.Fatalf("interface field: %v", err)
	}
	x := "<a_response>" + strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300) + "</a_response>"
	if err := DecodeResponse([]byte(x), XML, testMethod, &got); err == nil || !strings.Contains(err.Error(), "too deeply") {
		t.Fatalf("got %v, want a nesting error", err)
	}
}

func TestDecodeNotPointer(t *testing.T) {
	var got testResponse
	if err := DecodeResponse([]byte(`{}`), JSON, testMethod, got); err == nil {
		t.Fatal("want an error for a non-pointer")
	}
}

func FuzzDecodeResponse(f *testing.F) {
	f.Add([]byte(`{"alibaba_test_thing_get_response":{"result":{"items":{"i":[{"id":1}]}}}}`))
	f.Add([]byte(`<alibaba_test_thing_get_response><result><tags><string>x</string></tags></result></alibaba_test_thing_get_response>`))
	f.Add([]byte(`{"error_response":{"code":"x"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var got testResponse
		_ = DecodeResponse(body, JSON, testMethod, &got) // must not panic
	})
}

// With several bad fields the error names the first in field order, the
// same on every run (a map's order would vary).
func TestDecodeErrorIsDeterministic(t *testing.T) {
	type item struct {
		A int64 `json:"a"`
		B int64 `json:"b"`
		C int64 `json:"c"`
	}
	body := []byte(`{"c":"x","b":"y","a":"z"}`)
	for range 20 {
		var v item
		err := DecodeResponse(body, JSON, "taobao.x.get", &v)
		if err == nil || err.Error() != `top: decode response field a: "z" is not an integer of 64 bits` {
			t.Fatalf("error %v, want the one about field a", err)
		}
	}
}

// Generated structs start with a blank top.DoNotCompare: it must make them
// not comparable, take no space, and be invisible to decoding.
func TestDoNotCompare(t *testing.T) {
	type resp struct {
		_    DoNotCompare
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	typ := reflect.TypeFor[resp]()
	if typ.Comparable() {
		t.Error("a struct with a DoNotCompare field is comparable")
	}
	if got, want := typ.Size(), reflect.TypeFor[struct {
		ID   int64
		Name string
	}]().Size(); got != want {
		t.Errorf("size %d, want %d: DoNotCompare takes space", got, want)
	}
	var r resp
	if err := DecodeResponse([]byte(`{"x_response":{"id":7,"name":"n"}}`), JSON, "x", &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != 7 || r.Name != "n" {
		t.Errorf("decoded %+v", r)
	}
}
