package handler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler/dedup"
	"github.com/segments-webhooks/webhooks/verify"
)

// A Handler verifies deliveries and runs the callbacks registered for
// their event types. Create one with [New], register callbacks with the
// On… methods before it serves its first delivery, then serve it through
// an adapter such as httpadapter.Handler or call [Handler.Handle]. Once
// serving, a Handler is safe for concurrent use. Each On… call adds a
// callback: when several match an event, all run, in the order they were
// registered, except that [Handler.OnDecodeError] replaces its earlier
// callback. The On… methods panic when given a nil callback, as
// [http.HandleFunc] does. The zero Handler refuses every delivery with a
// 500.
type Handler struct {
	verifier      *verify.Verifier
	maxBody       int64
	logger        *slog.Logger
	routes        []route
	onDecodeError func(context.Context, *DecodeError) error
	store         dedup.Store // nil when deduplication is off
	failOpen      bool
	timeout       time.Duration
}

// A route is one registered callback. It runs for events of type typ, or
// for every event when all is set, or for unknown types when unknown is.
type route struct {
	typ     events.Type
	all     bool
	unknown bool
	fn      func(context.Context, events.Event) error
}

// An Option configures a [Handler].
type Option func(*config)

type config struct {
	verifyOpts []verify.Option
	maxBody    int64
	logger     *slog.Logger
	dedupOn    bool
	store      dedup.Store
	failOpen   bool
	timeout    time.Duration
}

// WithTolerance sets how far a delivery's timestamp may be from the
// clock; the default is [verify.DefaultTolerance]. See
// [verify.WithTolerance].
func WithTolerance(d time.Duration) Option {
	return func(c *config) { c.verifyOpts = append(c.verifyOpts, verify.WithTolerance(d)) }
}

// WithClock sets the clock that timestamps are checked against; the
// default is [time.Now].
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.verifyOpts = append(c.verifyOpts, verify.WithClock(now)) }
}

// WithAdditionalSecrets adds secrets that are accepted besides the one
// given to [New], for rotating a secret without losing deliveries. The
// default is none.
func WithAdditionalSecrets(secrets ...string) Option {
	return func(c *config) { c.verifyOpts = append(c.verifyOpts, verify.WithAdditionalSecrets(secrets...)) }
}

// WithMaxBodyBytes sets the largest body accepted; larger ones are
// refused with 413 before they are read in full. The default is
// [DefaultMaxBodyBytes]. [New] rejects a limit that is not positive.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) { c.maxBody = n }
}

// WithLogger sets where the handler logs rejected deliveries and failed
// callbacks: one line each, with the reason and the delivery id, never
// the body or the secret. The default is [slog.Default].
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// DefaultCallbackTimeout is how long callbacks may run for one delivery
// unless [WithCallbackTimeout] says otherwise: the 15 seconds after which
// Svix gives up on a delivery and schedules a retry.
const DefaultCallbackTimeout = 15 * time.Second

// WithCallbackTimeout sets how long the callbacks of one delivery may run
// before their context is cancelled. The default is
// [DefaultCallbackTimeout]. The context is also cancelled when the
// sender hangs up. A callback that returns the context's error fails the
// delivery with 500, and the sender retries it; work that takes longer
// belongs in a queue, acknowledged first.
func WithCallbackTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// New returns a Handler for the endpoint's signing secret. The secret is
// read as by [verify.New]; an invalid one gives an error that wraps
// [verify.ErrInvalidSecret].
func New(secret string, opts ...Option) (*Handler, error) {
	c := config{maxBody: DefaultMaxBodyBytes, timeout: DefaultCallbackTimeout}
	for _, opt := range opts {
		opt(&c)
	}
	if c.maxBody <= 0 {
		return nil, fmt.Errorf("handler: body limit must be positive, got %d", c.maxBody)
	}
	if c.timeout <= 0 {
		return nil, fmt.Errorf("handler: callback timeout must be positive, got %v", c.timeout)
	}
	if c.logger == nil {
		c.logger = slog.Default()
	}

	store, err := c.dedupStore()
	if err != nil {
		return nil, err
	}

	v, err := verify.New(secret, c.verifyOpts...)
	if err != nil {
		return nil, err
	}
	return &Handler{
		verifier: v,
		maxBody:  c.maxBody,
		logger:   c.logger,
		store:    store,
		failOpen: c.failOpen,
		timeout:  c.timeout,
	}, nil
}

// MaxBodyBytes returns the body limit, for adapters that read the body.
func (h *Handler) MaxBodyBytes() int64 { return h.maxBody }

// Verifier returns the verifier the handler checks deliveries with.
func (h *Handler) Verifier() *verify.Verifier { return h.verifier }

