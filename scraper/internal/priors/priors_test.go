package priors

import (
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accepts go test ./... -update
)

// BenchmarkCatalog measures decoding the embedded priors, which the first
// page that needs them pays once.
func BenchmarkCatalog(b *testing.B) {
	for b.Loop() {
		text, err := Decompress(catalogGz)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Decode(text); err != nil {
			b.Fatal(err)
		}
	}
}
