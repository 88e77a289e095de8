package top

import (
	"strings"
	"testing"
)

// The vectors are docs/top-protocol.md §1.2, computed there with three
// independent implementations; none of the expected values comes from this
// package.

func vectorA(m SignMethod) map[string]string {
	return map[string]string{
		"method":      "taobao.item.seller.get",
		"app_key":     "12345678",
		"session":     "test",
		"timestamp":   "2016-01-01 12:00:00",
		"format":      "json",
		"v":           "2.0",
		"fields":      "num_iid,title,nick,price,num",
		"num_iid":     "11223344",
		"sign_method": string(m),
	}
}

func vectorB(m SignMethod) map[string]string {
	return map[string]string{
		"method":      "taobao.tbk.tpwd.create",
		"app_key":     "12345678",
		"timestamp":   "2024-03-15 09:30:00",
		"format":      "json",
		"v":           "2.0",
		"simplify":    "true",
		"text":        "淘宝好物推荐",
		"url":         "https://s.click.taobao.com/t?e=abc&x=1",
		"user_id":     "123",
		"empty_param": "",
		"sign_method": string(m),
	}
}

func vectorC(m SignMethod) map[string]string {
	return map[string]string{
		"method":             "alibaba.aliqin.fc.sms.num.send",
		"app_key":            "23456789",
		"timestamp":          "2025-12-31 23:59:59",
		"format":             "json",
		"v":                  "2.0",
		"partner_id":         "top-sdk-go",
		"session":            "6100e23b0c1f8e7a9d",
		"target_app_key":     "99999999",
		"sms_type":           "normal",
		"sms_free_sign_name": "阿里大于",
		"sms_param":          `{"code":"1234","product":"测试"}`,
		"rec_num":            "13000000000",
		"sign_method":        string(m),
	}
}

func TestSignVectors(t *testing.T) {
	const secretAB = "helloworld"
	const secretC = "0123456789abcdef0123456789abcdef"
	tests := []struct {
		name   string
		params func(SignMethod) map[string]string
		secret string
		method SignMethod
		want   string
	}{
		{"A/md5", vectorA, secretAB, SignMD5, "66987CB115214E59E6EC978214934FB8"},
		{"A/hmac", vectorA, secretAB, SignHMAC, "D56D7858309C31B6251083A874D48273"},
		{"A/hmac-sha256", vectorA, secretAB, SignHMACSHA256, "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8"},
		{"B/md5", vectorB, secretAB, SignMD5, "856FF8CA1E7084DFC94FD7CEB092010D"},
		{"B/hmac", vectorB, secretAB, SignHMAC, "418D9B05E4CAD156BF64EE52BF0D34F3"},
		{"B/hmac-sha256", vectorB, secretAB, SignHMACSHA256, "E687929BFA86B50E5C5E0776293C930897E490659E392195CE0168D6E1B9A2DA"},
		{"C/md5", vectorC, secretC, SignMD5, "A4526F2DA0BB60AEAE57837AF8EFF25A"},
		{"C/hmac", vectorC, secretC, SignHMAC, "00A415A9CE2A0CE40A83BB06D6B52056"},
		{"C/hmac-sha256", vectorC, secretC, SignHMACSHA256, "8D1659A47DD50A993FFECC787C7F067A4ECA38268BFF6D3288F03E79E3FC9145"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sign(tt.method, tt.secret, tt.params(tt.method))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Sign = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestSignPublishedExample is the worked md5 example published at
// segmentfault.com/q/1010000002569107 (docs/top-protocol.md [SF]).
func TestSignPublishedExample(t *testing.T) {
	params := map[string]string{
		"method":      "taobao.user.seller.get",
		"timestamp":   "2013-05-06 13:52:03",
		"format":      "xml",
		"app_key":     "test",
		"v":           "2.0",
		"fields":      "nick",
		"sign_method": "md5",
		"session":     "test",
	}
	got, err := Sign(SignMD5, "test", params)
	if err != nil {
		t.Fatal(err)
	}
	if want := "72CB4D809B375A54502C09360D879C64"; got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

// A "sign" parameter already present (e.g. a fake gateway passing all it
// received) must not change the signature.
func TestSignIgnoresSignParam(t *testing.T) {
	p := vectorA(SignMD5)
	p["sign"] = "0000"
	got, err := Sign(SignMD5, "helloworld", p)
	if err != nil {
		t.Fatal(err)
	}
	if want := "66987CB115214E59E6EC978214934FB8"; got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

func TestSignUnknownMethod(t *testing.T) {
	_, err := Sign("sha1", "helloworld", vectorA("sha1"))
	if err == nil || !strings.Contains(err.Error(), `"sha1"`) {
		t.Errorf("err = %v, want an error naming the method", err)
	}
	if strings.Contains(err.Error(), "helloworld") {
		t.Errorf("error leaks the secret: %v", err)
	}
}

func TestParseSignMethod(t *testing.T) {
	for _, s := range []string{"md5", "hmac", "hmac-sha256"} {
		m, err := ParseSignMethod(s)
		if err != nil || string(m) != s {
			t.Errorf("ParseSignMethod(%q) = %q, %v", s, m, err)
		}
	}
	for _, s := range []string{"", "MD5", "hmac_sha256", "sha256"} {
		if _, err := ParseSignMethod(s); err == nil {
			t.Errorf("ParseSignMethod(%q) succeeded, want an error", s)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	for _, m := range []SignMethod{SignMD5, SignHMAC, SignHMACSHA256} {
		params := vectorC(m)
		b.Run(string(m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Sign(m, "0123456789abcdef0123456789abcdef", params); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