// Handle verifies one delivery, decodes it and runs its callbacks, in the
// order they were registered; the first error stops the rest. header and
// body are the request's headers and raw body. A nil result means the
// delivery was handled, or had no callback, and deserves a 2xx; any
// other result is classified by [ResponseFor]. Callbacks get a context
// derived from ctx that carries the [Delivery].
//
// With [WithDeduplication], the callbacks of a message run once however
// often it is delivered: a duplicate of a handled message gives nil, one
// whose callbacks are still running gives [ErrDuplicateInProgress], and an
// unreachable store gives [ErrStoreUnavailable].
func (h *Handler) Handle(ctx context.Context, header http.Header, body []byte) error {
	if h.verifier == nil {
		return errNotCreated
	}
	if int64(len(body)) > h.maxBody {
		return h.reject(tooLarge(h.maxBody), unverified(header))
	}

	ev, d, err := Decode(h.verifier, header, body)
	if err != nil && !errors.Is(err, events.ErrInvalidPayload) {
		return h.reject(err, d)
	}

	ctx, cancel := context.WithTimeout(NewContext(ctx, d), h.timeout)
	defer cancel()
	if err != nil {
		return h.decodeFailed(ctx, d, body, err)
	}
	return h.deliver(ctx, d, ev)
}

// errNotCreated is the result of a Handler that did not come from [New].
var errNotCreated = errors.New("handler: Handler used without New")

// maxLoggedID bounds the length of an unverified delivery id in logs.
const maxLoggedID = 64

// unverified returns the delivery that header claims to be, for logging
// a delivery that is refused before its signature is checked. Its id is
// cut short, since anyone can send it.
func unverified(header http.Header) Delivery {
	hs, _ := verify.ParseHeaders(header)
	return Delivery{ID: clipID(hs.ID)}
}

// clipID cuts an unverified delivery id to maxLoggedID bytes.
func clipID(id string) string {
	if len(id) > maxLoggedID {
		return id[:maxLoggedID] + "…"
	}
	return id
}

// reject logs a delivery that was refused before any callback ran.
func (h *Handler) reject(err error, d Delivery) error {
	h.logger.Warn("webhook rejected",
		slog.String("delivery_id", d.ID),
		slog.Int("status", ResponseFor(err).Status),
		slog.String("reason", err.Error()))
	return err
}

// dispatch runs the callbacks registered for ev.
func (h *Handler) dispatch(ctx context.Context, d Delivery, ev events.Event) error {
	_, unknown := ev.(*events.Unknown)
	for _, r := range h.routes {
		if !r.all && r.typ != ev.EventType() && !(r.unknown && unknown) {
			continue
		}
		if err := call(ctx, r.fn, ev); err != nil {
			h.logFailure(ctx, "webhook callback", err,
				slog.String("delivery_id", d.ID),
				slog.String("event_type", string(ev.EventType())))
			return err
		}
	}
	h.logger.Debug("webhook handled",
		slog.String("delivery_id", d.ID),
		slog.String("event_type", string(ev.EventType())))
	return nil
}

// logFailure logs the error of a callback, named by what: at level
// Error when the sender will retry, at level Warn when the callback
// refused the delivery with [ErrStopRetrying], a decision rather than a
// fault. ctx is the delivery's, for log handlers that read values from
// it.
func (h *Handler) logFailure(ctx context.Context, what string, err error, attrs ...slog.Attr) {
	level, msg := slog.LevelError, what+" failed"
	if errors.Is(err, ErrStopRetrying) {
		level, msg = slog.LevelWarn, what+" refused the delivery, retries stopped"
	}
	attrs = append(attrs, slog.String("error", err.Error()))
	h.logger.LogAttrs(ctx, level, msg, attrs...)
}

// call runs fn and turns its error or panic into one that wraps
// [ErrCallbackFailed].
func call[T any](ctx context.Context, fn func(context.Context, T) error, arg T) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: panic: %v\n%s", ErrCallbackFailed, p, debug.Stack())
		}
	}()
	if err := fn(ctx, arg); err != nil {
		return fmt.Errorf("%w: %w", ErrCallbackFailed, err)
	}
	return nil
}

// HandleRequest checks that r is a POST, reads its body within the limit
// and passes it to [Handler.Handle]. It does not write a response: pass its
// result to [ResponseFor]. Adapters call it with the framework's
// *http.Request.
func (h *Handler) HandleRequest(r *http.Request) error {
	if h.verifier == nil {
		return errNotCreated
	}
	body, err := readRequest(r, h.maxBody)
	if err != nil {
		return h.reject(err, unverified(r.Header))
	}
	return h.Handle(r.Context(), r.Header, body)
}
