package spec

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// How the spec writer writes a string: the way yaml.v3 (v3.0.1) does,
// whose choices follow two steps. Its encoder asks for a literal block
// when the string has a line break, else for plain style when the string
// would read back as a string, else for double quotes. Its emitter then
// falls back from plain to single quotes to double quotes, and from a
// literal block to double quotes, when the string's characters do not
// allow the style asked for. The writer follows the same steps for the
// styles it writes itself and hands the rest (escapes, indentation
// indicators, invalid UTF-8) to yaml.v3.

// scalar writes a string value after "key:" (at indent) and ends its line.
func (w *specWriter) scalar(indent int, s string) {
	if strings.Contains(s, "\n") {
		if literalSafe(s) {
			w.literal(indent, s)
			return
		}
	} else {
		switch lineStyle(s) {
		case plainStyle:
			w.buf.WriteByte(' ')
			w.buf.WriteString(s)
			w.buf.WriteByte('\n')
			return
		case singleQuoted:
			w.buf.WriteString(" '")
			w.buf.WriteString(strings.ReplaceAll(s, "'", "''"))
			w.buf.WriteString("'\n")
			return
		case doubleQuoted:
			w.buf.WriteString(` "`)
			w.buf.WriteString(s)
			w.buf.WriteString("\"\n")
			return
		}
	}
	out, err := yamlScalar(indent, s)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.buf.WriteString(out)
}

// literal writes s as a literal block ("|"), its lines two columns in from
// indent; the chomping indicator keeps s's final line breaks exact.
func (w *specWriter) literal(indent int, s string) {
	switch {
	case !strings.HasSuffix(s, "\n"):
		w.buf.WriteString(" |-")
	case strings.HasSuffix(s, "\n\n"):
		w.buf.WriteString(" |+")
	default:
		w.buf.WriteString(" |")
	}
	body := strings.TrimSuffix(s, "\n")
	for line := range strings.SplitSeq(body, "\n") {
		w.buf.WriteByte('\n')
		if line != "" {
			w.spaces(indent + 2)
			w.buf.WriteString(line)
		}
	}
	w.buf.WriteByte('\n')
}

// A style is how yaml.v3 writes a one-line string.
type style int

const (
	otherStyle   style = iota // with escapes, or as binary: left to yaml.v3
	plainStyle                // as it is
	singleQuoted              // 'it''s'
	doubleQuoted              // "it", no escapes
)

