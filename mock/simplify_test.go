package mock

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/opentop/topgen/top/toptest"
)

// TestSimplifyDerivationMatchesDocs: for every bundled doc that gives both
// a JSON and a simplify JSON example, toptest.SimplifyJSON derives the
// latter from the former exactly (the docs' samples, not this code, are
// the expected values).
func TestSimplifyDerivationMatchesDocs(t *testing.T) {
	apis, err := LoadDir("../specs")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, api := range apis {
		ex := api.Examples
		if ex.ResponseJSON == "" || ex.ResponseSimplifyJSON == "" {
			continue
		}
		n++
		wrapped, err := compact(ex.ResponseJSON)
		if err != nil {
			t.Fatal(err)
		}
		want, err := unwrap(ex.ResponseSimplifyJSON, api.ResponseKey())
		if err != nil {
			t.Fatal(err)
		}
		got, err := toptest.SimplifyJSON(wrapped)
		if err != nil || canonical(t, got) != canonical(t, want) {
			t.Errorf("%s:\n got %s (%v)\nwant %s", api.Method, got, err, want)
		}
	}
	if n < 10 {
		t.Errorf("%d docs with both examples, want the 10 bundled ones", n)
	}
}

// canonical re-encodes JSON text so that two spellings of the same value
// compare equal (the docs write "https:\/\/"), numbers kept as written.
func canonical(t *testing.T, s string) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%v in %s", err, s)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
