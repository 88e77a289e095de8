package spec

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Value is one value a field's description documents, with its label:
// WAIT_BUYER_PAY (等待买家付款), or the code 1 (订单未完成).
type Value struct {
	Value string `yaml:"value"`
	Label string `yaml:"label,omitempty"`
}

// Detect adds to a spec read from a doc what the spec derives from the
// doc's tree and text: the documented values of each parameter and the
// paging. The scraper runs it on every doc, whatever its form.
func Detect(a *API) {
	DetectValues(a)
	a.Paging = DetectPaging(a)
}

// DetectValues sets Values on every String or Number parameter (or list of
// them) whose description clearly lists its values, and clears it on every
// other parameter. It is the one rule behind the spec's values: keys; a
// patch can correct what it finds.
func DetectValues(a *API) {
	for _, side := range [][]*Param{a.Request, a.Response} {
		Walk(side, func(_ string, p *Param) { p.Values = ParseValues(p.Type, p.Description) })
	}
}

// ParseValues returns the values a description of a field of doc type typ
// lists, or nil when it does not clearly list any. Detection is
// conservative: it needs at least two values in one unbroken list, in one
// of these forms, and finds exactly one such list:
//
//	WAIT_BUYER_PAY(等待买家付款) WAIT_SELLER_SEND_GOODS(等待卖家发货)   tokens with labels
//	PAID_DONE(2, "已付款"), TRADE_SUCCESS(6, "交易成功")               Java enum constants
//	1=订单未完成,2=订单已完成   0：国内；1：国外   11-拍下未付款，12-付款   codes (or tokens) with labels
//	可选值: sku, item, shop                                           tokens after 可选值/取值范围/枚举值
//
// Values of a Number field must be integers; only String and Number
// fields (and lists of them) get values.
func ParseValues(typ, desc string) []Value {
	if (typ != "String" && typ != "Number") || desc == "" {
		return nil
	}
	if !strings.ContainsAny(desc, "=:-(：（－＝") && !strings.Contains(desc, "值") {
		return nil // no form can match: most descriptions end here, cheaply
	}
	text := normalizeDesc(desc)
	var forms [][][]Value
	if strings.Contains(text, "(") {
		forms = append(forms, parenLists(text, typ == "Number"))
	}
	if strings.ContainsAny(text, "=:-") {
		forms = append(forms, separatedLists(text))
	}
	if strings.Contains(text, "值") || strings.Contains(text, "可选项") {
		forms = append(forms, bareLists(text))
	}
	var found [][]Value
	for _, lists := range forms {
		for _, l := range lists {
			if len(l) >= 2 && distinct(l) {
				found = append(found, l)
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	// Two forms can read the same list (a run of TOKEN(…) is also one of
	// tokens): the same values are one list; anything else is ambiguous.
	for _, l := range found[1:] {
		if !sameValues(l, found[0]) {
			return nil
		}
	}
	vals := found[0]
	for _, v := range vals {
		if typ == "Number" && !isCode(v.Value) {
			return nil
		}
	}
	return vals
}

// validateValues checks a param's values: only on String and Number
// params, each given once, integers on a Number param.
func validateValues(where string, p *Param, add func(string, ...any)) {
	if len(p.Values) == 0 {
		return
	}
	if p.Type != "String" && p.Type != "Number" {
		add("%s: values on a %s parameter (only String and Number parameters have values)", where, p.DocType())
		return
	}
	seen := map[string]bool{}
	for i, v := range p.Values {
		switch {
		case v.Value == "":
			add("%s: values[%d]: empty value", where, i)
		case seen[v.Value]:
			add("%s: values[%d]: %q is listed twice", where, i, v.Value)
		case p.Type == "Number" && !isCode(v.Value):
			add("%s: values[%d]: %q is not an integer, as a Number parameter's values must be", where, i, v.Value)
		}
		seen[v.Value] = true
	}
}

// FormatValues writes values on one line for review: "1=订单未完成;
// 2=订单已完成", a value without a label alone.
func FormatValues(vals []Value) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = v.Value
		if v.Label != "" {
			parts[i] += "=" + v.Label
		}
	}
	return strings.Join(parts, "; ")
}

// IsCode reports whether a value is a numeric code (an integer that fits
// int64), as opposed to a token.
func IsCode(v string) bool { return isCode(v) }

func isCode(v string) bool {
	_, err := strconv.ParseInt(v, 10, 64)
	return err == nil
}

func distinct(vals []Value) bool {
	seen := map[string]bool{}
	for _, v := range vals {
		if seen[v.Value] {
			return false
		}
		seen[v.Value] = true
	}
	return true
}

func sameValues(a, b []Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Value != b[i].Value {
			return false
		}
	}
	return true
}

