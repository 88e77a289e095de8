package generator

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Go names are made from doc names by one namer, so the mapping is the same
// everywhere and documented in one place:
//
//   - the name is split into words at '_', '.', '-', spaces and any other
//     rune that is not a letter or digit, and at lower→upper case changes
//     ("deliveryType" → delivery, Type);
//   - each word is capitalised, or written in capitals when it is in the
//     initialism table ("user_id" → UserID, "sku_url" → SKUURL);
//   - letters outside ASCII are kept (Go allows them: "订单号" → X订单号);
//   - a name that then does not start with an upper-case ASCII letter
//     (a leading digit, a non-ASCII first letter) gets the prefix "X"
//     ("4c_type" → X4cType); an empty result is "X".
//
// Exported names cannot be Go keywords (keywords are lower case), so
// keywords need no rule of their own: "type" → Type, "func" → Func. The
// wire name always stays in the struct tag.

// initialisms are written in capitals (Go's own list plus TOP's usual ones).
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DNS": true,
	"DTO": true, "EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true,
	"ID": true, "IDS": true, "IP": true, "JSON": true, "LHS": true, "OSS": true, "QPS": true,
	"RAM": true, "RHS": true, "RPC": true, "SKU": true, "SLA": true, "SMS": true, "SMTP": true,
	"SQL": true, "SSH": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true,
	"UID": true, "URI": true, "URL": true, "UTF8": true, "UUID": true, "VIP": true, "VM": true,
	"VO": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true, "O2O": true, "SPU": true,
}

// goName maps a doc name (field, parameter or type) to an exported Go name.
func goName(doc string) string {
	return exported(strings.Join(goWords(doc), ""))
}

// goWords are the words of a doc name as goName writes them: capitalised,
// or in capitals when an initialism.
func goWords(doc string) []string {
	words := splitWords(doc)
	for i, w := range words {
		up := strings.ToUpper(w)
		if initialisms[up] {
			if up == "IDS" {
				up = "IDs" // a plural initialism keeps its s lower case
			}
			words[i] = up
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return words
}

// exported makes s an exported identifier: a name that does not start
// with an upper-case ASCII letter gets the prefix "X".
func exported(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return "X" + s
	}
	return s
}

// splitWords splits a doc name into words; see the rules above.
func splitWords(s string) []string {
	var (
		words []string
		cur   []rune
		prev  rune
	)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			prev = 0
			continue
		case r > unicode.MaxASCII && !unicode.In(r, unicode.Letter, unicode.Digit):
			flush()
			prev = 0
			continue
		case unicode.IsUpper(r) && prev != 0 && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush()
		}
		cur = append(cur, r)
		prev = r
	}
	flush()
	return words
}

// Struct tags carry wire names for the runtime and for encoding/json and
// encoding/xml, which give some names a meaning of their own: "-" skips the
// field, a comma starts options ("a,b" is the name a), and in xml tags ">"
// is a path and a space separates a namespace. A name made only of letters,
// digits, '_', '-' and '.' (and not "-") means itself in every tag; any
// other name goes into a `top:"…"` tag alone, whose whole value is the name
// for the runtime (top's wireName), so it is never cut or reinterpreted.

// tagSafe reports whether a wire name means itself in json and xml tags.
func tagSafe(wire string) bool {
	if wire == "" || wire == "-" || !utf8.ValidString(wire) {
		return false
	}
	for _, r := range wire {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

// responseTags are the tags of a response field.
func responseTags(wire string) map[string]string {
	if !tagSafe(wire) {
		return map[string]string{"top": wire}
	}
	return map[string]string{"json": wire, "xml": wire}
}

// requestTags are the tags of a field of a struct parameter, which
// top.EncodeJSON sends under its wire name.
func requestTags(wire string) map[string]string {
	if !tagSafe(wire) {
		return map[string]string{"top": wire}
	}
	return map[string]string{"json": wire + ",omitempty"}
}
