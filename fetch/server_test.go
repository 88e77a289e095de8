package fetch

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// testToken is the _tb_token_ the fake site hands out.
const testToken = "e3b1f5a7d5b3e"

// reply is one scripted answer of the fake site.
type reply struct {
	status int
	body   []byte
	header map[string]string
}

// site replays the recorded replies of testdata/ the way the doc site
// answers: the JSON handlers want the _tb_token_ cookie and the same
// token as a query parameter, else they answer the login page.
type site struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	docs      map[string][]byte  // docId → reply body
	script    map[string][]reply // docId → replies served before docs
	catalogue []byte
	noToken   bool // bootstrap sets no _tb_token_

	requests []*http.Request // every request, in order
	docHits  map[string]int

	// concurrency probe for document requests
	limit          int // when > 0, hold each document request until limit are in flight (or a timeout)
	inFlight, peak int
	releasing      bool
	reached        chan struct{}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testDocs maps the docIds of testdata/catalogue.json to their methods.
var testDocs = map[string]string{
	"29289": "taobao.tbk.coupon.convert",
	"68001": "taobao.tbk.dg.general.link.parse",
	"68002": "taobao.tbk.sc.general.link.parse",
	"70153": "alibaba.ud.udsmartdata.get",
}

func newSite(t *testing.T) *site {
	s := &site{t: t, docs: map[string][]byte{}, script: map[string][]reply{}, docHits: map[string]int{}, reached: make(chan struct{})}
	for id := range testDocs {
		s.docs[id] = readTestdata(t, "doc-"+id+".json")
	}
	s.catalogue = readTestdata(t, "catalogue.json")
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve)) // binds 127.0.0.1
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.Clone(context.Background()))
	s.mu.Unlock()
	switch r.URL.Path {
	case "/docCenter":
		if !s.noToken {
			http.SetCookie(w, &http.Cookie{Name: "_tb_token_", Value: testToken, Path: "/"})
		}
		http.SetCookie(w, &http.Cookie{Name: "cna", Value: "xyz", Path: "/"})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(readTestdata(s.t, "docCenter.html"))
	case "/member/login.jhtml":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(readTestdata(s.t, "login.html"))
	case "/handler/document/getApiCatelogConfig.json":
		if !s.authorised(w, r) {
			return
		}
		s.mu.Lock()
		body := s.catalogue
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(body)
	case "/handler/document/getDocument.json":
		if !s.authorised(w, r) {
			return
		}
		s.document(w, r)
	default:
		http.NotFound(w, r)
	}
}

// authorised answers the login page unless the session is complete.
func (s *site) authorised(w http.ResponseWriter, r *http.Request) bool {
	c, err := r.Cookie("_tb_token_")
	if err == nil && c.Value == testToken && r.URL.Query().Get("_tb_token_") == testToken {
		return true
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(readTestdata(s.t, "login.html"))
	return false
}

func (s *site) document(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("docId")
	s.mu.Lock()
	s.docHits[id]++
	s.inFlight++
	if s.inFlight > s.peak {
		s.peak = s.inFlight
	}
	if s.limit > 0 && s.peak == s.limit && s.inFlight == s.limit && !s.releasing {
		// The limit is reached: keep everything in flight a while
		// longer, so that a fetcher that ignores the limit shows it
		// with one more request.
		s.releasing = true
		time.AfterFunc(100*time.Millisecond, func() { close(s.reached) })
	}
	limit := s.limit
	var rep *reply
	if q := s.script[id]; len(q) > 0 {
		rep, s.script[id] = &q[0], q[1:]
	}
	body, ok := s.docs[id]
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if limit > 0 {
		// Hold the request so that the fetcher has every chance to
		// exceed the limit; the timeout only bounds a failing test.
		select {
		case <-s.reached:
		case <-time.After(5 * time.Second):
		}
	}
	switch {
	case rep != nil:
		for k, v := range rep.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rep.status)
		w.Write(rep.body)
	case ok:
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(body)
	default:
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(readTestdata(s.t, "fail.json"))
	}
}

// setDoc replaces the reply of a docId.
func (s *site) setDoc(id string, body []byte) {
	s.mu.Lock()
	s.docs[id] = body
	s.mu.Unlock()
}

func (s *site) queue(id string, replies ...reply) {
	s.mu.Lock()
	s.script[id] = append(s.script[id], replies...)
	s.mu.Unlock()
}

// paths lists the requested paths in order.
func (s *site) paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests {
		out = append(out, r.URL.Path)
	}
	return out
}

func (s *site) hits(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docHits[id]
}

func (s *site) jsonRequests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*http.Request
	for _, r := range s.requests {
		if filepath.Ext(r.URL.Path) == ".json" {
			out = append(out, r)
		}
	}
	return out
}

// sleeps records the waits a fetcher asked for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (z *sleeps) sleep(ctx context.Context, d time.Duration) error {
	z.mu.Lock()
	z.d = append(z.d, d)
	z.mu.Unlock()
	return ctx.Err()
}

func (z *sleeps) list() []time.Duration {
	z.mu.Lock()
	defer z.mu.Unlock()
	return append([]time.Duration(nil), z.d...)
}

// config is a fast, deterministic configuration against s.
func (s *site) config(dir string, z *sleeps) Config {
	return Config{
		Base:     s.srv.URL,
		Dir:      dir,
		Rate:     -1,
		Attempts: 3,
		Backoff:  func(n int) time.Duration { return time.Duration(n) * time.Second },
		Sleep:    z.sleep,
	}
}

// bumpGmtModified returns body with every "gmtModified":from (the
// document's and its change diff's) replaced by to.
func bumpGmtModified(t *testing.T, body []byte, from, to string) []byte {
	t.Helper()
	out := bytes.ReplaceAll(body, []byte(`"gmtModified":`+from), []byte(`"gmtModified":`+to))
	if bytes.Equal(out, body) {
		t.Fatalf("gmtModified %s not in the body", from)
	}
	return out
}
