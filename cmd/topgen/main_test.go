package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opentop/topgen/internal/golden"
	"github.com/opentop/topgen/spec"
)

// topgen runs the CLI in-process, as `topgen args...`.
func topgen(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestScrapeWritesSpecsAndSkipsUnchanged(t *testing.T) {
	dir := t.TempDir()
	pages, _ := filepath.Glob("../../pages/*.txt")
	code, out, errs := topgen(t, append([]string{"scrape", "-o", dir}, pages...)...)
	if code != 0 || errs != "" {
		t.Fatalf("scrape: exit %d, stderr %s", code, errs)
	}
	if strings.Count(out, "wrote ") != len(pages) {
		t.Errorf("want one 'wrote' line per page, got:\n%s", out)
	}
	for _, p := range pages {
		method := strings.TrimSuffix(filepath.Base(p), ".txt")
		got, err := os.ReadFile(filepath.Join(dir, method+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(filepath.Join("../../specs", method+".yaml"))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: scraped spec differs from specs/", method)
		}
	}
	// A second run rewrites nothing: same bytes, same mtime.
	f := filepath.Join(dir, "alibaba.omni.order.query.yaml")
	old := time.Unix(1, 0)
	os.Chtimes(f, old, old)
	code, out, _ = topgen(t, append([]string{"scrape", "-o", dir}, pages...)...)
	if code != 0 || out != "" {
		t.Errorf("second scrape: exit %d, output %q; want 0 and nothing written", code, out)
	}
	if st, _ := os.Stat(f); !st.ModTime().Equal(old) {
		t.Errorf("unchanged spec was rewritten")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
}

// A bad page fails the run with its file and line, and gets no spec; the
// good pages of the same run still do.
func TestScrapeBadPageKeepsOthers(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("alibaba.x.y (坏)\n\n请求参数\n名称 类型 是否必须 示例值 更多限制 描述\n"), 0o644)
	code, _, errs := topgen(t, "scrape", "-o", dir, bad, "../../pages/alibaba.omni.order.query.txt")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, bad+":4: page ends without the 响应参数 section") {
		t.Errorf("stderr does not name the file and line:\n%s", errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "alibaba.x.y.yaml")); err == nil {
		t.Errorf("a spec was written for the bad page")
	}
	if _, err := os.Stat(filepath.Join(dir, "alibaba.omni.order.query.yaml")); err != nil {
		t.Errorf("the good page of the same run got no spec: %v", err)
	}
}

func TestTree(t *testing.T) {
	for _, method := range []string{"alibaba.damai.mz.order.create", "alibaba.omni.order.query"} {
		code, out, errs := topgen(t, "tree", "../../pages/"+method+".txt")
		if code != 0 {
			t.Fatalf("tree: exit %d: %s", code, errs)
		}
		golden.Check(t, "../../golden/tree/"+method+".tree", []byte(out))
		// The spec gives the same tree as its page.
		_, fromSpec, _ := topgen(t, "tree", "../../specs/"+method+".yaml")
		if fromSpec != out {
			t.Errorf("%s: tree of the spec differs from the tree of the page", method)
		}
	}
	code, out, _ := topgen(t, "tree", "../../pages/alibaba.omni.order.query.txt", "../../specs/alibaba.damai.mz.order.detail.yaml")
	if code != 0 || !strings.HasPrefix(out, "# ../../pages/alibaba.omni.order.query.txt\nreq\tuser_id\tString\trequired\n") ||
		!strings.Contains(out, "\n# ../../specs/alibaba.damai.mz.order.detail.yaml\nreq\tmz_order_id\tString\trequired\n") {
		t.Errorf("several inputs: each block starts with # <input>; got:\n%s", out)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"nope"}, {"scrape"}, {"tree"}, {"scrape", "-x"}} {
		if code, _, errs := topgen(t, args...); code != 2 || errs == "" {
			t.Errorf("topgen %v: exit %d, stderr %q; want 2 and a usage message", args, code, errs)
		}
	}
}

func TestDiffExitCodes(t *testing.T) {
	old := "../../specs/alibaba.omni.order.query.yaml"
	data, _ := os.ReadFile(old)
	edited := filepath.Join(t.TempDir(), "new.yaml")
	os.WriteFile(edited, []byte(strings.Replace(string(data), "    description: 导购员id\n", "    description: 导购员id\n    limits:\n      max_length: 20\n", 1)), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"diff", old, old}, 0, "no changes\n"},
		{[]string{"diff", old, edited}, 0, "warning   request user_id: max_length changed from none to 20"},
		{[]string{"diff", "-fail-on", "warning", old, edited}, 1, "1 warning"},
		{[]string{"diff", "-fail-on", "breaking", old, edited}, 0, "1 warning"},
		{[]string{"diff", "-json", old, edited}, 0, `"kind": "limit-changed"`},
		{[]string{"diff", "-fail-on", "info", old, edited}, 2, ""},
		{[]string{"diff", old}, 2, ""},
		{[]string{"diff", old, "no/such.yaml"}, 1, ""},
	} {
		code, out, _ := topgen(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) {
			t.Errorf("topgen %v: exit %d, output:\n%s\nwant exit %d and %q", tc.args, code, out, tc.code, tc.out)
		}
	}
}

