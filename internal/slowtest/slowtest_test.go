package slowtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	_ "github.com/opentop/topgen/internal/golden" // accept -update
)

// TestGate runs this package's probe test in a child process under each
// setting and checks whether it ran or skipped.
func TestGate(t *testing.T) {
	if os.Getenv("SLOWTEST_PROBE") != "" {
		t.Skip("inside the probe")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env   string
		short bool
		ran   bool
	}{
		{"", false, false},
		{"0", false, false},
		{"1", false, true},
		{"1", true, false},
	} {
		args := []string{"-test.run", "^TestProbe$", "-test.v"}
		if tc.short {
			args = append(args, "-test.short")
		}
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), "SLOWTEST_PROBE=1", Env+"="+tc.env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("probe: %v\n%s", err, out)
		}
		if ran := strings.Contains(string(out), "probe ran"); ran != tc.ran {
			t.Errorf("%s=%q short=%v: ran=%v, want %v\n%s", Env, tc.env, tc.short, ran, tc.ran, out)
		}
	}
}

func TestProbe(t *testing.T) {
	if os.Getenv("SLOWTEST_PROBE") == "" {
		t.Skip("run by TestGate")
	}
	Require(t, "probe")
	if !Enabled() {
		t.Error("Require passed but Enabled is false")
	}
	t.Log("probe ran")
}
