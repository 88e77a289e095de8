package toptest

import (
	"fmt"
	"io"
	"maps"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/opentop/topgen/top"
)

// Handler is the fake gateway's request handling, an http.Handler that
// needs no testing.TB: NewServer wraps it in an httptest server for tests,
// and `topgen mock` serves it for downstream integration tests. Its
// methods are safe for concurrent use.
type Handler struct {
	appKey, secret string
	paramCheck     func(rec *Received) *top.Error
	record         bool
	report         func(msg string)
	maxPart        int64 // see WithUploadLimits
	maxRequest     int64
	done           chan struct{}
	closeOnce      sync.Once

	mu       sync.Mutex
	handlers map[string]*script
	sessions map[string]bool
	received []Received
	now      func() time.Time
}

type script struct {
	replies []Reply
	// whyNoSimplify says, for a reply without a Simplify body, why none
	// could be derived from its JSON; "" when it has one or no JSON.
	whyNoSimplify []string
	next          int
}

// newScript copies replies, deriving each missing Simplify body from the
// JSON one (see SimplifyJSON).
func newScript(replies []Reply) *script {
	sc := &script{replies: slices.Clone(replies), whyNoSimplify: make([]string, len(replies))}
	for i := range sc.replies {
		r := &sc.replies[i]
		if r.Simplify != "" || r.JSON == "" {
			continue
		}
		var err error
		if r.Simplify, err = SimplifyJSON(r.JSON); err != nil {
			sc.whyNoSimplify[i] = err.Error()
		}
	}
	return sc
}

// HandlerOption configures a Handler in NewHandler.
type HandlerOption func(*Handler)

// WithParamCheck sets a check of the business parameters, run once a
// request has passed the system checks (signature, method, session). A
// non-nil result is answered as the request's error_response; the mock
// uses it to check parameters against the spec.
func WithParamCheck(check func(rec *Received) *top.Error) HandlerOption {
	return func(h *Handler) { h.paramCheck = check }
}

// WithRecording keeps every request for Received. Off by default in a
// Handler, so that a long-running mock does not grow without bound;
// NewServer turns it on.
func WithRecording() HandlerOption {
	return func(h *Handler) { h.record = true }
}

// WithProblemReport sets where the handler reports a misuse it cannot
// answer sensibly (a Reply without a body for the format asked); NewServer
// reports to t.Errorf. The request gets an HTTP 500 either way.
func WithProblemReport(report func(msg string)) HandlerOption {
	return func(h *Handler) { h.report = report }
}

// NewHandler returns the gateway logic for appKey and secret. An empty
// appKey accepts any app key (a missing one is still code 28); an empty
// secret accepts any signature, missing or not, which is what a mock
// without the app's secret can do.
func NewHandler(appKey, secret string, opts ...HandlerOption) *Handler {
	h := &Handler{
		appKey:   appKey,
		secret:   secret,
		done:     make(chan struct{}),
		handlers: map[string]*script{},
		sessions: map[string]bool{},
		now:      time.Now,

		maxPart:    DefaultMaxPartSize,
		maxRequest: DefaultMaxRequestSize,
	}
	for _, opt := range opts {
		opt(h)
	}
	return h
}

// Handle registers the replies for method. Calls get them in order; the
// last one answers every call after that. Handle again to replace them.
// It panics without replies: that is a bug in the caller, like
// http.Handle with a nil handler.
func (h *Handler) Handle(method string, replies ...Reply) {
	if len(replies) == 0 {
		panic(fmt.Sprintf("toptest: Handle(%q) without replies", method))
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.handlers[method] = newScript(replies)
}

// RequireSession makes method answer code 26 Missing Session to a request
// without a session, as the gateway does for APIs that need authorization.
func (h *Handler) RequireSession(method string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sessions[method] = true
}

// SetClock sets the handler's clock; a timestamp more than 10 minutes from
// it is rejected with code 31, as by the real gateway.
func (h *Handler) SetClock(now func() time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = now
}

// Received returns the requests received so far, in arrival order; empty
// unless the handler records (WithRecording).
func (h *Handler) Received() []Received {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.received)
}

// Close ends hanging requests (Fault Hang). It is idempotent; the handler
// still answers other requests afterwards.
func (h *Handler) Close() {
	h.closeOnce.Do(func() { close(h.done) })
}

// ServeHTTP answers one request as the gateway would.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec, err := h.parseRequest(r)
	format := top.Format(rec.System["format"])
	if format != top.JSON {
		format = top.XML // TOP's default, also for an invalid format
	}
	if err == nil {
		err = h.check(rec)
	}
	if err == nil && h.paramCheck != nil {
		err = h.paramCheck(&rec)
	}
	if err != nil {
		rec.Rejected = err
		h.keep(rec)
		writeError(w, format, 0, err)
		return
	}
	h.mu.Lock()
	sc := h.handlers[rec.Method]
	reply, whyNoSimplify := sc.replies[sc.next], sc.whyNoSimplify[sc.next]
	if sc.next < len(sc.replies)-1 {
		sc.next++
	}
	if h.record {
		h.received = append(h.received, rec)
	}
	h.mu.Unlock()
	h.answer(w, r, rec, format, reply, whyNoSimplify)
}

func (h *Handler) keep(rec Received) {
	if !h.record {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.received = append(h.received, rec)
}

func (h *Handler) answer(w http.ResponseWriter, r *http.Request, rec Received, format top.Format, reply Reply, whyNoSimplify string) {
	switch reply.Fault {
	case Reset:
		reset(w)
		return
	case Hang:
		select {
		case <-r.Context().Done():
		case <-h.done:
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
		msg := fmt.Sprintf("toptest: %s was called for a %s body but its Reply has none", rec.Method, which)
		if which == "Simplify" && whyNoSimplify != "" {
			msg = fmt.Sprintf("toptest: %s was called for a Simplify body; its Reply has none and its JSON cannot give one (%s): set Reply.Simplify", rec.Method, whyNoSimplify)
		}
		if h.report != nil {
			h.report(msg)
		}
		http.Error(w, msg, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType(format))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
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
func (h *Handler) parseRequest(r *http.Request) (Received, *top.Error) {
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
	values := map[string][]string{}
	for name, vs := range rec.Query {
		values[name] = append(values[name], vs...)
		if top.IsSystemParam(name) {
			rec.System[name] = vs[0] // known before the body: an unreadable one is answered in the format asked
		}
	}
	r.Body = &limitedBody{r: r.Body, left: h.maxRequest}
	if rec.ContentType == "multipart/form-data" {
		if err := h.readMultipart(r, &rec, values); err != nil {
			return rec, err
		}
	} else {
		if err := r.ParseForm(); err != nil {
			return rec, unreadable(err, h.maxPart, h.maxRequest)
		}
		for name, vs := range r.PostForm {
			values[name] = append(values[name], vs...)
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
