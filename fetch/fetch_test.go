package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/opentop/topgen/scraper"
)

func run(t *testing.T, cfg Config, targets []string, all bool) (Summary, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return New(cfg).Run(ctx, targets, all)
}

func listJSON(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestFetchAllWalksCatalogue(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	var log bytes.Buffer
	cfg := s.config(dir, &sleeps{})
	cfg.Log = &log
	sum, err := run(t, cfg, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Fetched: 4, Written: 4}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	want := []string{IndexFile}
	for id, m := range testDocs {
		want = append(want, m+".json")
		got, err := os.ReadFile(filepath.Join(dir, m+".json"))
		if err != nil {
			t.Fatal(err)
		}
		// The file is the reply as received, envelope included.
		if !bytes.Equal(got, readTestdata(t, "doc-"+id+".json")) {
			t.Errorf("%s.json is not the reply of docId %s", m, id)
		}
		// ... and scrape reads it.
		api, _, err := scraper.Parse(m+".json", got)
		if err != nil {
			t.Errorf("scraper.Parse(%s.json): %v", m, err)
		} else if api.Method != m {
			t.Errorf("scraper.Parse(%s.json): method %q", m, api.Method)
		}
		if s.hits(id) != 1 {
			t.Errorf("docId %s requested %d times, want once", id, s.hits(id))
		}
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, listJSON(t, dir)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if strings.Count(log.String(), "wrote ") != 4 {
		t.Errorf("log: %q", log.String())
	}

	// The bootstrap comes first; every JSON request carries the token as
	// a query parameter and a Referer on the site.
	paths := s.paths()
	if paths[0] != "/docCenter" || paths[1] != "/handler/document/getApiCatelogConfig.json" {
		t.Errorf("request order %v: want the bootstrap, then the catalogue", paths)
	}
	for _, r := range s.jsonRequests() {
		q := r.URL.Query()
		if q.Get("_tb_token_") != testToken {
			t.Errorf("%s: _tb_token_=%q, want %q", r.URL, q.Get("_tb_token_"), testToken)
		}
		if ref := r.Header.Get("Referer"); !strings.HasPrefix(ref, s.srv.URL+"/") {
			t.Errorf("%s: Referer %q", r.URL, ref)
		}
		if r.URL.Path == "/handler/document/getDocument.json" {
			if q.Get("docType") != "2" || q.Get("isEn") != "false" {
				t.Errorf("%s: want docType=2&isEn=false", r.URL)
			}
			if ref := r.Header.Get("Referer"); ref != s.srv.URL+"/api.htm?docId="+q.Get("docId")+"&docType=2" {
				t.Errorf("%s: Referer %q, want the API page of the doc", r.URL, ref)
			}
		}
	}

	// The index records every document with its gmtModified.
	var idx map[string]IndexEntry
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, IndexFile)), &idx); err != nil {
		t.Fatal(err)
	}
	wantIdx := map[string]IndexEntry{
		"29289": {"taobao.tbk.coupon.convert", 1696982432000},
		"68001": {"taobao.tbk.dg.general.link.parse", 1733967521000},
		"68002": {"taobao.tbk.sc.general.link.parse", 1733967521000},
		"70153": {"alibaba.ud.udsmartdata.get", 1739427573000},
	}
	if diff := cmp.Diff(wantIdx, idx); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFetchMethodAndDocID(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	// A method three levels deep in the catalogue, and a bare docId.
	sum, err := run(t, s.config(dir, &sleeps{}), []string{"taobao.tbk.sc.general.link.parse", "70153"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != 2 {
		t.Errorf("summary %+v", sum)
	}
	want := []string{IndexFile, "alibaba.ud.udsmartdata.get.json", "taobao.tbk.sc.general.link.parse.json"}
	if diff := cmp.Diff(want, listJSON(t, dir)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	// The method resolved to the catalogue item's id, not its docId field.
	if s.hits("68002") != 1 || s.hits("45801") != 0 {
		t.Errorf("hits: 68002=%d 45801=%d", s.hits("68002"), s.hits("45801"))
	}
	if s.hits("29289") != 0 || s.hits("68001") != 0 {
		t.Error("fetched documents that were not asked for")
	}
}

func TestFetchDocIDOnlySkipsCatalogue(t *testing.T) {
	s := newSite(t)
	if _, err := run(t, s.config(t.TempDir(), &sleeps{}), []string{"29289"}, false); err != nil {
		t.Fatal(err)
	}
	want := []string{"/docCenter", "/handler/document/getDocument.json"}
	if diff := cmp.Diff(want, s.paths()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestFetchUnknownMethod(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	_, err := run(t, s.config(dir, &sleeps{}), []string{"taobao.no.such.api"}, false)
	if err == nil || !strings.Contains(err.Error(), "method taobao.no.such.api is not in the catalogue (4 APIs)") {
		t.Fatalf("err = %v", err)
	}
	if n := len(listJSON(t, dir)); n != 0 {
		t.Errorf("%d files written", n)
	}
}

func TestFetchNothingToDo(t *testing.T) {
	_, err := New(Config{Base: "http://127.0.0.1:1"}).Run(context.Background(), nil, false)
	if err == nil || !strings.Contains(err.Error(), "nothing to fetch") {
		t.Fatalf("err = %v", err)
	}
}

func TestFetchConcurrencyLimit(t *testing.T) {
	for _, limit := range []int{1, 3} {
		s := newSite(t)
		s.limit = limit
		cfg := s.config(t.TempDir(), &sleeps{})
		cfg.Concurrency = limit
		if _, err := run(t, cfg, nil, true); err != nil {
			t.Fatal(err)
		}
		// Requests are held until limit are in flight, so a fetcher
		// that ignored the limit would reach 4, and one that did not
		// run in parallel would stay at 1.
		if s.peak != limit {
			t.Errorf("concurrency %d: peak of %d documents in flight", limit, s.peak)
		}
	}
}

func TestFetchLoginPage(t *testing.T) {
	s := newSite(t)
	// The site redirects a refused session to its login page.
	s.queue("68001", reply{status: 302, header: map[string]string{"Location": "/member/login.jhtml?redirectURL=x"}})
	dir := t.TempDir()
	sum, err := run(t, s.config(dir, &sleeps{}), nil, true)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"docId 68001", "/handler/document/getDocument.json?", "docId=68001", "status 200", "not JSON", "login or challenge page", "亲，请登录"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	// The others are still written; the failure is counted.
	if sum.Written != 3 || sum.Failed != 1 {
		t.Errorf("summary %+v", sum)
	}
	if _, err := os.Stat(filepath.Join(dir, testDocs["68001"]+".json")); err == nil {
		t.Error("a file was written for the login page")
	}
}

func TestFetchWithoutSessionGetsLoginPage(t *testing.T) {
	s := newSite(t)
	s.noToken = true
	_, err := run(t, s.config(t.TempDir(), &sleeps{}), []string{"29289"}, false)
	if err == nil || !strings.Contains(err.Error(), "set no _tb_token_ cookie") || !strings.Contains(err.Error(), s.srv.URL+"/docCenter") {
		t.Fatalf("err = %v", err)
	}
}

func TestFetchSuccessFalse(t *testing.T) {
	s := newSite(t)
	_, err := run(t, s.config(t.TempDir(), &sleeps{}), []string{"12345"}, false) // not on the site
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"docId 12345", "docId=12345", "success=false", "SYSTEM_ERROR", "文档不存在或已下线"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestFetchRetryThenSuccess(t *testing.T) {
	s := newSite(t)
	s.queue("29289",
		reply{status: 502, body: []byte("<html>502 Bad Gateway</html>")},
		reply{status: 429, body: []byte("slow down"), header: map[string]string{"Retry-After": "7"}})
	z := &sleeps{}
	dir := t.TempDir()
	sum, err := run(t, s.config(dir, z), []string{"29289"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if s.hits("29289") != 3 || sum.Written != 1 {
		t.Errorf("hits %d, summary %+v", s.hits("29289"), sum)
	}
	// Backoff(1) = 1s after the 502; after the 429 its Retry-After
	// (7s) beats Backoff(2) = 2s.
	if diff := cmp.Diff([]time.Duration{time.Second, 7 * time.Second}, z.list()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	if !bytes.Equal(readFile(t, filepath.Join(dir, "taobao.tbk.coupon.convert.json")), readTestdata(t, "doc-29289.json")) {
		t.Error("written file is not the 200 reply")
	}
}

func TestFetchRetryGivesUp(t *testing.T) {
	s := newSite(t)
	for range 5 {
		s.queue("29289", reply{status: 503, body: []byte("Service Unavailable")})
	}
	_, err := run(t, s.config(t.TempDir(), &sleeps{}), []string{"29289"}, false)
	if err == nil || !strings.Contains(err.Error(), "status 503") || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("err = %v", err)
	}
	if s.hits("29289") != 3 {
		t.Errorf("%d attempts, want 3", s.hits("29289"))
	}
}

func TestFetchNoRetryOn404(t *testing.T) {
	s := newSite(t)
	s.queue("29289", reply{status: 404, body: []byte("not found")})
	_, err := run(t, s.config(t.TempDir(), &sleeps{}), []string{"29289"}, false)
	if err == nil || !strings.Contains(err.Error(), "status 404") {
		t.Fatalf("err = %v", err)
	}
	if s.hits("29289") != 1 {
		t.Errorf("%d attempts, want 1", s.hits("29289"))
	}
}

func TestFetchBackoffHonoursContext(t *testing.T) {
	s := newSite(t)
	for range 5 {
		s.queue("29289", reply{status: 503})
	}
	cfg := s.config(t.TempDir(), nil)
	cfg.Sleep = nil // the real timer
	cfg.Backoff = func(int) time.Duration { return time.Hour }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := New(cfg).Run(ctx, []string{"29289"}, false)
		done <- err
	}()
	for s.hits("29289") == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "context canceled") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel during a backoff")
	}
}

func TestFetchSkipsUnchanged(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	cfg := s.config(dir, &sleeps{})
	if _, err := run(t, cfg, nil, true); err != nil {
		t.Fatal(err)
	}
	// Age every file so that any rewrite shows in its mtime.
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	names := listJSON(t, dir)
	for _, n := range names {
		if err := os.Chtimes(filepath.Join(dir, n), old, old); err != nil {
			t.Fatal(err)
		}
	}
	unchanged := func(t *testing.T, except string) {
		t.Helper()
		for _, n := range names {
			st, err := os.Stat(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			if rewritten := !st.ModTime().Equal(old); rewritten != (n == except || n == IndexFile && except != "") {
				t.Errorf("%s: rewritten=%v", n, rewritten)
			}
		}
	}

	// Same documents: nothing is written, not even the index.
	var log bytes.Buffer
	cfg.Log = &log
	sum, err := run(t, cfg, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Fetched: 4, Unchanged: 4}); sum != want || log.Len() != 0 {
		t.Errorf("second run: %+v, log %q", sum, log.String())
	}
	unchanged(t, "")

	// The site changed a document without raising gmtModified: by the
	// rule it is not rewritten.
	s.setDoc("68001", bytes.Replace(readTestdata(t, "doc-68001.json"), []byte("淘宝客"), []byte("淘宝客!"), 1))
	if sum, err := run(t, cfg, []string{"68001"}, false); err != nil || sum.Unchanged != 1 {
		t.Fatalf("same gmtModified: %+v, %v", sum, err)
	}
	unchanged(t, "")

	// A newer gmtModified is written, and the index follows.
	newer := bumpGmtModified(t, readTestdata(t, "doc-29289.json"), "1696982432000", "1696982432001")
	s.setDoc("29289", newer)
	sum, err = run(t, cfg, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Fetched: 4, Written: 1, Unchanged: 3}); sum != want {
		t.Errorf("third run: %+v", sum)
	}
	if log.String() != "wrote "+filepath.Join(dir, "taobao.tbk.coupon.convert.json")+"\n" {
		t.Errorf("log %q", log.String())
	}
	unchanged(t, "taobao.tbk.coupon.convert.json")
	if !bytes.Equal(readFile(t, filepath.Join(dir, "taobao.tbk.coupon.convert.json")), newer) {
		t.Error("coupon.convert not updated")
	}
	idx, err := LoadIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := idx.Lookup("29289"); e.GmtModified != 1696982432001 {
		t.Errorf("index: %+v", e)
	}

	// Force rewrites what differs, whatever gmtModified says.
	cfg.Force = true
	log.Reset()
	sum, err = run(t, cfg, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != 1 || !strings.Contains(log.String(), "taobao.tbk.dg.general.link.parse.json") {
		t.Errorf("force: %+v, log %q", sum, log.String())
	}
}

func TestFetchLostIndexFallsBackToFile(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	cfg := s.config(dir, &sleeps{})
	if _, err := run(t, cfg, []string{"29289"}, false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, IndexFile)
	want := readFile(t, path)
	os.Remove(path)
	// Make the reply differ in bytes but not in gmtModified; the file's
	// own data.gmtModified stands in for the lost index.
	s.setDoc("29289", bytes.Replace(readTestdata(t, "doc-29289.json"), []byte(`"httpStatus":200`), []byte(`"httpStatus":201`), 1))
	sum, err := run(t, cfg, []string{"29289"}, false)
	if err != nil || sum.Unchanged != 1 || sum.Written != 0 {
		t.Fatalf("%+v, %v", sum, err)
	}
	if got := readFile(t, path); !bytes.Equal(got, want) {
		t.Errorf("index rebuilt as %s, want %s", got, want)
	}
}

func TestFetchRejectsPathInName(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	s.setDoc("29289", bytes.Replace(readTestdata(t, "doc-29289.json"), []byte(`"name":"taobao.tbk.coupon.convert"`), []byte(`"name":"..\/..\/evil"`), 1))
	_, err := run(t, s.config(dir, &sleeps{}), []string{"29289"}, false)
	if err == nil || !strings.Contains(err.Error(), `document name "../../evil" is not a TOP method name`) {
		t.Fatalf("err = %v", err)
	}
	if n := len(listJSON(t, dir)); n != 0 {
		t.Errorf("%d files written", n)
	}
}

func TestFetchBadIndex(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, IndexFile), []byte("[1,2"), 0o644)
	s := newSite(t)
	_, err := run(t, s.config(dir, &sleeps{}), []string{"29289"}, false)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, IndexFile)) || !strings.Contains(err.Error(), "delete it") {
		t.Fatalf("err = %v", err)
	}
}
