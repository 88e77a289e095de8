package udiff

import (
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

func TestUnified(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\n"
	want := `--- old
+++ new
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
@@ -9,3 +9,4 @@
 i
 j
 k
+l
`
	if got := Unified("old", "new", []byte(old), []byte(new)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if Unified("x", "y", []byte("same\n"), []byte("same\n")) != "" {
		t.Errorf("equal inputs give a diff")
	}
	if got := Unified("/dev/null", "new", nil, []byte("x\ny\n")); got != "--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+x\n+y\n" {
		t.Errorf("new file:\n%s", got)
	}
	if got := Unified("old", "/dev/null", []byte("x\n"), nil); got != "--- old\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n" {
		t.Errorf("removed file:\n%s", got)
	}
}
