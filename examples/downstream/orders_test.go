package shop

import (
	"context"
	"errors"
	"testing"

	"github.com/opentop/topgen/top"
	"github.com/opentop/topgen/top/toptest"
)

func newOrders(t *testing.T) (*Orders, *toptest.Server) {
	gw := toptest.NewServer(t, "shop-app-key", "shop-secret")
	c, err := top.NewClient("shop-app-key", "shop-secret", top.WithGateway(gw.URL))
	if err != nil {
		t.Fatal(err)
	}
	return &Orders{Client: c, Session: "owner-session"}, gw
}

func TestPaid(t *testing.T) {
	o, gw := newOrders(t)
	gw.Handle("alibaba.damai.mz.order.detail", toptest.Reply{Simplify: `{"result":{"success":true,"data":{
		"order_pay_detail_list":[{"pay_money_fen":"22000"},{"pay_money_fen":"1500"}]}}}`})
	paid, err := o.Paid(context.Background(), "412963624031", "7383771901")
	if err != nil {
		t.Fatal(err)
	}
	if paid != 23500 {
		t.Errorf("paid %d, want 23500", paid)
	}
	got := gw.Received()[0].Params
	if got["mz_order_id"] != "412963624031" || got["mz_user_id"] != "7383771901" {
		t.Errorf("gateway received %v", got)
	}
}

func TestGuideNeedsSessionAndReportsErrors(t *testing.T) {
	o, gw := newOrders(t)
	gw.RequireSession("alibaba.omni.order.query")
	gw.Handle("alibaba.omni.order.query",
		toptest.Reply{Simplify: `{"result":{"model":{"o2o_guide_name":"小王"},"success":true}}`},
		toptest.Reply{Error: &top.Error{Code: 15, Msg: "Remote service error", SubCode: "isv.order-not-exist"}})
	name, err := o.Guide(context.Background(), "3031798632", "109078258777804955", "54321")
	if err != nil || name != "小王" {
		t.Fatalf("Guide = %q, %v", name, err)
	}
	_, err = o.Guide(context.Background(), "3031798632", "1", "2")
	var te *top.Error
	if !errors.As(err, &te) || te.SubCode != "isv.order-not-exist" {
		t.Errorf("second call: %v, want the TOP error", err)
	}
	o.Session = ""
	if _, err := o.Guide(context.Background(), "1", "2", "3"); !errors.Is(err, top.ErrSessionRequired) {
		t.Errorf("without a session: %v, want top.ErrSessionRequired", err)
	}
}
