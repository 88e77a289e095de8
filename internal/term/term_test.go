package term

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

func TestIs(t *testing.T) {
	if Is(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if Is(f) {
		t.Error("a regular file is a terminal")
	}
}
