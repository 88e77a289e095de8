package generator

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

var testOpts = Options{ImportPath: "example.com/gen"}

// goldenPkg registers the -update flag; generated tests inside this
// repository import it so `go test ./... -update` passes through them.
const goldenPkg = "github.com/opentop/topgen/internal/golden"

// TestLocality: adding, removing or changing one API leaves every other
// API's files byte-identical, even when the APIs share doc type names with
// different fields (ResultData in mz.order.create and mz.order.detail;
// ResultData in edge.deep.nest and edge.other.api).
func TestLocality(t *testing.T) {
	for _, dir := range []string{"seeds", "edge"} {
		apis := loadCase(t, filepath.Join(goldenRoot, dir))
		all, err := Generate(apis, testOpts)
		if err != nil {
			t.Fatal(err)
		}
		for i := range apis {
			// Remove API i: every other API's files stay the same.
			rest := append(append([]*spec.API{}, apis[:i]...), apis[i+1:]...)
			fewer, err := Generate(rest, testOpts)
			if err != nil {
				t.Fatal(err)
			}
			compareShared(t, "without "+apis[i].Method, all, fewer, apis[i])
			// Change API i (add a response field named like a type of
			// another API): the others stay the same.
			changed := *apis[i]
			changed.Response = append([]*spec.Param{{Name: "result_data", Type: "ResultData", Children: []*spec.Param{{Name: "zz", Type: "String"}}}}, changed.Response...)
			changedSet := append(append([]*spec.API{}, rest...), &changed)
			more, err := Generate(changedSet, testOpts)
			if err != nil {
				t.Fatal(err)
			}
			compareShared(t, "changing "+apis[i].Method, all, more, apis[i])
		}
	}
}

