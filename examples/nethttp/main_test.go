package main

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func TestReceiverLogsTypedEvents(t *testing.T) {
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	defer slog.SetDefault(prev)

	t.Setenv("SEGMENTS_WEBHOOK_SECRET", "")
	secret := secret("8080")
	if !strings.Contains(logs.String(), "development secret") || !strings.Contains(logs.String(), secret) {
		t.Fatalf("no warning with the generated secret: %s", logs.String())
	}

	h, err := handler.New(secret)
	if err != nil {
		t.Fatal(err)
	}
	register(h)
	srv := httpadapter.Handler(h)
	for _, typ := range webhookstest.PayloadTypes() {
		body, err := webhookstest.Payload(typ)
		if err != nil {
			t.Fatal(err)
		}
		req, err := webhookstest.NewRequest(secret, "/webhooks", body)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d: %s", typ, rec.Code, rec.Body)
		}
	}

	out := logs.String()
	for _, typ := range webhookstest.PayloadTypes() {
		if strings.Count(out, "msg="+string(typ)+" ") != 1 {
			t.Errorf("want one log line for %s in:\n%s", typ, out)
		}
	}
	sample, _ := webhookstest.Payload(events.TypeSampleCreated)
	ev, err := events.Parse(sample)
	if err != nil {
		t.Fatal(err)
	}
	if name := ev.(*events.SampleCreated).Sample.Name; !strings.Contains(out, "sample="+name) {
		t.Errorf("sample.created line lacks the sample's name %q:\n%s", name, out)
	}
}

func TestSendCommandReachesThePort(t *testing.T) {
	for port, want := range map[string]string{
		"8080": "go run ./cmd/segwebhook send --secret 'whsec_x' sample.created",
		"9000": "go run ./cmd/segwebhook send --url http://localhost:9000/webhooks --secret 'whsec_x' sample.created",
	} {
		if got := sendCommand(port, "whsec_x"); got != want {
			t.Errorf("sendCommand(%q) = %q, want %q", port, got, want)
		}
	}
}