// lineStyle is the style yaml.v3 gives a one-line string as a block
// mapping's value: plain when s reads back as a string and nothing in it
// is an indicator, else single quotes; double quotes when s would read
// back as another type (a number, a date, a bool, null); otherStyle when
// yaml.v3 would escape a character (a tab or a control, among others).
func lineStyle(s string) style {
	if !printable(s, false) {
		return otherStyle
	}
	if !readsAsString(s) {
		if strings.ContainsAny(s, `"\`) {
			return otherStyle
		}
		return doubleQuoted
	}
	if plainAllowed(s) {
		return plainStyle
	}
	return singleQuoted
}

// plainAllowed reports whether a one-line, printable s may be written
// plain in block context: no indicator, no space at either end, no
// document marker at the start.
func plainAllowed(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' ||
		strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		return false
	}
	for i := range len(s) {
		if indicator(s, i) {
			return false
		}
	}
	return true
}

// indicator reports whether the ASCII character s[i] keeps s from being
// plain in block context: most punctuation at the start, "-", "?" and ":"
// at the start when a space or the end follows, ":" anywhere when a space
// or the end follows, and "#" after a space.
func indicator(s string, i int) bool {
	followedBySpace := i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t'
	if i == 0 {
		switch s[0] {
		case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
			return true
		case '?', ':', '-':
			return followedBySpace
		}
		return false
	}
	switch s[i] {
	case ':':
		return followedBySpace
	case '#':
		return s[i-1] == ' ' || s[i-1] == '\t'
	}
	return false
}

// literalSafe reports whether yaml.v3 writes s as a literal block with no
// indentation indicator: s starts with neither a space nor a break, has no
// space before a break or at its end, and every character is printable to
// YAML (tabs allowed) with "\n" the only break.
func literalSafe(s string) bool {
	return s[0] != ' ' && s[0] != '\n' && s[len(s)-1] != ' ' &&
		!strings.Contains(s, " \n") && printable(s, true)
}

// printable reports whether yaml.v3 writes every character of s as it is:
// printable ASCII, the non-ASCII characters printableRune accepts, and,
// when block, tabs and "\n" as in a literal block. It escapes the others.
func printable(s string, block bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			n := printableRune(s[i:])
			if n == 0 {
				return false
			}
			i += n
			continue
		case c == '\n' || c == '\t':
			if !block {
				return false
			}
		case c < 0x20 || c == 0x7f:
			return false
		}
		i++
	}
	return true
}

// printableRune returns the length of the non-ASCII character s starts
// with when YAML prints it as it is and it is no line break (U+00A0 to
// U+FFFD but U+2028, U+2029 and U+FEFF), else 0: yaml.v3 escapes the
// others, and writes invalid UTF-8 as binary.
func printableRune(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError, r < 0xa0, r > 0xfffd, r == 0x2028, r == 0x2029, r == 0xfeff:
		return 0
	}
	return n
}

// readsAsString reports whether s, written plain, would read back as a
// string: yaml.v3's resolve (its words, then numbers and dates by the
// first character), plus the base-60 floats and YAML 1.1 bools it quotes
// on the way out.
func readsAsString(s string) bool {
	if s == "" || reservedWords[s] || base60Float(s) {
		return false
	}
	switch c := s[0]; {
	case c == '.':
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		return !numberOrDate(s)
	}
	return true
}

// reservedWords read back as bools, null, NaN or infinity, or
// were bools in YAML 1.1.
var reservedWords = map[string]bool{
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"~": true, "null": true, "Null": true, "NULL": true,
	".nan": true, ".NaN": true, ".NAN": true, ".inf": true, ".Inf": true, ".INF": true,
	"+.inf": true, "+.Inf": true, "+.INF": true, "-.inf": true, "-.Inf": true, "-.INF": true,
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "n": true, "N": true,
	"no": true, "No": true, "NO": true, "on": true, "On": true, "ON": true,
	"off": true, "Off": true, "OFF": true,
}

// numberOrDate is yaml.v3's resolve of a string that starts with a digit
// or a sign: a timestamp, an integer or float in Go's or YAML's syntax
// (underscores dropped), or a 0b or 0o integer.
func numberOrDate(s string) bool {
	if timestamp(s) {
		return true
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return true
	}
	if yamlFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return true
		}
	}
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if rest, ok := strings.CutPrefix(plain, p.prefix); ok {
			if _, err := strconv.ParseUint(rest, p.base, 64); err == nil {
				return true
			}
			if _, err := strconv.ParseInt(rest, p.base, 64); err == nil {
				return true
			}
		} else if rest, ok := strings.CutPrefix(plain, "-"+p.prefix); ok {
			if _, err := strconv.ParseInt("-"+rest, p.base, 64); err == nil {
				return true
			}
		}
	}
	return false
}

var (
	yamlFloat   = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	base60Regex = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
)

// base60Float is YAML 1.1's 190:20:30, which yaml.v3 quotes.
func base60Float(s string) bool {
	c := s[0]
	if !(c == '+' || c == '-' || c >= '0' && c <= '9') || !strings.Contains(s, ":") {
		return false
	}
	return base60Regex.MatchString(s)
}

// timestamp is yaml.v3's timestamp check: four digits, "-", and one of its
// layouts.
func timestamp(s string) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for i := range 4 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// yamlScalar is yaml.v3's writing of s as the value of a key at indent:
// " value\n", with any further lines. It writes s under nested keys so
// that yaml.v3 indents a block scalar as the spec needs.
func yamlScalar(indent int, s string) (string, error) {
	var v any = map[string]string{"k": s}
	for range indent / 2 {
		v = map[string]any{"k": v}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	out := buf.String()
	prefix := strings.Repeat(" ", indent) + "k:"
	i := strings.Index(out, "\n"+prefix)
	if indent == 0 {
		i = -1
	}
	return out[i+1+len(prefix):], nil
}