// compareShared checks that the files of every API other than skip are
// identical in a and b (doc.go lists the package's APIs and may differ).
func compareShared(t *testing.T, what string, a, b map[string][]byte, skip *spec.API) {
	t.Helper()
	ir, err := buildAPI(skip, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	own := ir.Package + "/" + ir.FileBase
	for name, data := range b {
		if strings.HasSuffix(name, "/doc.go") || strings.HasPrefix(name, own+".go") || strings.HasPrefix(name, own+"_test.go") {
			continue
		}
		if !bytes.Equal(a[name], data) {
			t.Errorf("%s changed %s", what, name)
		}
	}
}

// TestDeterministic: generating from the specs in shuffled orders gives
// identical bytes every time (fields keep doc order; APIs are sorted).
func TestDeterministic(t *testing.T) {
	apis := loadCase(t, filepath.Join(goldenRoot, "edge"))
	apis = append(apis, loadCase(t, filepath.Join(goldenRoot, "seeds"))...)
	first, err := Generate(apis, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(1))
	for range 5 {
		shuffled := append([]*spec.API{}, apis...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Generate(shuffled, testOpts)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(first) {
			t.Fatalf("got %d files, want %d", len(again), len(first))
		}
		for name, data := range first {
			if !bytes.Equal(again[name], data) {
				t.Errorf("%s differs between runs", name)
			}
		}
	}
}

func TestHeaderAndNoAbsolutePaths(t *testing.T) {
	files, err := Generate(loadCase(t, filepath.Join(goldenRoot, "seeds")), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	for name, data := range files {
		if !bytes.HasPrefix(data, []byte("// "+Header+"\n")) {
			t.Errorf("%s does not start with the header", name)
		}
		if bytes.Contains(data, []byte(wd)) {
			t.Errorf("%s contains the working directory", name)
		}
	}
}

func TestRefusesInvalid(t *testing.T) {
	bad := &spec.API{Method: "alibaba.x.y", Session: "none", Source: "x.yaml",
		Response: []*spec.Param{{Name: "r", Type: "Thing"}}}
	files, err := Generate([]*spec.API{bad}, testOpts)
	if err == nil || files != nil {
		t.Fatalf("got files=%d err=%v, want an error and no files", len(files), err)
	}
	for _, want := range []string{"x.yaml", "response: r", `unknown type "Thing"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if _, err := Generate(nil, Options{}); err == nil {
		t.Error("want an error without an import path")
	}
}

func TestClashBetweenAPIs(t *testing.T) {
	a := &spec.API{Method: "alibaba.x.order.get", Session: "none"}
	b := &spec.API{Method: "alibaba.x.order_get", Session: "none"}
	_, err := Generate([]*spec.API{a, b}, testOpts)
	if err == nil || !strings.Contains(err.Error(), "alibaba.x.order.get and alibaba.x.order_get") {
		t.Fatalf("got %v, want a clash naming both APIs", err)
	}
}

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	gen := func(s string) []byte { return []byte("// " + Header + "\n\npackage a // " + s + "\n") }
	files := map[string][]byte{"a/x.go": gen("x"), "a/y.go": gen("y")}
	changed, err := WriteFiles(dir, files)
	if err != nil || strings.Join(changed, ",") != "a/x.go,a/y.go" {
		t.Fatalf("first write: changed=%v err=%v", changed, err)
	}
	info, _ := os.Stat(filepath.Join(dir, "a", "x.go"))
	files["a/y.go"] = gen("y2")
	stale, err := CheckFiles(dir, files)
	if err != nil || strings.Join(stale, ",") != "a/y.go" {
		t.Fatalf("check: stale=%v err=%v", stale, err)
	}
	changed, err = WriteFiles(dir, files)
	if err != nil || strings.Join(changed, ",") != "a/y.go" {
		t.Fatalf("second write: changed=%v err=%v", changed, err)
	}
	info2, _ := os.Stat(filepath.Join(dir, "a", "x.go"))
	if !info.ModTime().Equal(info2.ModTime()) {
		t.Error("unchanged file was rewritten")
	}
	if _, err := WriteFiles(dir, map[string][]byte{"../evil.go": nil}); err == nil {
		t.Error("want an error for a path leaving the directory")
	}
	// A hand-written file is never overwritten, whatever its name.
	hand := []byte("package a\n\n// Package a is hand-written.\n")
	os.WriteFile(filepath.Join(dir, "a", "doc.go"), hand, 0o644)
	files["a/doc.go"] = gen("doc")
	files["a/x.go"] = gen("x2")
	if _, err := WriteFiles(dir, files); err == nil || !strings.Contains(err.Error(), "doc.go was not written by topgen") {
		t.Errorf("overwriting a hand-written doc.go: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a", "doc.go")); !bytes.Equal(got, hand) {
		t.Errorf("hand-written doc.go changed: %s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a", "x.go")); !bytes.Equal(got, gen("x")) {
		t.Errorf("a refused write changed x.go: %s", got)
	}
}

// A doc file name the config chose is used, and clashing with an API's
// file is an error.
func TestDocFileName(t *testing.T) {
	a := &spec.API{Method: "alibaba.x.order.get", Session: "none"}
	files, err := Generate([]*spec.API{a}, Options{ImportPath: "example.com/gen", DocFile: "zz_doc.go"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["x/zz_doc.go"]; !ok {
		t.Errorf("no x/zz_doc.go among %v", files)
	}
	if _, ok := files["x/doc.go"]; ok {
		t.Errorf("x/doc.go generated though doc_file is zz_doc.go")
	}
	_, err = Generate([]*spec.API{a}, Options{ImportPath: "example.com/gen", DocFile: "order_get.go"})
	if err == nil || !strings.Contains(err.Error(), "order_get.go is generated for both the package doc and alibaba.x.order.get; set another doc_file") {
		t.Errorf("clash with the doc file: %v", err)
	}
	for _, bad := range []string{"a/doc.go", "doc_test.go", "doc.txt", ".doc.go"} {
		if _, err := Generate([]*spec.API{a}, Options{ImportPath: "example.com/gen", DocFile: bad}); err == nil {
			t.Errorf("doc file %q accepted", bad)
		}
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"user_id": "UserID", "deliveryType": "DeliveryType", "sku_url": "SKUURL", "voucher_ids": "VoucherIDs",
		"type": "Type", "4c_code": "X4cCode", "订单号": "X订单号", "item-id": "ItemID", "a.b": "AB",
		"o2o_guide_id": "O2OGuideID", "": "X", "*/": "X", "q`uote\"d": "QUoteD",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := fileBase([]string{"order", "test"}); got != "order_test_api" {
		t.Errorf("fileBase = %q", got)
	}
}

// TestTypeName: the API prefix and the doc type meet once where the
// prefix's last words are the doc type's first (issue 11: the names
// repeated the API's name).
func TestTypeName(t *testing.T) {
	for _, c := range []struct{ prefix, doc, want string }{
		{"MzOrderCreate", "OrderCreateParam", "MzOrderCreateParam"},
		{"MzOrderCreate", "Goods", "MzOrderCreateGoods"},
		{"MzOrderCreate", "MzOrderCreateParam", "MzOrderCreateParam"},
		// A method segment that runs words together.
		{"MaitixSponsorDistributionGetcreatingorderstatus", "GetCreatingOrderStatusParam", "MaitixSponsorDistributionGetCreatingOrderStatusParam"},
		{"EntryorderCreate", "EntryOrderCreateRequest", "EntryOrderCreateRequest"},
		{"JointPropimg", "PropImg", "JointPropImg"},
		// The doc type runs words together that the prefix separates.
		{"OrderPartnerPay", "partnerpayResult", "OrderPartnerpayResult"},
		// A plural s.
		{"CainiaoImPickupAppointmentOrderDifferenceDetail", "AppointmentOrderDifferenceDetailsResponse", "CainiaoImPickupAppointmentOrderDifferenceDetailsResponse"},
		{"ItemsGet", "ItemResult", "ItemsGetItemResult"},
		{"OrderDetails", "DetailVO", "OrderDetailVO"},
		// Only whole words meet: "status" inside Getcreatingorderstatus is
		// not a word of the prefix.
		{"MaitixSponsorDistributionGetcreatingorderstatus", "OrderStatusResponse", "MaitixSponsorDistributionGetcreatingorderstatusOrderStatusResponse"},
		{"CrmCustomerGet", "CardOpenInfo", "CrmCustomerGetCardOpenInfo"},
		// Words found elsewhere in the doc type are kept (see typeName).
		{"CrmOpenCustomerGet", "CardOpenInfo", "CrmOpenCustomerGetCardOpenInfo"},
		{"DeepNest", "Level1", "DeepNestLevel1"},
		// Initialisms keep the doc's word boundaries.
		{"PwSpecialSynchrosms", "SynchroSmsDto", "PwSpecialSynchroSMSDTO"},
		{"ACLNewCheckusermenu", "CheckUserMenuParam", "ACLNewCheckUserMenuParam"},
		// Leading digits: the name still starts with a letter.
		{"4cGet", "4cGetResult", "X4cGetResult"},
		{"order_4c", "4cItem", "Order4cItem"},
	} {
		if got := typeName(goWords(c.prefix), c.doc); got != c.want {
			t.Errorf("typeName(%q, %q) = %q, want %q", c.prefix, c.doc, got, c.want)
		}
	}
}

func BenchmarkGenerateSeeds(b *testing.B) {
	apis := loadSpecs(b, "../specs")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(apis, testOpts); err != nil {
			b.Fatal(err)
		}
	}
}

// loadSpecs loads every spec of a directory, sorted by file name.
func loadSpecs(tb testing.TB, dir string) []*spec.API {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no specs in %s: %v", dir, err)
	}
	var apis []*spec.API
	for _, f := range files {
		a, err := spec.Load(f)
		if err != nil {
			tb.Fatal(err)
		}
		apis = append(apis, a)
	}
	return apis
}
