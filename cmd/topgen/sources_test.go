package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func copyPage(t *testing.T, page, to string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../pages", page))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(to), 0o755)
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Source folders are read recursively, symlinks are followed (a loop is
// read once), hidden files and the doc site's catalogue files are
// skipped, each kind with one line.
func TestGenerateSourcesRecursive(t *testing.T) {
	dir, cfg := project(t)
	pages := filepath.Join(dir, "pages")
	copyPage(t, "alibaba.omni.order.query.txt", filepath.Join(pages, "omni", "alibaba.omni.order.query.txt"))
	copyPage(t, "taobao.tbk.coupon.convert.json", filepath.Join(pages, "tbk", "coupon", "taobao.tbk.coupon.convert.json"))
	for _, group := range []string{"omni", "tbk"} {
		os.WriteFile(filepath.Join(pages, group, "catelog.json"), []byte(`{"name": "导购", "pkg": "`+group+`", "id": 21055}`), 0o644)
	}
	os.WriteFile(filepath.Join(pages, "omni", ".DS_Store"), []byte("junk"), 0o644)
	// A doc kept elsewhere and linked in, and a link back up the tree.
	copyPage(t, "alibaba.damai.mz.order.detail.txt", filepath.Join(dir, "elsewhere", "detail.txt"))
	if err := os.Symlink(filepath.Join("..", "elsewhere", "detail.txt"), filepath.Join(pages, "detail.txt")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	os.Symlink("..", filepath.Join(pages, "tbk", "up"))

	code, out, errs := topgen(t, "generate", "-config", cfg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, spec := range []string{"alibaba.omni.order.query", "taobao.tbk.coupon.convert", "alibaba.damai.mz.order.detail"} {
		if !strings.Contains(out, filepath.Join(dir, "specs", spec+".yaml")) {
			t.Errorf("no spec written for %s:\n%s", spec, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 2 ||
		lines[0] != "topgen generate: skipped 2 catalogue files (the doc site's API group lists, not docs): "+
			filepath.Join(pages, "omni", "catelog.json")+", "+filepath.Join(pages, "tbk", "catelog.json") ||
		lines[1] != "topgen generate: read 1 place once (symlinks lead there twice): "+filepath.Join(pages, "tbk", "up")+" (already read as "+pages+")" {
		t.Errorf("stderr: want one line about the catalogue files and one about the loop, got:\n%s", errs)
	}
}

// A source that holds no doc says which folders were read and what they
// held; so does an include that leaves nothing.
func TestGenerateEmptySourcesExplained(t *testing.T) {
	dir, cfg := project(t)
	pages := filepath.Join(dir, "pages")
	os.MkdirAll(filepath.Join(pages, "tbk"), 0o755)
	os.WriteFile(filepath.Join(pages, "tbk", "catelog.json"), []byte(`{"name": "淘宝客", "pkg": "tbk", "id": 1}`), 0o644)
	os.WriteFile(filepath.Join(pages, ".hidden.txt"), []byte("x"), 0o644)
	code, _, errs := topgen(t, "generate", "-config", cfg)
	want := "topgen generate: the sources hold no doc: read 2 folders (" + pages + ", " + filepath.Join(pages, "tbk") +
		"): 0 docs, 1 catalogue file, 1 hidden file or folder skipped\n"
	if code != 1 || !strings.HasSuffix(errs, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant 1 and it to end with:\n%s", code, errs, want)
	}

	copyPage(t, "alibaba.omni.order.query.txt", filepath.Join(pages, "tbk", "alibaba.omni.order.query.txt"))
	os.WriteFile(cfg, []byte("sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/shop/gen\nexclude: [\"alibaba.*\"]\n"), 0o644)
	code, _, errs = topgen(t, "generate", "-config", cfg)
	if code != 1 || !strings.Contains(errs, "include/exclude leave none of the 1 API of the sources to generate (read 2 folders") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
}

// A symlink to nothing is an error naming the link and its target.
func TestGenerateBrokenSymlink(t *testing.T) {
	dir, cfg := project(t, "alibaba.omni.order.query.txt")
	link := filepath.Join(dir, "pages", "gone.txt")
	if err := os.Symlink("nowhere.txt", link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	code, _, errs := topgen(t, "generate", "-config", cfg)
	if code != 1 || !strings.HasPrefix(errs, "topgen generate: "+link+": a symlink to nowhere.txt, which cannot be read") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "specs")); err == nil {
		t.Error("specs written despite the error")
	}
}

// The readers' warnings are one line on every run; -v lists them.
func TestGenerateWarningsCountedOrListed(t *testing.T) {
	_, cfg := project(t, "taobao.tbk.relation.refund.json", "alibaba.omni.order.query.txt")
	code, _, errs := topgen(t, "generate", "-config", cfg)
	if want := "topgen generate: 2 warnings about 1 doc; topgen generate -v lists them\n"; code != 0 || errs != want {
		t.Errorf("exit %d, stderr %q; want 0 and %q", code, errs, want)
	}
	code, _, errs = topgen(t, "generate", "-config", cfg, "-check", "-v")
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 0 || len(lines) != 2 {
		t.Fatalf("-v: exit %d, stderr:\n%s\nwant the 2 warnings", code, errs)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "topgen generate: ") || !strings.Contains(l, "taobao.tbk.relation.refund.json: $.rspSample") ||
			!strings.Contains(l, "warning: invalid sample") {
			t.Errorf("-v line %q", l)
		}
	}
}
