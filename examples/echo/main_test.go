package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

// logs collects what the receiver logs through the default logger.
var logs lockedBuffer

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	os.Exit(m.Run())
}

func TestReceiver(t *testing.T) {
	t.Parallel()
	secret := webhookstest.NewSecret()
	e, err := newServer(secret)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	body, _ := webhookstest.Payload(events.TypeLabelUpdated)

	tests := []struct {
		name, path string
		secret     string
		status     int
	}{
		{"ok, typed callbacks", "/webhooks", secret, http.StatusOK},
		{"ok, middleware before a plain route", "/webhooks/raw", secret, http.StatusNoContent},
		{"nok, typed callbacks, another secret", "/webhooks", webhookstest.NewSecret(), http.StatusUnauthorized},
		{"nok, middleware, another secret", "/webhooks/raw", webhookstest.NewSecret(), http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, id := send(t, srv.URL+tt.path, tt.secret, body)
			if status != tt.status {
				t.Errorf("status = %d, want %d", status, tt.status)
			}
			line := fmt.Sprintf("msg=label.updated route=%s id=%s dataset=acme/street-scenes", tt.path, id)
			if got := strings.Contains(logs.String(), line); got != (tt.status < 300) {
				t.Errorf("log has %q: %v, want %v; log:\n%s", line, got, tt.status < 300, logs.String())
			}
		})
	}
}

// TestMainServes runs the command itself on a free port.
func TestMainServes(t *testing.T) {
	secret := webhookstest.NewSecret()
	t.Setenv("SEGMENTS_WEBHOOK_SECRET", secret)
	t.Setenv("PORT", freePort(t))
	go main()

	body, _ := webhookstest.Payload(events.TypeSampleCreated)
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
	if status, _ := send(t, url, secret, body); status != http.StatusOK {
		t.Errorf("status = %d, want 200", status)
	}
}

// send posts body to url, signed for secret, and returns the status and
// the message id.
func send(t *testing.T, url, secret string, body []byte) (int, string) {
	t.Helper()
	req, err := webhookstest.NewRequest(secret, url, body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, req.Header.Get("svix-id")
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
