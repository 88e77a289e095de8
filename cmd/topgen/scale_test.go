package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/allocs"
)

// BenchmarkScale runs hostile-size docs (scale_docs_test.go) through the
// whole path but the writing, at 1×, 10× and 100× of each dimension, for
// the growth per 10× step (ns/op and B/op should grow ~10×):
//
//	go test -run '^$' -bench '^BenchmarkScale$' -benchmem ./cmd/topgen/
func BenchmarkScale(b *testing.B) {
	for _, dim := range scaleDims {
		for _, n := range []int{1, 10, 100} {
			b.Run(fmt.Sprintf("json/%s/x%d", dim, n), func(b *testing.B) {
				benchDoc(b, "scale.json", scaledDoc(dim, n), dim == "depth" && n == 100)
			})
		}
	}
	for _, format := range []string{"txt", "html"} {
		for _, dim := range []string{"desc", "params"} {
			for _, n := range []int{1, 10, 100} {
				b.Run(fmt.Sprintf("%s/%s/x%d", format, dim, n), func(b *testing.B) {
					benchDoc(b, "scale."+format, scaledPage(b, format, dim, n), false)
				})
			}
		}
	}
}

// benchDoc measures docPath on one doc; refused says the doc must be
// refused (beyond the depth cap), and then the cost of refusing it is
// measured.
func benchDoc(b *testing.B, name string, doc []byte, refused bool) {
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		err := docPath(name, doc)
		if (err != nil) != refused {
			b.Fatalf("refused=%v: %v", refused, err)
		}
	}
}

// TestScaleLinearMemory: for every dimension, a doc 10× larger allocates at
// most 20× the bytes on the whole path (linear growth gives ~10×; each
// quadratic stage the issue found gave ~100×, e.g. comment wrapping
// re-converting the rest of a description to runes for every line). The
// sizes are the benchmark's 1× and 10×.
func TestScaleLinearMemory(t *testing.T) {
	type doc struct {
		name string
		make func(n int) []byte
	}
	var docs []doc
	for _, dim := range scaleDims {
		if dim == "depth" {
			continue // 10× depth is refused; TestDepthCap covers it
		}
		docs = append(docs, doc{"json/" + dim, func(n int) []byte { return scaledDoc(dim, n) }})
	}
	for _, format := range []string{"txt", "html"} {
		for _, dim := range []string{"desc", "params"} {
			docs = append(docs, doc{format + "/" + dim, func(n int) []byte { return scaledPage(t, format, dim, n) }})
		}
	}
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			name := "scale." + strings.Split(d.name, "/")[0]
			var bytes [2]uint64
			for i, n := range []int{1, 10} {
				doc := d.make(n)
				var err error
				bytes[i] = allocs.Bytes(func() { err = docPath(name, doc) })
				if err != nil {
					t.Fatalf("x%d: %v", n, err)
				}
			}
			ratio := float64(bytes[1]) / float64(bytes[0])
			t.Logf("x1 %d B, x10 %d B: %.1f×", bytes[0], bytes[1], ratio)
			if ratio > 20 {
				t.Errorf("10× the doc allocates %.1f× the bytes (x1 %d B, x10 %d B): the path is not linear", ratio, bytes[0], bytes[1])
			}
		})
	}
}
