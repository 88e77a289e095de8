package scraper

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/opentop/topgen/spec"
)

// The HTML renderings of the bundled pages give the same spec as the text
// pages: the flat layout (depth lost, rebuilt by the shared resolver) to
// the byte, the nested layout (depth from the DOM) but for the nesting
// evidence, which the DOM makes moot.
func TestHTMLRenderingsMatchTextPages(t *testing.T) {
	pages, _ := filepath.Glob("../pages/*.txt")
	for _, page := range pages {
		method := strings.TrimSuffix(filepath.Base(page), ".txt")
		want := mustParse(t, page)
		for _, layout := range []string{"flat", "nested"} {
			t.Run(method+"/"+layout, func(t *testing.T) {
				file := filepath.Join("..", "golden", "html", method+"."+layout+".html")
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				got, warnings, err := Parse(filepath.Base(page), data)
				if err != nil {
					t.Fatal(err)
				}
				if len(warnings) > 0 {
					t.Errorf("warnings: %v", warnings)
				}
				w := want
				if layout == "nested" {
					w = withoutNesting(want)
					for _, side := range [][]*spec.Param{got.Request, got.Response} {
						spec.Walk(side, func(path string, p *spec.Param) {
							if p.Nesting != "" {
								t.Errorf("%s: nesting %q, but the DOM gave the depth", path, p.Nesting)
							}
						})
					}
				}
				if diff := cmp.Diff(w, got); diff != "" {
					t.Errorf("HTML spec differs from the text page's (-text +html):\n%s", diff)
				}
			})
		}
	}
}

func withoutNesting(a *spec.API) *spec.API {
	data, _ := spec.Marshal(a)
	c, _ := spec.Unmarshal("copy", data)
	for _, side := range [][]*spec.Param{c.Request, c.Response} {
		spec.Walk(side, func(_ string, p *spec.Param) { p.Nesting = "" })
	}
	return c
}

func TestHTMLBadPages(t *testing.T) {
	flat, err := os.ReadFile("../golden/html/alibaba.omni.order.query.flat.html")
	if err != nil {
		t.Fatal(err)
	}
	page := string(flat)
	for _, tc := range []struct{ name, page, want string }{
		{"not a doc page", "<html><body><p>你好</p></body></html>", "not a TOP API doc page"},
		{"no response table", strings.Replace(page, "<th>示例值</th><th>描述</th>", "<th>说明</th>", 1), "no response parameter table"},
		{"truncated", page[:strings.Index(page, "<h3>异常示例</h3>")], "page has no 异常示例 section"},
		{"bad row", strings.Replace(page, "<td>order_id</td><td>String</td>", "<td>order_id</td><td>必须</td>", 1), `cannot parse request table row "order_id 必须`},
		{"contradicting XML", strings.Replace(page, "&lt;msg_info&gt;", "&lt;msg_infos&gt;", 1), ""},
	} {
		_, _, err := ParseHTML("bad.html", []byte(tc.page))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "bad.html: ") {
			t.Errorf("%s: error %v, want one naming the file and %q", tc.name, err, tc.want)
		}
	}
}
