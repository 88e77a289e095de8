// Package spec is the model of one TOP API as its documentation describes it.
//
// A spec holds everything a doc page says, so that later stages (the
// generator, the mock gateway, the diff) never go back to the page. Specs are
// stored as YAML, one file per API, with a fixed key order so that a doc
// change shows up as a small diff.
package spec

// API is one TOP API method.
type API struct {
	// Method is the dotted method name, e.g. alibaba.damai.mz.order.create.
	Method string `yaml:"method"`
	// Title is the Chinese name shown in parentheses after the method.
	Title string `yaml:"title,omitempty"`
	// Description is the doc's description paragraph(s), verbatim.
	Description string `yaml:"description,omitempty"`
	// Source names the page the spec came from: a file base name or a URL.
	// Never an absolute path, so specs are identical on every machine.
	Source string `yaml:"source,omitempty"`
	// Session says whether calls need a user session (授权).
	Session Session `yaml:"session"`
	// Request holds the business request parameters (not the system ones).
	Request []*Param `yaml:"request,omitempty"`
	// Response holds the fields below the <method>_response envelope.
	Response []*Param `yaml:"response,omitempty"`
	// Paging says how the API walks its result pages (DetectPaging); nil
	// when it does not page.
	Paging *Paging `yaml:"paging,omitempty"`
	// Examples are the doc's samples, verbatim.
	Examples Examples `yaml:"examples,omitempty"`
	// Errors is the 错误码解释 table.
	Errors []ErrorCode `yaml:"errors,omitempty"`
}

// Session is the user-authorisation requirement of an API.
type Session string

const (
	// SessionNone: the API is called without a session (不需用户授权).
	SessionNone Session = "none"
	// SessionRequired: the API needs a user session (必须用户授权).
	SessionRequired Session = "required"
	// SessionOptional: a session may be given (可选用户授权).
	SessionOptional Session = "optional"
)

// Param is a request parameter or a response field, with its children when
// its type is a struct.
type Param struct {
	Name string `yaml:"name"`
	// Type is the doc's type without list brackets: a scalar type name (see
	// ScalarTypes) or a struct type name.
	Type string `yaml:"type"`
	// List is true when the doc writes the type as "X[]" or "X []".
	List bool `yaml:"list,omitempty"`
	// Opaque marks a struct type the doc gives no fields for (Map,
	// JSONObject, TimeNodeDO, …): the value is carried as raw JSON text,
	// like Json, and the doc type is kept for the reader.
	Opaque   bool `yaml:"opaque,omitempty"`
	Required bool `yaml:"required,omitempty"`
	// Example is the 示例值 column, verbatim (free text).
	Example string `yaml:"example,omitempty"`
	// Default is the documented default value (默认值 in 更多限制, or the
	// JSON doc's defaultValue), verbatim.
	Default     string `yaml:"default,omitempty"`
	Description string `yaml:"description,omitempty"`
	// Limits come from the 更多限制 column.
	Limits Limits `yaml:"limits,omitempty"`
	// Values are the values the description lists (DetectValues), each
	// with its label; the generator makes them constants.
	Values []Value `yaml:"values,omitempty"`
	// Wrapper is the item element name of a list as the response sample
	// shows it (<xs><wrapper>…</wrapper></xs>); empty when no sample shows it.
	Wrapper string `yaml:"wrapper,omitempty"`
	// Nesting records how a reader placed this parameter under its parent
	// when the source lost depth (text pages); empty when the source gave
	// the tree itself. See the Nesting constants.
	Nesting Nesting `yaml:"nesting,omitempty"`
	// Children are the fields of a struct type, in doc order.
	Children []*Param `yaml:"children,omitempty"`
}

// Limits are the constraints of the 更多限制 column. Nil means "not given".
type Limits struct {
	MaxLength   *int64 `yaml:"max_length,omitempty"`
	MaxListSize *int64 `yaml:"max_list_size,omitempty"`
	MinValue    *int64 `yaml:"min_value,omitempty"`
	MaxValue    *int64 `yaml:"max_value,omitempty"`
}

// IsZero reports whether no limit is set; yaml.v3 uses it for omitempty.
func (l Limits) IsZero() bool {
	return l.MaxLength == nil && l.MaxListSize == nil && l.MinValue == nil && l.MaxValue == nil
}

// Nesting says which evidence placed a parameter under its parent.
type Nesting string

