package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/segments-webhooks/webhooks/verify"
)

var verifyCommand = &command{
	name:    "verify",
	summary: "explain whether a saved request's signature verifies, and why not",
	usage:   []string{"[flags] REQUEST_FILE", "[flags] --headers FILE --body FILE"},
	example: "segwebhook verify --secret \"$" + envSecret + "\" request.http",
	more: `REQUEST_FILE holds a request as a proxy or a debugging receiver saved
it: request line, headers, a blank line and the body; - reads standard
input. Or give the headers ("Name: value" lines, curl -v style accepted)
and the body in two files.

The verdict comes from package verify. When it is negative, the command
signs again with one change at a time (trimmed secret, body without its
trailing newline, compact JSON, seconds instead of milliseconds, ...) and
reports which change makes a signature match. It never prints the
secret or the expected signature.

Exit status: 0 when the request verifies, 1 when it does not or cannot
be read, 2 for a usage error.`,
	setup: setupVerify,
}

// setupVerify defines the flags of verify and returns the command.
func setupVerify(e *env, fs *flag.FlagSet) func(context.Context, []string) error {
	secret := secretFlag(e, fs)
	headers := fs.String("headers", "", "read the headers from `FILE` instead of a request file")
	body := fs.String("body", "", "read the body from `FILE`, byte for byte (with --headers)")
	now := nonEmpty(fs, "now",
		"check the timestamp against this `time`: Unix seconds or RFC 3339 (default now)")
	tolerance := fs.Duration("tolerance", verify.DefaultTolerance,
		"how far the timestamp may be from now")

	return func(_ context.Context, args []string) error {
		s := secret()
		if s == "" {
			return errNoSecret
		}
		at, err := parseNow(*now, e.now)
		if err != nil {
			return err
		}
		if *tolerance <= 0 {
			return usagef("--tolerance must be positive, got %v", *tolerance)
		}
		req, err := loadRequest(e, args, *headers, *body)
		if err != nil {
			return err
		}

		d := &diagnosis{w: e.stdout, req: req, secret: s, now: at, tolerance: *tolerance}
		if !d.run() {
			return errReported
		}
		return nil
	}
}

// parseNow reads --now, or asks the clock when it is empty.
func parseNow(s string, clock func() time.Time) (time.Time, error) {
	if s == "" {
		return clock(), nil
	}
	if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(sec, 0), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usagef("--now %q is neither Unix seconds nor RFC 3339", s)
	}
	return t, nil
}

// loadRequest reads the saved request named by args, or by --headers
// and --body.
func loadRequest(e *env, args []string, headersFile, bodyFile string) (*savedRequest, error) {
	switch {
	case len(args) > 1:
		return nil, usagef("one request at a time, got %q", args)
	case headersFile != "" && len(args) > 0:
		return nil, usagef("give a request file or --headers and --body, not both")
	case headersFile == "" && bodyFile != "":
		return nil, usagef("--body needs --headers")
	case headersFile != "":
		if bodyFile == "" {
			return nil, usagef("--headers needs --body")
		}
		head, err := readInput(e, headersFile)
		if err != nil {
			return nil, err
		}
		body, err := readInput(e, bodyFile)
		if err != nil {
			return nil, err
		}
		r, err := parseHeaderFile(head, body)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", inputName(headersFile), err)
		}
		return r, nil
	case len(args) == 0:
		return nil, usagef("no request: give a saved request file, or --headers and --body")
	}

	data, err := readInput(e, args[0])
	if err != nil {
		return nil, err
	}
	r, err := parseRawRequest(data)
	if err != nil {
		return nil, fmt.Errorf("%s is not a saved HTTP request: %w", inputName(args[0]), err)
	}
	return r, nil
}

// readInput reads a file, or standard input for "-". Its errors name
// the file; they are failures, not usage errors, like those of any
// other command that runs and cannot finish.
func readInput(e *env, name string) ([]byte, error) {
	if name != "-" {
		return os.ReadFile(name)
	}
	b, err := io.ReadAll(e.stdin)
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	return b, nil
}

// inputName names a file given to [readInput] in messages.
func inputName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}
