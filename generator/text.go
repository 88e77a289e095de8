package generator

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Doc text is untrusted. It reaches generated code only through docLines
// (comments, one "//" line each) and jennifer's Lit (quoted Go strings), so
// no description, name or example can end a comment or a literal.

var (
	// Inline tags vanish ("a <b>bold</b> word"); other tags separate words.
	inlineTag = regexp.MustCompile(`(?i)</?(b|i|em|strong|span|font|a|u|code)(\s[^<>]*)?>`)
	htmlTag   = regexp.MustCompile(`<[^<>]*>`)
)

// plainText turns a doc description into one line of plain text: HTML tags
// stripped, entities decoded, every control or line-breaking rune
// (including U+2028/U+2029) made a space, runs of spaces collapsed.
func plainText(s string) string {
	s = inlineTag.ReplaceAllString(s, "")
	s = htmlTag.ReplaceAllString(s, " ")
	return oneLine(html.UnescapeString(s))
}

// oneLine makes every control or line-breaking rune (including
// U+2028/U+2029, NUL, a byte order mark and bytes that are not UTF-8,
// which the Go scanner refuses even in comments) a space, and collapses
// runs of spaces.
func oneLine(s string) string {
	if isOneLine(s) {
		return s // most descriptions: no copy
	}
	return collapseSpaces(s)
}

// collapseSpaces is oneLine's full pass.
func collapseSpaces(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if isBreakOrControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isBreakOrControl reports the runes oneLine makes a space.
func isBreakOrControl(r rune) bool {
	return r == utf8.RuneError || unicode.IsControl(r) || unicode.IsSpace(r) ||
		r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

// isOneLine reports whether oneLine would return s unchanged: no rune it
// replaces, no leading, trailing or double space.
func isOneLine(s string) bool {
	space := true // a leading space is dropped
	for _, r := range s {
		switch {
		case r == ' ':
			if space {
				return false
			}
			space = true
			continue
		case r < utf8.RuneSelf:
			if r < 0x20 || r == 0x7f {
				return false
			}
		case isBreakOrControl(r):
			return false
		}
		space = false
	}
	return !space || s == ""
}

// commentWidth is where doc comments wrap, counted in runes.
const commentWidth = 96

// docLines wraps text into comment lines: at the last space before the
// width, or at the width for text without spaces (Chinese). It is the one
// way text reaches a comment, so it makes the text one line first: a doc
// name in "SetX sets the parameter <name>." may hold a line break or a
// NUL. No line starts with '/', so jennifer never renders a line verbatim
// as "/*".
func docLines(text string) []string {
	text = oneLine(text)
	if utf8.RuneCountInString(text) <= commentWidth { // most descriptions: one line
		if text == "" {
			return nil
		}
		return []string{commentLine(text)}
	}
	return wrapLines(text)
}

// wrapLines is docLines' wrapping of one line of text.
func wrapLines(text string) []string {
	var lines []string
	// One conversion to runes; the loop moves an index through them, so a
	// long description costs its length, not its length times its lines.
	rs := []rune(text)
	for i := 0; i < len(rs); {
		n := len(rs) - i
		if n > commentWidth {
			n = commentWidth
			for j := commentWidth; j > commentWidth/2; j-- {
				if rs[i+j] == ' ' {
					n = j
					break
				}
			}
		}
		line := strings.TrimSpace(string(rs[i : i+n]))
		for i += n; i < len(rs) && rs[i] == ' '; i++ {
		}
		if line == "" {
			continue
		}
		lines = append(lines, commentLine(line))
	}
	return lines
}

// commentLine is a line of comment text as jennifer must get it: one
// starting "//" or "/*" it would print verbatim, not as a "// " line.
func commentLine(line string) string {
	if strings.HasPrefix(line, "//") || strings.HasPrefix(line, "/*") {
		return " " + line
	}
	return line
}
