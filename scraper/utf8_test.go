package scraper

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

// TestInvalidUTF8: bytes that are not UTF-8, in a page of any form, become
// U+FFFD with a warning naming the file and line, and the spec is written
// as readable YAML, never !!binary (issue 10).
func TestInvalidUTF8(t *testing.T) {
	for _, c := range []struct {
		file, old string
		line      string
	}{
		{"../pages/alibaba.damai.mz.order.detail.txt", "订单详情API;", "line 3"},
		{"../golden/html/alibaba.damai.mz.order.detail.nested.html", "订单详情API;", "line 7"},
		{"../pages/taobao.tbk.relation.refund.json", "订单查询-渠道", "line 13"},
	} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		bad := bytes.Replace(data, []byte(c.old), []byte(c.old+"\xff\xfe\xa0"), 1)
		name := "bad" + c.file[strings.LastIndex(c.file, "."):]
		api, warnings, err := Parse(name, bad)
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if len(warnings) == 0 || warnings[0].String() != name+": "+c.line+": warning: bytes that are not UTF-8 replaced by U+FFFD (�)" {
			t.Errorf("%s: warnings %v", c.file, warnings)
		}
		if !strings.Contains(api.Description, c.old+"\uFFFD") || strings.Count(api.Description, "\uFFFD") != 1 {
			t.Errorf("%s: description %q", c.file, api.Description)
		}
		out, err := spec.Marshal(api)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(out, []byte("!!binary")) {
			t.Errorf("%s: the spec has !!binary", c.file)
		}
	}
}

func TestValidUTF8Lines(t *testing.T) {
	var page strings.Builder
	for i := 1; i <= 30; i++ {
		if i%2 == 0 {
			page.WriteString("x\xc3\n") // a cut-off two-byte rune
		} else {
			page.WriteString("ok \uFFFD\n") // a real U+FFFD is text
		}
	}
	out, w := validUTF8("p.txt", []byte(page.String()))
	if !bytes.Equal(out, []byte(strings.ReplaceAll(page.String(), "x\xc3", "x\uFFFD"))) {
		t.Errorf("replaced:\n%q", out)
	}
	want := "p.txt: line 2: warning: bytes that are not UTF-8 replaced by U+FFFD (�); also on line 4, 6, 8, 10, 12, 14, 16, 18, 20 and 5 more lines"
	if len(w) != 1 || w[0].String() != want {
		t.Errorf("warnings %v\nwant %s", w, want)
	}
	if out, w := validUTF8("p.txt", []byte("fine 好")); string(out) != "fine 好" || w != nil {
		t.Errorf("valid text changed: %q %v", out, w)
	}
}
