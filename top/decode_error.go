package top

import (
	"errors"
	"strings"
)

// DecodeError is a value in a response body that does not fit the field it
// belongs to.
//
// When several values do not fit, the error is the same on every run: in an
// object, the one of the field declared first; in a list, the first item.
type DecodeError struct {
	// Path is the dotted path of the field, with list indexes: "result.data.items[2].price".
	Path string
	Err  error
}

func (e *DecodeError) Error() string {
	if e.Path == "" {
		return "top: decode response: " + e.Err.Error()
	}
	return "top: decode response field " + e.Path + ": " + e.Err.Error()
}

func (e *DecodeError) Unwrap() error { return e.Err }

// pathError is a value that does not fit, with its path built while
// unwinding (innermost segment first), so the happy path never formats
// paths.
type pathError struct {
	segs []string
	err  error
}

func (e *pathError) Error() string { return e.err.Error() }

func withSeg(err error, seg string) error {
	if pe, ok := err.(*pathError); ok {
		pe.segs = append(pe.segs, seg)
		return pe
	}
	return &pathError{segs: []string{seg}, err: err}
}

// decodeError turns a value error into the *DecodeError callers see.
func decodeError(err error) error {
	de := &DecodeError{Err: err}
	var pe *pathError
	if errors.As(err, &pe) {
		de.Err = pe.err
		var b strings.Builder
		for i := len(pe.segs) - 1; i >= 0; i-- {
			s := pe.segs[i]
			if b.Len() > 0 && s[0] != '[' {
				b.WriteByte('.')
			}
			b.WriteString(s)
		}
		de.Path = b.String()
	}
	return de
}

// bodyError is a body that is not well-formed (or nests beyond the caps):
// decoding stops at once. A value that does not fit its field is not a
// bodyError: decoding goes on, so a malformed body is always reported as
// such, and the value error reported is the first in field order.
type bodyError struct{ err error }

func (e *bodyError) Error() string { return e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }

func isBodyError(err error) bool {
	_, ok := err.(*bodyError)
	return ok
}

// valueErrors collects the value errors of an object's fields or a list's
// items by position, so the one reported is the same on every run: the
// lowest position (the field declared first, the first item).
type valueErrors struct {
	errs []posError // usually none: allocated on the error path only
}

type posError struct {
	at  int
	err error
}

func (e *valueErrors) note(at int, err error) { e.errs = append(e.errs, posError{at, err}) }

// forget drops the errors at a position whose value is given again.
func (e *valueErrors) forget(at int) {
	kept := e.errs[:0]
	for _, pe := range e.errs {
		if pe.at != at {
			kept = append(kept, pe)
		}
	}
	e.errs = kept
}

func (e *valueErrors) first() error {
	var first *posError
	for i := range e.errs {
		if first == nil || e.errs[i].at < first.at {
			first = &e.errs[i]
		}
	}
	if first == nil {
		return nil
	}
	return first.err
}

// valueKind is what a body holds where a value is expected, for the
// lenient scalar rules and for messages.
type valueKind uint8

const (
	valString valueKind = iota
	valNumber
	valBool
	valNull
	valObject // a JSON object, or an XML element with child elements
	valArray
)

func (k valueKind) String() string {
	return [...]string{"a string", "a number", "a boolean", "null", "an object", "an array"}[k]
}
