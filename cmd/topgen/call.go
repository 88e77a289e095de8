package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/opentop/topgen/internal/methodname"
	"github.com/opentop/topgen/mock"
	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top"
)

// callAbout is the help text of topgen call.
const callAbout = `The response body is printed as received, JSON pretty-printed.
name=@path sends the file as a multipart file part; write @@ for a value
that starts with a literal @. The credentials can come from the
environment (TOP_APP_KEY, TOP_APP_SECRET, TOP_SESSION) to keep them out
of shell history. Exit status: 0 success; 1 an error_response (printed to
stderr, also when -specs finds a problem before sending) or a failed
call; 2 bad usage.`

func runCall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("call", flag.ContinueOnError)
	gateway := fs.String("gateway", top.DefaultGateway, "gateway `URL`")
	appKey := fs.String("app-key", "", "app key (default $TOP_APP_KEY)")
	secret := fs.String("secret", "", "app secret (default $TOP_APP_SECRET)")
	session := fs.String("session", "", "user session token (default $TOP_SESSION)")
	signMethod := fs.String("sign-method", string(top.SignHMACSHA256), "md5, hmac or hmac-sha256")
	format := fs.String("format", string(top.JSON), "response format: json or xml")
	simplify := fs.Bool("simplify", false, "ask for simplify=true JSON (no envelope)")
	specs := fs.String("specs", "", "check the parameters against `DIR`/METHOD.yaml before sending")
	timeout := fs.Duration("timeout", 30*time.Second, "bound on the call, from connecting to the last byte of the answer")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	usageErr := func(format string, a ...any) int { return badUsage(stderr, fs, format, a...) }
	if fs.NArg() == 0 {
		return usageErr("missing METHOD")
	}
	method := fs.Arg(0)
	if !methodname.Valid(method) {
		return usageErr("METHOD %s is not a TOP method name (%s)", strconv.Quote(method), methodname.Want)
	}
	fromEnv(appKey, "TOP_APP_KEY")
	fromEnv(secret, "TOP_APP_SECRET")
	fromEnv(session, "TOP_SESSION")
	if *appKey == "" || *secret == "" {
		return usageErr("need an app key and a secret: -app-key/-secret or TOP_APP_KEY/TOP_APP_SECRET")
	}
	sm, err := top.ParseSignMethod(*signMethod)
	if err != nil {
		return usageErr("-sign-method %q: want md5, hmac or hmac-sha256", *signMethod)
	}
	if f := top.Format(*format); f != top.JSON && f != top.XML {
		return usageErr("-format %q: want json or xml", *format)
	}
	params, values, files, err := callParams(fs.Args()[1:])
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return usageErr("%v", err)
		}
		fmt.Fprintln(stderr, "topgen call:", err)
		return 1
	}
	if *specs != "" {
		file := filepath.Join(*specs, method+".yaml")
		api, err := spec.Load(file)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				err = fmt.Errorf("no spec for %s in %s", method, *specs)
			}
			fmt.Fprintln(stderr, "topgen call:", err)
			return 1
		}
		var topErr *top.Error
		if api.Session == spec.SessionRequired && *session == "" {
			topErr = &top.Error{Code: 26, Msg: "Missing Session", SubMsg: method + " needs a user session: -session or TOP_SESSION"}
		} else {
			topErr = mock.CheckParams(api, values, files)
		}
		if topErr != nil {
			fmt.Fprintf(stderr, "topgen call: not sent, the parameters do not match %s:\n", file)
			printTopError(stderr, topErr)
			return 1
		}
	}
	client, err := top.NewClient(*appKey, *secret,
		top.WithGateway(*gateway),
		top.WithSignMethod(sm),
		top.WithFormat(top.Format(*format)),
		top.WithSimplify(*simplify),
		top.WithRetry(top.RetryPolicy{}), // one call, as asked
		top.WithAttemptTimeout(*timeout), // the client refuses redirects and masks credentials in errors
	)
	if err != nil {
		return usageErr("%v", strings.TrimPrefix(err.Error(), "top: NewClient: "))
	}
	var opts []top.CallOption
	if *session != "" {
		opts = append(opts, top.WithSession(*session))
	}
	body, err := client.Execute(context.Background(), method, params, opts...)
	var topErr *top.Error
	switch {
	case errors.As(err, &topErr):
		printTopError(stderr, topErr)
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "topgen call:", err)
		return 1
	}
	stdout.Write(prettyBody(body, top.Format(*format)))
	return 0
}

// fromEnv fills an unset flag from the environment.
func fromEnv(v *string, name string) {
	if *v == "" {
		*v = os.Getenv(name)
	}
}

// usageError is a name=value argument that cannot be read.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// callParams reads name=value and name=@file arguments. values and files
// are what the spec check sees.
func callParams(args []string) (p *top.Params, values map[string]string, files []string, err error) {
	p = top.NewParams()
	values = map[string]string{}
	seen := map[string]bool{}
	for _, arg := range args {
		name, value, ok := strings.Cut(arg, "=")
		if !ok || name == "" {
			return nil, nil, nil, usageError{fmt.Sprintf("argument %q: want name=value or name=@file", arg)}
		}
		if seen[name] {
			return nil, nil, nil, usageError{fmt.Sprintf("parameter %s given twice", name)}
		}
		seen[name] = true
		if top.IsSystemParam(name) {
			return nil, nil, nil, usageError{fmt.Sprintf("%s is a system parameter; the flags and the client set those", name)}
		}
		switch {
		case strings.HasPrefix(value, "@@"):
			value = value[1:]
		case strings.HasPrefix(value, "@"):
			path := value[1:]
			content, err := os.ReadFile(path)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("parameter %s: %w", name, err)
			}
			p.SetFile(name, top.File{Name: filepath.Base(path), Content: content})
			files = append(files, name)
			continue
		}
		p.Set(name, value)
		if value != "" {
			values[name] = value
		}
	}
	return p, values, files, nil
}

// printTopError prints e as TOP's JSON error_response, indented.
func printTopError(w io.Writer, e *top.Error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(map[string]*top.Error{"error_response": e})
}

// prettyBody indents a JSON body (keeping its key order and text) and ends
// every body with a newline; XML, or JSON that does not parse, is printed
// as received.
func prettyBody(body []byte, f top.Format) []byte {
	var b bytes.Buffer
	if f == top.JSON && json.Indent(&b, bytes.TrimSpace(body), "", "  ") == nil {
		body = b.Bytes()
	}
	if !bytes.HasSuffix(body, []byte("\n")) {
		body = append(body, '\n')
	}
	return body
}
