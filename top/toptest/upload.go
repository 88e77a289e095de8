package toptest

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/opentop/topgen/internal/quote"
	"github.com/opentop/topgen/top"
)

// Default upload limits of a Handler (see WithUploadLimits). TOP's own
// upload APIs take a few MB per file; the limits only keep a runaway or
// hostile upload from being held in memory.
const (
	DefaultMaxPartSize    = 32 << 20 // one multipart part, file or value
	DefaultMaxRequestSize = 64 << 20 // a whole request body
)

// WithUploadLimits bounds what the handler reads of a request: each
// multipart part (a file or a form value) to perPart bytes, the whole body
// to perRequest bytes. A request over either limit is answered code 3
// Upload Fail, naming the limit, without reading the rest of it. Zero or
// negative values keep the defaults.
func WithUploadLimits(perPart, perRequest int64) HandlerOption {
	return func(h *Handler) {
		if perPart > 0 {
			h.maxPart = perPart
		}
		if perRequest > 0 {
			h.maxRequest = perRequest
		}
	}
}

// errBodyTooLarge is what limitedBody returns past the request limit.
var errBodyTooLarge = errors.New("request body over the limit")

// limitedBody fails reads past the request limit, so that a huge upload
// is refused after the limit instead of being read to its end.
type limitedBody struct {
	r    io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errBodyTooLarge
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.r.Close() }

// readMultipart streams the parts of a multipart body: each is read once,
// up to the part limit, into values (form fields) or rec.Files (file
// parts), so that memory stays bounded by the limits whatever is sent.
func (h *Handler) readMultipart(r *http.Request, rec *Received, values map[string][]string) *top.Error {
	mr, err := r.MultipartReader()
	if err != nil {
		return unreadable(err, h.maxPart, h.maxRequest)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return unreadable(err, h.maxPart, h.maxRequest)
		}
		name := part.FormName()
		if name == "" {
			continue // not form data: NextPart skips what is left of it
		}
		// No part.Close: it would read the rest of an oversized part.
		content, err := io.ReadAll(io.LimitReader(part, h.maxPart+1))
		if err != nil {
			return unreadable(err, h.maxPart, h.maxRequest)
		}
		if int64(len(content)) > h.maxPart {
			return &top.Error{Code: 3, Msg: "Upload Fail",
				SubMsg: fmt.Sprintf("part %s is over this gateway's limit of %d bytes per part", quote.Value(name), h.maxPart)}
		}
		if part.FileName() == "" {
			values[name] = append(values[name], string(content))
			continue
		}
		if _, dup := rec.Files[name]; dup {
			return &top.Error{Code: 41, Msg: "Invalid Arguments", SubMsg: "file parameter " + quote.Value(name) + " sent more than once"}
		}
		rec.Files[name] = top.File{Name: part.FileName(), Content: content}
	}
}

// unreadable is the answer to a body that cannot be read: over the request
// limit, or malformed.
func unreadable(err error, maxPart, maxRequest int64) *top.Error {
	if errors.Is(err, errBodyTooLarge) {
		return &top.Error{Code: 3, Msg: "Upload Fail",
			SubMsg: fmt.Sprintf("request body is over this gateway's limit of %d bytes", maxRequest)}
	}
	return &top.Error{Code: 41, Msg: "Invalid Arguments", SubMsg: "unreadable request body: " + err.Error()}
}
