package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/opentop/topgen/spec"
)

// ParseJSON reads the doc site's JSON form of an API doc: the
// getDocument.json reply (envelope {"success":…,"data":{…}} or the bare data
// object), or the reduced corpus form (same tree, fewer keys). The tree is
// exact there, so no nesting is resolved. Unknown keys are ignored; a key of
// the wrong type is an error naming its JSON path. A response sample that
// is not valid JSON or XML is dropped from the spec with a warning.
func ParseJSON(file string, data []byte) (*spec.API, []Warning, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		off := int64(len(data)) // unexpected EOF: the doc is cut off
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			off = syn.Offset
		}
		return nil, nil, &Error{File: file, Line: lineAtOffset(data, off), Msg: "not JSON: " + err.Error()}
	}
	r := &jsonReader{file: file}
	obj, ok := root.(map[string]any)
	if !ok {
		return nil, nil, r.errorf("$", "expected a JSON object")
	}
	path := "$"
	if s, ok := obj["success"].(bool); ok && !s {
		return nil, nil, r.errorf("$.success", "the doc site answered success=false (%v)", firstOf(obj, "errMsg", "msg", "code"))
	}
	if d, ok := obj["data"]; ok {
		if obj, ok = d.(map[string]any); !ok {
			return nil, nil, r.errorf("$.data", "expected an object")
		}
		path = "$.data"
	}
	api := r.api(path, obj)
	if r.err != nil {
		return nil, nil, r.err
	}
	if err := api.Validate(); err != nil {
		return nil, nil, &Error{File: file, Msg: fmt.Sprintf("the doc gives an invalid spec:\n%v", err)}
	}
	return api, r.warnings, nil
}

// Warning is a problem that does not stop the scrape: the spec is written,
// and the warning says what to check.
type Warning struct {
	File string
	Line int    // page line (text pages); 0 when the doc has no lines
	Path string // JSON path, or the side and path of a row
	Msg  string
	// Nesting is set on the warning about a row placed by prior or
	// default, the rows a reviewer must check.
	Nesting spec.Nesting
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: warning: %s", w.File, w.Line, w.Path, w.Msg)
	}
	return fmt.Sprintf("%s: %s: warning: %s", w.File, w.Path, w.Msg)
}

type jsonReader struct {
	file     string
	err      error // the first type error
	warnings []Warning
}

func (r *jsonReader) errorf(path, format string, args ...any) error {
	return &Error{File: r.file, Msg: path + ": " + fmt.Sprintf(format, args...)}
}

func (r *jsonReader) fail(path, want string, got any) {
	if r.err == nil {
		r.err = r.errorf(path, "expected %s, found %s", want, jsonKind(got))
	}
}

