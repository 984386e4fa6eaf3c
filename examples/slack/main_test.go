package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

// TestMainServes runs the command itself on a free port, in front of a
// fake Slack.
func TestMainServes(t *testing.T) {
	slack := &fakeSlack{t: t, answer: status(http.StatusOK)}
	fake := httptest.NewServer(slack)
	defer fake.Close()
	secret := webhookstest.NewSecret()
	t.Setenv("SLACK_WEBHOOK_URL", fake.URL)
	t.Setenv("SEGMENTS_WEBHOOK_SECRET", secret)
	t.Setenv("PORT", freePort(t))
	go main()

	url := "http://127.0.0.1:" + os.Getenv("PORT") + "/webhooks"
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the receiver never answered: %v", err)
		}
	}
	body, _ := webhookstest.Payload(events.TypeIssueCreated)
	req, err := webhookstest.NewRequest(secret, url, body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	slack.mu.Lock()
	defer slack.mu.Unlock()
	if resp.StatusCode != http.StatusOK || len(slack.texts) != 1 {
		t.Errorf("status %d, Slack got %q", resp.StatusCode, slack.texts)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}
