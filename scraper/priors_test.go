package scraper

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/slowtest"
	"github.com/opentop/topgen/scraper/internal/priors"
)

// The checked-in priors are the catalog's: rebuilt from the corpus they
// encode to the same text (compared decoded, as gzip's bytes may differ
// between Go versions). Regenerate with go generate ./scraper/internal/priors.
func TestPriorsMatchCatalog(t *testing.T) {
	slowtest.Require(t, "rebuilding the priors from the whole catalog")
	docs := corpusDocs(t, 1)
	if len(docs) == 0 {
		t.Skip("corpus not present at " + corpusDir)
	}
	fresh := priors.New()
	for _, doc := range docs {
		fresh.Add(priors.Of(doc))
	}
	if !bytes.Equal(priors.Encode(fresh), priors.Encode(priors.Catalog())) {
		t.Errorf("scraper/internal/priors/catalog.txt.gz is stale: run go generate ./scraper/internal/priors")
	}
}

// The encoding is deterministic and round-trips, and the file stays small.
func TestPriorsEncoding(t *testing.T) {
	gz, err := os.ReadFile("internal/priors/catalog.txt.gz")
	if err != nil {
		t.Fatal(err)
	}
	if len(gz) > 1<<20 {
		t.Errorf("catalog.txt.gz is %d bytes, want at most 1 MiB", len(gz))
	}
	text, err := priors.Decompress(gz)
	if err != nil {
		t.Fatal(err)
	}
	c, err := priors.Decode(text)
	if err != nil {
		t.Fatal(err)
	}
	if again := priors.Encode(c); !bytes.Equal(again, text) {
		t.Errorf("decode then encode changes the text")
	}
	// A few facts any TOP catalog has.
	if top := c.Level("success"); top.Top <= top.Deep {
		t.Errorf("success sits under a top-level parameter more often than deeper: %+v", top)
	}
	if with, total := c.TypeField("Result", "success"); total == 0 || with == 0 {
		t.Errorf("Result/success: %d of %d", with, total)
	}
	for _, bad := range []string{"", "topgen-priors 2\nx y\n", "topgen-priors 2\nt T 1 zz:1\n", "topgen-priors 2\nl 1 2 3\n"} {
		if _, err := priors.Decode([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "priors: ") {
			t.Errorf("Decode(%q): %v", bad, err)
		}
	}
}

// One API's own contribution is what leave-one-out subtracts: the counts
// of the catalog without it, as if it had never been there.
func TestPriorsLeaveOneOut(t *testing.T) {
	api := mustParse(t, "../pages/alibaba.omni.order.query.txt")
	own := priors.Of(api)
	all := priors.New()
	all.Add(own)
	all.Add(own) // as if two APIs documented the same
	loo := withoutAPI{all: all, own: own}
	if w, tot := loo.typeField("OrderCreateResult", "order_id"); w != 1 || tot != 1 {
		t.Errorf("type field without one API: %d of %d, want 1 of 1", w, tot)
	}
	if l := loo.level("msg_code"); l.Top != 1 || l.Deep != 0 {
		t.Errorf("msg_code level without one API: %+v", l)
	}
	if n := loo.sibling("step_no", "pay_status"); n != 1 {
		t.Errorf("sibling pair without one API: %d", n)
	}
	if w, tot := (withoutAPI{all: own, own: own}).typeField("OrderCreateResult", "order_id"); w != 0 || tot != 0 {
		t.Errorf("an API alone, left out: %d of %d", w, tot)
	}
}
