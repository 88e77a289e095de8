package scraper

import "fmt"

// Error is a problem with a doc page, located at a line of the page.
type Error struct {
	File string // the page's name as given to the reader
	Line int    // 1-based line in the page; 0 when the whole page is at fault
	Msg  string // what was found and what was expected
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}
