package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fakeDocSite replays fetch/testdata: the bootstrap sets _tb_token_, the
// JSON handlers answer the recorded catalogue and documents when the
// token comes back, the login page otherwise.
func fakeDocSite(t *testing.T) (*httptest.Server, func() []string) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("../../fetch/testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var (
		mu  sync.Mutex
		log []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		log = append(log, r.URL.Path+"?"+r.URL.RawQuery)
		mu.Unlock()
		if r.URL.Path == "/docCenter" {
			http.SetCookie(w, &http.Cookie{Name: "_tb_token_", Value: "tok", Path: "/"})
			w.Write(read("docCenter.html"))
			return
		}
		if c, err := r.Cookie("_tb_token_"); err != nil || c.Value != "tok" || r.URL.Query().Get("_tb_token_") != "tok" {
			w.Write(read("login.html"))
			return
		}
		switch r.URL.Path {
		case "/handler/document/getApiCatelogConfig.json":
			w.Write(read("catalogue.json"))
		case "/handler/document/getDocument.json":
			b, err := os.ReadFile(filepath.Join("../../fetch/testdata", "doc-"+r.URL.Query().Get("docId")+".json"))
			if err != nil {
				b = read("fail.json")
			}
			w.Write(b)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), log...)
	}
}

func fetchCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := runFetch(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestFetchCLIAllThenScrape(t *testing.T) {
	srv, _ := fakeDocSite(t)
	dir := t.TempDir()
	code, out, errs := fetchCLI("-base", srv.URL, "-o", dir, "-rate", "0", "-all")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	// stderr is no terminal: no progress bar, nothing at all.
	if errs != "" {
		t.Errorf("stderr %q", errs)
	}
	want := ""
	for _, m := range []string{"alibaba.ud.udsmartdata.get", "taobao.tbk.coupon.convert", "taobao.tbk.dg.general.link.parse", "taobao.tbk.sc.general.link.parse"} {
		want += "wrote " + filepath.Join(dir, m+".json") + "\n"
	}
	want += "fetched 4, wrote 4, unchanged 0, failed 0\n"
	if out != want {
		t.Errorf("stdout:\n%s", out)
	}
	// scrape reads what fetch wrote.
	specs := t.TempDir()
	pages, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var args []string
	for _, p := range pages {
		if filepath.Base(p) != ".fetch-index.json" {
			args = append(args, p)
		}
	}
	if len(args) != 4 {
		t.Fatalf("pages %v", pages)
	}
	if code, _, errs := topgen(t, append([]string{"scrape", "-o", specs}, args...)...); code != 0 {
		t.Fatalf("scrape: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(specs, "taobao.tbk.coupon.convert.yaml")); err != nil {
		t.Error(err)
	}

	// A second run writes nothing.
	code, out, _ = fetchCLI("-base", srv.URL, "-o", dir, "-rate", "0", "-all")
	if code != 0 || out != "fetched 4, wrote 0, unchanged 4, failed 0\n" {
		t.Errorf("second run: exit %d, stdout %q", code, out)
	}
}

func TestFetchCLIMethodAndDocID(t *testing.T) {
	srv, requests := fakeDocSite(t)
	dir := t.TempDir()
	code, out, errs := fetchCLI("-base", srv.URL, "-o", dir, "-rate", "0", "taobao.tbk.dg.general.link.parse", "70153")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, f := range []string{"taobao.tbk.dg.general.link.parse.json", "alibaba.ud.udsmartdata.get.json"} {
		if !strings.Contains(out, "wrote "+filepath.Join(dir, f)+"\n") {
			t.Errorf("stdout lacks %s:\n%s", f, out)
		}
	}
	var docs int
	for _, r := range requests() {
		if strings.HasPrefix(r, "/handler/document/getDocument.json?") {
			docs++
		}
	}
	if docs != 2 {
		t.Errorf("%d document requests, want 2: %v", docs, requests())
	}
}

func TestFetchCLIErrors(t *testing.T) {
	srv, _ := fakeDocSite(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage: topgen fetch"},
		{[]string{"-all", "29289"}, 2, "-all and METHOD|DOCID arguments exclude each other"},
		{[]string{"-concurrency", "0", "-all"}, 2, "usage: topgen fetch"},
		{[]string{"-base", srv.URL, "-rate", "0", "99999"}, 1, "docId 99999"},
		{[]string{"-base", srv.URL, "-rate", "0", "no.such.method"}, 1, "method no.such.method is not in the catalogue"},
	} {
		args := append([]string{"-o", t.TempDir()}, c.args...)
		code, _, errs := fetchCLI(args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("fetch %v: exit %d, stderr %q; want exit %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}

// TestFetchCLIRefusesBadDocsAndNames: a reply the scraper cannot read
// fails the run and is not written; a target like -rf is bad usage, found
// before any request.
func TestFetchCLIRefusesBadDocsAndNames(t *testing.T) {
	srv, requests := fakeDocSite(t)
	dir := t.TempDir()
	code, _, errs := fetchCLI("-base", srv.URL, "-o", dir, "-rate", "0", "90001", "29289")
	if code != 1 || !strings.Contains(errs, "docId 90001 (taobao.tbk.broken.doc): the document cannot be read, not written") {
		t.Errorf("unreadable doc: exit %d, stderr %q; want exit 1 naming the doc", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "taobao.tbk.broken.doc.json")); !os.IsNotExist(err) {
		t.Errorf("the unreadable doc was written (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "taobao.tbk.coupon.convert.json")); err != nil {
		t.Errorf("the good doc of the same run: %v", err)
	}

	n := len(requests())
	code, _, errs = fetchCLI("-base", srv.URL, "-o", t.TempDir(), "taobao.tbk.coupon.convert", "--", "-rf")
	if code != 2 || !strings.Contains(errs, `"-rf" is neither a docId nor a TOP method name`) {
		t.Errorf("-rf: exit %d, stderr %q; want exit 2 naming it", code, errs)
	}
	if len(requests()) != n {
		t.Errorf("-rf: requests were sent")
	}
}
