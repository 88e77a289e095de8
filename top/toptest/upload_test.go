package toptest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opentop/topgen/top"
)

// zeros is an endless reader of zero bytes, standing for a huge file.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// streamUpload posts a multipart body with the form values of vectorA's
// method and one file part per size in files (read lazily, never held in
// memory), and returns the answer.
func streamUpload(t testing.TB, url string, files ...int64) (status int, body string) {
	t.Helper()
	pr, pw := io.Pipe()
	var written atomic.Int64
	mw := multipart.NewWriter(&countingWriter{w: pw, n: &written})
	go func() {
		mw.WriteField("num_iid", "1")
		for i, size := range files {
			part, err := mw.CreateFormFile(fmt.Sprintf("image%d", i), "big.bin")
			if err == nil {
				_, err = io.Copy(part, io.LimitReader(zeros{}, size))
			}
			if err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(mw.Close())
	}()
	q := "method=taobao.item.seller.get&app_key=k&timestamp=" + strings.ReplaceAll(top.FormatTime(time.Now()), " ", "+") + "&v=2.0&format=json"
	req, _ := http.NewRequest(http.MethodPost, url+"?"+q, pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("upload: %v (after %d bytes)", err, written.Load())
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	pr.CloseWithError(io.ErrClosedPipe) // stop the writer if the server did not read to the end
	return resp.StatusCode, string(b)
}

type countingWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// uploadServer serves a Handler without a secret answering vectorA's
// method, with the given options. read counts the body bytes the handler
// read, over all requests.
func uploadServer(t testing.TB, opts ...HandlerOption) (h *Handler, url string, read *atomic.Int64) {
	h = NewHandler("", "", opts...)
	h.Handle("taobao.item.seller.get", Reply{JSON: `{"item_seller_get_response":{}}`})
	read = new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.TeeReader(r.Body, &countingWriter{w: io.Discard, n: read}), r.Body}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return h, srv.URL, read
}

func errorOf(t testing.TB, body string) *top.Error {
	t.Helper()
	var e struct {
		ErrorResponse *top.Error `json:"error_response"`
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.ErrorResponse == nil {
		t.Fatalf("body %q: want an error_response", body)
	}
	return e.ErrorResponse
}

// TestUploadLimits: a 1 GB upload is refused after the limit, read no
// further than it (plus what the network buffers hold), and never held in
// memory; uploads within the limits are recorded whole.
func TestUploadLimits(t *testing.T) {
	const part, request = 1 << 20, 3 << 20
	h, url, read := uploadServer(t, WithUploadLimits(part, request), WithRecording())

	status, body := streamUpload(t, url, 1<<30)
	if e := errorOf(t, body); status != 200 || e.Code != 3 || !strings.Contains(e.SubMsg, "part \"image0\" is over this gateway's limit of 1048576 bytes per part") {
		t.Errorf("1 GB part: %d %s, want code 3 naming the part limit", status, body)
	}
	if n := read.Load(); n > part+64<<10 {
		t.Errorf("the handler read %d bytes of a 1 GB upload, want it to stop at the 1 MB limit", n)
	}

	status, body = streamUpload(t, url, part-100, part-100, part-100, part-100)
	if e := errorOf(t, body); status != 200 || e.Code != 3 || !strings.Contains(e.SubMsg, "request body is over this gateway's limit of 3145728 bytes") {
		t.Errorf("4 parts under the part limit, over the request limit: %d %s, want code 3 naming the request limit", status, body)
	}

	status, body = streamUpload(t, url, 1000, part-1000)
	if status != 200 || body != `{"item_seller_get_response":{}}` {
		t.Fatalf("uploads within the limits: %d %s", status, body)
	}
	got := h.Received()
	last := got[len(got)-1]
	if f := last.Files["image1"]; f.Name != "big.bin" || len(f.Content) != part-1000 || last.Params["num_iid"] != "1" {
		t.Errorf("recorded file image1 = %q with %d bytes, params %v; want big.bin, %d bytes, num_iid=1", f.Name, len(f.Content), last.Params, part-1000)
	}
}

// TestUploadDefaultLimits: without options the limits are the defaults.
func TestUploadDefaultLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("streams the default 32 MB limit through loopback")
	}
	_, url, read := uploadServer(t)
	status, body := streamUpload(t, url, 1<<30)
	if e := errorOf(t, body); status != 200 || e.Code != 3 || !strings.Contains(e.SubMsg, fmt.Sprint(DefaultMaxPartSize)) {
		t.Errorf("1 GB part: %d %s, want code 3 naming the default part limit", status, body)
	}
	if n := read.Load(); n > DefaultMaxPartSize+64<<10 {
		t.Errorf("the handler read %d bytes of a 1 GB upload, want it to stop at the limit", n)
	}
}

// BenchmarkUploadOverLimit is the handler's side of a 1 GB upload (what
// B/op measures: the bytes it allocates), served in-process from a lazy
// body: it stops at the default part limit.
func BenchmarkUploadOverLimit(b *testing.B) {
	benchUpload(b, 1<<30)
}

// BenchmarkUpload10MB is a 10 MB upload within the limits, recorded whole.
func BenchmarkUpload10MB(b *testing.B) {
	benchUpload(b, 10<<20)
}

func benchUpload(b *testing.B, size int64) {
	h := NewHandler("", "")
	h.Handle("taobao.item.seller.get", Reply{JSON: `{"item_seller_get_response":{}}`})
	b.ReportAllocs()
	for b.Loop() {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			part, _ := mw.CreateFormFile("image", "big.bin")
			_, err := io.Copy(part, io.LimitReader(zeros{}, size))
			if err == nil {
				err = mw.Close()
			}
			pw.CloseWithError(err)
		}()
		req := httptest.NewRequest(http.MethodPost, "/router/rest?method=taobao.item.seller.get&app_key=k&v=2.0&format=json&timestamp="+
			strings.ReplaceAll(top.FormatTime(time.Now()), " ", "+"), pr)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		pr.CloseWithError(io.ErrClosedPipe)
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// TestEchoesAreCapped: the gateway checks quote request values cut, so a
// 4 MB method name or format is not echoed back whole.
func TestEchoesAreCapped(t *testing.T) {
	_, url, _ := uploadServer(t)
	huge := strings.Repeat("x", 4<<20)
	for _, q := range []string{
		"method=" + huge + "&app_key=k&v=2.0&format=json&timestamp=",
		"method=taobao.item.seller.get&app_key=k&v=2.0&format=" + huge + "&timestamp=",
		"method=taobao.item.seller.get&app_key=k&v=" + huge + "&format=json&timestamp=",
	} {
		q += strings.ReplaceAll(top.FormatTime(time.Now()), " ", "+")
		resp, err := http.Post(url+"?x=1", "application/x-www-form-urlencoded", strings.NewReader(q))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) > 400 || !strings.Contains(string(b), "(4194304 bytes)") {
			t.Errorf("answer of %d bytes (%.200s): want the value cut with its length", len(b), b)
		}
	}
}
