package scraper

import (
	"os"
	"testing"
)

// BenchmarkParseText measures scraping one page (the largest seed).
func BenchmarkParseText(b *testing.B) {
	data, err := os.ReadFile("../pages/alibaba.damai.mz.order.detail.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ParseText("detail.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
