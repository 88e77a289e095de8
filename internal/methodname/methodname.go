// Package methodname is the one rule for what a TOP method name looks
// like, shared by the spec validation, `topgen call` and `fetch` (where a
// name becomes a file name).
package methodname

import "regexp"

// pattern accepts the method names seen across the TOP catalogue: dotted
// lower-case segments, with the capitals and dashes a few use
// (alibaba.alihealth.mdeer.science.synVideo,
// m-kvstore.aliyuncs.com.CreateInstance.2015-03-01). The first character is
// a letter, so a name never reads as a flag (-rf) or a path (../x).
var pattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)+$`)

// Valid reports whether s is a TOP method name.
func Valid(s string) bool { return pattern.MatchString(s) }

// Want says what Valid accepts, for error messages.
const Want = "want dotted segments of letters, digits, '_' and '-' starting with a letter, like taobao.trade.get"
