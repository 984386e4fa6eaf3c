// Command slack posts each Segments.ai event to a Slack channel: its
// summary, with links to the dataset and the sample concerned.
//
// It reads the Slack incoming-webhook URL from SLACK_WEBHOOK_URL and the
// signing secret from SEGMENTS_WEBHOOK_SECRET (or prints a development
// one), and listens on :8080 (or $PORT) at /webhooks. When Slack stays
// unavailable it answers 500, and Segments.ai delivers the event again
// later.
package main

import (
	"cmp"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func main() {
	slackURL := os.Getenv("SLACK_WEBHOOK_URL")
	if slackURL == "" {
		slog.Error("SLACK_WEBHOOK_URL is not set")
		os.Exit(1)
	}
	secret := os.Getenv("SEGMENTS_WEBHOOK_SECRET")
	if secret == "" {
		secret = webhookstest.NewSecret()
		slog.Warn("SEGMENTS_WEBHOOK_SECRET is not set: using a development secret", "secret", secret)
	}
	mux, err := newMux(secret, NewForwarder(slackURL))
	if err != nil {
		slog.Error("bad configuration", "error", err)
		os.Exit(1)
	}
	srv := &http.Server{
		Addr:              ":" + cmp.Or(os.Getenv("PORT"), "8080"),
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	slog.Info("listening", "addr", srv.Addr, "path", "/webhooks")
	slog.Error("server stopped", "error", srv.ListenAndServe())
	os.Exit(1)
}

// newMux serves deliveries signed with secret at /webhooks and forwards
// every event with f.
func newMux(secret string, f *Forwarder) (*http.ServeMux, error) {
	h, err := handler.New(secret)
	if err != nil {
		return nil, err
	}
	h.OnEvent(f.Forward)
	mux := http.NewServeMux()
	mux.Handle("/webhooks", httpadapter.Handler(h))
	return mux, nil
}
