package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the changes grouped by API, one line each:
//
//	alibaba.damai.mz.order.create
//	  breaking  request   param/goods_list/price_id  request parameter removed (String): …
//
// With color, levels are coloured with ANSI escapes (for terminals).
func WriteText(w io.Writer, changes []Change, color bool) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "no changes")
		return err
	}
	var b strings.Builder
	counts := map[Level]int{}
	method := ""
	for _, c := range changes {
		if c.Method != method {
			if method != "" {
				b.WriteByte('\n')
			}
			method = c.Method
			b.WriteString(paint(color, "1", method) + "\n")
		}
		counts[c.Level]++
		where := c.Side
		if c.Path != "" {
			where += " " + c.Path
		}
		if where == "" {
			where = "api"
		}
		fmt.Fprintf(&b, "  %s  %s: %s\n", paint(color, levelColor[c.Level], fmt.Sprintf("%-8s", c.Level)), where, c.Text)
	}
	fmt.Fprintf(&b, "\n%d breaking, %d warning, %d info\n", counts[Breaking], counts[Warning], counts[Info])
	_, err := io.WriteString(w, b.String())
	return err
}

var levelColor = map[Level]string{Breaking: "31", Warning: "33", Info: "36"}

func paint(on bool, code, s string) string {
	if !on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// WriteJSON writes the changes as a JSON array (an empty array for none).
func WriteJSON(w io.Writer, changes []Change) error {
	if changes == nil {
		changes = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(changes)
}
