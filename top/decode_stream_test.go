package top

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Tests of the streaming decoder beyond the shapes of decode_test.go:
// where the root's shape shows late, repeated keys, errors in bodies that
// are wrong in several ways, the scalar rules at their edges, and parity
// with encoding/json on syntax and plain values.

type plainResult struct {
	Result any `json:"result"`
}

// FuzzDecodeJSONLikeStdlib checks that the decoder accepts exactly the
// JSON encoding/json accepts, and decodes a value into an interface as
// encoding/json does with UseNumber: same strings (escapes, surrogates,
// invalid UTF-8), numbers, nesting and repeated keys.
func FuzzDecodeJSONLikeStdlib(f *testing.F) {
	for _, s := range []string{
		`"plain"`, `"esc \" \\ \/ \b \f \n \r \t \u00e9 \u4e2d"`, `"\ud83d\ude00 pair"`, `"\ud800 lone"`, `"\udc00\ud800 reversed"`,
		"\"bad utf-8 \xff\xfe\"", "\"ctl \x01\"", `"\x"`, `"\u12"`, `"\u12zz"`, `"unterminated`,
		`0`, `-0`, `-0.5e-3`, `1E+2`, `01`, `1.`, `.5`, `-`, `1e`, `163288460521879179`, `99999999999999999999`,
		`true`, `false`, `null`, `tru`, `nul`, `t`,
		`{}`, `[]`, `{"a":1,"a":2}`, `{"a":[1,{"b":null}],"c":"d"}`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{1:2}`,
		`[[[[[]]]]]`, " \t\r\n[ 1 , 2 ] ", `1} {"x":2`, `1}, "y": 2, "z": {`,
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		body := []byte(`{"result":` + s + `}`)
		var got plainResult
		err := DecodeResponse(body, JSON, "taobao.x.get", &got)
		if !json.Valid(body) {
			if err == nil || !(strings.Contains(err.Error(), "not valid JSON") || strings.Contains(err.Error(), "data after")) {
				t.Fatalf("%q: got %v, want a syntax error", body, err)
			}
			return
		}
		var root map[string]json.RawMessage
		if json.Unmarshal(body, &root) != nil || len(root) != 1 {
			return // the value closed the root early: another shape, tested elsewhere
		}
		if err != nil {
			t.Fatalf("%q: %v", body, err)
		}
		var want plainResult
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%q:\nencoding/json %#v\ntop           %#v", body, want.Result, got.Result)
		}
	})
}

// Roots whose shape shows only after the first key decode as if the whole
// root had been read first, whatever the order of its keys.
func TestDecodeRootShapes(t *testing.T) {
	type resp struct {
		Result    *testItem `json:"result"`
		RequestID string    `json:"request_id"`
	}
	topErr := &Error{Code: 7, Msg: "m"}
	cases := []struct {
		name, body string
		want       resp
		wantErr    string
		wantTopErr *Error
	}{
		{"envelope", `{"alibaba_test_thing_get_response":{"result":{"id":1},"request_id":"r"}}`,
			resp{Result: &testItem{ID: 1}, RequestID: "r"}, "", nil},
		{"simplify", `{"result":{"id":1},"request_id":"r"}`, resp{Result: &testItem{ID: 1}, RequestID: "r"}, "", nil},
		{"empty root", `{}`, resp{}, "", nil},
		{"envelope key after other keys", `{"request_id":"outer","alibaba_test_thing_get_response":{"result":{"id":2}}}`,
			resp{Result: &testItem{ID: 2}}, "", nil},
		{"envelope key twice: the last", `{"alibaba_test_thing_get_response":{"result":{"id":1},"request_id":"r"},"alibaba_test_thing_get_response":{"result":{"id":3}}}`,
			resp{Result: &testItem{ID: 3}}, "", nil},
		{"error_response after the envelope", `{"alibaba_test_thing_get_response":{"result":{"id":"bad"}},"error_response":{"code":7,"msg":"m"}}`,
			resp{}, "", topErr},
		{"error_response after simplify fields", `{"result":{"id":1},"error_response":{"code":"7","msg":"m"}}`, resp{}, "", topErr},
		{"an envelope key not derived", `{"other_method_response":{"result":{"id":4}}}`, resp{Result: &testItem{ID: 4}}, "", nil},
		{"a _response key among others is a field", `{"other_method_response":{"result":{"id":4}},"request_id":"r"}`,
			resp{RequestID: "r"}, "", nil},
		{"a _response key not holding an object", `{"other_method_response":"x"}`, resp{}, "", nil},
		{"envelope of a string", `{"alibaba_test_thing_get_response":"x"}`, resp{}, "top: decode response: want an object, got a string", nil},
		{"envelope of a blank string", `{"alibaba_test_thing_get_response":" "}`, resp{}, "", nil},
		{"error_response of a string", `{"error_response":"x"}`, resp{}, "top: error_response is not an object", nil},
		{"error_response code not a number", `{"error_response":{"code":"isp.x","msg":"m"}}`, resp{}, "", &Error{Msg: "m", SubCode: "isp.x"}},
		{"error_response code not a number, sub_code given", `{"error_response":{"sub_code":"isv.y","code":"isp.x"}}`, resp{}, "", &Error{SubCode: "isv.y"}},
		{"error_response fields of every kind", `{"error_response":{"code":null,"msg":true,"sub_msg":{"a":1},"request_id":12}}`, resp{}, "",
			&Error{Msg: "true", RequestID: "12"}},
		{"BOM and white space", "\xef\xbb\xbf \r\n\t{\"request_id\":\"r\"}", resp{RequestID: "r"}, "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got resp
			err := DecodeResponse([]byte(c.body), JSON, testMethod, &got)
			var te *Error
			switch {
			case c.wantTopErr != nil:
				if !errors.As(err, &te) {
					t.Fatalf("got %v, want a *Error", err)
				}
				if diff := cmp.Diff(c.wantTopErr, te); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				return
			case c.wantErr != "":
				if err == nil || err.Error() != c.wantErr {
					t.Fatalf("got %v, want %q", err, c.wantErr)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// A key given twice counts once, with its last value, as when the body is
// read into a map first: the earlier value's error is forgotten and a
// struct is not merged with the earlier one.
func TestDecodeRepeatedKeys(t *testing.T) {
	body := `{"result":{"count":"bad","count":"5","nothing":{"id":1,"name":"a"},"nothing":{"id":2},
		"tags":{"string":["a"],"string":["b","c"]},"items":[{"id":1}],"items":null}}`
	var got testResponse
	if err := DecodeResponse([]byte(body), JSON, testMethod, &got); err != nil {
		t.Fatal(err)
	}
	want := &testResult{Count: ptr[int64](5), Nothing: &testItem{ID: 2}, Tags: []string{"b", "c"}}
	if diff := cmp.Diff(want, got.Result); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	err := DecodeResponse([]byte(`{"result":{"tags":{"string":["a"],"other":[],"string":["b"]}}}`), JSON, testMethod, &got)
	if err == nil || !strings.Contains(err.Error(), "field result.tags: want a list, got an object with 2 keys") {
		t.Errorf("got %v, want the two-key error", err)
	}
}

// A malformed body is reported as such even when a value before the
// malformed part does not fit its field; and among values that do not fit,
// the one reported is the first in field order, in JSON and XML alike.
func TestDecodeErrorPrecedence(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"json value error then trailing data", `{"result":{"count":"x"}} x`, "top: response body has data after the JSON value"},
		{"json value error then truncation", `{"result":{"count":"x"},`, "not valid JSON: unexpected end of JSON input"},
		{"json value error then bad syntax", `{"result":{"count":"x","ok":tru}}`, `not valid JSON: invalid character '}' in literal true`},
		{"json error_response then trailing data", `{"error_response":{"code":7}}]`, "data after the JSON value"},
		{"xml value error then a second root", `<a_response><result><count>x</count></result></a_response><b/>`, "more than one root element"},
		{"xml value error then text", `<a_response><result><count>x</count></result></a_response>text`, "text outside the root element"},
		{"xml value error then a bad end tag", `<a_response><result><count>x</count></result></b_response>`, "not valid XML"},
		{"xml wrong root then bad XML", `<html><body></html>`, "not valid XML"},
		{"xml text before the root", `<?xml version="1.0"?>x<a_response/>`, "text outside the root element"},
		{"xml no root", `<?xml version="1.0"?><!-- nothing -->`, "XML response has no root element"},
		{"json fields in field order", `{"result":{"count":"x","ok":"maybe","items":[{"id":"a"},{"id":"b"}]}}`,
			`top: decode response field result.items[0].id: "a" is not an integer of 64 bits`},
		{"xml fields in field order", `<a_response><result><count>x</count><ok>maybe</ok><items><i><id>a</id></i><i><id>b</id></i></items></result></a_response>`,
			`top: decode response field result.items[0].id: "a" is not an integer of 64 bits`},
		{"xml repeated element: every value counts", `<a_response><result><count>x</count><count>1</count></result></a_response>`,
			`top: decode response field result.count: "x" is not an integer of 64 bits`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got testResponse
			err := DecodeResponse([]byte(c.body), JSON, testMethod, &got)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

// JSON null is the zero value, except for a pointer, which stays as it was
// (absent); an interface field gets nil.
func TestDecodeNulls(t *testing.T) {
	type all struct {
		S   string     `json:"s"`
		N   int64      `json:"n"`
		B   bool       `json:"b"`
		T   time.Time  `json:"t"`
		D   Decimal    `json:"d"`
		L   []int64    `json:"l"`
		P   *int64     `json:"p"`
		A   any        `json:"a"`
		Obj *testItem  `json:"obj"`
		Arr []testItem `json:"arr"`
	}
	got := all{S: "s", N: 1, B: true, T: time.Now(), D: "1", L: []int64{1}, P: ptr[int64](1), A: 1, Obj: &testItem{ID: 1}, Arr: []testItem{{}}}
	body := `{"s":null,"n":null,"b":null,"t":null,"d":null,"l":null,"p":null,"a":null,"obj":null,"arr":null}`
	if err := DecodeResponse([]byte(body), JSON, testMethod, &got); err != nil {
		t.Fatal(err)
	}
	want := all{P: ptr[int64](1), Obj: &testItem{ID: 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// The scalar rules at their edges, through JSON (as a number where JSON
// allows one, and as a string) and XML.
func TestDecodeScalars(t *testing.T) {
	type scalars struct {
		I   int64     `json:"i" xml:"i"`
		I8  int8      `json:"i8" xml:"i8"`
		U   uint16    `json:"u" xml:"u"`
		F   float64   `json:"f" xml:"f"`
		B   bool      `json:"b" xml:"b"`
		T   time.Time `json:"t" xml:"t"`
		D   Decimal   `json:"d" xml:"d"`
		S   string    `json:"s" xml:"s"`
		Any any       `json:"any" xml:"any"`
	}
	cst := func(y int, mo time.Month, d, h, mi, s int) time.Time { return time.Date(y, mo, d, h, mi, s, 0, CST) }
	cases := []struct {
		field, json, xml string // xml empty: the JSON string's text
		want             any
		wantErr          string
	}{
		{"i", `163288460521879179`, "", int64(163288460521879179), ""},
		{"i", `"9007199254740993"`, "", int64(9007199254740993), ""},
		{"i", `" +7 "`, "", int64(7), ""},
		{"i", `-9223372036854775808`, "", int64(-9223372036854775808), ""},
		{"i", `"123456789012345678"`, "", int64(123456789012345678), ""},
		{"i", `9223372036854775808`, "", nil, `"9223372036854775808" is not an integer of 64 bits`},
		{"i", `16000.0`, "", int64(16000), ""},
		{"i", `"1.6e4"`, "", int64(16000), ""},
		{"i", `1.5`, "", nil, `"1.5" is not an integer of 64 bits`},
		{"i", `""`, "", int64(0), ""},
		{"i", `true`, "<i><x>1</x></i>", nil, "want a number, got"},
		{"i8", `127`, "", int8(127), ""},
		{"i8", `128`, "", nil, `"128" is not an integer of 8 bits`},
		{"i8", `-129`, "", nil, `"-129" is not an integer of 8 bits`},
		{"u", `65535`, "", uint16(65535), ""},
		{"u", `-1`, "", nil, `"-1" is not an unsigned integer of 16 bits`},
		{"f", `1.25e2`, "", 125.0, ""},
		{"f", `"x"`, "", nil, `"x" is not a number`},
		{"b", `"1"`, "", true, ""},
		{"b", `" FALSE "`, "", false, ""},
		{"b", `0`, "", false, ""},
		{"b", `"yes"`, "", nil, `"yes" is not a boolean`},
		{"t", `"2019-12-30 19:17:10"`, "", cst(2019, 12, 30, 19, 17, 10), ""},
		{"t", `"2020-02-29 00:00:00"`, "", cst(2020, 2, 29, 0, 0, 0), ""},
		{"t", `"2019-02-29 00:00:00"`, "", nil, `"2019-02-29 00:00:00" is not a date`},
		{"t", `"2019-12-30 9:17:10"`, "", cst(2019, 12, 30, 9, 17, 10), ""}, // ParseTime accepts a one-digit hour
		{"t", `"2019-12-30 24:00:00"`, "", nil, "is not a date"},
		{"t", `1577704630000`, "", cst(2019, 12, 30, 19, 17, 10), ""},
		{"t", `"1577704630000"`, "", cst(2019, 12, 30, 19, 17, 10), ""},
		{"t", `"2019-12-30T11:17:10Z"`, "", cst(2019, 12, 30, 19, 17, 10), ""},
		{"t", `"0001-01-01T00:00:00Z"`, "", time.Time{}, ""},
		{"t", `1.5`, "", nil, `"1.5" is not a date in epoch milliseconds`},
		{"d", `0.10`, "", Decimal("0.10"), ""},
		{"d", `"-1.5E+3"`, "", Decimal("-1.5E+3"), ""},
		{"d", `"1,5"`, "", nil, `"1,5" is not a decimal number`},
		{"s", `12.50`, "", "12.50", ""},
		{"s", `false`, "", "false", ""},
		{"s", "{ \"b\" : [1, 2],\n \"a\" : \"x y\" }", "<s><b>1</b><b>2</b><a>x y</a></s>", `{"b":[1,2],"a":"x y"}`, ""},
		{"any", `{"k":[1,"x",true]}`, "", map[string]any{"k": []any{json.Number("1"), "x", true}}, ""},
	}
	for _, c := range cases {
		t.Run(c.field+" "+c.json, func(t *testing.T) {
			bodies := []string{`{"` + c.field + `":` + c.json + `}`}
			if c.xml != "" {
				bodies = append(bodies, "<a_response>"+c.xml+"</a_response>")
			} else if s := c.json; s[0] == '"' {
				bodies = append(bodies, "<a_response><"+c.field+">"+s[1:len(s)-1]+"</"+c.field+"></a_response>")
			}
			for _, body := range bodies {
				var got scalars
				err := DecodeResponse([]byte(body), JSON, testMethod, &got)
				if c.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), c.wantErr) {
						t.Errorf("%s: got %v, want an error containing %q", body, err, c.wantErr)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", body, err)
				}
				v := reflect.ValueOf(got)
				for i := range v.NumField() {
					if name, _ := wireName(v.Type().Field(i)); name == c.field {
						if c.field == "s" && body[0] == '<' {
							// XML has no order of its own for a map: sorted keys.
							if want := `{"a":"x y","b":["1","2"]}`; got.S != want {
								t.Errorf("%s: got %q, want %q", body, got.S, want)
							}
							break
						}
						if diff := cmp.Diff(c.want, v.Field(i).Interface()); diff != "" {
							t.Errorf("%s: (-want +got):\n%s", body, diff)
						}
					}
				}
			}
		})
	}
}

// A field's wire name comes from a top tag when there is one: its whole
// value, so names a json tag cannot carry reach their field.
func TestWireNameTopTag(t *testing.T) {
	type odd struct {
		Dash   string `json:"-" top:"-"`
		Comma  int64  `json:"-" top:"a,b"`
		Quote  string `top:"say \"hi\""`
		Hidden string `json:"-"`
		Plain  string
	}
	body := `{"-":"dash","a,b":7,"say \"hi\"":"q","Hidden":"h","Plain":"p"}`
	var got odd
	if err := DecodeResponse([]byte(body), JSON, testMethod, &got); err != nil {
		t.Fatal(err)
	}
	want := odd{Dash: "dash", Comma: 7, Quote: "q", Plain: "p"}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	enc, err := EncodeJSON(want)
	if err != nil {
		t.Fatal(err)
	}
	if w := `{"-":"dash","a,b":7,"say \"hi\"":"q","Plain":"p"}`; enc != w {
		t.Errorf("EncodeJSON: got %s, want %s", enc, w)
	}
}

// Nesting is capped at maxJSONNesting also where nothing is decoded.
func TestDecodeJSONNestingCap(t *testing.T) {
	deep := strings.Repeat("[", maxJSONNesting+1) + strings.Repeat("]", maxJSONNesting+1)
	var got testResponse
	err := DecodeResponse([]byte(`{"unknown":`+deep+`}`), JSON, testMethod, &got)
	if err == nil || !strings.Contains(err.Error(), "exceeded max depth") {
		t.Fatalf("got %v, want the depth error", err)
	}
	ok := strings.Repeat("[", maxJSONNesting-1) + strings.Repeat("]", maxJSONNesting-1)
	if err := DecodeResponse([]byte(`{"unknown":`+ok+`}`), JSON, testMethod, &got); err != nil {
		t.Fatalf("at the cap: %v", err)
	}
}

// Plans are built once per type, also when many goroutines meet a new
// (here recursive) type at once; run with -race.
func TestDecodeConcurrentPlans(t *testing.T) {
	type node struct {
		Name  string   `json:"name"`
		Kids  []node   `json:"kids"`
		Right *node    `json:"right"`
		Tags  []string `json:"tags"`
	}
	body := []byte(`{"name":"a","kids":{"node":[{"name":"b","right":{"name":"c"}}]},"tags":["x"]}`)
	want := node{Name: "a", Kids: []node{{Name: "b", Right: &node{Name: "c"}}}, Tags: []string{"x"}}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var got node
			if err := DecodeResponse(body, JSON, testMethod, &got); err != nil {
				errs <- err
			} else if diff := cmp.Diff(want, got); diff != "" {
				errs <- fmt.Errorf("(-want +got):\n%s", diff)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
