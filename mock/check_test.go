package mock

import (
	"math"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

func loadSpec(t *testing.T, method string) *spec.API {
	t.Helper()
	api, err := spec.Load(filepath.Join("..", "specs", method+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func ptr(n int64) *int64 { return &n }

// typesAPI has one parameter of each kind the checker knows.
func typesAPI() *spec.API {
	return &spec.API{Method: "test.types", Request: []*spec.Param{
		{Name: "num", Type: "Number", Limits: spec.Limits{MinValue: ptr(1), MaxValue: ptr(100)}},
		{Name: "flag", Type: "Boolean"},
		{Name: "when", Type: "Date"},
		{Name: "price", Type: "Price", Limits: spec.Limits{MaxValue: ptr(10)}},
		{Name: "amount", Type: "BigDecimal"},
		{Name: "name", Type: "String", Limits: spec.Limits{MaxLength: ptr(4)}},
		// 最大长度 on a Number (taobao.crm.groups.get current_page): the
		// generated client does not check it, so neither does the mock.
		{Name: "page", Type: "Number", Limits: spec.Limits{MaxLength: ptr(3)}},
		{Name: "ids", Type: "Number", List: true, Limits: spec.Limits{MaxListSize: ptr(3)}},
		{Name: "raw", Type: "Json"},
		{Name: "image", Type: "byte[]"},
		{Name: "opt", Type: "Opt", Children: []*spec.Param{
			{Name: "id", Type: "Number", Required: true},
			{Name: "tags", Type: "String", List: true, Limits: spec.Limits{MaxListSize: ptr(2)}},
			{Name: "on", Type: "Boolean"},
		}},
		{Name: "opts", Type: "Opt", List: true, Limits: spec.Limits{MaxListSize: ptr(2)}, Children: []*spec.Param{
			{Name: "id", Type: "Number", Required: true},
		}},
	}}
}

func TestCheckParamsTypesAndLimits(t *testing.T) {
	api := typesAPI()
	ok := []map[string]string{
		{},
		{"num": "1", "flag": "true", "when": "2024-01-02 03:04:05", "price": "9.99", "amount": "-12.5", "name": "淘宝好物"},
		{"num": "100", "price": "10", "ids": "1,2,3", "raw": `[1,{"a":null}]`, "page": "123456"},
		{"opt": `{"id":7,"tags":["a","b"],"on":true}`, "opts": `[{"id":1},{"id":"2"}]`},
		{"opt": `{"id":"7","on":"false","unknown_field":1}`},
	}
	for _, params := range ok {
		if err := CheckParams(api, params, nil); err != nil {
			t.Errorf("%v: got %v, want accepted", params, err)
		}
	}
	if err := CheckParams(api, nil, []string{"image"}); err != nil {
		t.Errorf("byte[] as a file: got %v, want accepted", err)
	}
	bad := []struct {
		params  map[string]string
		files   []string
		subCode string
	}{
		{map[string]string{"num": "1.5"}, nil, "isv.invalid-parameter:num"},
		{map[string]string{"num": "0"}, nil, "isv.invalid-parameter:num"},
		{map[string]string{"num": "101"}, nil, "isv.invalid-parameter:num"},
		{map[string]string{"num": "99999999999999999999"}, nil, "isv.invalid-parameter:num"},
		{map[string]string{"flag": "1"}, nil, "isv.invalid-parameter:flag"},
		{map[string]string{"when": "2024-01-02"}, nil, "isv.invalid-parameter:when"},
		{map[string]string{"when": "2024-01-02T03:04:05Z"}, nil, "isv.invalid-parameter:when"},
		{map[string]string{"price": "1e3"}, nil, "isv.invalid-parameter:price"},
		{map[string]string{"price": "10.01"}, nil, "isv.invalid-parameter:price"},
		{map[string]string{"amount": "abc"}, nil, "isv.invalid-parameter:amount"},
		{map[string]string{"name": "淘宝好物!"}, nil, "isv.invalid-parameter:name"},
		{map[string]string{"ids": "1,2,3,4"}, nil, "isv.invalid-parameter:ids"},
		{map[string]string{"ids": "1,x"}, nil, "isv.invalid-parameter:ids"},
		{map[string]string{"raw": `{"a":`}, nil, "isv.invalid-parameter:raw"},
		{map[string]string{"image": "abc"}, nil, "isv.invalid-parameter:image"},
		{nil, []string{"name"}, "isv.invalid-parameter:name"},
		{map[string]string{"nope": "1"}, nil, "isv.invalid-parameter:nope"},
		{nil, []string{"nofile"}, "isv.invalid-parameter:nofile"},
		{map[string]string{"opt": `not json`}, nil, "isv.invalid-parameter:opt"},
		{map[string]string{"opt": `[{"id":1}]`}, nil, "isv.invalid-parameter:opt"},
		{map[string]string{"opt": `{"id":1} {"id":2}`}, nil, "isv.invalid-parameter:opt"},
		{map[string]string{"opt": `{"tags":["a"]}`}, nil, "isv.missing-parameter:opt.id"},
		{map[string]string{"opt": `{"id":null}`}, nil, "isv.missing-parameter:opt.id"},
		{map[string]string{"opt": `{"id":"x"}`}, nil, "isv.invalid-parameter:opt.id"},
		{map[string]string{"opt": `{"id":1,"tags":["a","b","c"]}`}, nil, "isv.invalid-parameter:opt.tags"},
		{map[string]string{"opt": `{"id":1,"tags":"a"}`}, nil, "isv.invalid-parameter:opt.tags"},
		{map[string]string{"opt": `{"id":1,"on":{}}`}, nil, "isv.invalid-parameter:opt.on"},
		{map[string]string{"opts": `{"id":1}`}, nil, "isv.invalid-parameter:opts"},
		{map[string]string{"opts": `[{"id":1},{}]`}, nil, "isv.missing-parameter:opts[1].id"},
		{map[string]string{"opts": `[{"id":1},{"id":2},{"id":3}]`}, nil, "isv.invalid-parameter:opts"},
	}
	for _, c := range bad {
		err := CheckParams(api, c.params, c.files)
		if err == nil {
			t.Errorf("%v %v: accepted, want %s", c.params, c.files, c.subCode)
			continue
		}
		wantCode := 41
		if strings.HasPrefix(c.subCode, "isv.missing-parameter") {
			wantCode = 40
		}
		if err.Code != wantCode || err.SubCode != c.subCode || err.SubMsg == "" {
			t.Errorf("%v %v: got %+v, want code %d %s with a sub_msg", c.params, c.files, err, wantCode, c.subCode)
		}
	}
}

func TestCheckParamsSeedSpecs(t *testing.T) {
	for _, c := range seedCalls {
		if err := CheckParams(loadSpec(t, c.method), c.params, nil); err != nil {
			t.Errorf("%s with the doc's example values: %v", c.method, err)
		}
	}

	detail := loadSpec(t, "alibaba.damai.mz.order.detail")
	got := CheckParams(detail, map[string]string{"mz_order_id": "412963624031"}, nil)
	want := &top.Error{Code: 40, Msg: "Missing Required Arguments",
		SubCode: "isv.missing-parameter:mz_user_id", SubMsg: "missing required parameter mz_user_id"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("missing mz_user_id (-want +got):\n%s", diff)
	}
	// 最大长度:32 on mz_order_id, counted in characters.
	long := strings.Repeat("单", 33)
	got = CheckParams(detail, map[string]string{"mz_order_id": long, "mz_user_id": "1"}, nil)
	if got == nil || got.SubCode != "isv.invalid-parameter:mz_order_id" {
		t.Errorf("33-character mz_order_id: got %v, want isv.invalid-parameter:mz_order_id", got)
	}
	if got := CheckParams(detail, map[string]string{"mz_order_id": strings.Repeat("单", 32), "mz_user_id": "1"}, nil); got != nil {
		t.Errorf("32-character mz_order_id: got %v, want accepted", got)
	}

	// goods_list[].price_id is required inside the param struct.
	create := loadSpec(t, "alibaba.damai.mz.order.create")
	noPrice := strings.Replace(orderCreateParam, `"price_id":"44281279312",`, "", 1)
	got = CheckParams(create, map[string]string{"param": noPrice}, nil)
	if got == nil || got.Code != 40 || got.SubCode != "isv.missing-parameter:param.goods_list[0].price_id" {
		t.Errorf("goods without price_id: got %v, want 40 isv.missing-parameter:param.goods_list[0].price_id", got)
	}
	badType := strings.Replace(orderCreateParam, `"delivery_type":3`, `"delivery_type":"three"`, 1)
	got = CheckParams(create, map[string]string{"param": badType}, nil)
	if got == nil || got.Code != 41 || got.SubCode != "isv.invalid-parameter:param.delivery_type" {
		t.Errorf("delivery_type three: got %v, want 41 isv.invalid-parameter:param.delivery_type", got)
	}
}

// TestCheckParamsCapsEchoes: a 4 MB bad value (or name) is quoted cut, with
// its length, not echoed whole into the error_response.
func TestCheckParamsCapsEchoes(t *testing.T) {
	api := typesAPI()
	huge := strings.Repeat("9", 4<<20)
	cases := []struct {
		params map[string]string
		length string
	}{
		{map[string]string{"num": huge + "x"}, "(4194305 bytes)"},
		{map[string]string{"num": huge}, "(4194304 bytes)"},   // out of the 64-bit range
		{map[string]string{"price": huge}, "(4194304 bytes)"}, // over the maximum
		{map[string]string{"flag": huge}, "(4194304 bytes)"},
		{map[string]string{"opt": "{" + huge}, "(4194305 bytes)"},
		{map[string]string{huge: "1"}, "(4194304 bytes)"}, // unknown name
	}
	for _, c := range cases {
		err := CheckParams(api, c.params, nil)
		if err == nil {
			t.Fatalf("%.20v: accepted", c.params)
		}
		if n := len(err.SubMsg) + len(err.SubCode); n > 400 || !strings.Contains(err.SubMsg, c.length) {
			t.Errorf("%.20v: sub_code and sub_msg are %d bytes (%.200s), want them cut with the length noted", c.params, n, err.SubMsg)
		}
	}
}

// TestCmpDecimal checks the linear-time comparison against big.Rat.
func TestCmpDecimal(t *testing.T) {
	values := []string{"0", "-0", "0.00", "-0.0", "1", "-1", "0.5", "-0.5", "1.0", "1.01", "-1.01",
		"10", "9.999", "100", "-100", "0009", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "-9223372036854775808.1", "9223372036854775807.0001",
		"18446744073709551615", "99999999999999999999", "-99999999999999999999"}
	bounds := []int64{0, 1, -1, 10, -100, 9, math.MaxInt64, math.MinInt64}
	for _, s := range values {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatal(s)
		}
		for _, n := range bounds {
			if got, want := cmpDecimal(s, n), r.Cmp(new(big.Rat).SetInt64(n)); got != want {
				t.Errorf("cmpDecimal(%s, %d) = %d, want %d", s, n, got, want)
			}
		}
	}
}
