package generator

import (
	"slices"
	"strings"
	"testing"
)

var oneLineCases = []string{
	"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "商品ID", "商品 ID",
	"\x00", "a\x7fb", "\ufeffa", "a\u2028b", "a\u00a0b", "a\u0085b", "\xff", "a\ufffdb",
	"a\u200bb", "a\u200db", "中文\u3000空格", "// x", "/* x",
}

// isOneLine is oneLine's fast path: it must say "unchanged" exactly when the
// full pass changes nothing.
func TestIsOneLine(t *testing.T) {
	for _, s := range oneLineCases {
		if got, want := isOneLine(s), collapseSpaces(s) == s; got != want {
			t.Errorf("isOneLine(%q) = %v, but the full pass gives %q", s, got, collapseSpaces(s))
		}
	}
}

func FuzzIsOneLine(f *testing.F) {
	for _, s := range oneLineCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isOneLine(s), collapseSpaces(s) == s; got != want {
			t.Errorf("isOneLine(%q) = %v, but the full pass gives %q", s, got, collapseSpaces(s))
		}
		// docLines' one-line shortcut must agree with wrapping.
		if got, want := docLines(s), wrapLines(oneLine(s)); !slices.Equal(got, want) {
			t.Errorf("docLines(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestDocLines(t *testing.T) {
	long := strings.Repeat("很", 100)
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" \n ", nil},
		{"商品ID", []string{"商品ID"}},
		{"// not a directive", []string{" // not a directive"}},
		{long, []string{long[:96*3], long[96*3:]}},
		{strings.Repeat("word ", 30), []string{strings.TrimSpace(strings.Repeat("word ", 19)), strings.TrimSpace(strings.Repeat("word ", 11))}},
	} {
		if got := docLines(c.in); !slices.Equal(got, c.want) {
			t.Errorf("docLines(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := wrapLines(oneLine(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("wrapping %q = %q, want %q", c.in, got, c.want)
		}
	}
}

// BenchmarkDocLines is the comment path of every description, on the common
// case: short Chinese and ASCII lines that need no change and no wrapping.
func BenchmarkDocLines(b *testing.B) {
	texts := []string{"淘宝客账户下全量维权退款订单查询", "商品ID", "Page size, 1-100"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			docLines(s)
		}
	}
}