const (
	// NestingExample: the response example (XML) shows the field there.
	NestingExample Nesting = "example"
	// NestingJava: the Java request example sets the field on that object.
	NestingJava Nesting = "java"
	// NestingPinned: no example shows the field, but the fields around it
	// leave only one possible parent.
	NestingPinned Nesting = "pinned"
	// NestingPrior: the examples leave several places open and priors
	// learned from the TOP catalog (which fields a struct type has, which
	// names sit at the top of a result, which names are siblings) chose one.
	// Review these.
	NestingPrior Nesting = "prior"
	// NestingDefault: several places are open and nothing decides; the field
	// was put in the deepest open struct. Review these.
	NestingDefault Nesting = "default"
)

// Examples are the doc's sample blocks, verbatim.
type Examples struct {
	// Request is the Java SDK request example.
	Request string `yaml:"request,omitempty"`
	// ResponseXML is the XML response example.
	ResponseXML string `yaml:"response_xml,omitempty"`
	// ResponseJSON is the JSON response example with list wrappers.
	ResponseJSON string `yaml:"response_json,omitempty"`
	// ResponseSimplifyJSON is the JSON response example for simplify=true.
	ResponseSimplifyJSON string `yaml:"response_simplify_json,omitempty"`
	// ErrorXML and ErrorJSON are the error_response examples.
	ErrorXML  string `yaml:"error_xml,omitempty"`
	ErrorJSON string `yaml:"error_json,omitempty"`
}

// IsZero reports whether no example is set; yaml.v3 uses it for omitempty.
func (e Examples) IsZero() bool { return e == Examples{} }

// ErrorCode is one row of the 错误码解释 table.
type ErrorCode struct {
	Code     string `yaml:"code"`
	Message  string `yaml:"message,omitempty"`
	Solution string `yaml:"solution,omitempty"`
}

// ScalarTypes are the doc type names that are not structs.
var ScalarTypes = map[string]bool{
	"String":     true,
	"Number":     true,
	"Boolean":    true,
	"Date":       true,
	"Price":      true,
	"BigDecimal": true,
	"Json":       true,
	"byte[]":     true,
	"byte":       true,
	"Field List": true,
}

// IsScalar reports whether the param's type is a scalar doc type.
func (p *Param) IsScalar() bool { return ScalarTypes[p.Type] }

// IsStruct reports whether the param is a struct (or a list of structs).
func (p *Param) IsStruct() bool { return !ScalarTypes[p.Type] }

// DocType is the type as the doc writes it, with list types written without
// a space ("Goods[]", "String[]").
func (p *Param) DocType() string {
	if p.List {
		return p.Type + "[]"
	}
	return p.Type
}

// ParseType splits a doc type string ("Goods []", "String[]", "Number") into
// the element type and list-ness. "byte[]" is a scalar (a file), not a list
// of byte; "byte[][]" is a list of files.
func ParseType(s string) (typ string, list bool) {
	t := collapseSpaces(s)
	if t == "byte[]" || t == "byte []" {
		return "byte[]", false
	}
	for _, suffix := range []string{" []", "[]"} {
		if len(t) > len(suffix) && t[len(t)-len(suffix):] == suffix {
			elem, _ := ParseType(t[:len(t)-len(suffix)])
			return elem, true
		}
	}
	return t, false
}

func collapseSpaces(s string) string {
	out := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, c)
	}
	return string(out)
}

// ResponseKey is the envelope key of a successful response:
// the method with dots as underscores, a leading "taobao_" dropped, plus
// "_response".
func (a *API) ResponseKey() string {
	m := a.Method
	if len(m) > len("taobao.") && m[:len("taobao.")] == "taobao." {
		m = m[len("taobao."):]
	}
	b := []byte(m)
	for i, c := range b {
		if c == '.' {
			b[i] = '_'
		}
	}
	return string(b) + "_response"
}

// Walk calls fn for every param of the tree in document order (pre-order),
// with the slash-joined path of names from the top level.
func Walk(params []*Param, fn func(path string, p *Param)) {
	walk("", params, fn)
}

func walk(prefix string, params []*Param, fn func(string, *Param)) {
	for _, p := range params {
		path := p.Name
		if prefix != "" {
			path = prefix + "/" + p.Name
		}
		fn(path, p)
		walk(path, p.Children, fn)
	}
}
