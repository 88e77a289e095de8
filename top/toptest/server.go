// Package toptest is a fake TOP gateway for tests of code that calls TOP.
//
// A Server listens on 127.0.0.1, checks the system parameters and the
// signature of every request the way the real gateway does, answers each
// registered method with canned bodies in the format the request asked
// for, and records what it received:
//
//	gw := toptest.NewServer(t, "12345678", "secret")
//	gw.Handle("taobao.time.get", toptest.Reply{
//		JSON:     `{"time_get_response":{"time":"2024-01-02 03:04:05"}}`,
//		Simplify: `{"time":"2024-01-02 03:04:05"}`,
//		XML:      `<time_get_response><time>2024-01-02 03:04:05</time></time_get_response>`,
//	})
//	client, _ := top.NewClient("12345678", "secret", top.WithGateway(gw.URL))
//
// A request that fails the checks gets TOP's own error_response (code 25
// Invalid signature, 21 Missing Method, 22 Invalid Method, ...).
package toptest

import (
	"fmt"
	"io"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/opentop/topgen/top"
)

// Path is where the fake gateway listens, as the real one does.
const Path = "/router/rest"

// Reply is one canned answer. Set the bodies for the formats the test
// uses, or Error, or Raw; Status and Fault apply to any of them.
type Reply struct {
	// JSON is the body for format=json: the <method>_response envelope.
	JSON string
	// Simplify is the body for format=json&simplify=true.
	Simplify string
	// XML is the body for format=xml.
	XML string
	// Error, when set, is answered as an error_response in the format asked.
	Error *top.Error
	// Raw, when set, is sent as it is whatever the format asked: an HTML
	// page from a proxy, truncated JSON, a huge body.
	Raw []byte
	// Status is the HTTP status; 0 means 200, which is what TOP sends even
	// for an error_response.
	Status int
	// Fault replaces the answer with a network failure.
	Fault Fault
}

// Fault is a network failure a Reply can simulate.
type Fault int

const (
	// NoFault answers normally.
	NoFault Fault = iota
	// Reset closes the connection with a TCP reset instead of answering.
	Reset
	// Hang never answers; the request ends when the client gives up or the
	// server closes.
	Hang
)

// Received is one request as the fake gateway saw it.
type Received struct {
	// Method is the method system parameter.
	Method string
	// System holds the system parameters (method, app_key, session,
	// timestamp, v, sign_method, sign, format, simplify, partner_id,
	// target_app_key) wherever they were sent.
	System map[string]string
	// Params holds the business form values, Files the file parts.
	Params map[string]string
	Files  map[string]top.File
	// Query is the URL query as sent, to check where parameters went.
	Query url.Values
	// ContentType is the request's media type, without parameters.
	ContentType string
	// Rejected is the error_response the fake answered because the request
	// failed its checks; nil when it got to the registered reply.
	Rejected *top.Error
}

// Server is a fake TOP gateway. Its methods are safe for concurrent use.
type Server struct {
	// URL is the gateway URL to pass to top.WithGateway.
	URL string
	// AppKey and Secret are the credentials the server accepts.
	AppKey, Secret string

	t    testing.TB
	srv  *httptest.Server
	done chan struct{}

	mu       sync.Mutex
	handlers map[string]*script
	sessions map[string]bool
	received []Received
	now      func() time.Time
	closed   bool
}

type script struct {
	replies []Reply
	next    int
}

// NewServer starts a fake gateway for appKey and secret on 127.0.0.1. It is
// closed when the test ends.
func NewServer(t testing.TB, appKey, secret string) *Server {
	t.Helper()
	s := &Server{
		AppKey:   appKey,
		Secret:   secret,
		t:        t,
		done:     make(chan struct{}),
		handlers: map[string]*script{},
		sessions: map[string]bool{},
		now:      time.Now,
	}
	mux := http.NewServeMux()
	mux.HandleFunc(Path, s.serve)
	s.srv = httptest.NewServer(mux) // binds 127.0.0.1
	s.URL = s.srv.URL + Path
	t.Cleanup(s.Close)
	return s
}

