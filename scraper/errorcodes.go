package scraper

import (
	"strings"

	"github.com/opentop/topgen/spec"
)

const errorsHeader = "错误码 错误描述 解决方案"

// parseErrorCodes reads the 错误码解释 table. Rows are space-separated; the
// code is the first cell. Message and solution may contain spaces, so their
// boundary is a guess: a row whose rest is "X X" has both equal to X (the
// common case), otherwise the first space splits them.
func (p *textPage) parseErrorCodes() ([]spec.ErrorCode, error) {
	lines := p.sections[headErrors]
	i := 0
	for i < len(lines) && lines[i].text == "" {
		i++
	}
	if i == len(lines) || footerLines[lines[i].text] {
		return nil, nil
	}
	if strings.Join(strings.Fields(lines[i].text), " ") != errorsHeader {
		return nil, p.errorf(lines[i].n, "expected the error code table header %q, found %q", errorsHeader, lines[i].text)
	}
	var out []spec.ErrorCode
	for _, l := range lines[i+1:] {
		if footerLines[l.text] {
			break
		}
		if l.text == "" {
			continue
		}
		code, rest, _ := strings.Cut(l.text, " ")
		rest = strings.TrimSpace(rest)
		e := spec.ErrorCode{Code: code}
		if half := len(rest) / 2; len(rest)%2 == 1 && rest[:half] == rest[half+1:] && rest[half] == ' ' {
			e.Message, e.Solution = rest[:half], rest[:half]
		} else {
			e.Message, e.Solution, _ = strings.Cut(rest, " ")
		}
		out = append(out, e)
	}
	return out, nil
}
