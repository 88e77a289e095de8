package generator

import "github.com/opentop/topgen/spec"

// The IR holds every decision about the Go code: package and file names, Go
// names, Go types, which struct types exist and in which order. Emission
// (emit_*.go) only prints it, so a naming or typing rule lives in exactly
// one place (build.go, names.go) and emission cannot make choices.

// Kind is the Go type family of a doc type.
type Kind int

const (
	KindString  Kind = iota // String, Json, Field List, nested byte[] (base64): string
	KindInt                 // Number, byte (Java Byte): int64
	KindBool                // Boolean: bool
	KindTime                // Date: time.Time
	KindDecimal             // Price, BigDecimal: top.Decimal
	KindFile                // byte[] as a top-level request parameter: top.File
	KindStruct              // a doc struct type
	// KindRawJSON: a struct type the doc gives no fields for (opaque), in a
	// request: top.RawJSON, JSON text the caller writes, sent as the JSON
	// value it holds. In a response an opaque value is KindString (its raw
	// JSON text).
	KindRawJSON
)

// Type is the Go type of a field: a kind, the struct when KindStruct, and
// whether it is a list.
type Type struct {
	Kind   Kind
	Struct *Struct
	List   bool
}

// Field is one parameter or response field.
type Field struct {
	GoName string // exported Go field name
	Wire   string // doc name, sent and received as is
	Doc    string // plain-text description (may be empty)
	Type   Type
	// Request fields only.
	Required bool
	Limits   spec.Limits
	// Setter is the fluent setter name of a top-level request parameter.
	Setter string
	Param  *spec.Param
	// Values names the constants of the values the doc lists for the
	// field (the ConstGroup's Base); empty when it lists none.
	Values string
}

// Struct is a Go struct type made from a doc struct type.
type Struct struct {
	GoName  string
	DocName string // the doc's type name, for the doc comment
	Request bool   // request side: optional fields are pointers
	Fields  []*Field
}

// API is one TOP method and everything generated for it.
type API struct {
	Spec     *spec.API
	Method   string
	Package  string   // Go package name (the method's second segment)
	FileBase string   // file name without .go, e.g. mz_order_create
	Prefix   string   // Go name prefix, e.g. MzOrderCreate
	words    []string // the prefix's words, where type names meet it
	Request  string   // request type name
	Response string   // response type name
	Doc      string   // plain-text description
	Title    string
	Session  spec.Session
	Params   []*Field
	Results  []*Field
	// Structs are the struct types this API's file declares, request side
	// first, each in order of first appearance in the doc.
	Structs []*Struct
	// AddRequestID is true when no response field is named request_id, so
	// the response type gets one.
	AddRequestID bool
	// Consts are the constants of the documented values, in doc order.
	Consts []*ConstGroup
	// Paging is the API's paging, nil when it does not page: its request
	// type gets Pages (and Items, when the item list is known).
	Paging *Paging
}

// ConstGroup is the constants of one field's documented values.
type ConstGroup struct {
	Base   string   // the name every constant starts with, e.g. TradesSoldGetStatus
	Wire   string   // the field's doc name
	Paths  []string // where the field is: "response: trades/status", …
	Kind   Kind     // KindString or KindInt: the field's own Go type
	Consts []*Const
}

// Const is one documented value.
type Const struct {
	GoName string
	Value  string // the value as the doc writes it (a code is an integer)
	Label  string // plain text, may be empty
}

// Package is one generated Go package.
type Package struct {
	Name       string
	ImportPath string
	APIs       []*API // sorted by method
}
