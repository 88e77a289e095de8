package scraper

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExportRenderedPages writes every catalog doc rendered as a text page
// (the pages TestCorpusTextPages reads) to $TOPGEN_EXPORT_PAGES, one
// <method>.txt each, for scripts/check-rendered-catalog.sh: those pages go
// through `topgen generate` as a user's would, and the generated clients'
// own tests decode each page's examples. It skips unless the variable is
// set.
func TestExportRenderedPages(t *testing.T) {
	dir := os.Getenv("TOPGEN_EXPORT_PAGES")
	if dir == "" {
		t.Skip("set TOPGEN_EXPORT_PAGES=DIR to export the catalog as text pages")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	docs := corpusDocs(t, 1)
	if len(docs) == 0 {
		t.Skip("catalog corpus not present at " + corpusDir)
	}
	for _, doc := range docs {
		page := renderText(doc)
		if err := os.WriteFile(filepath.Join(dir, doc.Method+".txt"), []byte(page.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d pages written to %s", len(docs), dir)
}
