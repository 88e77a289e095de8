package term

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

func TestIs(t *testing.T) {
	if Is(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if Is(f) {
		t.Error("a regular file is a terminal")
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	if st, _ := null.Stat(); st.Mode()&os.ModeCharDevice == 0 {
		t.Skipf("%s is not a character device here", os.DevNull)
	}
	if Is(null) {
		t.Errorf("%s, a character device, is a terminal", os.DevNull)
	}
}

// A pseudo-terminal is a terminal; NO_COLOR and TERM=dumb turn colour off
// on it.
func TestColorOnATerminal(t *testing.T) {
	tty, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0) // a pseudo-terminal's master side
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer tty.Close()
	if !Is(tty) {
		t.Fatal("a pseudo-terminal is not a terminal")
	}
	t.Setenv("TERM", "xterm")
	for env, want := range map[string]bool{"": true, "1": false} {
		t.Setenv("NO_COLOR", env)
		if got := Color(tty); got != want {
			t.Errorf("NO_COLOR=%q: Color = %v, want %v", env, got, want)
		}
	}
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "dumb")
	if Color(tty) {
		t.Error("TERM=dumb: colour on")
	}
}

func TestNoColorOffATerminal(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	if Color(&bytes.Buffer{}) || Color(os.NewFile(^uintptr(0), "bad")) {
		t.Error("colour for output that is not a terminal")
	}
}
