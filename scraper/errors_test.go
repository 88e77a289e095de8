package scraper

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func seed(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../pages/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// lineOf returns the 1-based line of the first line containing s.
func lineOf(t *testing.T, page, s string) int {
	t.Helper()
	for i, l := range strings.Split(page, "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%q not in page", s)
	return 0
}

// Bad pages fail with an *Error naming the line and what was expected.
func TestBadPages(t *testing.T) {
	detail := seed(t, "alibaba.damai.mz.order.detail")
	query := seed(t, "alibaba.omni.order.query")
	create := seed(t, "alibaba.damai.mz.order.create")
	cut := func(page, at string) string { return page[:strings.Index(page, at)] }
	for _, tc := range []struct {
		name     string
		page     string
		wantLine func(page string) int
		want     string
	}{
		{
			name:     "not a doc page",
			page:     "今天天气很好。\n我们去公园散步吧。\n",
			want:     "not a TOP API doc page",
			wantLine: func(string) int { return 1 },
		},
		{
			name:     "truncated in the XML example",
			page:     cut(detail, "<order_receive_info>"),
			want:     "page ends without the 异常示例 section",
			wantLine: func(p string) int { return lineOf(t, p, "<coupon_code_promotion_money_fen>") },
		},
		{
			name:     "truncated before the response table",
			page:     cut(query, "响应参数"),
			want:     "page ends without the 响应参数 section",
			wantLine: func(p string) int { return lineOf(t, p, "out_order_id String") },
		},
		{
			name:     "top-level row without a type",
			page:     strings.Replace(query, "order_id String 必须", "order_id 必须", 1),
			want:     `"必须" is not a type`,
			wantLine: func(p string) int { return lineOf(t, p, "order_id 必须") },
		},
		{
			name:     "request row without 必须/可选",
			page:     strings.Replace(query, "order_id String 必须", "order_id String maybe", 1),
			want:     "expected 必须 or 可选 after the type",
			wantLine: func(p string) int { return lineOf(t, p, "order_id String maybe") },
		},
		{
			name:     "nested row without a type",
			page:     strings.Replace(query, "  • └ alipay_order_id\n  • String\n", "  • └ alipay_order_id\n", 1),
			want:     `nested response row "alipay_order_id": expected a type after the name`,
			wantLine: func(p string) int { return lineOf(t, p, "└ alipay_order_id") },
		},
		{
			name:     "XML example names an element the table lacks",
			page:     strings.Replace(query, "<msg_info>必选输入参数不能为空</msg_info>", "<msg_infos>必选输入参数不能为空</msg_infos>", 1),
			want:     "response example has element <msg_infos>, which is not a field",
			wantLine: func(p string) int { return lineOf(t, p, "<msg_infos>") },
		},
		{
			name:     "XML example for another method",
			page:     strings.ReplaceAll(query, "alibaba_omni_order_query_response", "alibaba_omni_order_get_response"),
			want:     `root element is "alibaba_omni_order_get_response", expected "alibaba_omni_order_query_response"`,
			wantLine: func(p string) int { return lineOf(t, p, "<alibaba_omni_order_get_response>") },
		},
		{
			name:     "broken XML example",
			page:     strings.Replace(query, "</promotion_info>", "</promotion_infx>", 1),
			want:     "response example: ",
			wantLine: func(p string) int { return lineOf(t, p, "</promotion_infx>") },
		},
		{
			name:     "Java example sets a parameter the table lacks",
			page:     strings.Replace(query, `req.setOutOrderId("54321");`, `req.setOutOrderId("54321");`+"\nreq.setShopId(\"1\");", 1),
			want:     `request example sets "shopid", which is not a parameter`,
			wantLine: func(p string) int { return lineOf(t, p, "req.setShopId") },
		},
		{
			name:     "wrong request header",
			page:     strings.Replace(create, "名称 类型 是否必须 示例值 更多限制 描述", "名称 类型 描述", 1),
			want:     "expected the request table header",
			wantLine: func(p string) int { return lineOf(t, p, "名称 类型 描述") },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api, _, err := ParseText("bad.txt", []byte(tc.page))
			if err == nil {
				t.Fatalf("no error; got spec for %s", api.Method)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *scraper.Error", err)
			}
			if !strings.Contains(e.Msg, tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			if want := tc.wantLine(tc.page); e.Line != want {
				t.Errorf("error at line %d, want line %d: %v", e.Line, want, err)
			}
			if e.File != "bad.txt" || !strings.HasPrefix(err.Error(), "bad.txt:") {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
}

// The bad pages of golden/scrape/bad (written with their expected failure
// in its README) fail at the line that shows the problem.
func TestBadPageFixtures(t *testing.T) {
	for _, tc := range []struct{ file, want, atLine string }{
		{"not-a-doc.txt", "not a TOP API doc page", ""},
		{"truncated.txt", "page ends without the 异常示例 section", "<tit"},
		{"bad-row.txt", `cannot parse request table row "shop_id 必须 10086 店铺id": "必须" is not a type`, "shop_id 必须 10086"},
		{"contradiction.txt", "response example has element <total_count>, which is not a field", "<total_count>"},
		{"java-contradiction.txt", `request example sets "shopname", which is not a parameter`, "req.setShopName"},
	} {
		data, err := os.ReadFile("../golden/scrape/bad/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = ParseText(tc.file, data)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, tc.want) {
			t.Errorf("%s: error %v, want %q", tc.file, err, tc.want)
			continue
		}
		want := 1
		if tc.atLine != "" {
			want = lineOf(t, string(data), tc.atLine)
		}
		if e.Line != want {
			t.Errorf("%s: error at line %d, want %d", tc.file, e.Line, want)
		}
	}
}
