package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

var listenCommand = &command{
	name:    "listen",
	summary: "run a local receiver that verifies deliveries and prints each event",
	usage:   []string{"[flags]"},
	example: "segwebhook listen --addr :8080 --forward http://localhost:3000/webhooks",
	more: `Every verified event is printed in two lines; rejected deliveries are
logged on standard error with the reason. With --forward, each verified
delivery is passed on unchanged (same headers, same body, no new
signature) and the receiver answers 500 when that fails, so that
Segments.ai tries again later. Without a secret, a development secret is
made and printed. Stop with Ctrl-C.`,
	setup: setupListen,
}

// Timeouts of the listen server and of forwarding. Forwarding must end
// well within the 15 seconds Segments.ai waits for an answer.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 30 * time.Second
	forwardTimeout    = 10 * time.Second
	shutdownTimeout   = 10 * time.Second
)

// setupListen defines the flags of listen and returns the command.
func setupListen(e *env, fs *flag.FlagSet) func(context.Context, []string) error {
	secret := secretFlag(e, fs)
	addr := fs.String("addr", ":8080", "`address` to listen on; port 0 picks a free port")
	path := fs.String("path", "/webhooks", "URL `path` that receives deliveries")
	forward := fs.String("forward", "", "pass each verified delivery on to `URL`")

	return func(ctx context.Context, args []string) error {
		if len(args) > 0 {
			return usagef("unexpected argument %q", args[0])
		}
		if !strings.HasPrefix(*path, "/") {
			return usagef("--path %q must start with /", *path)
		}
		fwd, err := newForwarder(*forward)
		if err != nil {
			return err
		}
		s, devSecret := secret(), false
		if s == "" {
			s, devSecret = webhookstest.NewSecret(), true
		}
		logger := slog.New(slog.NewTextHandler(e.stderr, nil))
		h, err := handler.New(s, handler.WithLogger(logger))
		if err != nil {
			return usagef("--secret: %w", err)
		}
		p := &printer{w: e.stdout}
		h.OnEvent(func(ctx context.Context, ev events.Event) error {
			return p.deliver(ctx, ev, fwd)
		})

		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			return fmt.Errorf("listening: %w", err)
		}
		endpoint := receiverURL(ln.Addr(), *path)
		if devSecret {
			fmt.Fprintf(e.stderr, "warning: no --secret and no $%s: using a new development "+
				"secret, which no real endpoint has:\n    %s\nTry it with:\n"+
				"    segwebhook send --url %s --secret %s sample.created\n",
				envSecret, s, endpoint, s)
		}
		fmt.Fprintf(e.stdout, "listening on %s\n", endpoint)
		if fwd != nil {
			fmt.Fprintf(e.stdout, "forwarding verified deliveries to %s\n", fwd.url)
		}
		return serve(ctx, ln, newMux(h, *path, fwd != nil, logger), logger)
	}
}

// newMux routes path to the handler, keeping the raw delivery for the
// forwarder when keepRaw is set, and logs requests to other paths,
// a common mistake when an endpoint is first set up.
func newMux(h *handler.Handler, path string, keepRaw bool, logger *slog.Logger) *http.ServeMux {
	var receiver http.Handler = httpadapter.Handler(h)
	if keepRaw {
		receiver = withRawDelivery(receiver, h.MaxBodyBytes(), logger)
	}
	mux := http.NewServeMux()
	mux.Handle(path, receiver)
	if path != "/" {
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			logger.Warn("request to another path", slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.String("receiving_path", path))
			http.NotFound(w, r)
		})
	}
	return mux
}

// receiverURL is the URL to send deliveries to, for an address the
// server listens on.
func receiverURL(addr net.Addr, path string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String() + path
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + path
}

