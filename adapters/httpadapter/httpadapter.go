// Package httpadapter serves Segments.ai webhooks with net/http.
//
// Mount a [handler.Handler] to get typed callbacks:
//
//	h, err := handler.New(secret)
//	// register callbacks with h.On…
//	mux.Handle("POST /webhooks", httpadapter.Handler(h))
//
// Or put [Middleware] in front of your own handler, which reads the
// verified event with [Event]:
//
//	v, err := verify.New(secret)
//	mux.Handle("POST /webhooks", httpadapter.Middleware(v)(http.HandlerFunc(
//		func(w http.ResponseWriter, r *http.Request) {
//			ev, _ := httpadapter.Event(r)
//			fmt.Println(ev.EventType())
//		})))
//
// Both answer failures with the statuses of [handler.ResponseFor].
package httpadapter

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
)

// Handler returns an [http.Handler] that serves deliveries with h: it
// refuses other methods than POST, reads the body once within
// h's limit, verifies it before parsing, runs the callbacks and answers
// with the status that [handler.ResponseFor] gives.
//
// It panics when h is nil, so that a setup mistake shows at start-up
// rather than on every delivery.
func Handler(h *handler.Handler) http.Handler {
	if h == nil {
		panic("httpadapter: nil *handler.Handler")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.ResponseFor(h.HandleRequest(r)).Write(w)
	})
}

type eventKey struct{}

// Middleware returns middleware that verifies each request with v and
// decodes its body, then calls the next handler with the event in the
// request's context, where [Event] finds it, next to the
// [handler.Delivery]. The body is read within
// [handler.DefaultMaxBodyBytes] and restored, so the next handler can
// read it again. A request that fails is answered by the middleware
// with the status of [handler.ResponseFor], logged through
// [slog.Default], and not passed on.
//
// It panics when v is nil, so that a setup mistake shows at start-up
// rather than on every delivery.
func Middleware(v *verify.Verifier) func(http.Handler) http.Handler {
	if v == nil {
		panic("httpadapter: nil *verify.Verifier")
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ev, d, body, err := handler.DecodeRequest(v, r, handler.DefaultMaxBodyBytes)
			if err != nil {
				slog.Warn("webhook rejected",
					slog.String("delivery_id", d.ID),
					slog.Int("status", handler.ResponseFor(err).Status),
					slog.String("reason", err.Error()))
				handler.ResponseFor(err).Write(w)
				return
			}

			ctx := context.WithValue(handler.NewContext(r.Context(), d), eventKey{}, ev)
			r = r.WithContext(ctx)
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r)
		})
	}
}

// Event returns the event that [Middleware] verified and decoded for r.
// It reports false for a request that did not pass through it.
func Event(r *http.Request) (events.Event, bool) {
	ev, ok := r.Context().Value(eventKey{}).(events.Event)
	return ev, ok
}