// scrape picks the reader from the content, not the file name: an HTML
// page and a doc-site JSON document saved as .txt still read.
func TestScrapePicksReaderByContent(t *testing.T) {
	dir := t.TempDir()
	html, _ := os.ReadFile("../../golden/html/alibaba.omni.order.query.flat.html")
	json, _ := os.ReadFile("../../pages/taobao.tbk.coupon.convert.json")
	os.WriteFile(filepath.Join(dir, "page.txt"), html, 0o644)
	os.WriteFile(filepath.Join(dir, "doc.txt"), json, 0o644)
	out := t.TempDir()
	code, _, errs := topgen(t, "scrape", "-o", out, filepath.Join(dir, "page.txt"), filepath.Join(dir, "doc.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got, _ := os.ReadFile(filepath.Join(out, "alibaba.omni.order.query.yaml"))
	want, _ := os.ReadFile("../../specs/alibaba.omni.order.query.yaml")
	// Same spec as the text page but for its source name (and so the
	// checksum).
	_, gotBody := spec.CheckFile(got)
	_, wantBody := spec.CheckFile(want)
	if strings.Replace(string(gotBody), "source: page.txt", "source: alibaba.omni.order.query.txt", 1) != string(wantBody) {
		t.Errorf("HTML saved as .txt did not give the text page's spec")
	}
	if _, err := os.Stat(filepath.Join(out, "taobao.tbk.coupon.convert.yaml")); err != nil {
		t.Errorf("JSON saved as .txt was not read: %v", err)
	}
}

// tree -evidence adds how each parameter was placed as a fifth column;
// the first four are plain tree's. The lines after the tree list the
// documented values and the paging (TestTreeEvidenceDetections).
func TestTreeEvidence(t *testing.T) {
	page := "../../golden/scrape/missing-examples/page.txt"
	_, plain, _ := topgen(t, "tree", page)
	code, out, errs := topgen(t, "tree", "-evidence", page)
	if code != 0 {
		t.Fatalf("tree -evidence: exit %d: %s", code, errs)
	}
	pl, ev := strings.Split(plain, "\n"), strings.Split(out, "\n")
	if len(pl) > len(ev) {
		t.Fatalf("%d lines, plain tree has %d", len(ev), len(pl))
	}
	for i := range pl {
		if pl[i] == "" {
			continue
		}
		cols := strings.Split(ev[i], "\t")
		if len(cols) != 5 || strings.Join(cols[:4], "\t") != pl[i] {
			t.Errorf("line %d: %q, want %q and a fifth column", i+1, ev[i], pl[i])
		}
	}
	for _, want := range []string{
		"req\tquery_id\tString\trequired\t-\n",
		"resp\tresult/page/page_no\tNumber\t-\texample\n",
		"resp\tresult/page/page_size\tNumber\t-\tpinned\n",
		"resp\tresult/records/extra/ext_source\tNumber\t-\tdefault\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("tree -evidence lacks %q:\n%s", want, out)
		}
	}
	// A JSON doc gives its tree: no nesting evidence to show.
	_, out, _ = topgen(t, "tree", "-evidence", "../../pages/taobao.tbk.coupon.convert.json")
	if !strings.Contains(out, "resp\tresult/results/extra_info\tString\t-\t-\n") {
		t.Errorf("JSON doc: want - in the fifth column:\n%s", out)
	}
}

// scrape ends with one line listing the rows placed by prior or default,
// each with its file and line.
func TestScrapeReviewLine(t *testing.T) {
	page := "../../golden/scrape/missing-examples/page.txt"
	code, out, errs := topgen(t, "scrape", "-o", t.TempDir(), page, "../../pages/alibaba.omni.order.query.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := "topgen scrape: 1 row placed by prior or default, to review: " + page + ":66 (response: result/records/extra/ext_source, default)"
	if last := lines[len(lines)-1]; last != want {
		t.Errorf("last line %q, want %q", last, want)
	}
	if !strings.Contains(errs, page+":66: response: result/records/extra/ext_source: warning:") {
		t.Errorf("stderr lacks the row's warning:\n%s", errs)
	}
}
