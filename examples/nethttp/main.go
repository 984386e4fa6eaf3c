// Command nethttp is a minimal Segments.ai webhook receiver on net/http.
//
// It reads the endpoint's signing secret from SEGMENTS_WEBHOOK_SECRET.
// Without one it makes a development secret and prints it, so that
//
//	go run ./examples/nethttp
//	go run ./cmd/segwebhook send --secret <printed secret> sample.created
//
// works on a fresh machine. It listens on :8080 (or $PORT) at /webhooks
// and logs one line per event.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func main() {
	if err := run(); err != nil {
		slog.Error("receiver stopped", "error", err)
		os.Exit(1)
	}
}

func run() error {
	port := envOr("PORT", "8080")
	h, err := handler.New(secret(port))
	if err != nil {
		return err
	}
	register(h)

	mux := http.NewServeMux()
	mux.Handle("/webhooks", httpadapter.Handler(h))
	srv := &http.Server{
		Addr:              ":" + port,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	return serve(srv)
}

// secret returns the signing secret, or a new development one, printed
// with the command that sends a test event to port.
func secret(port string) string {
	if s := os.Getenv("SEGMENTS_WEBHOOK_SECRET"); s != "" {
		return s
	}
	s := webhookstest.NewSecret()
	slog.Warn("SEGMENTS_WEBHOOK_SECRET is not set: using a development secret; "+
		"never use it in production", "secret", s)
	fmt.Fprintf(os.Stderr, "\nSend a test event with:\n  %s\n\n", sendCommand(port, s))
	return s
}

// sendCommand returns the command that sends a test event signed with
// secret to this receiver on port.
func sendCommand(port, secret string) string {
	url := ""
	if port != "8080" {
		url = " --url http://localhost:" + port + "/webhooks"
	}
	return fmt.Sprintf("go run ./cmd/segwebhook send%s --secret '%s' sample.created", url, secret)
}

// register logs each event in one line, typed where it pays off.
func register(h *handler.Handler) {
	h.OnSampleCreated(func(ctx context.Context, e *events.SampleCreated) error {
		logEvent(ctx, e, "sample", e.Sample.Name, "uuid", e.Sample.UUID)
		return nil
	})
	h.OnLabelUpdated(func(ctx context.Context, e *events.LabelUpdated) error {
		logEvent(ctx, e, "sample_uuid", e.Label.SampleUUID,
			"label_type", e.Label.LabelType, "status", e.Label.LabelStatus)
		return nil
	})
	h.OnEvent(func(ctx context.Context, e events.Event) error {
		switch e.(type) {
		case *events.SampleCreated, *events.LabelUpdated:
			return nil // logged above
		}
		logEvent(ctx, e, "text", e.EventEnvelope().Text)
		return nil
	})
}

func logEvent(ctx context.Context, e events.Event, attrs ...any) {
	d, _ := handler.DeliveryFromContext(ctx)
	attrs = append([]any{"id", d.ID, "dataset", e.EventEnvelope().DatasetName}, attrs...)
	slog.InfoContext(ctx, string(e.EventType()), attrs...)
}

// serve runs srv until SIGINT or SIGTERM, then drains it.
func serve(srv *http.Server) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	slog.Info("listening", "addr", srv.Addr, "path", "/webhooks")

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
