// Package mock is a TOP gateway driven by specs, for integration tests of
// code that calls TOP: it serves every spec'd API with the doc's example
// response, checks the system parameters and the signature (through
// toptest.Handler) and the business parameters against the spec
// (CheckParams), and answers TOP's own error_response otherwise.
//
//	apis, _ := mock.LoadDir("specs")
//	h, _ := mock.New(apis, "secret")
//	http.Handle(mock.Path, h)
package mock

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top"
	"github.com/opentop/topgen/top/toptest"
)

// Path is where the gateway is served, as the real one is.
const Path = toptest.Path

// New returns a gateway answering apis. With an empty secret it accepts
// any signature; it accepts any app key. opts go to toptest.NewHandler
// (e.g. toptest.WithRecording).
func New(apis []*spec.API, secret string, opts ...toptest.HandlerOption) (*toptest.Handler, error) {
	byMethod := make(map[string]*spec.API, len(apis))
	for _, api := range apis {
		if _, dup := byMethod[api.Method]; dup {
			return nil, fmt.Errorf("mock: two specs for %s", api.Method)
		}
		byMethod[api.Method] = api
	}
	check := func(rec *toptest.Received) *top.Error {
		// The handler only calls this for a registered method.
		return CheckParams(byMethod[rec.Method], rec.Params, slices.Sorted(maps.Keys(rec.Files)))
	}
	h := toptest.NewHandler("", secret, append(opts, toptest.WithParamCheck(check))...)
	for _, api := range apis {
		reply, err := Reply(api)
		if err != nil {
			return nil, fmt.Errorf("mock: %w", err)
		}
		h.Handle(api.Method, reply)
		if api.Session == spec.SessionRequired {
			h.RequireSession(api.Method)
		}
	}
	return h, nil
}

// LoadDir loads every *.yaml spec of dir, in file name order.
func LoadDir(dir string) ([]*spec.API, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("specs: %w", err)
		}
		return nil, fmt.Errorf("specs: no *.yaml spec in %s", dir)
	}
	apis := make([]*spec.API, 0, len(paths))
	for _, p := range paths {
		api, err := spec.Load(p)
		if err != nil {
			return nil, err
		}
		apis = append(apis, api)
	}
	return apis, nil
}
