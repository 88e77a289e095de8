package top

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Params are encoded request parameters: form values (signed) and file
// uploads (byte[] parameters, sent as multipart parts and never signed).
type Params struct {
	values map[string]string
	files  map[string]File
}

// File is the content of a byte[] parameter.
type File struct {
	// Name is the file name sent in the multipart part.
	Name    string
	Content []byte
}

// NewParams returns empty parameters.
func NewParams() *Params {
	return &Params{values: map[string]string{}, files: map[string]File{}}
}

// Set sets a form value. An empty value is not sent (TOP ignores empty
// parameters when signing, so sending one would only confuse).
func (p *Params) Set(name, value string) {
	if value == "" {
		delete(p.values, name)
		return
	}
	p.values[name] = value
}

// SetInt sets a Number parameter in decimal.
func (p *Params) SetInt(name string, v int64) { p.Set(name, strconv.FormatInt(v, 10)) }

// SetBool sets a Boolean parameter as true/false.
func (p *Params) SetBool(name string, v bool) { p.Set(name, strconv.FormatBool(v)) }

// SetTime sets a Date parameter as "2006-01-02 15:04:05" in GMT+8, whatever
// the zone of t.
func (p *Params) SetTime(name string, t time.Time) { p.Set(name, FormatTime(t)) }

// SetList sets a top-level scalar list parameter, comma-joined as TOP expects.
func (p *Params) SetList(name string, items []string) { p.Set(name, strings.Join(items, ",")) }

// SetJSON sets a struct or struct-list parameter as one compact JSON string,
// using the doc's field names (the json tags of the generated types).
func (p *Params) SetJSON(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("top: encode parameter %s: %w", name, err)
	}
	p.Set(name, string(b))
	return nil
}

// SetFile sets a byte[] parameter, sent as a file part.
func (p *Params) SetFile(name string, f File) { p.files[name] = f }

// Get returns a form value and whether it is set.
func (p *Params) Get(name string) (string, bool) {
	v, ok := p.values[name]
	return v, ok
}

// Names returns the form value names in sorted order.
func (p *Params) Names() []string { return sortedKeys(p.values) }

// Files returns the file parameter names in sorted order.
func (p *Params) FileNames() []string { return sortedKeys(p.files) }

// File returns a file parameter.
func (p *Params) File(name string) (File, bool) {
	f, ok := p.files[name]
	return f, ok
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
