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
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
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
