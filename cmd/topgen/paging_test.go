package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// topgen.yaml's paging: turns a detected paging off and sets one the rule
// missed; the specs show the result and the Go follows it.
func TestGeneratePagingOverride(t *testing.T) {
	dir, cfg := project(t, "taobao.trades.sold.get.json", "alibaba.omni.order.query.txt")
	appendFile(cfg, `paging:
  taobao.trades.sold.get: off
  alibaba.omni.order.query: {style: cursor, cursor: order_id, next_cursor: result/model/order_id}
`)
	if code, _, errs := topgen(t, "generate", "-config", cfg); code != 0 {
		t.Fatal(errs)
	}
	sold, _ := os.ReadFile(filepath.Join(dir, "specs", "taobao.trades.sold.get.yaml"))
	if strings.Contains(string(sold), "\npaging:") {
		t.Errorf("paging: off left the paging in the spec")
	}
	goSold, _ := os.ReadFile(filepath.Join(dir, "gen", "trades", "sold_get.go"))
	if strings.Contains(string(goSold), ") Pages(") {
		t.Errorf("Pages generated for an API whose paging is off")
	}
	query, _ := os.ReadFile(filepath.Join(dir, "specs", "alibaba.omni.order.query.yaml"))
	if !strings.Contains(string(query), "paging:\n  style: cursor\n  cursor: order_id\n  next_cursor: result/model/order_id\n") {
		t.Errorf("the paging set in topgen.yaml is not in the spec:\n%s", query)
	}
	goQuery, _ := os.ReadFile(filepath.Join(dir, "gen", "omni", "order_query.go"))
	if !strings.Contains(string(goQuery), ") Pages(") {
		t.Errorf("no Pages for the API topgen.yaml gives a paging")
	}

	// An override for a method no source documents is refused at its line.
	appendFile(cfg, "  taobao.tbk.nope.get: off\n")
	code, _, errs := topgen(t, "generate", "-config", cfg)
	if code == 0 || !strings.Contains(errs, "topgen.yaml:8: paging: taobao.tbk.nope.get: no source documents this method") {
		t.Errorf("exit %d, %s", code, errs)
	}
}

// tree -evidence lists, after the tree, each parameter with documented
// values and the paging.
func TestTreeEvidenceDetections(t *testing.T) {
	_, plain, _ := topgen(t, "tree", "../../specs/taobao.trades.sold.get.yaml")
	code, out, errs := topgen(t, "tree", "-evidence", "../../specs/taobao.trades.sold.get.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	treeLines := strings.Count(plain, "\n")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) <= treeLines {
		t.Fatalf("no lines after the tree:\n%s", out)
	}
	after := strings.Join(lines[treeLines:], "\n") + "\n"
	for _, want := range []string{
		"resp\ttrades/status\tvalues\tTRADE_NO_CREATE_PAY=没有创建支付宝交易; WAIT_BUYER_PAY=等待买家付款; ",
		"paging\tpage\tpage=page_no size=page_size items=trades has_next=has_next total=total_results (items)\n",
	} {
		if !strings.Contains(after, want) {
			t.Errorf("after the tree, no %q:\n%s", want, after)
		}
	}
	for _, l := range lines[treeLines:] {
		if c := strings.Split(l, "\t"); !(c[0] == "paging" || len(c) == 4 && c[2] == "values") {
			t.Errorf("not a values or paging line: %q", l)
		}
	}
	if _, plainOut, _ := topgen(t, "tree", "../../specs/taobao.trades.sold.get.yaml"); strings.Contains(plainOut, "\tvalues\t") || strings.Contains(plainOut, "paging\t") {
		t.Errorf("plain tree shows detections")
	}
}
