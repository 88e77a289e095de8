// Package toptest is a fake TOP gateway for tests of code that calls TOP.
//
// A Server listens on 127.0.0.1, checks the system parameters and the
// signature of every request the way the real gateway does, answers each
// registered method with canned bodies in the format the request asked
// for (the simplify=true body, which top.Client asks for by default, is
// derived from the JSON one), and records what it received:
//
//	gw := toptest.NewServer(t, "12345678", "secret")
//	gw.Handle("taobao.time.get", toptest.Reply{
//		JSON: `{"time_get_response":{"time":"2024-01-02 03:04:05"}}`,
//		XML:  `<time_get_response><time>2024-01-02 03:04:05</time></time_get_response>`,
//	})
//	client, _ := top.NewClient("12345678", "secret", top.WithGateway(gw.URL))
//
// A request that fails the checks gets TOP's own error_response (code 25
// Invalid signature, 21 Missing Method, 22 Invalid Method, ...).
//
// The request handling itself is Handler, which needs no test: `topgen
// mock` serves it with replies and parameter checks taken from specs.
package toptest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
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
	// Simplify is the body for format=json&simplify=true. When empty it is
	// derived from JSON by SimplifyJSON (envelope dropped, list wrappers
	// unwrapped); set it only for a body that derivation cannot give.
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

// Server is a fake TOP gateway: a Handler served by an httptest server on
// 127.0.0.1. Its methods are safe for concurrent use.
type Server struct {
	// URL is the gateway URL to pass to top.WithGateway.
	URL string
	// AppKey and Secret are the credentials the server accepts.
	AppKey, Secret string

	t   testing.TB
	h   *Handler
	srv *httptest.Server
}

// NewServer starts a fake gateway for appKey and secret on 127.0.0.1. It is
// closed when the test ends. It records every request (see Received) and
// reports a Reply that lacks the body a request asked for as a test error.
func NewServer(t testing.TB, appKey, secret string, opts ...HandlerOption) *Server {
	t.Helper()
	opts = append([]HandlerOption{
		WithRecording(),
		WithProblemReport(func(msg string) { t.Errorf("%s", msg) }),
	}, opts...)
	s := &Server{AppKey: appKey, Secret: secret, t: t, h: NewHandler(appKey, secret, opts...)}
	mux := http.NewServeMux()
	mux.Handle(Path, s.h)
	s.srv = httptest.NewServer(mux) // binds 127.0.0.1
	s.URL = s.srv.URL + Path
	t.Cleanup(s.Close)
	return s
}

// Handler returns the server's request handling.
func (s *Server) Handler() *Handler { return s.h }

// Handle registers the replies for method. Calls get them in order; the
// last one answers every call after that. Handle again to replace them.
func (s *Server) Handle(method string, replies ...Reply) {
	if len(replies) == 0 {
		s.t.Fatalf("toptest: Handle(%q) without replies", method)
	}
	s.h.Handle(method, replies...)
}

// RequireSession makes method answer code 26 Missing Session to a request
// without a session, as the gateway does for APIs that need authorization.
func (s *Server) RequireSession(method string) { s.h.RequireSession(method) }

// SetClock sets the server's clock; a timestamp more than 10 minutes from it
// is rejected with code 31, as by the real gateway.
func (s *Server) SetClock(now func() time.Time) { s.h.SetClock(now) }

// Received returns the requests received so far, in arrival order.
func (s *Server) Received() []Received { return s.h.Received() }

// Close stops the server and ends hanging requests. It is idempotent.
func (s *Server) Close() {
	s.h.Close()
	s.srv.Close()
}