// Handle registers the replies for method. Calls get them in order; the
// last one answers every call after that. Handle again to replace them.
func (s *Server) Handle(method string, replies ...Reply) {
	if len(replies) == 0 {
		s.t.Fatalf("toptest: Handle(%q) without replies", method)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[method] = &script{replies: replies}
}

// RequireSession makes method answer code 26 Missing Session to a request
// without a session, as the gateway does for APIs that need authorization.
func (s *Server) RequireSession(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[method] = true
}

// SetClock sets the server's clock; a timestamp more than 10 minutes from it
// is rejected with code 31, as by the real gateway.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// Received returns the requests received so far, in arrival order.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.received))
	copy(out, s.received)
	return out
}

// Close stops the server and ends hanging requests. It is idempotent.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	s.mu.Unlock()
	s.srv.Close()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rec, err := parseRequest(r)
	format := top.Format(rec.System["format"])
	if format != top.JSON {
		format = top.XML // TOP's default, also for an invalid format
	}
	if err == nil {
		err = s.check(rec)
	}
	if err != nil {
		rec.Rejected = err
		s.record(rec)
		writeError(w, format, 0, err)
		return
	}
	s.mu.Lock()
	sc := s.handlers[rec.Method]
	reply := sc.replies[sc.next]
	if sc.next < len(sc.replies)-1 {
		sc.next++
	}
	s.received = append(s.received, rec)
	s.mu.Unlock()
	s.answer(w, r, rec, format, reply)
}

func (s *Server) record(rec Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received = append(s.received, rec)
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, rec Received, format top.Format, reply Reply) {
	switch reply.Fault {
	case Reset:
		reset(w)
		return
	case Hang:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	}
	status := reply.Status
	if status == 0 {
		status = http.StatusOK
	}
	if reply.Raw != nil {
		w.Header().Set("Content-Length", strconv.Itoa(len(reply.Raw)))
		w.WriteHeader(status)
		w.Write(reply.Raw)
		return
	}
	if reply.Error != nil {
		writeError(w, format, status, reply.Error)
		return
	}
	body, which := reply.XML, "XML"
	if format == top.JSON {
		body, which = reply.JSON, "JSON"
		if rec.System["simplify"] == "true" {
			body, which = reply.Simplify, "Simplify"
		}
	}
	if body == "" {
		s.t.Errorf("toptest: %s was called for a %s body but its Reply has none", rec.Method, which)
		http.Error(w, "toptest: no "+which+" body registered for "+rec.Method, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType(format))
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// reset closes the client's connection with an RST (linger 0), which the
// client sees as "connection reset by peer".
func reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// parseRequest reads the query and the form or multipart body. It returns
// what it could read, and a TOP error for a request it cannot read.
func parseRequest(r *http.Request) (Received, *top.Error) {
	rec := Received{
		System: map[string]string{},
		Params: map[string]string{},
		Files:  map[string]top.File{},
		Query:  r.URL.Query(),
	}
	rec.ContentType, _, _ = mime.ParseMediaType(r.Header.Get("Content-Type"))
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return rec, &top.Error{Code: 9, Msg: "Http Action Not Allowed"}
	}
	var err error
	if rec.ContentType == "multipart/form-data" {
		err = r.ParseMultipartForm(64 << 20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return rec, &top.Error{Code: 41, Msg: "Invalid Arguments", SubMsg: "unreadable request body: " + err.Error()}
	}
	values := map[string][]string{}
	for name, vs := range rec.Query {
		values[name] = append(values[name], vs...)
	}
	for name, vs := range r.PostForm {
		values[name] = append(values[name], vs...)
	}
	if r.MultipartForm != nil {
		for name, fhs := range r.MultipartForm.File {
			if len(fhs) != 1 {
				return rec, &top.Error{Code: 41, Msg: "Invalid Arguments", SubMsg: fmt.Sprintf("file parameter %s sent %d times", name, len(fhs))}
			}
			f, err := fhs[0].Open()
			if err != nil {
				return rec, &top.Error{Code: 3, Msg: "Upload Fail", SubMsg: err.Error()}
			}
			content, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return rec, &top.Error{Code: 3, Msg: "Upload Fail", SubMsg: err.Error()}
			}
			rec.Files[name] = top.File{Name: fhs[0].Filename, Content: content}
		}
	}
	for name, vs := range values {
		if top.IsSystemParam(name) {
			rec.System[name] = vs[0]
		} else {
			rec.Params[name] = vs[0]
		}
	}
	rec.Method = rec.System["method"]
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if len(values[name]) > 1 {
			return rec, &top.Error{Code: 41, Msg: "Invalid Arguments", SubMsg: "parameter " + name + " sent more than once"}
		}
	}
	return rec, nil
}
