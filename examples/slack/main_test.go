package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/examples/internal/receivertest"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

// TestMainServes runs the command itself on a free port, in front of a
// fake Slack.
func TestMainServes(t *testing.T) {
	slack := &fakeSlack{t: t, answer: status(http.StatusOK)}
	fake := httptest.NewServer(slack)
	defer fake.Close()
	t.Setenv("SLACK_WEBHOOK_URL", fake.URL)
	url, secret := receivertest.Serve(t, main, "/webhooks")

	body, _ := webhookstest.Payload(events.TypeIssueCreated)
	code, _ := receivertest.Send(t, url, secret, body)

	slack.mu.Lock()
	defer slack.mu.Unlock()
	if code != http.StatusOK || len(slack.texts) != 1 {
		t.Errorf("status %d, Slack got %q", code, slack.texts)
	}
}
