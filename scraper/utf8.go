package scraper

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// validUTF8 returns data with every run of bytes that are not UTF-8
// replaced by U+FFFD, and a warning naming the lines where that happened.
// Doc text is untrusted: invalid bytes carried into a spec would make
// YAML write the string as !!binary, unreadable in review.
func validUTF8(name string, data []byte) ([]byte, []Warning) {
	if utf8.Valid(data) {
		return data, nil
	}
	out := make([]byte, 0, len(data)+16)
	var lines []int
	line := 1
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line++
			}
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || size > 1 {
			out = append(out, data[i:i+size]...)
			i += size
			continue
		}
		// One U+FFFD for the whole run of invalid bytes (a run never
		// spans a line break: '\n' is valid).
		for i < len(data) {
			if r, size := utf8.DecodeRune(data[i:]); r != utf8.RuneError || size > 1 {
				break
			}
			i++
		}
		out = append(out, "\uFFFD"...)
		if len(lines) == 0 || lines[len(lines)-1] != line {
			lines = append(lines, line)
		}
	}
	msg := "bytes that are not UTF-8 replaced by U+FFFD (�)"
	if len(lines) > 1 {
		const shown = 10
		var more []string
		for _, l := range lines[1:min(len(lines), shown)] {
			more = append(more, strconv.Itoa(l))
		}
		msg += "; also on line " + strings.Join(more, ", ")
		if len(lines) > shown {
			msg += fmt.Sprintf(" and %d more lines", len(lines)-shown)
		}
	}
	return out, []Warning{{File: name, Path: fmt.Sprintf("line %d", lines[0]), Msg: msg}}
}