var (
	descTag = regexp.MustCompile(`<[^<>]*>`)
	// widePunct maps full-width punctuation to ASCII so one set of
	// patterns reads both.
	widePunct = strings.NewReplacer("：", ":", "，", ",", "；", ";", "（", "(", "）", ")",
		"＝", "=", "　", " ", "“", `"`, "”", `"`, "【", "[", "】", "]", "｜", "|")
)

// normalizeDesc turns a description into one line: tags become line
// breaks (a <li> or <br> separates list items), entities are decoded and
// full-width punctuation is ASCII. Spaces around a line break go, so that
// "1:a<br> 2:b" reads as "1:a<br>2:b" does (text pages flatten a
// description's lines into one, keeping its tags).
func normalizeDesc(s string) string {
	s = descTag.ReplaceAllString(s, "\n")
	s = html.UnescapeString(s)
	s = widePunct.Replace(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case unicode.IsSpace(r):
			return ' '
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return spacedBreak.ReplaceAllString(s, "\n")
}

var spacedBreak = regexp.MustCompile(` *\n *`)

// isListSep reports whether r may stand between two items of a list.
func isListSep(r rune) bool {
	switch r {
	case ' ', '\n', ',', ';', '、', '|', '/', '*', '。':
		return true
	}
	return false
}

// onlySeps reports whether s is made of list separators only (or empty).
func onlySeps(s string) bool {
	for _, r := range s {
		if !isListSep(r) {
			return false
		}
	}
	return true
}

// parenItem is TOKEN(label), the label allowed one level of parentheses
// of its own: TRADE_BUYER_SIGNED(买家已签收(货到付款专用)).
var parenItem = regexp.MustCompile(`([A-Za-z][A-Za-z0-9_]*)[ ]*\(((?:[^()]|\([^()]*\))*)\)`)

// javaArgs are the arguments of a Java enum constant: a code or a string
// first, then strings: (2, "已付款"), ("WAIT_DELIVERY", "待发货"), ("版权原因").
var (
	javaArgs   = regexp.MustCompile(`^\s*(-?\d+|"[^"]*")((?:\s*,\s*"[^"]*")*)\s*$`)
	javaString = regexp.MustCompile(`"[^"]*"`)
)

// parenLists finds runs of TOKEN(label) items separated by nothing but
// list separators. Java enum constants with a code, PAID_DONE(2, "已付款"),
// are read for Number fields only: for a String field it is unclear
// whether the token or the code is sent.
func parenLists(text string, number bool) [][]Value {
	var lists [][]Value
	var cur []Value
	end := -1
	for _, m := range parenItem.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); isTokenRune(r) {
				continue // the token is the tail of a longer word
			}
		}
		if end < 0 || !onlySeps(text[end:m[0]]) {
			lists = append(lists, cur)
			cur = nil
		}
		end = m[1]
		v, ok := parenValue(text[m[2]:m[3]], text[m[4]:m[5]], number)
		if !ok {
			cur = append(cur, Value{}) // a broken item breaks the list
			continue
		}
		cur = append(cur, v)
	}
	lists = append(lists, cur)
	if len(lists) > 2 || (len(lists) == 2 && len(lists[0]) > 0) {
		// Another TOKEN(…) elsewhere: FAST(快速)、EMS、ORDINARY(平邮) is a
		// list broken by an item without a label, and reading the longest
		// run would drop values.
		return nil
	}
	return dropBroken(lists)
}

// parenValue reads one TOKEN(…) item: a label, or Java enum arguments.
func parenValue(token, inner string, number bool) (Value, bool) {
	inner = strings.TrimSpace(inner)
	if m := javaArgs.FindStringSubmatch(inner); m != nil {
		first := m[1]
		var strs []string
		for _, s := range javaString.FindAllString(m[2], -1) {
			strs = append(strs, strings.Trim(s, `"`))
		}
		if strings.HasPrefix(first, `"`) {
			first = strings.Trim(first, `"`)
			switch {
			case len(strs) == 0:
				// TOKEN("label"): the token is the value.
				return label(token, first)
			case first != token:
				// ANONYMOUS("anonymous", "匿名券"): which one is sent?
				return Value{}, false
			}
			return label(first, strs[len(strs)-1])
		}
		if len(strs) == 0 || !number {
			return Value{}, false
		}
		// TOKEN(2, "label"): the code is the value.
		return label(first, strs[len(strs)-1])
	}
	if !hasCJK(inner) {
		// ALIPAY(alipay) or f(x): not a labelled value.
		return Value{}, false
	}
	return label(token, inner)
}

