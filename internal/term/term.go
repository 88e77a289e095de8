// Package term tells whether output goes to a terminal, the only place
// where a progress bar redrawn with \r makes sense, and whether to colour
// it.
package term

import (
	"io"
	"os"

	xterm "golang.org/x/term"
)

// Is reports whether w is a terminal. It asks the terminal driver
// (golang.org/x/term), so a character device that is not a terminal, such
// as /dev/null, is not one.
func Is(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && xterm.IsTerminal(int(f.Fd()))
}

// Color reports whether to colour output to w: w is a terminal, NO_COLOR
// is unset or empty (https://no-color.org), and TERM is not "dumb".
func Color(w io.Writer) bool {
	return os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb" && Is(w)
}
