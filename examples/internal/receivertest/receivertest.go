package receivertest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

// A LogBuffer collects log output. Its zero value is an empty buffer
// ready to use, and it is safe for concurrent use.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Run builds a receiver with newServer and checks its two routes: typed
// callbacks at /webhooks answer 200 and the middleware before a plain route
// at /webhooks/raw answers 204 to a delivery signed with the receiver's
// secret, and both log the event to logs; both answer 401 to a delivery
// signed with another secret and log nothing. The default logger must
// write text to logs.
func Run[H http.Handler](t *testing.T, newServer func(secret string) (H, error),
	logs *LogBuffer,
) {
	t.Helper()
	secret := webhookstest.NewSecret()
	h, err := newServer(secret)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	other := webhookstest.NewSecret()
	body, _ := webhookstest.Payload(events.TypeLabelUpdated)

	tests := []struct {
		name, path string
		secret     string
		status     int
	}{
		{"ok, typed callbacks", "/webhooks", secret, http.StatusOK},
		{"ok, middleware before a plain route", "/webhooks/raw", secret, http.StatusNoContent},
		{"nok, typed callbacks, another secret", "/webhooks", other, http.StatusUnauthorized},
		{"nok, middleware, another secret", "/webhooks/raw", other, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, id := Send(t, srv.URL+tt.path, tt.secret, body)
			if status != tt.status {
				t.Errorf("status = %d, want %d", status, tt.status)
			}
			line := fmt.Sprintf("msg=label.updated route=%s id=%s dataset=acme/street-scenes",
				tt.path, id)
			if got := strings.Contains(logs.String(), line); got != (tt.status < 300) {
				t.Errorf("log has %q: %v, want %v; log:\n%s",
					line, got, tt.status < 300, logs.String())
			}
		})
	}
}

// RunMain runs main as [Serve] does and checks that it answers 200 to a
// signed sample.created at /webhooks.
func RunMain(t *testing.T, main func()) {
	t.Helper()
	url, secret := Serve(t, main, "/webhooks")
	body, _ := webhookstest.Payload(events.TypeSampleCreated)
	if status, _ := Send(t, url, secret, body); status != http.StatusOK {
		t.Errorf("status = %d, want 200", status)
	}
}

// Serve starts main in its own goroutine with a new signing secret in
// SEGMENTS_WEBHOOK_SECRET and a free port in PORT, and waits up to five
// seconds for it to answer at path. It returns the URL of path and the
// secret. It sets the environment with t.Setenv, so t must not be
// parallel.
func Serve(t *testing.T, main func(), path string) (url, secret string) {
	t.Helper()
	secret = webhookstest.NewSecret()
	port := freePort(t)
	t.Setenv("SEGMENTS_WEBHOOK_SECRET", secret)
	t.Setenv("PORT", port)
	go main()

	url = "http://127.0.0.1:" + port + path
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return url, secret
		}
		if time.Now().After(deadline) {
			t.Fatalf("the receiver never answered: %v", err)
		}
	}
}

// Send posts body to url, signed for secret, and returns the status and
// the message id.
func Send(t *testing.T, url, secret string, body []byte) (status int, id string) {
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
