package spec

import (
	"strings"
	"testing"
)

// The descriptions are the catalog's own; each case is a form the rule reads
// or a trap it must not fall into.
func TestParseValues(t *testing.T) {
	for _, tc := range []struct {
		typ, desc string
		want      string // "value=label; …", "" for none
	}{
		// Codes with labels, in the separators docs use.
		{"Number", "订单状态;1=订单未完成,2=订单已完成,3=订单已关闭", "1=订单未完成; 2=订单已完成; 3=订单已关闭"},
		{"Number", "0：国内；1：国外", "0=国内; 1=国外"},
		{"Number", "淘客订单状态，11-拍下未付款，12-付款，13-关闭，14-确认收货，3-结算成功;不传，表示所有状态", "11=拍下未付款; 12=付款; 13=关闭; 14=确认收货; 3=结算成功"},
		{"Number", "跳转类型，当向前或者向后翻页必须提供,-1: 向前翻页,1：向后翻页", "-1=向前翻页; 1=向后翻页"},
		{"Number", "是否删除 0 - 否 1 - 是", "0=否; 1=是"},
		{"Number", "发货速度  ，<br/>101-当日达，<br/>102-次晨达，<br/>103-次日达", "101=当日达; 102=次晨达; 103=次日达"},
		// The same list as a text page gives it, the lines flattened into one
		// with spaces after the tags (taobao.delivery.template.get assumer
		// has this form in its text rendering).
		{"Number", "发货速度  ，<br/> 101-当日达， <br/> 102-次晨达，<br/>\t103-次日达", "101=当日达; 102=次晨达; 103=次日达"},
		{"Number", "文本类型1-评论 2-订单留言 9-其他", "1=评论; 2=订单留言; 9=其他"},
		{"Number", "会员维度活动参与人群限制[-1:不限制;1:会员专享;2:非会员专享]", "-1=不限制; 1=会员专享; 2=非会员专享"},
		{"Number", "适用舱位等级,单选 0:头等,1:商务，2:经济，3:全部 适用和例外二选一填写", "0=头等; 1=商务; 2=经济; 3=全部"},
		{"String", "1-自购省，2-推广赚（代理模式专属ID，代理模式必填，其它模式不用填写本字段）", "1=自购省; 2=推广赚"},
		{"Number", `0:"原路退回",1:"退银行卡"`, "0=原路退回; 1=退银行卡"},
		// Tokens with labels.
		{"String", "交易状态。可选值: <ul><li>TRADE_NO_CREATE_PAY(没有创建支付宝交易) </li><li>WAIT_BUYER_PAY(等待买家付款) </li><li>TRADE_BUYER_SIGNED(买家已签收（货到付款专用）)</li></ul>",
			"TRADE_NO_CREATE_PAY=没有创建支付宝交易; WAIT_BUYER_PAY=等待买家付款; TRADE_BUYER_SIGNED=买家已签收(货到付款专用)"},
		{"String", "评价者角色.可选值:seller(卖家),buyer(买家)", "seller=卖家; buyer=买家"},
		{"String", "单据类型(JYCK=一般交易出库;HHCK=换货出库;QTCK=其他出 库 单)", "JYCK=一般交易出库; HHCK=换货出库; QTCK=其他出 库 单"},
		{"String", "库存类型列表，值包括：<br/>VENDIBLE--可销售库存<br/>FREEZE--冻结库存", "VENDIBLE=可销售库存; FREEZE=冻结库存"},
		{"String", "商品类型（售卖属性） normal：通常品 gift：赠品（比如买a送a，买a送b，送的商品就是赠品", "normal=通常品; gift=赠品"},
		{"String", "款式下线原因，枚举，IP_COPYRIGHT(\"版权原因\"), DESIGN_FLAW(\"设计缺陷\"), OTHER(\"其他原因\");", "IP_COPYRIGHT=版权原因; DESIGN_FLAW=设计缺陷; OTHER=其他原因"},
		{"String", `物流状态：WAIT_DELIVERY("WAIT_DELIVERY", "待发货"),  WAIT_RECEIVE("WAIT_RECEIVE", "待收货")`, "WAIT_DELIVERY=待发货; WAIT_RECEIVE=待收货"},
		// Java enum constants with codes: the code for a Number field only.
		{"Number", `模板状态 NORMAL(1, "有效"), DELETE(-1, "删除"), ENDING(0, "结束领取")`, "1=有效; -1=删除; 0=结束领取"},
		{"String", `订单状态： INIT(0, "初始化"),CREATED(1, "已创建")`, ""},
		{"String", `优惠券发放方式 ANONYMOUS("anonymous","匿名券"), REGISTERED("registered","记名券"),`, ""},
		// Bare tokens after a marker.
		{"String", "退款阶段，可选值：onsale/aftersale", "onsale; aftersale"},
		{"String", "发票板式文件类型。可选值：  PDF, OFD。  电票时必传。", "PDF; OFD"},
		{"String[]", "可选值：A,B", "A; B"}, // a list's values are its items'

		// Not lists, or lists read only in part: nothing.
		{"Number", "页大小，默认20，1~100", ""},
		{"Number", "铃声音量，取值范围：0-100", ""},
		{"String", "营业时间 09:00-18:00", ""},
		{"String", "物流配送方式。 对应的值：FAST(快速)、EMS、ORDINARY(平邮)、SELLER(卖家包邮)", ""},
		{"Number", "折扣类型：1：特殊证件，2：特殊线路，3其他。如果是折扣票必须填写", ""},
		{"String", "单据状态(ACCEPT=仓库接单;PARTFULFILLED-部分收货完成;FULFILLED=收货完成;PRINT = 打印)", ""},
		{"String", "可售区域信息，JSON数组格式的字符串。包含的字段有：     areaId：区域码; 	subSaleArea：所属子区域的可售信息;", ""},
		{"String", "格式 skuId:数量,skuId:数量", ""},
		{"String", "List<Map<String,Object>>  列表中每个元素的key-value说明如下:  id: 值id  name：值名称  leaf: 此key存在且为true", ""},
		{"String", "a:b,c:d", ""},
		{"Number", "订单二级状态。一级状态为2已取件: 21:已取件; 22:已收件; 一级状态为3已质检: 31:已质检; 32:用户已确认", ""},
		{"Number", "状态 1=是", ""},
		{"Number", "可选值: ALIPAY, WECHAT", ""}, // tokens on a Number field
		{"String", "可选值：RefundMessage结构体中的所有字段，以半角逗号(,)分隔。", ""},
		{"Boolean", "可选值:true(已评价),false(未评价)", ""},
		{"String", "", ""},
	} {
		typ, _ := ParseType(tc.typ)
		got := FormatValues(ParseValues(typ, tc.desc))
		if got != tc.want {
			t.Errorf("ParseValues(%s, %q)\n got %q\nwant %q", tc.typ, tc.desc, got, tc.want)
		}
	}
}

