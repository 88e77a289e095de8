package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the server goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var gatewayLine = regexp.MustCompile(`^topgen mock: (\d+) APIs at (http://127\.0\.0\.1:\d+/router/rest)\n$`)

// startMockCmd runs `topgen mock args...` in-process through serve (a
// serveMock bound to a context, or runMock) and returns the gateway URL it
// printed and a channel with its exit code.
func startMockCmd(t *testing.T, serve func(args []string, stdout, stderr io.Writer) int, args ...string) (url string, exit <-chan int, stderr *syncBuffer) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr = &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		code := serve(append([]string{"-addr", "127.0.0.1:0"}, args...), pw, stderr)
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("mock printed no address (exit %d?): %v; stderr:\n%s", <-done, err, stderr)
	}
	go io.Copy(io.Discard, pr)
	m := gatewayLine.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("mock's first line %q does not name the gateway", line)
	}
	if specs, _ := filepath.Glob("../../specs/*.yaml"); m[1] != strconv.Itoa(len(specs)) {
		t.Errorf("mock serves %s APIs, want the %d bundled specs", m[1], len(specs))
	}
	return m[2], done, stderr
}

// mockServer starts the mock on the bundled specs until the test ends.
func mockServer(t *testing.T, args ...string) string {
	ctx, cancel := context.WithCancel(context.Background())
	url, done, stderr := startMockCmd(t, func(args []string, stdout, stderr io.Writer) int {
		return serveMock(ctx, args, stdout, stderr)
	}, append([]string{"-specs", "../../specs"}, args...)...)
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("mock exit %d after cancel, want 0; stderr:\n%s", code, stderr)
			}
		case <-time.After(10 * time.Second):
			t.Error("mock did not stop after its context was cancelled")
		}
	})
	return url
}

func TestMockStopsOnSIGTERM(t *testing.T) {
	url, done, stderr := startMockCmd(t, runMock, "-specs", "../../specs")
	if resp, err := http.Get(url); err != nil {
		t.Fatalf("mock not answering: %v", err)
	} else {
		resp.Body.Close()
	}
	// runMock has registered for the signal before it printed the address,
	// so the signal goes to it and not to the test binary's default action.
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d on SIGTERM, want 0; stderr:\n%s", code, stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("mock did not stop on SIGTERM")
	}
	if !strings.Contains(stderr.String(), "no -secret: any signature is accepted") || !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("stderr does not say it accepts any signature and stopped:\n%s", stderr)
	}
	if resp, err := http.Get(url); err == nil {
		resp.Body.Close()
		t.Error("mock still answers after SIGTERM")
	}
}

func TestMockUsageAndBadSpecs(t *testing.T) {
	ctx := context.Background()
	var out, errb bytes.Buffer
	if code := serveMock(ctx, []string{"extra"}, &out, &errb); code != 2 {
		t.Errorf("extra argument: exit %d, want 2", code)
	}
	errb.Reset()
	if code := serveMock(ctx, []string{"-specs", t.TempDir()}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no *.yaml spec") {
		t.Errorf("empty spec dir: exit %d, stderr %q; want 1 naming the problem", code, errb.String())
	}
	dir := t.TempDir()
	os.WriteFile(dir+"/x.yaml", []byte("method: [\n"), 0o644)
	errb.Reset()
	if code := serveMock(ctx, []string{"-specs", dir}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "x.yaml") {
		t.Errorf("broken spec: exit %d, stderr %q; want 1 naming the file", code, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("failed starts printed %q to stdout", out.String())
	}
}

// TestMockServerTimeouts: the mock's server bounds every phase of a
// connection, and the bounds act: a client that stops sending halfway
// through its headers, or its body, or idles on a keep-alive connection,
// is disconnected.
func TestMockServerTimeouts(t *testing.T) {
	for name, d := range map[string]time.Duration{
		"read header": mockTimeouts.readHeader, "read": mockTimeouts.read,
		"write": mockTimeouts.write, "idle": mockTimeouts.idle,
	} {
		if d <= 0 {
			t.Errorf("the mock's %s timeout is %v, want a bound", name, d)
		}
	}
	short := serverTimeouts{readHeader: 100 * time.Millisecond, read: 200 * time.Millisecond, write: time.Second, idle: 200 * time.Millisecond}
	srv := newMockServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, "ok")
	}), short)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()

	cases := map[string]string{
		"slow headers": "POST /router/rest HTTP/1.1\r\nHost: x\r\n",
		"slow body":    "POST /router/rest HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b",
		"idle":         "GET /router/rest HTTP/1.1\r\nHost: x\r\n\r\n",
	}
	for name, send := range cases {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte(send))
		// The deadline only keeps a broken server from hanging the test;
		// the server's bounds are a fraction of it.
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		got, err := io.ReadAll(conn)
		conn.Close()
		if err != nil {
			t.Errorf("%s: the server kept the connection open: %v", name, err)
		}
		if name == "idle" && !strings.HasSuffix(string(got), "ok") {
			t.Errorf("idle: got %q, want the answer before the close", got)
		}
	}
}
