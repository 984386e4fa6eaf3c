package ginadapter

import (
	"bytes"
	"io"
	"log/slog"

	"github.com/gin-gonic/gin"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
)

// EventKey is the key under which [Middleware] stores the verified
// event with [gin.Context.Set]. Read it with [Event].
const EventKey = "segments.webhook.event"

// Handler returns a [gin.HandlerFunc] that serves deliveries with h: it
// refuses other methods than POST, reads the body once within h's
// limit, verifies it before parsing, runs the callbacks and answers with
// the status and JSON body of [handler.ResponseFor].
//
// It panics when h is nil, so that a setup mistake shows at start-up
// rather than on every delivery.
func Handler(h *handler.Handler) gin.HandlerFunc {
	if h == nil {
		panic("ginadapter: nil *handler.Handler")
	}
	return func(c *gin.Context) {
		resp := handler.ResponseFor(h.HandleRequest(c.Request))
		resp.SetHeader(c.Writer.Header())
		c.JSON(resp.Status, resp.Body())
	}
}

// Middleware returns middleware that verifies each request with v and
// decodes its body, then lets the next handlers run with the event
// stored under [EventKey], where [Event] finds it, and the
// [handler.Delivery] in the request's context, where
// [handler.DeliveryFromContext] finds it (with c.Request.Context()). The
// body is read within [handler.DefaultMaxBodyBytes] and restored, so the
// next handlers can read it again; put [net/http.MaxBytesReader] in front
// for a smaller limit.
//
// A request that fails is logged through [slog.Default], recorded with
// [gin.Context.Error] and aborted with the status and JSON body of
// [handler.ResponseFor].
//
// It panics when v is nil, so that a setup mistake shows at start-up
// rather than on every delivery.
func Middleware(v *verify.Verifier) gin.HandlerFunc {
	if v == nil {
		panic("ginadapter: nil *verify.Verifier")
	}
	return func(c *gin.Context) {
		ev, d, body, err := handler.DecodeRequest(v, c.Request, handler.DefaultMaxBodyBytes)
		if err != nil {
			resp := handler.ResponseFor(err)
			slog.Warn("webhook rejected",
				slog.String("delivery_id", d.ID),
				slog.Int("status", resp.Status),
				slog.String("reason", err.Error()))
			_ = c.Error(err)
			resp.SetHeader(c.Writer.Header())
			c.AbortWithStatusJSON(resp.Status, resp.Body())
			return
		}

		c.Set(EventKey, ev)
		c.Request = c.Request.WithContext(handler.NewContext(c.Request.Context(), d))
		c.Request.Body = io.NopCloser(bytes.NewReader(body))
		c.Next()
	}
}

// Event returns the event that [Middleware] verified and decoded for c.
// It reports false for a request that did not pass through it.
func Event(c *gin.Context) (events.Event, bool) {
	v, _ := c.Get(EventKey)
	ev, ok := v.(events.Event)
	return ev, ok
}