func (r *jsonReader) warn(path, format string, args ...any) {
	r.warnings = append(r.warnings, Warning{File: r.file, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (r *jsonReader) str(obj map[string]any, path, key string) string {
	v, ok := obj[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.fail(path+"."+key, "a string", v)
	}
	return s
}

func (r *jsonReader) boolean(obj map[string]any, path, key string) bool {
	v, ok := obj[key]
	if !ok || v == nil {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		r.fail(path+"."+key, "true or false", v)
	}
	return b
}

// limit reads a limit that may be null, a number or a numeric string.
func (r *jsonReader) limit(obj map[string]any, path, key string) *int64 {
	v, ok := obj[key]
	if !ok || v == nil {
		return nil
	}
	var s string
	switch t := v.(type) {
	case json.Number:
		s = t.String()
	case string:
		s = strings.TrimSpace(t)
		if s == "" {
			return nil
		}
	default:
		r.fail(path+"."+key, "a number, a numeric string or null", v)
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != float64(int64(f)) {
			r.fail(path+"."+key, "an integer", v)
			return nil
		}
		n = int64(f)
	}
	return &n
}

func (r *jsonReader) array(obj map[string]any, path, key string) []any {
	v, ok := obj[key]
	if !ok || v == nil {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		r.fail(path+"."+key, "an array", v)
	}
	return a
}

func (r *jsonReader) objects(obj map[string]any, path, key string) ([]map[string]any, []string) {
	var out []map[string]any
	var paths []string
	for i, v := range r.array(obj, path, key) {
		p := fmt.Sprintf("%s.%s[%d]", path, key, i)
		o, ok := v.(map[string]any)
		if !ok {
			r.fail(p, "an object", v)
			continue
		}
		out = append(out, o)
		paths = append(paths, p)
	}
	return out, paths
}

func (r *jsonReader) api(path string, obj map[string]any) *spec.API {
	api := &spec.API{
		Method:      strings.TrimSpace(r.str(obj, path, "name")),
		Title:       r.str(obj, path, "apiChineseName"),
		Description: strings.TrimSpace(r.str(obj, path, "description")),
		Source:      r.file,
	}
	if api.Method == "" && r.err == nil {
		r.err = r.errorf(path+".name", "the doc has no method name (an empty download?)")
	}
	api.Request = r.params(obj, path, "requestParams", nil)
	api.Response = r.params(obj, path, "responseParams", nil)
	api.Session = r.session(obj, path)
	api.Examples = r.examples(obj, path, api)
	codes, paths := r.objects(obj, path, "errorCodes")
	for i, c := range codes {
		code := strings.TrimSpace(r.str(c, paths[i], "errorCode"))
		if code == "" {
			r.warn(paths[i], "error code row without a code, left out")
			continue
		}
		api.Errors = append(api.Errors, spec.ErrorCode{Code: code, Message: r.str(c, paths[i], "errorMsg"), Solution: r.str(c, paths[i], "solution")})
	}
	fillWrappers(api)
	return api
}

func (r *jsonReader) params(obj map[string]any, path, key string, ancestors []string) []*spec.Param {
	objs, paths := r.objects(obj, path, key)
	var out []*spec.Param
	seen := map[string]bool{}
	for i, o := range objs {
		p := r.param(o, paths[i], ancestors)
		if p == nil {
			continue
		}
		if seen[p.Name] {
			// Four catalog docs list a name twice; the first row is the
			// documented one in every case seen.
			r.warn(paths[i], "duplicate parameter %q among its siblings, left out", p.Name)
			continue
		}
		seen[p.Name] = true
		out = append(out, p)
	}
	return out
}

func (r *jsonReader) param(o map[string]any, path string, ancestors []string) *spec.Param {
	p := &spec.Param{
		Name:        strings.TrimSpace(r.str(o, path, "name")),
		Required:    r.boolean(o, path, "required"),
		Example:     r.str(o, path, "demoValue"),
		Default:     r.str(o, path, "defaultValue"),
		Description: strings.TrimSpace(r.str(o, path, "description")),
		Limits: spec.Limits{
			MaxLength:   r.limit(o, path, "maxLength"),
			MaxListSize: r.limit(o, path, "maxListSize"),
			MinValue:    r.limit(o, path, "minValue"),
			MaxValue:    r.limit(o, path, "maxValue"),
		},
	}
	if p.Name == "" {
		r.warn(path, "parameter without a name, left out")
		return nil
	}
	if len(ancestors) >= spec.MaxDepth {
		if r.err == nil {
			r.err = r.errorf(path, "parameter %s nests deeper than %d levels", p.Name, spec.MaxDepth)
		}
		return nil
	}
	p.Type, p.List = spec.ParseType(r.str(o, path, "type"))
	p.Children = r.params(o, path, "subParams", append(ancestors, p.Type))
	switch {
	case p.Type == "":
		r.warn(path, "parameter %s has no type; read as String", p.Name)
		p.Type = "String"
	case p.IsScalar() && len(p.Children) > 0:
		// Children win: the doc shows fields, so the value is a struct.
		r.warn(path, "scalar type %s has fields; read as a struct", p.Type)
		p.Type = structTypeFor(p.Name)
	case !p.IsScalar() && len(p.Children) == 0:
		// A struct the doc gives no fields for (Map, JSONObject, T, …):
		// its content is opaque JSON.
		r.warn(path, "struct type %s has no fields; read as an opaque leaf (raw JSON text)", p.Type)
		p.Opaque = true
	}
	return p
}

// structTypeFor names the struct type of a field whose doc gives a scalar
// type and fields: the field name in camel case (a field named price must
// not be typed Price).
func structTypeFor(name string) string {
	t := camel(name)
	if spec.ScalarTypes[t] {
		t += "Struct"
	}
	return t
}

func camel(name string) string {
	var b strings.Builder
	up := true
	for _, c := range name {
		if c == '_' || c == '.' || c == '-' {
			up = true
			continue
		}
		if up && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		b.WriteRune(c)
	}
	return b.String()
}

// session reads the authorisation badge, falling back to the Java demo.
func (r *jsonReader) session(obj map[string]any, path string) spec.Session {
	labels, paths := r.objects(obj, path, "labels")
	for i, l := range labels {
		key, name := r.str(l, paths[i], "key"), r.str(l, paths[i], "displayName")
		switch {
		case key == "required" || name == "必须用户授权" || name == "双方用户授权":
			return spec.SessionRequired
		case key == "optional" || name == "可选用户授权":
			return spec.SessionOptional
		case key == "no_need" || name == "不需用户授权":
			return spec.SessionNone
		}
	}
	if j := parseJava(r.javaDemo(obj, path)); j.session != nil && *j.session {
		return spec.SessionRequired
	}
	return spec.SessionNone
}

func (r *jsonReader) javaDemo(obj map[string]any, path string) string {
	demos, paths := r.objects(obj, path, "sdkDemos")
	for i, d := range demos {
		if n := r.str(d, paths[i], "name"); n == "JAVA" {
			return strings.TrimSpace(r.str(d, paths[i], "descprition")) // sic: the API's spelling
		}
	}
	return ""
}

// examples keeps the samples that parse; a broken one is dropped with a
// warning naming where it breaks, so no fixture is built from it.
func (r *jsonReader) examples(obj map[string]any, path string, api *spec.API) spec.Examples {
	sample := func(key string) string {
		s := strings.TrimSpace(r.str(obj, path, key))
		if s == "" {
			return ""
		}
		if _, err := parseSample(s); err != nil {
			r.warn(fmt.Sprintf("%s.%s line %d", path, key, max(err.line, 1)), "invalid sample (%s); left out, so no fixture test is built from it", err.msg)
			return ""
		}
		return s
	}
	return spec.Examples{
		Request:              r.javaDemo(obj, path),
		ResponseXML:          sample("rspSampleXml"),
		ResponseJSON:         sample("rspSampleJson"),
		ResponseSimplifyJSON: sample("rspSampleSimplifyJson"),
		ErrorXML:             sample("apiErrDemoXml"),
		ErrorJSON:            sample("apiErrDemoJson"),
	}
}

func jsonKind(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + t.String()
	case string:
		return strconv.Quote(t)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func firstOf(obj map[string]any, keys ...string) any {
	for _, k := range keys {
		if v, ok := obj[k]; ok && v != nil && v != "" {
			return v
		}
	}
	return "no message"
}

func lineAtOffset(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return 1 + bytes.Count(data[:off], []byte("\n"))
}
