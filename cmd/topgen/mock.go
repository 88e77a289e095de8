package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/opentop/topgen/mock"
)

// runMock serves the mock gateway until SIGINT or SIGTERM.
func runMock(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveMock(ctx, args, stdout, stderr)
}

// shutdownGrace is how long in-flight requests get to finish on shutdown.
const shutdownGrace = 5 * time.Second

// serverTimeouts bound how long a client may take, so that a stuck or
// hostile one (a slowloris sending a byte now and then, an idle
// keep-alive) cannot hold a connection and its goroutine forever.
type serverTimeouts struct {
	readHeader time.Duration // the request line and headers
	read       time.Duration // the whole request, body included (uploads)
	write      time.Duration // from the end of the headers to the end of the answer
	idle       time.Duration // a keep-alive connection between requests
}

// mockTimeouts leave room for the largest upload the mock accepts
// (toptest.DefaultMaxRequestSize) on a slow link.
var mockTimeouts = serverTimeouts{
	readHeader: 10 * time.Second,
	read:       2 * time.Minute,
	write:      2 * time.Minute,
	idle:       2 * time.Minute,
}

func newMockServer(h http.Handler, t serverTimeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
	}
}

// serveMock serves until ctx is done, then shuts down cleanly. The one
// line it prints to stdout names the gateway URL, so that a script (or a
// test using -addr 127.0.0.1:0) can read where it listens.
func serveMock(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mock", flag.ContinueOnError)
	specs := fs.String("specs", "specs", "spec `DIR` (*.yaml)")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	secret := fs.String("secret", "", "check signatures with this app secret (without it any signature is accepted)")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() != 0 {
		return badUsage(stderr, fs, "takes no arguments, got %q", fs.Arg(0))
	}
	apis, err := mock.LoadDir(*specs)
	if err != nil {
		fmt.Fprintln(stderr, "topgen mock:", err)
		return 1
	}
	h, err := mock.New(apis, *secret)
	if err != nil {
		fmt.Fprintln(stderr, "topgen mock:", err)
		return 1
	}
	defer h.Close()
	mux := http.NewServeMux()
	mux.Handle(mock.Path, h)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "topgen mock:", err)
		return 1
	}
	srv := newMockServer(mux, mockTimeouts)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if *secret == "" {
		fmt.Fprintln(stderr, "topgen mock: no -secret: any signature is accepted")
	}
	fmt.Fprintf(stdout, "topgen mock: %d APIs at http://%s%s\n", len(apis), ln.Addr(), mock.Path)
	select {
	case err := <-served:
		fmt.Fprintln(stderr, "topgen mock:", err)
		return 1
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "topgen mock: shutdown:", err)
		return 1
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "topgen mock:", err)
		return 1
	}
	fmt.Fprintln(stderr, "topgen mock: stopped")
	return 0
}
