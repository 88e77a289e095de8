package spec

import (
	"strings"
	"testing"
)

func TestApplyPatch(t *testing.T) {
	a, err := Load("../specs/alibaba.damai.mz.order.create.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := UnmarshalPatch("p.yaml", []byte(`method: alibaba.damai.mz.order.create
session: required
changes:
  - at: response:result/data/need_online_pay
    set: {type: String, description: 修正}
  - at: request:param/remark
    remove: true
  - at: response:result/data
    add: {name: paid, type: Boolean}
  - at: response:result/success
    move: response:result/data
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Apply(p); err != nil {
		t.Fatal(err)
	}
	tree := a.Tree()
	for _, want := range []string{"resp\tresult/data/need_online_pay\tString\t-", "resp\tresult/data/paid\tBoolean\t-", "resp\tresult/data/success\tBoolean\t-"} {
		if !strings.Contains(tree, want+"\n") {
			t.Errorf("tree lacks %q", want)
		}
	}
	for _, gone := range []string{"param/remark\t", "resp\tresult/success\t"} {
		if strings.Contains(tree, gone) {
			t.Errorf("tree still has %q", gone)
		}
	}
	if a.Session != SessionRequired {
		t.Errorf("session not overridden")
	}

	for _, tc := range []struct{ patch, want string }{
		{"method: alibaba.damai.mz.order.create\nchanges:\n  - at: response:result/nope\n    remove: true\n", "changes[0] (at response:result/nope): no parameter result/nope"},
		{"method: alibaba.damai.mz.order.create\nchanges:\n  - at: result\n    remove: true\n", `expected request:<path> or response:<path>`},
		{"method: alibaba.damai.mz.order.create\nchanges:\n  - at: response:result\n    remove: true\n    add: {name: x, type: String}\n", "exactly one of set, remove, add, move"},
		{"method: alibaba.damai.mz.order.create\nchanges:\n  - at: response:result/msg\n    set: {type: Numbr}\n", `unknown type "Numbr"`},
		{"method: other.method.x\n", "patch for other.method.x applied to alibaba.damai.mz.order.create"},
	} {
		a, _ := Load("../specs/alibaba.damai.mz.order.create.yaml")
		p, err := UnmarshalPatch("p.yaml", []byte(tc.patch))
		if err == nil {
			err = a.Apply(p)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("patch %q: error %v, want %q", tc.patch, err, tc.want)
		}
	}
	if _, err := UnmarshalPatch("p.yaml", []byte("method: a.b\nchangez: []\n")); err == nil || !strings.Contains(err.Error(), "p.yaml: line 2: field changez not found") {
		t.Errorf("unknown key: %v", err)
	}
}
