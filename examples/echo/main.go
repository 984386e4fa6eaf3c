// Command echo receives Segments.ai webhooks with Echo and logs each event:
// typed callbacks at /webhooks, middleware before a plain route at /webhooks/raw.
package main

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/segments-webhooks/webhooks/adapters/echoadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func main() {
	secret := os.Getenv("SEGMENTS_WEBHOOK_SECRET")
	if secret == "" {
		secret = webhookstest.NewSecret()
		slog.Warn("SEGMENTS_WEBHOOK_SECRET is not set: using a development secret", "secret", secret,
			"try", "go run ./cmd/segwebhook send --secret '"+secret+"' sample.created")
	}
	e, err := newServer(secret)
	if err != nil {
		slog.Error("bad configuration", "error", err)
		os.Exit(1)
	}
	srv := &http.Server{Addr: ":" + cmp.Or(os.Getenv("PORT"), "8080"), Handler: e,
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	slog.Info("listening", "addr", srv.Addr)
	slog.Error("server stopped", "error", srv.ListenAndServe())
	os.Exit(1)
}

func newServer(secret string) (*echo.Echo, error) {
	h, err := handler.New(secret)
	if err != nil {
		return nil, err
	}
	h.OnEvent(func(ctx context.Context, ev events.Event) error { logEvent(ctx, "/webhooks", ev); return nil })
	e := echo.New()
	e.POST("/webhooks", echoadapter.Handler(h))
	e.POST("/webhooks/raw", func(c echo.Context) error {
		ev, _ := echoadapter.Event(c) // c.Request().Body still holds the raw bytes
		logEvent(c.Request().Context(), "/webhooks/raw", ev)
		return c.NoContent(http.StatusNoContent)
	}, echoadapter.Middleware(h.Verifier()))
	return e, nil
}

func logEvent(ctx context.Context, route string, ev events.Event) {
	d, _ := handler.DeliveryFromContext(ctx)
	slog.InfoContext(ctx, string(ev.EventType()), "route", route, "id", d.ID,
		"dataset", ev.EventEnvelope().DatasetName, "text", ev.EventEnvelope().Text)
}
