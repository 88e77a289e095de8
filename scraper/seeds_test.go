package scraper

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/opentop/topgen/spec"
)

// The return points of the four seeds, as the issue states them: the fields
// after a nested struct closes belong to the struct named here. These are
// the places text order alone cannot decide.
func TestSeedReturnPoints(t *testing.T) {
	for _, tc := range []struct {
		page   string
		side   string
		parent string
		fields []string
	}{
		{"alibaba.damai.mz.order.detail", "resp", "result/data", []string{"order_express_money_fen", "online_payment_money_fen", "use_card_money_fen", "use_card_no", "use_account_money_fen", "use_point_money_fen", "use_card_id", "use_point"}},
		{"alibaba.damai.mz.order.detail", "resp", "result", []string{"success"}},
		{"alibaba.omni.order.query", "resp", "result/model", []string{"can_close"}},
		{"alibaba.omni.order.query", "resp", "result", []string{"msg_code", "msg_info", "success"}},
		{"alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus", "resp", "result", []string{"message"}},
		{"alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus", "resp", "result/model", []string{"code", "err_code", "err_msg"}},
		{"alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus", "resp", "result/model/seat_info_dto", []string{"seat_ids", "success_seat_ids", "fail_seat_ids"}},
		{"alibaba.damai.mz.order.create", "req", "param/goods_list", []string{"good_identity_list"}},
		{"alibaba.damai.mz.order.create", "req", "param", []string{"delivery_type", "remark", "collector_phone", "mz_user_id", "use_card_money_fen", "asset_biz_key"}},
	} {
		api := mustParse(t, filepath.Join("..", "pages", tc.page+".txt"))
		params := api.Response
		if tc.side == "req" {
			params = api.Request
		}
		parents := map[string]string{}
		spec.Walk(params, func(path string, p *spec.Param) {
			if i := strings.LastIndex(path, "/"); i >= 0 && path[:i] == tc.parent {
				parents[p.Name] = path[:i]
			}
		})
		for _, f := range tc.fields {
			if parents[f] != tc.parent {
				t.Errorf("%s: %s is not a field of %s", tc.page, f, tc.parent)
			}
		}
	}
}

// Seed 000's four fields without an example value are pinned by the fields
// around them, not guessed.
func TestSeedUnlocatedRowsArePinned(t *testing.T) {
	api := mustParse(t, "../pages/alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus.txt")
	got := map[string]spec.Nesting{}
	spec.Walk(api.Response, func(path string, p *spec.Param) { got[path] = p.Nesting })
	for _, path := range []string{"result/model/voucher_ids", "result/model/seat_info_dto/seat_ids", "result/model/seat_info_dto/success_seat_ids", "result/model/seat_info_dto/fail_seat_ids"} {
		if got[path] != spec.NestingPinned {
			t.Errorf("%s: nesting %q, want pinned", path, got[path])
		}
	}
	if got["result/model/oid"] != spec.NestingExample {
		t.Errorf("result/model/oid: nesting %q, want example", got["result/model/oid"])
	}
}

func TestSeedFacts(t *testing.T) {
	detail := mustParse(t, "../pages/alibaba.damai.mz.order.detail.txt")
	p := detail.Request[0]
	if p.Name != "mz_order_id" || p.Example != "412963624031" || p.Description != "麦座订单id;非空" || p.Limits.MaxLength == nil || *p.Limits.MaxLength != 32 || !p.Required {
		t.Errorf("mz_order_id row with spilled limits read as %+v", p)
	}
	if detail.Session != spec.SessionNone || detail.Title != "订单详情API" {
		t.Errorf("detail: session %q title %q", detail.Session, detail.Title)
	}
	if len(detail.Errors) != 7 || detail.Errors[3] != (spec.ErrorCode{Code: "15010001", Message: "单据不存在", Solution: "单据不存在"}) {
		t.Errorf("detail error codes: %+v", detail.Errors)
	}
	query := mustParse(t, "../pages/alibaba.omni.order.query.txt")
	if query.Session != spec.SessionRequired {
		t.Errorf("omni.order.query uses execute(req, sessionKey): session %q", query.Session)
	}
	top := query.Request[0]
	if top.Example != "3031798632" || top.Description != "导购员id" {
		t.Errorf("user_id: example %q description %q", top.Example, top.Description)
	}
	if query.Response[0].Description != "result" || query.Response[0].Example != "" {
		t.Errorf("result row: %+v", query.Response[0])
	}
	var wrappers []string
	spec.Walk(query.Response, func(_ string, p *spec.Param) {
		if p.Wrapper != "" {
			wrappers = append(wrappers, p.Name+">"+p.Wrapper)
		}
	})
	if got := strings.Join(wrappers, " "); got != "subpay_order_list>sub_pay_order_detail pay_order_serial_infos>pay_order_serial_info" {
		t.Errorf("list wrappers from the XML example: %s", got)
	}
	status := mustParse(t, "../pages/alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus.txt")
	var seat *spec.Param
	spec.Walk(status.Response, func(path string, p *spec.Param) {
		if path == "result/model/seat_info_dto" {
			seat = p
		}
	})
	if seat == nil || seat.Example != "www.baidu.com" || seat.Description != "座位信息" {
		t.Errorf("a struct row with an example value: %+v", seat)
	}
	if !strings.HasPrefix(status.Examples.ResponseXML, "<alibaba_damai_maitix") || !strings.Contains(status.Examples.ErrorXML, "<sub_code>isv.invalid-parameter</sub_code>") {
		t.Errorf("examples not kept: %+v", status.Examples)
	}
	if len(status.Errors) != 0 {
		t.Errorf("an empty error-code table gives no codes, got %+v", status.Errors)
	}
}
