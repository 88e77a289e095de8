package config

import (
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

const withPaging = good + `paging:
  taobao.list.get: {style: page, page: page_no, items: list, total: total, total_of: items}
  taobao.other.get: off
`

func pagingAPIs() []*spec.API {
	return []*spec.API{
		{Method: "taobao.list.get", Session: spec.SessionNone,
			Request:  []*spec.Param{{Name: "page_no", Type: "Number"}},
			Response: []*spec.Param{{Name: "list", Type: "String", List: true}, {Name: "total", Type: "Number"}}},
		{Method: "taobao.other.get", Session: spec.SessionNone,
			Request:  []*spec.Param{{Name: "page", Type: "Number"}},
			Response: []*spec.Param{{Name: "xs", Type: "String", List: true}},
			Paging:   &spec.Paging{Style: spec.PagingPage, Page: "page", Items: "xs"}},
	}
}

// topgen.yaml sets a paging the rule missed and turns off one it got wrong.
func TestPagingOverride(t *testing.T) {
	c, err := Load(write(t, withPaging))
	if err != nil {
		t.Fatal(err)
	}
	apis := pagingAPIs()
	if err := c.ApplyPaging(apis); err != nil {
		t.Fatal(err)
	}
	if got := apis[0].Paging.String(); got != "page page=page_no items=list total=total (items)" {
		t.Errorf("overridden paging %q", got)
	}
	if apis[1].Paging != nil {
		t.Errorf("paging off left %v", apis[1].Paging)
	}
}

func TestPagingOverrideErrors(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{good + "paging:\n  taobao.list.get: on\n", ":12: expected off or a paging mapping"},
		{good + "paging:\n  taobao.list.get: {style: page, pages: page_no}\n", ":12: field pages not found in a paging"},
	} {
		_, err := Load(write(t, tc.config))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("config:\n%s\nerror %v, want %q", tc.config, err, tc.want)
		}
	}
	for _, tc := range []struct{ paging, want string }{
		{"  taobao.nope.get: off\n", ":12: paging: taobao.nope.get: no source documents this method"},
		{"  taobao.list.get: {style: page, page: page_nr, items: list}\n", ":12: paging: taobao.list.get: paging: page: no request field page_nr outside lists"},
		{"  taobao.list.get: {style: page, page: page_no}\n", "style page needs has_next, total or items"},
	} {
		c, err := Load(write(t, good+"paging:\n"+tc.paging))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.ApplyPaging(pagingAPIs()); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("paging %q: error %v, want %q", tc.paging, err, tc.want)
		}
	}
}
