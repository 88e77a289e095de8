package quote

import (
	"strings"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accepts go test ./... -update
)

func TestValue(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", `""`},
		{`a"b`, `"a\"b"`},
		{strings.Repeat("x", Max), `"` + strings.Repeat("x", Max) + `"`},
		{strings.Repeat("x", Max+1), `"` + strings.Repeat("x", Max) + `"… (65 bytes)`},
		// 22 three-byte runes are 66 bytes: the cut keeps 21 whole ones.
		{strings.Repeat("淘", 22), `"` + strings.Repeat("淘", 21) + `"… (66 bytes)`},
	}
	for _, c := range cases {
		if got := Value(c.in); got != c.want {
			t.Errorf("Value(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	if got := Value(strings.Repeat("9", 4<<20)); len(got) > 2*Max {
		t.Errorf("Value of 4 MB is %d bytes", len(got))
	}
}

func TestText(t *testing.T) {
	if got := Text("short", 10); got != "short" {
		t.Errorf("Text(short) = %q", got)
	}
	if got := Text("0123456789abc", 10); got != "0123456789… (13 bytes)" {
		t.Errorf("Text(long) = %q", got)
	}
}
