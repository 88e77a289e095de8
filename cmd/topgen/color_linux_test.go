package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the program writes to tty, the test
// reads what it wrote from the master side.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	s, err := os.OpenFile(filepath.Join("/dev/pts", strconv.Itoa(n)), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open the terminal side: %v", err)
	}
	return m, s
}

// topgen diff colours its levels on a terminal, and not with NO_COLOR or
// when the output is not a terminal.
func TestDiffColourHonoursNoColor(t *testing.T) {
	old := "../../specs/alibaba.omni.order.query.yaml"
	data, _ := os.ReadFile(old)
	edited := filepath.Join(t.TempDir(), "new.yaml")
	os.WriteFile(edited, []byte(strings.Replace(string(data), "    description: 导购员id\n", "    description: 导购员id\n    limits:\n      max_length: 20\n", 1)), 0o644)
	t.Setenv("TERM", "xterm")
	for _, noColor := range []string{"", "1"} {
		t.Setenv("NO_COLOR", noColor)
		master, tty := openPTY(t)
		read := make(chan string)
		go func() {
			b, _ := io.ReadAll(master) // ends with EIO once tty is closed
			read <- string(b)
		}()
		code := run([]string{"diff", old, edited}, tty, io.Discard)
		tty.Close()
		out := <-read
		if code != 0 || !strings.Contains(out, "max_length") {
			t.Fatalf("NO_COLOR=%q: exit %d, output %q", noColor, code, out)
		}
		if colored := strings.Contains(out, "\x1b["); colored != (noColor == "") {
			t.Errorf("NO_COLOR=%q: coloured %v; output %q", noColor, colored, out)
		}
	}
	if _, out, _ := topgen(t, "diff", old, edited); strings.Contains(out, "\x1b[") {
		t.Errorf("colour in output that is not a terminal: %q", out)
	}
}
