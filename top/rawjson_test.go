package top

import (
	"strings"
	"testing"
)

// A RawJSON field of a struct parameter is sent as the JSON value it holds
// (taobao.qimen.order.cancel request.extendProps is a Map: an object, as
// the SDKs send it, not a string holding one), compacted; text that is not
// JSON is an error.
func TestEncodeRawJSON(t *testing.T) {
	type order struct {
		Code   *string   `json:"orderCode,omitempty"`
		Props  *RawJSON  `json:"extendProps,omitempty"`
		Status []RawJSON `json:"status,omitempty"`
	}
	props := RawJSON("{ \"k\" : \"v\",\n \"n\": [1, 2] }")
	got, err := EncodeJSON(order{Code: Ptr("A1"), Props: &props, Status: []RawJSON{`{"a":1}`, `"x"`}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"orderCode":"A1","extendProps":{"k":"v","n":[1,2]},"status":[{"a":1},"x"]}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, bad := range []RawJSON{"", "{", `{"k":"v"} {}`, "k=v"} {
		_, err := EncodeJSON(order{Props: &bad})
		if err == nil || !strings.Contains(err.Error(), "is not JSON") {
			t.Errorf("%q: got %v, want an error saying it is not JSON", bad, err)
		}
	}
}
