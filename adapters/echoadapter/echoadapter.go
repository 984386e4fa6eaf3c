package echoadapter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
)

// EventKey is the key under which [Middleware] stores the verified
// event with [echo.Context.Set]. Read it with [Event].
const EventKey = "segments.webhook.event"

// Handler returns an [echo.HandlerFunc] that serves deliveries with h:
// it refuses other methods than POST, reads the body once within h's
// limit, verifies it before parsing, runs the callbacks and answers,
// through Echo, with the status and JSON body of [handler.ResponseFor].
// It never returns a delivery's failure as an error, so Echo's error
// handler does not rewrite the answer.
//
// It panics when h is nil, so that a setup mistake shows at start-up
// rather than on every delivery.
func Handler(h *handler.Handler) echo.HandlerFunc {
	if h == nil {
		panic("echoadapter: nil *handler.Handler")
	}
	return func(c echo.Context) error {
		req := c.Request()
		req.Body = limitAware(req.Body)
		resp := handler.ResponseFor(h.HandleRequest(req))
		resp.SetHeader(c.Response().Header())
		return c.JSON(resp.Status, resp.Body())
	}
}

// MiddlewareConfig configures the middleware of [MiddlewareWithConfig].
type MiddlewareConfig struct {
	// Skipper decides which requests pass through without being
	// verified; a middleware.Skipper fits. The default skips none.
	Skipper func(c echo.Context) bool

	// Verifier checks the signatures. It is required.
	Verifier *verify.Verifier

	// MaxBodyBytes is the largest body accepted; larger ones are refused
	// with 413 before they are read in full. The default, used when it is
	// zero, is [handler.DefaultMaxBodyBytes].
	MaxBodyBytes int64

	// Logger records each refused request in one line, with the reason
	// and the delivery id, never the body or the secret. The default is
	// [slog.Default].
	Logger *slog.Logger
}

// Middleware returns middleware that verifies each request with v, as
// [MiddlewareWithConfig] does with the defaults of [MiddlewareConfig].
func Middleware(v *verify.Verifier) echo.MiddlewareFunc {
	return MiddlewareWithConfig(MiddlewareConfig{Verifier: v})
}

// MiddlewareWithConfig returns middleware that verifies each request and
// decodes its body, then calls the next handler with the event stored
// under [EventKey], where [Event] finds it, and the [handler.Delivery]
// in the request's context, where [handler.DeliveryFromContext] finds
// it. The body is restored, so the next handler can read it again.
//
// A request that fails is logged through config.Logger and not passed
// on: the middleware returns an [echo.HTTPError] pointer whose Code and
// Message are those of [handler.ResponseFor] and whose Internal is the
// cause, with the headers that go with the answer already set.
//
// Like Echo's own middleware, it panics when config is invalid; use
// [MiddlewareConfig.ToMiddleware] to get an error instead.
func MiddlewareWithConfig(config MiddlewareConfig) echo.MiddlewareFunc {
	mw, err := config.ToMiddleware()
	if err != nil {
		panic(err)
	}
	return mw
}

// ToMiddleware returns the middleware that config describes, or an error
// when config has no Verifier or a negative MaxBodyBytes.
func (config MiddlewareConfig) ToMiddleware() (echo.MiddlewareFunc, error) {
	if config.Verifier == nil {
		return nil, errors.New("echoadapter: middleware requires a verifier")
	}
	if config.MaxBodyBytes < 0 {
		return nil, fmt.Errorf("echoadapter: body limit must not be negative, got %d", config.MaxBodyBytes)
	}
	if config.MaxBodyBytes == 0 {
		config.MaxBodyBytes = handler.DefaultMaxBodyBytes
	}
	if config.Skipper == nil {
		config.Skipper = func(echo.Context) bool { return false }
	}
	if config.Logger == nil {
		config.Logger = slog.Default()
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if config.Skipper(c) {
				return next(c)
			}
			if err := decode(c, config); err != nil {
				return err
			}
			return next(c)
		}
	}, nil
}

// decode verifies and decodes c's request, stores the event and the
// delivery, and restores the body. It returns the *echo.HTTPError to
// answer with when the request fails.
func decode(c echo.Context, config MiddlewareConfig) error {
	req := c.Request()
	req.Body = limitAware(req.Body)
	ev, d, body, err := handler.DecodeRequest(config.Verifier, req, config.MaxBodyBytes)
	if err != nil {
		resp := handler.ResponseFor(err)
		config.Logger.Warn("webhook rejected",
			slog.String("delivery_id", d.ID),
			slog.Int("status", resp.Status),
			slog.String("reason", err.Error()))
		resp.SetHeader(c.Response().Header())
		return &echo.HTTPError{Code: resp.Status, Message: resp.Message, Internal: err}
	}

	c.Set(EventKey, ev)
	req = req.WithContext(handler.NewContext(req.Context(), d))
	req.Body = io.NopCloser(bytes.NewReader(body))
	c.SetRequest(req)
	return nil
}

// Event returns the event that [Middleware] verified and decoded for c.
// It reports false for a request that did not pass through it.
func Event(c echo.Context) (events.Event, bool) {
	ev, ok := c.Get(EventKey).(events.Event)
	return ev, ok
}

// limitAware wraps body so that the refusal of Echo's BodyLimit
// middleware, an *echo.HTTPError with status 413 returned by Read, is
// reported as the [http.MaxBytesError] that [handler.ReadBody] maps to
// [handler.ErrBodyTooLarge].
func limitAware(body io.ReadCloser) io.ReadCloser {
	if body == nil || body == http.NoBody {
		return body
	}
	return &limitBody{ReadCloser: body}
}

type limitBody struct {
	io.ReadCloser
	n int64 // bytes read so far
}

func (b *limitBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
		// BodyLimit hands out exactly its limit before refusing.
		err = &http.MaxBytesError{Limit: b.n}
	}
	return n, err
}
