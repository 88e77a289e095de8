package top

// Format is the format of a TOP response body, the `format` system parameter.
type Format string

const (
	// JSON is TOP's default format. Without simplify, the body is wrapped in
	// {"<method>_response": {...}} and lists in {"<item>": [...]}.
	JSON Format = "json"
	// XML bodies have a <method>_response root and wrapper elements for lists.
	XML Format = "xml"
)
