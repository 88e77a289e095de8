package diff

import (
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

// A removed constant or paging is breaking, an added one info.
func TestValueAndPagingChanges(t *testing.T) {
	const create, sold = "alibaba.damai.mz.order.create", "taobao.trades.sold.get"
	for _, tc := range []struct {
		name, method string
		edit         func(a *spec.API)
		want         []string // "level kind side path"
	}{
		{"value removed", create, func(a *spec.API) {
			p := find(a.Request, "param/delivery_type")
			p.Values = p.Values[1:]
		}, []string{"breaking value-removed request param/delivery_type"}},
		{"values removed with the list", create, func(a *spec.API) { find(a.Request, "param/delivery_type").Values = nil },
			[]string{"breaking value-removed request param/delivery_type"}},
		{"value added and relabelled", create, func(a *spec.API) {
			p := find(a.Request, "param/delivery_type")
			p.Values = append(p.Values, spec.Value{Value: "12", Label: "新方式"})
			p.Values[0].Label = "改名"
		}, []string{"info value-added request param/delivery_type", "info value-relabelled request param/delivery_type"}},
		{"values on a new field are the field's addition", create, func(a *spec.API) {
			a.Request = append(a.Request, &spec.Param{Name: "kind", Type: "Number", Values: []spec.Value{{Value: "1"}, {Value: "2"}}})
		}, []string{"info param-added request kind"}},
		{"paging removed", sold, func(a *spec.API) { a.Paging = nil },
			[]string{"breaking paging-removed  "}},
		{"paging unchanged", sold, func(a *spec.API) {}, nil},
		{"paging stop field changed", sold, func(a *spec.API) { a.Paging.HasNext = "" },
			[]string{"warning paging-changed  "}},
		{"item list no longer known", sold, func(a *spec.API) { a.Paging.Items = "" },
			[]string{"breaking paging-items-removed  ", "warning paging-changed  "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := load(t, tc.method), load(t, tc.method)
			tc.edit(new)
			if err := new.Validate(); err != nil {
				t.Fatalf("the edited spec is invalid: %v", err)
			}
			var got []string
			for _, c := range Compare(old, new) {
				got = append(got, strings.Join([]string{c.Level.String(), c.Kind, c.Side, c.Path}, " "))
			}
			if strings.Join(sorted(got), "\n") != strings.Join(sorted(tc.want), "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
	old, new := load(t, sold), load(t, sold)
	old.Paging = nil
	changes := Compare(old, new)
	if len(changes) != 1 || changes[0].Kind != "paging-added" || changes[0].Level != Info || !strings.Contains(changes[0].Text, "Pages and Items") {
		t.Errorf("paging added: %+v", changes)
	}
}
