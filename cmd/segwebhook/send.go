package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strconv"
	"strings"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

var sendCommand = &command{
	name:    "send",
	summary: "sign an example event or a JSON file and POST it to a receiver",
	usage:   []string{"[flags] EVENT_TYPE", "[flags] --file FILE"},
	example: "segwebhook send --url http://localhost:8080/webhooks label.updated",
	more: wrap("Example events: "+exampleTypes()+".", 72, "") + `

The request carries the three signing headers and a JSON content type,
like a delivery from Segments.ai. The command prints the receiver's
status, the start of its answer and the headers that decide a retry
(webhook-delivery, Retry-After), and exits with status 1 unless the
receiver answered 2xx. Redirects are not followed: Segments.ai counts
them as failures too.`,
	setup: setupSend,
}

var signCommand = &command{
	name:    "sign",
	summary: "print the signing headers for a body, as name: value lines",
	usage:   []string{"[flags] EVENT_TYPE", "[flags] --file FILE"},
	example: "segwebhook sign --file body.json --id msg_test --timestamp 1796030102",
	more: `Use --file - to read the body from standard input. The body is signed
byte for byte: a trailing newline in the file is part of it. For an
example event, 'segwebhook example EVENT_TYPE' prints the body that is
signed.

` + wrap("Example events: "+exampleTypes()+".", 72, ""),
	setup: setupSign,
}

// sendTimeout is how long send waits for an answer by default: the time
// Segments.ai gives a receiver before it counts the attempt as failed.
const sendTimeout = 15 * time.Second

// checkURL reports a receiver address that send cannot POST to as a
// usage error: one that is not absolute http or https, such as the
// empty value of an unset shell variable.
func checkURL(raw string) error {
	u, err := neturl.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--url %q is not an http or https URL", raw)
	}
	return nil
}

// setupSend defines the flags of send and returns the command.
func setupSend(e *env, fs *flag.FlagSet) func(context.Context, []string) error {
	sf := defineSignFlags(e, fs)
	url := fs.String("url", "http://localhost:8080/webhooks", "receiver `URL` to POST to")
	timeout := fs.Duration("timeout", sendTimeout, "how long to wait for the receiver")

	return func(ctx context.Context, args []string) error {
		d, err := sf.delivery(e, args)
		if err != nil {
			return err
		}
		if *timeout <= 0 {
			return usagef("--timeout must be positive, got %v", *timeout)
		}

		if err := checkURL(*url); err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, *url, bytes.NewReader(d.body))
		if err != nil {
			return usagef("--url: %w", err)
		}
		d.setHeaders(req.Header)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "segwebhook")

		fmt.Fprintf(e.stdout, "POST %s\n  %s, %d bytes, %s %s, %s %s\n",
			*url, d.what, len(d.body), d.names[0], d.id, d.names[1], d.values[1])
		client := &http.Client{
			Timeout:       *timeout,
			CheckRedirect: noRedirects,
		}
		resp, err := client.Do(req)
		if err != nil {
			fmt.Fprintf(e.stderr, "segwebhook send: no answer: %v\n", err)
			return errReported
		}
		defer resp.Body.Close()
		answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))

		fmt.Fprintf(e.stdout, "%s  %s\n", resp.Status, oneLine(answer, 200))
		for _, name := range retryHeaders {
			for _, v := range resp.Header.Values(name) {
				if v = strings.TrimSpace(v); v != "" {
					fmt.Fprintf(e.stdout, "  %s: %s\n", name, oneLine([]byte(v), 200))
				}
			}
		}
		if resp.StatusCode/100 == 2 {
			return nil
		}
		if hint := statusHint(resp.StatusCode, resp.Header, answer); hint != "" {
			fmt.Fprintf(e.stderr, "segwebhook send: %s\n", hint)
		}
		return errReported
	}
}

// retryHeaders are the response headers that tell the sender whether
// and when to retry a delivery, which send prints when the receiver
// sets them.
var retryHeaders = []string{handler.HeaderDelivery, "Retry-After"}

// noRedirects makes an [http.Client] return a redirect as the answer,
// as Segments.ai does: a 3xx is a failed delivery.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// statusHint suggests what to look at after a failed delivery, given
// the receiver's status, headers and answer.
func statusHint(status int, header http.Header, answer []byte) string {
	refused := status == http.StatusBadRequest || status == http.StatusUnauthorized
	switch {
	case header.Get(handler.HeaderDelivery) == handler.AbortMessage:
		return "the receiver refused the message for good: Segments.ai does not retry " +
			"a delivery answered with " + handler.HeaderDelivery + ": " + handler.AbortMessage
	case refused && bytes.Contains(answer, []byte("timestamp")):
		return "the receiver refused the timestamp: compare the clocks of both machines, " +
			"or pick a --timestamp within its tolerance"
	case status == http.StatusBadRequest && bytes.Contains(answer, []byte("invalid payload")):
		return "the signature passed but the body does not decode: " +
			"compare the JSON with the event type's fields (the answer names the field)"
	case refused:
		return "the receiver refused the delivery: check that it uses the same secret, " +
			"and that it verifies the raw body (try 'segwebhook verify' on a saved request)"
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		return "nothing receives POSTs at this URL: check the path"
	case status/100 == 3:
		return "the receiver redirected; Segments.ai does not follow redirects, " +
			"so use the final URL"
	}
	return ""
}

