package top

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/opentop/topgen/internal/quote"
)

// ValidationError is one problem of a request, found before sending it.
type ValidationError struct {
	// Path names the parameter by its doc names, with list indexes:
	// "param.goods_list[2].price_id".
	Path    string
	Problem string
}

func (e *ValidationError) Error() string { return e.Path + ": " + e.Problem }

// Validator collects the problems of a request; generated Validate methods
// use it so that every problem is reported, not only the first.
type Validator struct {
	errs []error
}

func (v *Validator) add(path, problem string) {
	v.errs = append(v.errs, &ValidationError{Path: path, Problem: problem})
}

// Required records a missing required parameter.
func (v *Validator) Required(path string, present bool) {
	if !present {
		v.add(path, "required")
	}
}

// MaxLength checks 最大长度, counted in characters (runes), not bytes.
func (v *Validator) MaxLength(path, s string, max int64) {
	if n := int64(utf8.RuneCountInString(s)); n > max {
		v.add(path, "length "+strconv.FormatInt(n, 10)+" is above the maximum "+strconv.FormatInt(max, 10))
	}
}

// MaxListSize checks 最大列表长度.
func (v *Validator) MaxListSize(path string, n int, max int64) {
	if int64(n) > max {
		v.add(path, "list size "+strconv.Itoa(n)+" is above the maximum "+strconv.FormatInt(max, 10))
	}
}

// Min checks 最小值.
func (v *Validator) Min(path string, x, min int64) {
	if x < min {
		v.add(path, "value "+strconv.FormatInt(x, 10)+" is below the minimum "+strconv.FormatInt(min, 10))
	}
}

// Max checks 最大值.
func (v *Validator) Max(path string, x, max int64) {
	if x > max {
		v.add(path, "value "+strconv.FormatInt(x, 10)+" is above the maximum "+strconv.FormatInt(max, 10))
	}
}

// Decimal checks that a Price/BigDecimal value is a decimal number.
func (v *Validator) Decimal(path string, d Decimal) {
	if !isDecimal(string(d)) {
		v.add(path, quoteValue(string(d))+" is not a decimal number")
	}
}

// MinDecimal checks 最小值 on a Price/BigDecimal value, exactly (no float).
func (v *Validator) MinDecimal(path string, d Decimal, min int64) {
	if c, ok := cmpDecimal(d, min); ok && c < 0 {
		v.add(path, "value "+quote.Text(string(d), quote.Max)+" is below the minimum "+strconv.FormatInt(min, 10))
	}
}

// MaxDecimal checks 最大值 on a Price/BigDecimal value, exactly (no float).
func (v *Validator) MaxDecimal(path string, d Decimal, max int64) {
	if c, ok := cmpDecimal(d, max); ok && c > 0 {
		v.add(path, "value "+quote.Text(string(d), quote.Max)+" is above the maximum "+strconv.FormatInt(max, 10))
	}
}

// cmpDecimal compares d with n; ok is false when d is not a decimal (the
// Decimal check reports that) or its exponent is too large to expand
// (more than four digits), which would make the comparison itself costly.
func cmpDecimal(d Decimal, n int64) (int, bool) {
	s := string(d)
	if i := strings.IndexAny(s, "eE"); i >= 0 && len(strings.TrimLeft(s[i+1:], "+-")) > 4 {
		return 0, false
	}
	r, ok := d.Rat()
	if !ok {
		return 0, false
	}
	return r.Cmp(new(big.Rat).SetInt64(n)), true
}

// Err returns every recorded problem joined (errors.Join), or nil. Use
// errors.As with *ValidationError to inspect them.
func (v *Validator) Err() error { return errors.Join(v.errs...) }

// Index is the path of a list item: Index("param.goods_list", 2) is
// "param.goods_list[2]".
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
