package fetch

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/opentop/topgen/scraper"
)

// readable is the check the CLI sets: the scraper's JSON reader.
func readable(method string, raw []byte) error {
	_, _, err := scraper.ParseJSON(method+".json", raw)
	return err
}

// TestFetchRefusesUnreadableDoc: a reply whose doc the scraper cannot read
// fails, and nothing of it is written or indexed; the other documents are
// fetched.
func TestFetchRefusesUnreadableDoc(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	// success=true and a method name, but requestParams is no list.
	s.setDoc("29289", []byte(`{"success":true,"data":{"name":"taobao.tbk.coupon.convert","requestParams":"oops","gmtModified":1}}`))
	cfg := s.config(dir, &sleeps{})
	cfg.Check = readable
	sum, err := run(t, cfg, []string{"29289", "68001"}, false)
	if err == nil || !strings.Contains(err.Error(), "docId 29289 (taobao.tbk.coupon.convert): the document cannot be read, not written") ||
		!strings.Contains(err.Error(), "requestParams") {
		t.Fatalf("err = %v, want the doc named with the reader's complaint", err)
	}
	if sum.Failed != 1 || sum.Written != 1 {
		t.Errorf("summary %+v, want 1 failed and 1 written", sum)
	}
	if _, err := os.Stat(filepath.Join(dir, "taobao.tbk.coupon.convert.json")); !os.IsNotExist(err) {
		t.Errorf("the unreadable doc was written (%v)", err)
	}
	if idx, _ := LoadIndex(dir); idx != nil {
		if _, ok := idx.Lookup("29289"); ok {
			t.Error("the unreadable doc is in the index")
		}
	}
}

// TestFetchRefusesOversizedReply: a reply over the 32 MB cap is an error
// that says so, is not retried, and writes nothing; without Content-Length
// too (it used to be cut silently at 32 MB).
func TestFetchRefusesOversizedReply(t *testing.T) {
	big := append([]byte(`{"success":true,"data":{"name":"taobao.tbk.coupon.convert","description":"`), bytes.Repeat([]byte("x"), maxBody)...)
	big = append(big, `"}}`...)
	for name, header := range map[string]map[string]string{
		"streamed":       nil,
		"content-length": {"Content-Length": strconv.Itoa(len(big))},
	} {
		s := newSite(t)
		dir := t.TempDir()
		s.queue("29289", reply{status: 200, body: big, header: header}, reply{status: 200, body: big, header: header})
		_, err := run(t, s.config(dir, &sleeps{}), []string{"29289"}, false)
		if err == nil || !strings.Contains(err.Error(), "reply is over the 32 MB limit") {
			t.Errorf("%s: err = %.300v, want the cap named", name, err)
		}
		if n := s.hits("29289"); n != 1 {
			t.Errorf("%s: %d requests, want 1 (a size over the cap is not retried)", name, n)
		}
		if n := len(listJSON(t, dir)); n != 0 {
			t.Errorf("%s: %d files written", name, n)
		}
	}
}

// TestFetchRefusesFlagLikeNames: a target that is neither a docId nor a
// TOP method name is refused before any request.
func TestFetchRefusesFlagLikeNames(t *testing.T) {
	s := newSite(t)
	for _, target := range []string{"-rf", "--all", "../pages", "taobao", ".x.y"} {
		_, err := run(t, s.config(t.TempDir(), &sleeps{}), []string{"taobao.tbk.coupon.convert", target}, false)
		if err == nil || !strings.Contains(err.Error(), "is neither a docId nor a TOP method name") {
			t.Errorf("%q: err = %v", target, err)
		}
	}
	if p := s.paths(); len(p) != 0 {
		t.Errorf("requests were sent: %v", p)
	}
	if err := CheckTarget("taobao.tbk.coupon.convert"); err != nil {
		t.Error(err)
	}
	if err := CheckTarget("29289"); err != nil {
		t.Error(err)
	}
}

// dnsFail fails every request with a DNS error and counts them.
type dnsFail struct {
	err   *net.DNSError
	calls atomic.Int32
}

func (d *dnsFail) RoundTrip(*http.Request) (*http.Response, error) {
	d.calls.Add(1)
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: d.err}
}

// TestFetchNoSuchHostNotRetried: a host name that does not resolve fails
// at once; a temporary DNS failure is retried.
func TestFetchNoSuchHostNotRetried(t *testing.T) {
	for _, c := range []struct {
		dns   *net.DNSError
		tries int32
	}{
		{&net.DNSError{Err: "no such host", Name: "open.taobao.invalid", IsNotFound: true}, 1},
		{&net.DNSError{Err: "server misbehaving", Name: "open.taobao.invalid", IsTemporary: true}, 3},
	} {
		rt := &dnsFail{err: c.dns}
		cfg := Config{Base: "https://open.taobao.invalid", Dir: t.TempDir(), Rate: -1, Attempts: 3,
			Client: &http.Client{Transport: rt}, Sleep: (&sleeps{}).sleep}
		_, err := run(t, cfg, []string{"29289"}, false)
		var de *net.DNSError
		if !errors.As(err, &de) {
			t.Fatalf("%s: err = %v, want the DNS error", c.dns.Err, err)
		}
		if n := rt.calls.Load(); n != c.tries {
			t.Errorf("%s: %d attempts, want %d", c.dns.Err, n, c.tries)
		}
	}
}
