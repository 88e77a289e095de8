// Package top is the runtime that topgen's generated clients call TOP with:
// request encoding, response decoding, the TOP value types and errors, and
// the HTTP client.
package top

// Request is implemented by every generated request type.
//
// The method names are reserved: the generator renames a doc parameter whose
// Go name would collide with one of them.
type Request interface {
	// APIMethod is the TOP method name, e.g. "alibaba.damai.mz.order.create".
	APIMethod() string
	// SessionRequired reports whether the doc says calls need a user session.
	SessionRequired() bool
	// Validate checks the request against the doc's limits (required,
	// 最大长度, 最大列表长度, 最小值/最大值) without sending anything.
	Validate() error
	// Params encodes the business parameters in TOP's form: what the client
	// signs and sends. Unset optional parameters are absent.
	Params() (*Params, error)
}

// Call is a generated request that knows its typed response. Do uses it to
// return the right response type without a type assertion. R is the
// response's pointer type (*XResponse): pointer type arguments share one
// compiled instantiation of Do and Pages, where struct type arguments would
// compile one per API (about 26 compiled functions per API that pages).
type Call[R any] interface {
	Request
	// NewResponse returns an empty response value to decode into.
	NewResponse() R
}