func label(value, l string) (Value, bool) {
	l = strings.Trim(strings.Join(strings.Fields(l), " "), `"'`)
	if value == "" || l == "" || utf8.RuneCountInString(l) > maxLabel {
		return Value{}, false
	}
	return Value{Value: value, Label: l}, true
}

// maxLabel bounds a label: a longer "label" is prose, not a list item.
const maxLabel = 60

// dropBroken keeps the lists in which every item was read.
func dropBroken(lists [][]Value) [][]Value {
	var out [][]Value
	for _, l := range lists {
		ok := len(l) > 0
		for _, v := range l {
			if v.Value == "" {
				ok = false
			}
		}
		if ok {
			out = append(out, l)
		}
	}
	return out
}

// keyItem is the start of a KEY<sep>label item: a code or a token, then
// =, : or - (VENDIBLE--可销售库存 doubles the dash).
var keyItem = regexp.MustCompile(`(-?[0-9]+|[A-Za-z][A-Za-z0-9_]*)[ ]*(=|:|-+)[ ]*`)

type keyMatch struct {
	start, end int // of the whole key and separator
	key, sep   string
	code       bool
}

// separatedLists finds runs of KEY<sep>label items: the same separator
// after every key, keys all codes or all tokens, each label ending where
// the next key starts after a list separator. The last label ends at the
// list's own separator, the end of the sentence or the bracket around the
// list. A run with another key right before or after it is part of a list
// written in mixed forms and is not read: reading the run alone would drop
// values.
func separatedLists(text string) [][]Value {
	var keys []keyMatch
	for _, m := range keyItem.FindAllStringSubmatchIndex(text, -1) {
		key := text[m[2]:m[3]]
		code := isCode(key)
		if m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:m[0]])
			// A code may follow its heading directly (文本类型1-评论 2-订单留言);
			// anything else glued to a word, a date or a URL is not a key.
			if !isListSep(r) && r != ':' && r != '(' && r != '[' && !(code && unicode.Is(unicode.Han, r)) {
				continue
			}
		}
		keys = append(keys, keyMatch{start: m[0], end: m[1], key: key, sep: text[m[4] : m[4]+1], code: code})
	}
	var lists [][]Value
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].sep == keys[i].sep && keys[j].code == keys[i].code &&
			labelBefore(text[keys[j-1].end:keys[j].start]) != "" {
			j++
		}
		if j-i >= 2 && (i == 0 || labelBefore(text[keys[i-1].end:keys[i].start]) == "") {
			end := len(text)
			if j < len(keys) {
				end = keys[j].start
			}
			if l := readSeparated(text[:end], keys[i:j], j < len(keys)); l != nil {
				lists = append(lists, l)
			}
		}
		i = j
	}
	return lists
}

// labelBefore is the label in the text between one key and the next: the
// text up to the separators before the next key, which must be there.
func labelBefore(gap string) string {
	trimmed := strings.TrimRightFunc(gap, isListSep)
	if len(trimmed) == len(gap) {
		return "" // the next key is glued to the label: not a list
	}
	return strings.TrimSpace(trimmed)
}

// readSeparated reads the items of one run; text ends where the next key
// (of another run) starts, if followed.
func readSeparated(text string, keys []keyMatch, followed bool) []Value {
	if !keys[0].code && jsonKeys.MatchString(text) {
		// 包含的字段有: areaId:区域码; subSaleArea:… names the keys of a JSON
		// text, not values.
		return nil
	}
	before := strings.TrimRight(text[:keys[0].start], " ")
	enclosed := strings.HasSuffix(before, "(") || strings.HasSuffix(before, "[")
	var out []Value
	commas := false // whether labels hold commas, so a comma does not end the last
	for i, k := range keys {
		var l string
		if i+1 < len(keys) {
			gap := text[k.end:keys[i+1].start]
			l = labelBefore(gap)
			sep := strings.TrimSpace(gap[len(strings.TrimRightFunc(gap, isListSep)):])
			if sep != "" && strings.ContainsAny(l, sep) || sep == "" && strings.Contains(l, " ") {
				return nil // the label holds the list's own separator: a list of lists, or prose
			}
			commas = commas || strings.Contains(l, ",")
		} else {
			var rest string
			l, rest = lastLabel(text[k.end:], text[keys[i-1].end:k.start], commas, enclosed)
			next := strings.TrimLeftFunc(rest, isListSep)
			if followed && next == "" || k.code && strings.IndexFunc(next, unicode.IsDigit) == 0 {
				return nil // the list goes on in a form not read: A=a;B-b, 1:a,2:b,3c
			}
		}
		if !k.code && !hasCJK(l) {
			return nil // token keys need a Chinese label: key:value pairs of examples have none
		}
		if !plausibleLabel(l) {
			return nil
		}
		v, ok := label(k.key, l)
		if !ok {
			return nil
		}
		out = append(out, v)
	}
	return out
}

