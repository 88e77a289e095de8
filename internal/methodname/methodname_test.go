package methodname

import (
	"strings"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accepts go test ./... -update
)

func TestValid(t *testing.T) {
	for _, s := range []string{
		"taobao.trade.get", "alibaba.damai.mz.order.create", "alibaba.alihealth.mdeer.science.synVideo",
		"m-kvstore.aliyuncs.com.CreateInstance.2015-03-01", "taobao.tbk.dg_material.optional",
	} {
		if !Valid(s) {
			t.Errorf("Valid(%q) = false, want true", s)
		}
	}
	for _, s := range []string{
		"", "-rf", "--all", "taobao", "../x.y", "taobao..get", ".taobao.get", "taobao.get.", "a.b/c",
		"a.b c", "a.b\x00", "淘宝.get", "a.b\n", "a.b" + strings.Repeat(" ", 100),
	} {
		if Valid(s) {
			t.Errorf("Valid(%q) = true, want false", s)
		}
	}
}