// serve runs a server on ln until ctx ends, then lets the deliveries in
// flight finish.
func serve(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// A printer writes each event, and what became of forwarding it, in
// one piece, so that concurrent deliveries do not interleave.
type printer struct {
	mu sync.Mutex
	w  io.Writer
}

func (p *printer) deliver(ctx context.Context, ev events.Event, fwd *forwarder) error {
	d, _ := handler.DeliveryFromContext(ctx)
	out := formatEvent(ev, d)
	var err error
	if fwd != nil {
		var status string
		status, err = fwd.forward(ctx)
		if err != nil {
			out += fmt.Sprintf("          forwarding failed: %v\n", err)
		} else {
			out += fmt.Sprintf("          forwarded: %s\n", status)
		}
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	io.WriteString(p.w, out)
	if err != nil {
		return fmt.Errorf("forwarding: %w", err)
	}
	return nil
}

// rawKey is the context key of a request's raw delivery.
type rawKey struct{}

// A rawDelivery is a request's headers and body as received.
type rawDelivery struct {
	header http.Header
	body   []byte
}

// withRawDelivery reads the body of POST requests within limit and puts
// it, with the headers, into the request's context for the forwarder,
// then restores the body for next.
func withRawDelivery(next http.Handler, limit int64, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		if hops(r.Header) >= maxHops {
			logger.Warn("webhook rejected", slog.String("reason", "forwarding loop"))
			http.Error(w, "forwarding loop: the delivery passed through listen "+
				strconv.Itoa(maxHops)+" times", http.StatusLoopDetected)
			return
		}
		body, err := handler.ReadBody(r.Body, r.ContentLength, limit)
		if err != nil {
			logger.Warn("webhook rejected", slog.String("reason", err.Error()))
			handler.ResponseFor(err).Write(w)
			return
		}
		raw := rawDelivery{header: r.Header.Clone(), body: body}
		r = r.WithContext(context.WithValue(r.Context(), rawKey{}, raw))
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// headerHops counts the listen processes a forwarded delivery has passed
// through, so that one forwarding to itself, directly or in a ring,
// stops after maxHops instead of multiplying deliveries.
const (
	headerHops = "Segwebhook-Hops"
	maxHops    = 8
)

// hops returns the hop count of h, 0 when absent or malformed.
func hops(h http.Header) int {
	n, err := strconv.Atoi(h.Get(headerHops))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// A forwarder passes verified deliveries on to another receiver.
type forwarder struct {
	url    string
	client *http.Client
}

// newForwarder returns nil for an empty target.
func newForwarder(target string) (*forwarder, error) {
	if target == "" {
		return nil, nil
	}
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usagef("--forward %q is not an http or https URL", target)
	}
	return &forwarder{
		url: target,
		client: &http.Client{
			Timeout:       forwardTimeout,
			CheckRedirect: noRedirects,
		},
	}, nil
}

// hopByHop lists the headers that describe one connection rather than
// the delivery, so they are not forwarded.
var hopByHop = []string{
	"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization",
	"Proxy-Connection", "Te", "Trailer", "Transfer-Encoding", "Upgrade", "Content-Length",
}

// forward sends the raw delivery of ctx to the target and returns its
// status. A transport error or an answer other than 2xx is an error,
// which makes the handler answer 500 so that the sender retries; an
// answer that asks to stop retrying is passed on as such.
func (f *forwarder) forward(ctx context.Context) (string, error) {
	raw, ok := ctx.Value(rawKey{}).(rawDelivery)
	if !ok {
		return "", errors.New("no raw delivery in the request context")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.url, bytes.NewReader(raw.body))
	if err != nil {
		return "", fmt.Errorf("building request: %w", err)
	}
	req.Header = raw.header.Clone()
	for _, name := range hopByHop {
		req.Header.Del(name)
	}
	req.Header.Set(headerHops, strconv.Itoa(hops(raw.header)+1))

	resp, err := f.client.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()

	switch {
	case resp.StatusCode/100 == 2:
		return resp.Status, nil
	case resp.Header.Get(handler.HeaderDelivery) == handler.AbortMessage:
		return "", fmt.Errorf("%s answered %s and asked not to retry: %w",
			f.url, resp.Status, handler.ErrStopRetrying)
	}
	return "", fmt.Errorf("%s answered %s", f.url, resp.Status)
}
