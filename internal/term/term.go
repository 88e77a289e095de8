// Package term tells whether output goes to a terminal, the only place
// where colour and a progress bar redrawn with \r make sense.
package term

import (
	"io"
	"os"
)

// Is reports whether w is a character device (a terminal).
func Is(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
