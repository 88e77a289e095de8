package mock

// seedCalls are the four seed APIs called with their Java request
// examples' values (struct parameters as compact JSON, fields in the
// example's order).
var seedCalls = []struct {
	method  string
	session bool
	params  map[string]string
}{
	{
		method: "alibaba.damai.maitix.sponsor.distribution.getcreatingorderstatus",
		params: map[string]string{
			"get_creating_order_status_param": `{"app_key":"22354565656","key":"afeasdfasdfa"}`,
		},
	},
	{
		method: "alibaba.damai.mz.order.detail",
		params: map[string]string{"mz_order_id": "412963624031", "mz_user_id": "7383771901"},
	},
	{
		method: "alibaba.damai.mz.order.create",
		params: map[string]string{"param": orderCreateParam},
	},
	{
		method:  "alibaba.omni.order.query",
		session: true,
		params:  map[string]string{"user_id": "3031798632", "order_id": "109078258777804955", "out_order_id": "54321"},
	},
}

const orderCreateParam = `{"order_payment_money_fen":16000,"goods_list":[{"card_no":"1107618827341283","seat_id":"91273971413","price_id":"44281279312","event_id":"8273719231","real_name":"李清雪","card_type":1,"lock_id":"82877218910013","good_identity_list":[{"card_no":"1107618827341283","card_type":1,"real_name":"李清雪"}]}],"delivery_type":3,"remark":"xxxx","collector_phone":"15812340123","external_order_no":"786631200921","collector_card_type":1,"collector_card_no":"11012281827736721","order_receive_money_fen":18000,"order_promotion_rule_id":"31243","mz_user_id":"981273781441","collector_name":"张起灵","coupon_code":"tx3671hgsh1734","order_promotion_id":"8273661701","coupon_code_promotion_rule_id":"72178184","address_id":"28377194","express_pay_type":1,"third_tag":"726819","use_point":10000,"use_point_money_fen":10000,"use_account_money_fen":5000,"use_card_id":"476177551891","use_card_money_fen":3000,"asset_biz_key":"hgyat6771ttf15614"}`
