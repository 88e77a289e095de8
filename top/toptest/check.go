package toptest

import (
	"encoding/json"
	"encoding/xml"
	"maps"
	"net/http"
	"time"

	"github.com/opentop/topgen/internal/quote"
	"github.com/opentop/topgen/top"
)

// timestampWindow is how far a request's timestamp may be from the
// gateway's clock (docs/top-protocol.md §2.1).
const timestampWindow = 10 * time.Minute

// check verifies the system parameters and the signature in the order the
// gateway reports them, with the gateway's codes (docs/top-protocol.md §6).
// An empty app key or secret in the handler turns that check off.
func (h *Handler) check(rec Received) *top.Error {
	sys := rec.System
	switch {
	case sys["method"] == "":
		return &top.Error{Code: 21, Msg: "Missing Method"}
	case sys["app_key"] == "":
		return &top.Error{Code: 28, Msg: "Missing App Key"}
	case h.appKey != "" && sys["app_key"] != h.appKey:
		return &top.Error{Code: 29, Msg: "Invalid App Key", SubCode: "isv.appkey-not-exists"}
	}
	switch top.Format(sys["format"]) {
	case "", top.JSON, top.XML:
	default:
		return &top.Error{Code: 23, Msg: "Invalid Format", SubMsg: "format " + quote.Value(sys["format"])}
	}
	switch sys["v"] {
	case "":
		return &top.Error{Code: 32, Msg: "Missing Version"}
	case "2.0":
	default:
		return &top.Error{Code: 34, Msg: "Unsupported Version", SubMsg: "v " + quote.Value(sys["v"])}
	}
	if sys["timestamp"] == "" {
		return &top.Error{Code: 30, Msg: "Missing Timestamp"}
	}
	ts, err := top.ParseTime(sys["timestamp"])
	if err != nil {
		return &top.Error{Code: 31, Msg: "Invalid Timestamp", SubMsg: "want yyyy-MM-dd HH:mm:ss in GMT+8, got " + quote.Value(sys["timestamp"])}
	}
	h.mu.Lock()
	now := h.now()
	h.mu.Unlock()
	if d := now.Sub(ts); d > timestampWindow || d < -timestampWindow {
		return &top.Error{Code: 31, Msg: "Invalid Timestamp", SubMsg: "timestamp is " + d.Round(time.Second).String() + " off the gateway's clock (GMT+8)"}
	}
	if err := h.checkSign(rec); err != nil {
		return err
	}
	h.mu.Lock()
	_, known := h.handlers[rec.Method]
	needSession := h.sessions[rec.Method]
	h.mu.Unlock()
	if !known {
		return &top.Error{Code: 22, Msg: "Invalid Method", SubMsg: "no API named " + quote.Value(rec.Method) + " here"}
	}
	if needSession && sys["session"] == "" {
		return &top.Error{Code: 26, Msg: "Missing Session"}
	}
	return nil
}

// checkSign verifies the signature; without a secret there is nothing to
// verify it against and any signature, or none, is accepted.
func (h *Handler) checkSign(rec Received) *top.Error {
	if h.secret == "" {
		return nil
	}
	sys := rec.System
	if sys["sign"] == "" {
		return &top.Error{Code: 24, Msg: "Missing Signature"}
	}
	// All form values are signed, system and business; files are not.
	all := make(map[string]string, len(sys)+len(rec.Params))
	maps.Copy(all, sys)
	maps.Copy(all, rec.Params)
	want, ok := sign(sys["sign_method"], h.secret, all)
	if !ok {
		return &top.Error{Code: 25, Msg: "Invalid signature", SubMsg: "unsupported sign_method " + quote.Value(sys["sign_method"])}
	}
	if sys["sign"] != want {
		return &top.Error{Code: 25, Msg: "Invalid signature"}
	}
	return nil
}

func contentType(f top.Format) string {
	if f == top.JSON {
		return "application/json;charset=UTF-8"
	}
	return "text/xml;charset=UTF-8"
}

// xmlError is error_response as TOP writes it in XML.
type xmlError struct {
	XMLName   xml.Name `xml:"error_response"`
	Code      int      `xml:"code"`
	Msg       string   `xml:"msg"`
	SubCode   string   `xml:"sub_code,omitempty"`
	SubMsg    string   `xml:"sub_msg,omitempty"`
	RequestID string   `xml:"request_id,omitempty"`
}

// writeError answers e as TOP does: HTTP 200 unless status says otherwise,
// and in XML a trailing comment naming the host, as real bodies have.
func writeError(w http.ResponseWriter, f top.Format, status int, e *top.Error) {
	if status == 0 {
		status = http.StatusOK
	}
	var body []byte
	if f == top.JSON {
		body, _ = json.Marshal(map[string]*top.Error{"error_response": e})
	} else {
		x, _ := xml.Marshal(xmlError{Code: e.Code, Msg: e.Msg, SubCode: e.SubCode, SubMsg: e.SubMsg, RequestID: e.RequestID})
		body = append([]byte(`<?xml version="1.0" encoding="utf-8" ?>`), x...)
		body = append(body, "<!--toptest-->"...)
	}
	w.Header().Set("Content-Type", contentType(f))
	w.WriteHeader(status)
	w.Write(body)
}
