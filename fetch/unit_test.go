package fetch

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

func TestLimiterSpacesRequests(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	z := &sleeps{}
	l := newLimiter(4, func() time.Time { return now }, z.sleep)
	ctx := context.Background()
	for range 3 {
		if err := l.wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// 4 per second: the first goes at once, then 250 ms apart.
	now = now.Add(time.Second) // idle long enough: no debt carried over
	l.wait(ctx)
	want := []time.Duration{0, 250 * time.Millisecond, 500 * time.Millisecond, 0}
	if diff := cmp.Diff(want, z.list()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestLimiterUnlimited(t *testing.T) {
	z := &sleeps{}
	l := newLimiter(-1, time.Now, z.sleep)
	for range 5 {
		l.wait(context.Background())
	}
	if len(z.list()) != 0 {
		t.Errorf("unlimited limiter slept: %v", z.list())
	}
}

func TestRateLimitAppliesToRequests(t *testing.T) {
	s := newSite(t)
	z := &sleeps{}
	cfg := s.config(t.TempDir(), z)
	cfg.Rate = 2
	cfg.Now = func() time.Time { return time.Unix(0, 0) } // a frozen clock: every wait shows
	if _, err := run(t, cfg, []string{"29289", "68001"}, false); err != nil {
		t.Fatal(err)
	}
	// bootstrap + 2 documents, 500 ms apart.
	want := []time.Duration{0, 500 * time.Millisecond, time.Second}
	if diff := cmp.Diff(want, z.list()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestExpBackoff(t *testing.T) {
	b := expBackoff(100*time.Millisecond, time.Second)
	for n, full := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 60: time.Second} {
		for range 50 {
			if d := b(n); d < full/2 || d > full {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, d, full/2, full)
			}
		}
	}
}

func TestParseCatalogue(t *testing.T) {
	cat, err := ParseCatalogue(readTestdata(t, "catalogue.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{"70153", "alibaba.ud.udsmartdata.get"},
		{"29289", "taobao.tbk.coupon.convert"},
		{"68001", "taobao.tbk.dg.general.link.parse"},
		{"68002", "taobao.tbk.sc.general.link.parse"},
	}
	if diff := cmp.Diff(want, cat.Entries); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if len(cat.Skipped) != 0 {
		t.Errorf("skipped %v", cat.Skipped)
	}
}

func TestParseCatalogueOddItems(t *testing.T) {
	data := `{"treeCategories":[{"catelogTrees":[{"catelogList":[
		{"id":5,"name":"a.b"},
		{"id":3,"name":"a.b"},
		{"id":"x1","name":"a.c"},
		{"id":null,"docId":"8","name":"a.d"},
		{"id":9,"name":"a/../b.c"},
		{"id":10,"name":"分类","children":[{"id":11,"name":" a.e "}]}
	]}]}]}`
	cat, err := ParseCatalogue([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{"3", "a.b"}, {"8", "a.d"}, {"11", "a.e"}}
	if diff := cmp.Diff(want, cat.Entries); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if len(cat.Skipped) != 2 || !strings.Contains(cat.Skipped[0], `(a.c): id "x1" is not numeric`) || !strings.Contains(cat.Skipped[1], `name "a/../b.c" is not a method name`) {
		t.Errorf("skipped %q", cat.Skipped)
	}
}

func TestParseCatalogueErrors(t *testing.T) {
	for in, want := range map[string]string{
		`[]`:                             "not a JSON object",
		`{"treeCategories":[]}`:          "lists no API",
		`{"treeCategories":{"a":1}}`:     "want treeCategories[]",
		`{"data":{"treeCategories":[]}}`: "lists no API",
	} {
		if _, err := ParseCatalogue([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", in, err, want)
		}
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, 4)
	p.step("taobao.tbk.coupon.convert")
	p.step("a.b")
	p.finish()
	// 30 columns: 1/4 is 7 "=", 2/4 is 15. The shorter second line is
	// padded over the first (68 characters); the end blanks the line.
	line1 := "fetch [" + strings.Repeat("=", 7) + strings.Repeat(" ", 23) + "] 1/4 taobao.tbk.coupon.convert"
	line2 := "fetch [" + strings.Repeat("=", 15) + strings.Repeat(" ", 15) + "] 2/4 a.b"
	want := "\r" + line1 + "\r" + line2 + strings.Repeat(" ", 68-len(line2)) + "\r" + strings.Repeat(" ", 68) + "\r"
	if got := buf.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	silent := newProgress(nil, 4)
	silent.step("x") // must not panic or draw
	silent.finish()
}

func TestExcerpt(t *testing.T) {
	if got := excerpt([]byte("  <html>\n\n  <title>登录</title> ")); got != `"<html> <title>登录</title>"` {
		t.Errorf("got %s", got)
	}
	long := strings.Repeat("页", 100) // 3 bytes a rune: the cut must not split one
	got := excerpt([]byte(long))
	if !strings.HasSuffix(got, `…"`) || strings.ContainsRune(got, '\uFFFD') || strings.Contains(got, `\x`) {
		t.Errorf("got %s", got)
	}
	if excerpt(nil) != "(empty body)" {
		t.Error(excerpt(nil))
	}
}
