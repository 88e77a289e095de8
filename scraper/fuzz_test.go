package scraper

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseText: no input makes the text reader panic, and whatever it
// accepts is a valid spec. Seeded with the bundled pages; crashers found
// by `go test -fuzz ^FuzzParseText$ ./scraper` land in testdata/fuzz and run
// as regression cases in every `go test`.
func FuzzParseText(f *testing.F) {
	pages, _ := filepath.Glob("../pages/*.txt")
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		api, _, err := ParseText("fuzz.txt", data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %v is not a *scraper.Error", err)
			}
			return
		}
		if err := api.Validate(); err != nil {
			t.Fatalf("accepted page gives an invalid spec: %v", err)
		}
	})
}

// FuzzParse covers every reader through the content switch: text pages,
// HTML renderings and the doc site's JSON.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"../pages/*", "../golden/html/*.html"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		api, _, err := Parse("fuzz", data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %v is not a *scraper.Error", err)
			}
			return
		}
		if err := api.Validate(); err != nil {
			t.Fatalf("accepted doc gives an invalid spec: %v", err)
		}
	})
}