// setupSign defines the flags of sign and returns the command.
func setupSign(e *env, fs *flag.FlagSet) func(context.Context, []string) error {
	sf := defineSignFlags(e, fs)
	return func(_ context.Context, args []string) error {
		d, err := sf.delivery(e, args)
		if err != nil {
			return err
		}
		for i, name := range d.names {
			fmt.Fprintf(e.stdout, "%s: %s\n", name, d.values[i])
		}
		return nil
	}
}

// signFlags are the flags that send and sign share.
type signFlags struct {
	secret    func() string
	file      *string
	id        *string
	timestamp *string
	family    *string
}

// defineSignFlags defines the flags that send and sign share on fs.
func defineSignFlags(e *env, fs *flag.FlagSet) *signFlags {
	return &signFlags{
		secret:    secretFlag(e, fs),
		file:      nonEmpty(fs, "file", "sign the body in `FILE`, or standard input for -"),
		id:        nonEmpty(fs, "id", "message `ID` (default a new msg_… id)"),
		timestamp: nonEmpty(fs, "timestamp", "signing time in Unix `seconds` (default now)"),
		family: fs.String("header-family", "svix",
			"header `family`: svix (svix-id, …) or webhook (webhook-id, …)"),
	}
}

// A signedDelivery is a body with its three signing headers, in the
// order id, timestamp, signature.
type signedDelivery struct {
	what   string // what the body is, for messages
	body   []byte
	id     string
	names  [3]string
	values [3]string
}

// setHeaders sets the three signing headers on h.
func (d *signedDelivery) setHeaders(h http.Header) {
	for i, name := range d.names {
		h.Set(name, d.values[i])
	}
}

// delivery reads the body named by the flags or args and signs it.
func (f *signFlags) delivery(e *env, args []string) (*signedDelivery, error) {
	secret := f.secret()
	if secret == "" {
		return nil, errNoSecret
	}
	names, err := headerNames(*f.family)
	if err != nil {
		return nil, err
	}
	ts := e.now()
	if *f.timestamp != "" {
		sec, err := strconv.ParseInt(*f.timestamp, 10, 64)
		if err != nil {
			return nil, usagef("--timestamp %q is not Unix seconds", *f.timestamp)
		}
		ts = time.Unix(sec, 0)
	}
	id := *f.id
	if id == "" {
		id = webhookstest.NewMessageID()
	}

	what, body, err := f.body(e, args)
	if err != nil {
		return nil, err
	}
	if !json.Valid(body) {
		fmt.Fprintf(e.stderr, "note: %s is not valid JSON; signing it anyway\n", what)
	}
	sig, err := verify.Sign(secret, id, ts, body)
	if err != nil {
		return nil, usagef("--secret: %w", err)
	}
	return &signedDelivery{
		what:   what,
		body:   body,
		id:     id,
		names:  names,
		values: [3]string{id, strconv.FormatInt(ts.Unix(), 10), sig},
	}, nil
}

// headerNames returns the id, timestamp and signature header names of
// a family.
func headerNames(family string) ([3]string, error) {
	switch family {
	case "svix":
		return [3]string{
			verify.HeaderSvixID, verify.HeaderSvixTimestamp, verify.HeaderSvixSignature,
		}, nil
	case "webhook":
		return [3]string{
			verify.HeaderWebhookID, verify.HeaderWebhookTimestamp, verify.HeaderWebhookSignature,
		}, nil
	}
	return [3]string{}, usagef("--header-family is %q; want svix or webhook", family)
}

// body returns the bytes to sign: the file of --file, standard input,
// or the built-in example of the event type in args.
func (f *signFlags) body(e *env, args []string) (string, []byte, error) {
	switch {
	case len(args) > 1:
		return "", nil, usagef("one event type at a time, got %q", args)
	case len(args) == 1 && *f.file != "":
		return "", nil, usagef("give an event type or --file, not both")
	case *f.file != "":
		b, err := readInput(e, *f.file)
		if err != nil {
			return "", nil, err
		}
		return inputName(*f.file), b, nil
	case len(args) == 0:
		return "", nil, usagef("nothing to sign: name an example event (%s) or pass --file",
			exampleTypes())
	}

	b, err := webhookstest.Payload(events.Type(args[0]))
	if err != nil {
		return "", nil, usagef("no example event %q; choose one of %s, or pass --file",
			args[0], exampleTypes())
	}
	return args[0], b, nil
}

// exampleTypes lists the event types that have a built-in example.
func exampleTypes() string {
	types := webhookstest.PayloadTypes()
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// oneLine shortens a response body to one line of at most max runes.
func oneLine(b []byte, max int) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}
