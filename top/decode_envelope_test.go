package top

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A response whose only top-level field is named like an envelope
// (alibaba.ascp.channel.distributor.product.list returns
// product_list_response): its simplify=true body has that one key, which
// is the field, not an envelope under another spelling of the method.
// A key ending in _response that the type does not have is still read as
// such an envelope.
func TestDecodeFieldNamedLikeAnEnvelope(t *testing.T) {
	type data struct {
		Total int64    `json:"total_count" xml:"total_count"`
		Names []string `json:"names" xml:"names"`
	}
	type listResponse struct {
		Inner *struct {
			Data    *data `json:"data" xml:"data"`
			Success bool  `json:"success" xml:"success"`
		} `json:"product_list_response" xml:"product_list_response"`
	}
	const method = "alibaba.ascp.channel.distributor.product.list"
	want := &listResponse{}
	want.Inner = &struct {
		Data    *data `json:"data" xml:"data"`
		Success bool  `json:"success" xml:"success"`
	}{Data: &data{Total: 6, Names: []string{"a", "b"}}, Success: true}
	for _, c := range []struct{ name, body string }{
		{"simplify", `{"product_list_response":{"data":{"total_count":6,"names":["a","b"]},"success":true}}`},
		{"simplify, keys later", `{"product_list_response":{"success":true,"data":{"names":["a","b"],"total_count":"6"}}}`},
		{"wrapped", `{"ascp_channel_distributor_product_list_response":{"product_list_response":{"data":{"total_count":6,"names":{"string":["a","b"]}},"success":true}}}`},
		{"wrapped under another spelling", `{"alibaba_ascp_channel_distributor_product_list_response":{"product_list_response":{"data":{"total_count":6,"names":{"string":["a","b"]}},"success":true}}}`},
		{"wrapped, request_id first", `{"ascp_channel_distributor_product_list_response":{"request_id":"x","product_list_response":{"data":{"total_count":6,"names":["a","b"]},"success":true}}}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got listResponse
			if err := DecodeResponse([]byte(c.body), JSON, method, &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, &got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
