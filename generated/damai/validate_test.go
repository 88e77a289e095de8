package damai

// Hand-written (no generated header, so topgen leaves it alone): the
// generated Validate against the doc's limits, on inputs the examples do
// not cover.

import (
	"errors"
	"strings"
	"testing"

	"github.com/opentop/topgen/top"
)

func TestValidateNamesNestedPaths(t *testing.T) {
	req := exampleMzOrderCreateRequest()
	goods := req.Param.GoodsList[0]
	goods.PriceID = nil // required inside the third item of the list
	req.Param.GoodsList = append(req.Param.GoodsList, req.Param.GoodsList[0], goods)
	req.Param.GoodsList[0].PriceID = top.Ptr("44281279312")
	req.Param.GoodsList[1].PriceID = top.Ptr("44281279312")
	err := req.Validate()
	if err == nil || err.Error() != "param.goods_list[2].price_id: required" {
		t.Fatalf("Validate = %v, want param.goods_list[2].price_id: required", err)
	}
	var ve *top.ValidationError
	if !errors.As(err, &ve) || ve.Path != "param.goods_list[2].price_id" {
		t.Errorf("errors.As to *top.ValidationError: %+v", ve)
	}
	if err := NewMzOrderCreateRequest().Validate(); err == nil || err.Error() != "param: required" {
		t.Errorf("empty request: %v", err)
	}
}

func TestValidateMaxLengthCountsCharacters(t *testing.T) {
	// 最大长度:32 for mz_order_id: 32 Chinese characters are 96 bytes but
	// within the limit; 33 are not.
	req := NewMzOrderDetailRequest().SetMzUserID("7383771901").SetMzOrderID(strings.Repeat("麦", 32))
	if err := req.Validate(); err != nil {
		t.Errorf("32 characters: %v", err)
	}
	req.SetMzOrderID(strings.Repeat("麦", 33))
	if err := req.Validate(); err == nil || !strings.HasPrefix(err.Error(), "mz_order_id: ") {
		t.Errorf("33 characters: %v, want a mz_order_id problem", err)
	}
	req = NewMzOrderDetailRequest()
	if err := req.Validate(); err == nil || err.Error() != "mz_order_id: required\nmz_user_id: required" {
		t.Errorf("every problem is listed: %v", err)
	}
}
