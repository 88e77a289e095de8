package top

import "testing"

func TestDecimal(t *testing.T) {
	for _, s := range []string{"0", "149.00", "-3", "+1.5", ".5", "5.", "1.5E+3", "12345678901234567890.123456789"} {
		d, err := ParseDecimal(s)
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", s, err)
			continue
		}
		if d.String() != s {
			t.Errorf("ParseDecimal(%q) = %q, want the same text", s, d)
		}
		if _, ok := d.Rat(); !ok {
			t.Errorf("%q.Rat() failed", s)
		}
	}
	for _, s := range []string{"", ".", "-", "1,5", "1e", "0x10", "NaN", "Inf", "1 ", "1.2.3"} {
		if _, err := ParseDecimal(s); err == nil {
			t.Errorf("ParseDecimal(%q) succeeded, want an error", s)
		}
	}
	r, _ := Decimal("0.10").Rat()
	if r.String() != "1/10" {
		t.Errorf("0.10 = %s, want exactly 1/10", r)
	}
}
