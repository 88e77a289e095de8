package shop

import (
	"context"
	"fmt"

	"example.com/shop/taobao/damai"
	"example.com/shop/taobao/omni"
	"github.com/opentop/topgen/top"
)

// Orders looks orders up on TOP.
type Orders struct {
	Client  *top.Client
	Session string // the shop owner's session, for APIs that need one
}

// Paid reports how much of a 麦座 order was paid, in fen, summing its
// payment details.
func (o *Orders) Paid(ctx context.Context, orderID, userID string) (int64, error) {
	req := damai.NewMzOrderDetailRequest().SetMzOrderID(orderID).SetMzUserID(userID)
	resp, err := top.Do(ctx, o.Client, req)
	if err != nil {
		return 0, err
	}
	if resp.Result == nil || resp.Result.Data == nil {
		return 0, fmt.Errorf("order %s: empty result", orderID)
	}
	var total int64
	for _, p := range resp.Result.Data.OrderPayDetailList {
		var fen int64
		if _, err := fmt.Sscan(p.PayMoneyFen, &fen); err != nil {
			return 0, fmt.Errorf("order %s: pay_money_fen %q: %w", orderID, p.PayMoneyFen, err)
		}
		total += fen
	}
	return total, nil
}

// Guide returns the shopping guide of an omni-channel order.
func (o *Orders) Guide(ctx context.Context, guideID, orderID, outOrderID string) (string, error) {
	req := omni.NewOrderQueryRequest().SetUserID(guideID).SetOrderID(orderID).SetOutOrderID(outOrderID)
	resp, err := top.Do(ctx, o.Client, req, top.WithSession(o.Session))
	if err != nil {
		return "", err
	}
	if resp.Result == nil {
		return "", fmt.Errorf("order %s: empty result", orderID)
	}
	if resp.Result.Model == nil {
		return "", fmt.Errorf("order %s: %s (%s)", orderID, resp.Result.MsgInfo, resp.Result.MsgCode)
	}
	return resp.Result.Model.O2OGuideName, nil
}
