package top

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The road not taken: generated per-type decode methods (one method per
// struct type, a case per field) instead of plans. Written by hand for the
// benchmark's types, without the error paths (paths, field order, repeated
// keys) and envelope handling a real one needs, they bound the speed such
// code could reach, to weigh against its size in the generated catalogue.

func (r *benchResponse) decodeJSONGen(d *jsonDecoder) error {
	if err := d.open(); err != nil {
		return err
	}
	if done, err := d.empty('}'); done || err != nil {
		return err
	}
	for {
		key, err := d.key()
		if err != nil {
			return err
		}
		switch string(key) {
		case "orders":
			err = decodeListGen(d, &r.Orders, (*benchItem).decodeJSONGen)
		case "request_id":
			err = d.stringGen(&r.RequestID)
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
		if done, err := d.next('}', "object key:value pair"); done || err != nil {
			return err
		}
	}
}

func (r *benchItem) decodeJSONGen(d *jsonDecoder) error {
	if err := d.open(); err != nil {
		return err
	}
	if done, err := d.empty('}'); done || err != nil {
		return err
	}
	for {
		key, err := d.key()
		if err != nil {
			return err
		}
		switch string(key) {
		case "oid":
			err = d.intGen(&r.OID)
		case "title":
			err = d.stringGen(&r.Title)
		case "price":
			err = d.decimalGen(&r.Price)
		case "num":
			err = d.intGen(&r.Num)
		case "status":
			err = d.stringGen(&r.Status)
		default:
			err = d.skip()
		}
		if err != nil {
			return err
		}
		if done, err := d.next('}', "object key:value pair"); done || err != nil {
			return err
		}
	}
}

func decodeListGen[T any](d *jsonDecoder, dst *[]T, item func(*T, *jsonDecoder) error) error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	if c == '{' { // the wrapper
		_ = d.open()
		if _, err := d.key(); err != nil {
			return err
		}
		if err := decodeListGen(d, dst, item); err != nil {
			return err
		}
		_, err := d.next('}', "")
		return err
	}
	_ = d.open()
	*dst = nil
	if done, err := d.empty(']'); done || err != nil {
		return err
	}
	for {
		var zero T
		*dst = append(*dst, zero)
		if err := item(&(*dst)[len(*dst)-1], d); err != nil {
			return err
		}
		if done, err := d.next(']', ""); done || err != nil {
			return err
		}
	}
}

var (
	genString  = &plan{kind: kindString}
	genInt     = &plan{kind: kindInt, bits: 64}
	genDecimal = &plan{kind: kindDecimal}
)

func (d *jsonDecoder) scalarGen(p *plan, v reflect.Value) error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	k, text, err := d.scalar(c)
	if err != nil {
		return err
	}
	return setScalar(p, v, k, text)
}

func (d *jsonDecoder) stringGen(s *string) error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	if c == '"' {
		b, err := d.str()
		*s = string(b)
		return err
	}
	return d.scalarGen(genString, reflect.ValueOf(s).Elem())
}

func (d *jsonDecoder) intGen(n *int64) error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	k, text, err := d.scalar(c)
	if err != nil {
		return err
	}
	if k == valNumber {
		if v, ok := smallInt(text); ok {
			*n = v
			return nil
		}
	}
	return setScalar(genInt, reflect.ValueOf(n).Elem(), k, text)
}

func (d *jsonDecoder) decimalGen(x *Decimal) error {
	return d.scalarGen(genDecimal, reflect.ValueOf(x).Elem())
}

// BenchmarkDecodeWrappedListGenerated is BenchmarkDecodeWrappedList through
// the hand-written methods above; it skips the envelope and error paths.
func BenchmarkDecodeWrappedListGenerated(b *testing.B) {
	inner := []byte(`{"orders":{"order":[` + benchItems(10000) + `]},"request_id":"x"}`)
	b.SetBytes(int64(len(inner)))
	b.ReportAllocs()
	for b.Loop() {
		var r benchResponse
		d := &jsonDecoder{data: inner}
		if err := r.decodeJSONGen(d); err != nil {
			b.Fatal(err)
		}
		if len(r.Orders) != 10000 {
			b.Fatal(len(r.Orders))
		}
	}
}

type benchMethodResponse benchResponse

func (r *benchMethodResponse) UnmarshalJSON(data []byte) error {
	return UnmarshalJSON(data, testMethod, r)
}

// BenchmarkUnmarshalJSONWrappedList is BenchmarkDecodeWrappedList through
// json.Unmarshal and an UnmarshalJSON method as generated: encoding/json
// checks the body's syntax before it calls the method.
func BenchmarkUnmarshalJSONWrappedList(b *testing.B) {
	body := []byte(`{"alibaba_test_thing_get_response":{"orders":{"order":[` + benchItems(10000) + `]},"request_id":"x"}}`)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var r benchMethodResponse
		if err := json.Unmarshal(body, &r); err != nil {
			b.Fatal(err)
		}
		if len(r.Orders) != 10000 {
			b.Fatal(len(r.Orders))
		}
	}
}
