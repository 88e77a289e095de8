package scraper

import (
	"strings"
)

// line is one line of a text page with its 1-based number.
type line struct {
	n    int
	text string // trimmed: indentation is a converter artefact, never depth
	raw  string // untrimmed, for example blocks
}

// bullet is the marker the converter puts before list items.
const bullet = "•"

// isBullet reports whether the line is a list item, and returns its cell.
func (l line) bulletCell() (string, bool) {
	if !strings.HasPrefix(l.text, bullet) {
		return "", false
	}
	return strings.TrimSpace(strings.TrimPrefix(l.text, bullet)), true
}

func splitLines(data []byte) []line {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	raw := strings.Split(s, "\n")
	out := make([]line, len(raw))
	for i, r := range raw {
		r = strings.TrimRight(r, " \t\u00a0")
		out[i] = line{n: i + 1, text: strings.TrimSpace(strings.Trim(r, "\u00a0")), raw: r}
	}
	return out
}

// dedent removes the indentation all non-empty lines share: the converter
// indents whole blocks when its list state changes (seed
// alibaba.damai.mz.order.detail), which is not part of the example.
func dedent(lines []line) string {
	// Drop leading and trailing blank lines.
	for len(lines) > 0 && lines[0].text == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1].text == "" {
		lines = lines[:len(lines)-1]
	}
	indent := -1
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		n := len(l.raw) - len(strings.TrimLeft(l.raw, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if len(l.raw) >= indent {
			b.WriteString(l.raw[indent:])
		}
	}
	return b.String()
}
