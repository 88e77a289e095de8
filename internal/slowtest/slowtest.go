// Package slowtest gates the slow tests: the corpus-wide catalogue checks
// and the tests that build separate modules. `go test ./...` skips them so
// that the default run stays fast; CI (.ci/run) sets TOPGEN_CATALOG=1 and
// runs everything.
package slowtest

import (
	"os"
	"testing"
)

// Env is the environment variable that turns the slow tests on.
const Env = "TOPGEN_CATALOG"

// Enabled reports whether the slow tests run: TOPGEN_CATALOG=1 and not
// -short (-short always wins, so `go test -short ./...` stays quick even
// in an environment that exports the variable).
func Enabled() bool {
	return os.Getenv(Env) == "1" && !testing.Short()
}

// Require skips the calling test unless the slow tests are enabled; what
// says what the test does, for the skip message.
func Require(tb testing.TB, what string) {
	tb.Helper()
	if testing.Short() {
		tb.Skipf("%s: skipped in -short mode", what)
	}
	if os.Getenv(Env) != "1" {
		tb.Skipf("%s: slow, runs with %s=1 (as CI does)", what, Env)
	}
}
