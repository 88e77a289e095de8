package top

import (
	"strconv"
	"time"
)

// Ptr returns a pointer to v, for setting optional fields of the generated
// struct types: &damai.MzOrderCreateGoods{PriceID: top.Ptr("44281279312")}.
func Ptr[T any](v T) *T { return &v }

// FormatInts formats a Number[] parameter's items for Params.SetList.
func FormatInts(xs []int64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.FormatInt(x, 10)
	}
	return out
}

// FormatBools formats a Boolean[] parameter's items for Params.SetList.
func FormatBools(xs []bool) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.FormatBool(x)
	}
	return out
}

// FormatTimes formats a Date[] parameter's items (GMT+8) for Params.SetList.
func FormatTimes(xs []time.Time) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = FormatTime(x)
	}
	return out
}

// FormatDecimals formats a Price[]/BigDecimal[] parameter's items for
// Params.SetList.
func FormatDecimals(xs []Decimal) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// DoNotCompare is the blank first field of every struct topgen generates
// (requests, responses and the doc types in them), which makes them not
// comparable with ==. Go compiles an equality function for every comparable
// struct type a package declares, used or not; in a generated package of
// many decoded types (alihealth, 328 APIs) they were 799 of 5,683 compiled
// functions and about as large a share of its compile time. Compare generated values with reflect.DeepEqual or go-cmp (which
// skips blank fields); the field takes no space and is never encoded.
type DoNotCompare [0]func()
