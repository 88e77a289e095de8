package top

import (
	"fmt"
	"math/big"
)

// Decimal is a Price or BigDecimal value kept as its exact decimal text
// ("149.00", "-3", "1.5E+3"). It never passes through float64, so money
// amounts round-trip exactly; use Rat for arithmetic. The zero value ""
// means "absent".
type Decimal string

// ParseDecimal checks that s is a decimal number (optional sign, digits,
// optional fraction, optional exponent) and returns it as a Decimal.
func ParseDecimal(s string) (Decimal, error) {
	if !isDecimal(s) {
		return "", fmt.Errorf("top: %s is not a decimal number", quoteValue(s))
	}
	return Decimal(s), nil
}

// String returns the decimal text.
func (d Decimal) String() string { return string(d) }

// IsZero reports whether d is absent (empty text).
func (d Decimal) IsZero() bool { return d == "" }

// Rat returns the exact value of d; ok is false when d is empty or malformed.
func (d Decimal) Rat() (r *big.Rat, ok bool) {
	if !isDecimal(string(d)) {
		return nil, false
	}
	return new(big.Rat).SetString(string(d))
}

// isDecimal accepts [+-]digits[.digits][(e|E)[+-]digits], also ".5" and "5.".
// Hand-written rather than a regexp: it runs for every decoded Price field,
// on the body's bytes.
func isDecimal[T string | []byte](s T) bool {
	i, n := 0, len(s)
	if i < n && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < n && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < n && s[i] == '.' {
		i++
		for i < n && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < n && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < n && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == n
}
