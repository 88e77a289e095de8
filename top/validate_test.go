package top

import (
	"errors"
	"testing"
)

func TestValidator(t *testing.T) {
	v := new(Validator)
	v.Required("a", true)
	v.MaxLength("b", "一二三", 3)
	v.MaxListSize("c", 20, 20)
	v.Min("d", 1, 1)
	v.Max("e", 100, 100)
	v.Decimal("f", "149.00")
	if err := v.Err(); err != nil {
		t.Fatalf("values at their limits: %v", err)
	}
	v.Required("p.goods_list[2].price_id", false)
	v.MaxLength("b", "一二三四", 3)
	v.MaxListSize(Index("c", 0), 21, 20)
	v.Min("d", 0, 1)
	v.Max("e", 101, 100)
	v.Decimal("f", "12.3.4")
	want := "p.goods_list[2].price_id: required\n" +
		"b: length 4 is above the maximum 3\n" +
		"c[0]: list size 21 is above the maximum 20\n" +
		"d: value 0 is below the minimum 1\n" +
		"e: value 101 is above the maximum 100\n" +
		`f: "12.3.4" is not a decimal number`
	err := v.Err()
	if err == nil || err.Error() != want {
		t.Errorf("Err() =\n%v\nwant\n%s", err, want)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Path != "p.goods_list[2].price_id" || ve.Problem != "required" {
		t.Errorf("errors.As: %+v", ve)
	}
}

func TestValidatorDecimalRange(t *testing.T) {
	v := new(Validator)
	v.MinDecimal("p", "0.01", 0)
	v.MaxDecimal("p", "100.00", 100)
	v.MaxDecimal("p", "1E+2", 100)
	v.MinDecimal("p", "bad", 0) // reported by Decimal, not here
	v.MaxDecimal("p", "1e99999", 100)
	if err := v.Err(); err != nil {
		t.Fatalf("values within range: %v", err)
	}
	v.MinDecimal("p", "-0.01", 0)
	v.MaxDecimal("q", "100.0000001", 100)
	want := "p: value -0.01 is below the minimum 0\nq: value 100.0000001 is above the maximum 100"
	if err := v.Err(); err == nil || err.Error() != want {
		t.Errorf("Err() = %v, want\n%s", err, want)
	}
}