// A patch replaces or removes detected values; Validate keeps them sane.
// A text page gives a description's lines flattened into one, the tags
// kept and a space after each: the values must be those of the doc's
// multi-line description (taobao.delivery.template.get, assumer).
func TestParseValuesFlattenedLines(t *testing.T) {
	lines := []string{"可选值：0,1,2,3<br>,说明如下<br>", "1)买家承担运费的模版<br>", "0：买家承担服务费<br>", "1: 卖家承担服务费<br>",
		"2)卖家承担运费的模版<br>", "2:卖家承担运费的模版（集市），卖家承担服务费<br>", "3:卖家承担运费的模版（天猫），卖家承担服务费<br>"}
	doc := ParseValues("Number", strings.Join(lines, "\n"))
	page := ParseValues("Number", strings.Join(lines, " "))
	if len(doc) != 4 || FormatValues(page) != FormatValues(doc) {
		t.Errorf("flattened: %s\nmulti-line: %s", FormatValues(page), FormatValues(doc))
	}
}

func TestValuesPatchAndValidate(t *testing.T) {
	a, err := Load("../specs/alibaba.damai.mz.order.detail.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := UnmarshalPatch("p.yaml", []byte(`method: alibaba.damai.mz.order.detail
changes:
  - at: response:result/data/order_state
    set: {values: [{value: "9", label: 修正}]}
  - at: response:result/data/order_pay_state
    set: {values: []}
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Apply(p); err != nil {
		t.Fatal(err)
	}
	data := a.Response[0].Children
	var state, pay *Param
	for _, c := range data {
		if c.Name == "data" {
			for _, d := range c.Children {
				switch d.Name {
				case "order_state":
					state = d
				case "order_pay_state":
					pay = d
				}
			}
		}
	}
	if state == nil || pay == nil {
		t.Fatal("fields not found")
	}
	if got := FormatValues(state.Values); got != "9=修正" {
		t.Errorf("order_state values %q after the patch", got)
	}
	if pay.Values != nil {
		t.Errorf("order_pay_state values %v after values: []", pay.Values)
	}

	for _, tc := range []struct {
		p    *Param
		want string
	}{
		{&Param{Name: "n", Type: "Number", Values: []Value{{Value: "A"}}}, `response: n: values[0]: "A" is not an integer`},
		{&Param{Name: "s", Type: "String", Values: []Value{{Value: "A"}, {Value: "A"}}}, `response: s: values[1]: "A" is listed twice`},
		{&Param{Name: "s", Type: "String", Values: []Value{{Label: "x"}}}, `response: s: values[0]: empty value`},
		{&Param{Name: "b", Type: "Boolean", Values: []Value{{Value: "true"}}}, `response: b: values on a Boolean parameter`},
	} {
		a := &API{Method: "taobao.x.get", Session: SessionNone, Response: []*Param{tc.p}}
		if err := a.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate: %v, want %q", err, tc.want)
		}
	}
}
