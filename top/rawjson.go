package top

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
)

// RawJSON is a request value whose doc type is a struct the doc gives no
// fields for (Map, JSONObject, …): JSON text, written by the caller. Inside
// a struct parameter it is sent as the JSON value it holds (an object, not
// a string holding one), as TOP's SDKs send a Map; as a top-level
// parameter its text is the form value.
type RawJSON string

var rawJSONType = reflect.TypeFor[RawJSON]()

// encodeRawJSON writes the JSON text of v compactly; text that is not one
// JSON value is an error, never sent.
func encodeRawJSON(b *bytes.Buffer, v reflect.Value) error {
	text := v.String()
	var c bytes.Buffer
	if err := json.Compact(&c, []byte(text)); err != nil { // also refuses "" and two values
		return fmt.Errorf("top: encode parameter: %s is not JSON", quoteValue(text))
	}
	b.Write(c.Bytes())
	return nil
}
