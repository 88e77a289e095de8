package fetch

import (
	"fmt"
	"io"
	"strings"
)

// progress draws "fetch [=====     ] 12/40 taobao.x.y" on one line,
// redrawn with \r. A nil writer draws nothing.
type progress struct {
	w           io.Writer
	total, done int
	width       int // characters drawn last time, to blank leftovers
}

const barWidth = 30

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total}
}

// step counts one finished document; the caller serialises calls.
func (p *progress) step(label string) {
	p.done++
	if p.w == nil || p.total == 0 {
		return
	}
	n := barWidth * p.done / p.total
	if len(label) > 50 {
		label = label[:47] + "..."
	}
	line := fmt.Sprintf("fetch [%s%s] %d/%d %s", strings.Repeat("=", n), strings.Repeat(" ", barWidth-n), p.done, p.total, label)
	pad := ""
	if p.width > len(line) {
		pad = strings.Repeat(" ", p.width-len(line))
	}
	p.width = max(p.width, len(line)) // the padding keeps the widest line on screen
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
}

// finish clears the bar so that later output starts on a clean line.
func (p *progress) finish() {
	if p.w == nil || p.width == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
}