// jsonKeys marks a description of a structured text or a map, whose
// KEY:label pairs are its field names or keys (List<Map<String,Object>>
// 列表中每个元素的key-value说明如下: id: 值id name：值名称).
var jsonKeys = regexp.MustCompile(`(?i)json|字段|\bkey\b|map<`)

// plausibleLabel rejects what is not the label of one value: ranges and
// times (1-10, 09:00-18:00, 1-2天), sentences, code.
func plausibleLabel(l string) bool {
	if !hasLetter(l) || strings.ContainsAny(l, "。{}=") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l)
	return !unicode.IsDigit(r)
}

// lastLabel cuts the last item's label: at the separator the list uses
// between items (the last separator before the last key), at the end of
// the sentence, or at the bracket closing an enclosed list. It returns the
// label and the text after it.
func lastLabel(rest, prevGap string, commas, enclosed bool) (string, string) {
	trimmed := strings.TrimRightFunc(prevGap, isListSep)
	seps := strings.TrimLeft(prevGap[len(trimmed):], " ")
	if seps == "" {
		seps = " " // items separated by spaces: a space ends the label
	}
	stop := func(r rune) bool {
		return r == '\n' || r == ';' || r == '。' || (r == ',' && !commas) || strings.ContainsRune(seps, r)
	}
	depth := 0
	prev := rune(0)
	cut := func(i int) (string, string) {
		l := strings.TrimRight(strings.TrimSpace(rest[:i]), ".")
		if open := unclosed(l); open >= 0 {
			l = strings.TrimSpace(l[:open]) // 赠品(比如买a送a, …: the remark runs on
		}
		return l, rest[i:]
	}
	for i, r := range rest {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth == 0:
			return cut(i) // the bracket around the list closes
		case r == ')' || r == ']':
			depth--
		case stop(r) && !(enclosed && r == ' '):
			return cut(i)
		case r == ' ' && !enclosed && unicode.Is(unicode.Han, prev):
			// 3:全部 适用和例外二选一填写: after a Chinese label, a space
			// followed by more Chinese starts the next sentence (inside
			// brackets the list's bracket ends it: 其他出 库 单).
			if next, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest[i:], " ")); unicode.Is(unicode.Han, next) {
				return cut(i)
			}
		}
		prev = r
	}
	return cut(len(rest))
}

// unclosed returns the index of the first bracket of l that is not
// closed, or -1.
func unclosed(l string) int {
	var open []int
	for i, r := range l {
		switch r {
		case '(', '[':
			open = append(open, i)
		case ')', ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[0]
}

// bareMarker introduces a list of values without labels.
var bareMarker = regexp.MustCompile(`(?:可选值|取值范围|枚举值|可选项|取值)(?:为|是|有|包括)?[ ]*:?[ ]*`)

var bareToken = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*`)

// bareLists reads "可选值: A, B, C": tokens after a marker, separated by
// list separators, up to the end of the sentence. A token followed by
// anything else (a label, prose) is not a bare list.
func bareLists(text string) [][]Value {
	var lists [][]Value
	for _, m := range bareMarker.FindAllStringIndex(text, -1) {
		rest := text[m[1]:]
		var l []Value
		for {
			tok := bareToken.FindString(rest)
			if tok == "" {
				l = nil
				break
			}
			l = append(l, Value{Value: tok})
			rest = rest[len(tok):]
			sep := rest[:len(rest)-len(strings.TrimLeft(rest, " ,、|/"))]
			rest = rest[len(sep):]
			if rest == "" || strings.HasPrefix(rest, "。") || strings.HasPrefix(rest, ";") || strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, ".") {
				break
			}
			if sep == "" {
				l = nil // a token glued to more text: RefundMessage结构体
				break
			}
		}
		if len(l) >= 2 {
			lists = append(lists, l)
		}
	}
	return lists
}

func isTokenRune(r rune) bool {
	return r == '_' || (r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)))
}

func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
