package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

// A receiver is an httptest server built from handler and httpadapter
// that records what its typed callback saw.
type receiver struct {
	*httptest.Server

	mu       sync.Mutex
	header   http.Header
	sample   string
	delivery handler.Delivery
}

// newReceiver starts a receiver for secret whose clock reads now.
func newReceiver(t *testing.T, secret string, now time.Time) *receiver {
	t.Helper()
	h, err := handler.New(secret, handler.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	rc := &receiver{}
	h.OnSampleCreated(func(ctx context.Context, e *events.SampleCreated) error {
		d, _ := handler.DeliveryFromContext(ctx)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.sample, rc.delivery = e.Sample.Name, d
		return nil
	})
	adapter := httpadapter.Handler(h)
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.mu.Lock()
		rc.header = r.Header.Clone()
		rc.mu.Unlock()
		adapter.ServeHTTP(w, r)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func TestSend(t *testing.T) {
	t.Parallel()
	const ts = 1796030102
	tests := []struct {
		name   string
		args   []string
		family string
		id     string // "" for any msg_ id
		clock  time.Time
	}{
		{"ok, an example event with svix headers by default",
			[]string{"sample.created"}, "svix", "", time.Now()},
		{"ok, webhook headers with --header-family webhook",
			[]string{"--header-family", "webhook", "sample.created"}, "webhook", "", time.Now()},
		{"ok, --id and --timestamp are honoured",
			[]string{"--id", "msg_fixed", "--timestamp", strconv.Itoa(ts), "sample.created"},
			"svix", "msg_fixed", time.Unix(ts, 0)},
		{"ok, flags may follow the event type",
			[]string{"sample.created", "--header-family", "webhook", "--id", "msg_after"},
			"webhook", "msg_after", time.Now()},
		{"ok, a body from a file",
			[]string{"--file", "testdata/requests/match.body"}, "svix", "", time.Now()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rc := newReceiver(t, testSecret, tt.clock)
			r := runCLI(t, append([]string{"send", "--url", rc.URL + "/webhooks",
				"--secret", testSecret}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit status %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, "200 OK") {
				t.Errorf("status not printed:\n%s", r.stdout)
			}

			rc.mu.Lock()
			defer rc.mu.Unlock()
			if rc.sample != "frame_000123.jpg" {
				t.Fatalf("the typed callback did not run; sample %q", rc.sample)
			}
			if got := rc.header.Get(tt.family + "-id"); got == "" || got != rc.delivery.ID {
				t.Errorf("%s-id header is %q, delivery id %q", tt.family, got, rc.delivery.ID)
			}
			if tt.id != "" && rc.delivery.ID != tt.id {
				t.Errorf("delivery id %q, want %q", rc.delivery.ID, tt.id)
			}
			id := rc.delivery.ID
			if !strings.HasPrefix(id, "msg_") || !strings.Contains(r.stdout, id) {
				t.Errorf("delivery id %q not a msg_ id or not printed:\n%s", id, r.stdout)
			}
			if d := rc.delivery.Timestamp.Sub(tt.clock); d < -time.Minute || d > time.Minute {
				t.Errorf("delivery timestamp %v, want about %v", rc.delivery.Timestamp, tt.clock)
			}
			if ct := rc.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestSendFailures(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, webhookstest.NewSecret(), time.Now())
	later := newReceiver(t, testSecret, time.Unix(1796030102+3600, 0))
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	same := newReceiver(t, testSecret, time.Now())
	mistyped := filepath.Join(t.TempDir(), "mistyped.json")
	if err := os.WriteFile(mistyped, []byte(`{"event_type":"sample.created","object":{"uuid":123}}`), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"nok, a receiver with another secret answers 401",
			[]string{"--url", rc.URL, "--secret", testSecret, "sample.created"},
			1, "401 Unauthorized", "same secret"},
		{"nok, a receiver an hour ahead refuses the timestamp",
			[]string{"--url", later.URL, "--secret", testSecret, "--timestamp", "1796030102",
				"sample.created"},
			1, "timestamp too old", "compare the clocks"},
		{"nok, a signed body whose fields do not decode",
			[]string{"--url", same.URL, "--secret", testSecret, "--file", mistyped},
			1, "object.uuid", "does not decode"},
		{"nok, a receiver that is down",
			[]string{"--url", closed.URL, "--secret", testSecret, "sample.created"},
			1, "", "no answer"},
		{"nok, an unknown example event",
			[]string{"--url", rc.URL, "--secret", testSecret, "sample.archived"},
			2, "", "sample.created, sample.deleted"},
		{"nok, no secret",
			[]string{"--url", rc.URL, "sample.created"},
			2, "", "SEGMENTS_WEBHOOK_SECRET"},
		{"nok, an invalid secret",
			[]string{"--secret", "whsec_not base64!", "sample.created"},
			2, "", "invalid secret"},
		{"nok, nothing to send",
			[]string{"--secret", testSecret},
			2, "", "nothing to sign"},
		{"nok, both a file and an event type",
			[]string{"--secret", testSecret, "--file", "x.json", "sample.created"},
			2, "", "not both"},
		{"nok, a timestamp that is not seconds",
			[]string{"--secret", testSecret, "--timestamp", "2026-11-30", "sample.created"},
			2, "", "not Unix seconds"},
		{"nok, an unknown header family",
			[]string{"--secret", testSecret, "--header-family", "stripe", "sample.created"},
			2, "", "svix or webhook"},
		{"nok, an empty id",
			[]string{"--secret", testSecret, "--id", "", "sample.created"},
			2, "", `invalid value "" for flag -id: must not be empty`},
		{"nok, an empty id after the event type",
			[]string{"--secret", testSecret, "sample.created", "--id="},
			2, "", `invalid value "" for flag -id: must not be empty`},
		{"nok, an empty timestamp",
			[]string{"--secret", testSecret, "--timestamp", "", "sample.created"},
			2, "", `invalid value "" for flag -timestamp: must not be empty`},
		{"nok, an empty file name",
			[]string{"--secret", testSecret, "--file", "", "sample.created"},
			2, "", `invalid value "" for flag -file: must not be empty`},
		{"nok, an empty url",
			[]string{"--secret", testSecret, "--url", "", "sample.created"},
			2, "", `--url "" is not an http or https URL`},
		{"nok, a url without a scheme",
			[]string{"--secret", testSecret, "--url", "localhost:8080/webhooks", "sample.created"},
			2, "", "is not an http or https URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, append([]string{"send"}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s",
					r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.inStdout) ||
				!strings.Contains(r.stderr, tt.inStderr) {
				t.Errorf("want %q in stdout and %q in stderr\nstdout: %s\nstderr: %s",
					tt.inStdout, tt.inStderr, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, testSecret) {
				t.Error("the secret was printed")
			}
		})
	}
}

func TestSignRefusesAnEmptyID(t *testing.T) {
	t.Parallel()
	r := runCLI(t, "sign", "--secret", testSecret, "--id", "", "label.updated")
	if r.code != 2 || r.stdout != "" ||
		!strings.Contains(r.stderr, `invalid value "" for flag -id: must not be empty`) {
		t.Errorf("exit status %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}

func TestSendPrintsRetryHeaders(t *testing.T) {
	t.Parallel()
	refusing, err := handler.New(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	refusing.OnSampleCreated(func(context.Context, *events.SampleCreated) error {
		return fmt.Errorf("not our dataset: %w", handler.ErrStopRetrying)
	})
	answer := func(status int, header ...string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i+1 < len(header); i += 2 {
				w.Header().Add(header[i], header[i+1])
			}
			w.WriteHeader(status)
			fmt.Fprint(w, `{"error":"busy"}`)
		})
	}

	tests := []struct {
		name     string
		receiver http.Handler
		code     int
		stdout   string // after the request's two lines
		inStderr string
	}{
		{"nok, a refusal for good shows webhook-delivery",
			httpadapter.Handler(refusing), 1,
			"422 Unprocessable Entity  {\"error\":\"delivery refused, do not retry\"}\n" +
				"  webhook-delivery: abort-message\n",
			"does not retry a delivery answered with webhook-delivery: abort-message"},
		{"nok, Retry-After is shown",
			answer(http.StatusServiceUnavailable, "Retry-After", "120"), 1,
			"503 Service Unavailable  {\"error\":\"busy\"}\n  Retry-After: 120\n", ""},
		{"nok, both, an HTTP date kept whole",
			answer(http.StatusTooManyRequests, "Retry-After", "Wed, 02 Dec 2026 10:00:00 GMT",
				"Webhook-Delivery", "abort-message"), 1,
			"429 Too Many Requests  {\"error\":\"busy\"}\n" +
				"  webhook-delivery: abort-message\n" +
				"  Retry-After: Wed, 02 Dec 2026 10:00:00 GMT\n",
			"webhook-delivery: abort-message"},
		{"ok, an empty header is left out",
			answer(http.StatusOK, "Retry-After", " "), 0,
			"200 OK  {\"error\":\"busy\"}\n", ""},
		{"ok, other headers are left out",
			answer(http.StatusAccepted, "X-Request-Id", "r1"), 0,
			"202 Accepted  {\"error\":\"busy\"}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tt.receiver)
			t.Cleanup(srv.Close)
			r := runCLI(t, "send", "--url", srv.URL, "--secret", testSecret, "sample.created")
			if r.code != tt.code {
				t.Errorf("exit status %d, want %d\nstderr: %s", r.code, tt.code, r.stderr)
			}
			lines := strings.SplitAfterN(r.stdout, "\n", 3)
			if len(lines) != 3 || lines[2] != tt.stdout {
				t.Errorf("stdout:\n%s\nwant after the request:\n%s", r.stdout, tt.stdout)
			}
			if !strings.Contains(r.stderr, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, r.stderr)
			}
		})
	}
}

func TestSecretOutputVerifies(t *testing.T) {
	t.Parallel()
	first, second := runCLI(t, "secret"), runCLI(t, "secret")
	if first.code != 0 || first.stdout == second.stdout {
		t.Fatalf("exit status %d, outputs %q and %q", first.code, first.stdout, second.stdout)
	}
	secret := strings.TrimSuffix(first.stdout, "\n")
	if !strings.HasPrefix(secret, "whsec_") || strings.ContainsAny(secret, " \n") {
		t.Fatalf("secret %q is not one line starting with whsec_", first.stdout)
	}
	v, err := verify.New(secret)
	if err != nil {
		t.Fatal(err)
	}

	body := []byte(`{"event_type":"sample.created"}`)
	h, err := webhookstest.Header(secret, "msg_1", time.Now(), body)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(body, h); err != nil {
		t.Errorf("a delivery signed with the new secret does not verify: %v", err)
	}
}

func TestSignOutputVerifies(t *testing.T) {
	t.Parallel()
	printed := runCLI(t, "example", "label.updated")
	if printed.code != 0 {
		t.Fatalf("example: exit status %d: %s", printed.code, printed.stderr)
	}
	example := []byte(printed.stdout)
	file, err := os.ReadFile("testdata/requests/match.body")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		stdin  string
		body   []byte
		family string
	}{
		{"ok, an example event, as the example command prints it",
			[]string{"label.updated"}, "", example, "svix"},
		{"ok, a file with webhook headers",
			[]string{"--file", "testdata/requests/match.body", "--header-family", "webhook"},
			"", file, "webhook"},
		{"ok, standard input", []string{"--file", "-"},
			"{\"a\":1}\n", []byte("{\"a\":1}\n"), "svix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"sign", "--secret", testSecret, "--id", "msg_sign",
				"--timestamp", "1796030102"}, tt.args...)
			r := runStdin(t, tt.stdin, args...)
			if r.code != 0 {
				t.Fatalf("exit status %d: %s", r.code, r.stderr)
			}

			h := http.Header{}
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			for _, line := range lines {
				name, value, ok := strings.Cut(line, ": ")
				if !ok || !strings.HasPrefix(name, tt.family+"-") {
					t.Fatalf("line %q is not a %s-* header", line, tt.family)
				}
				h.Set(name, value)
			}
			if len(lines) != 3 || h.Get(tt.family+"-id") != "msg_sign" ||
				h.Get(tt.family+"-timestamp") != "1796030102" {
				t.Fatalf("unexpected headers:\n%s", r.stdout)
			}
			signedAt := func() time.Time { return time.Unix(1796030102, 0) }
			v, err := verify.New(testSecret, verify.WithClock(signedAt))
			if err != nil {
				t.Fatal(err)
			}
			if err := v.Verify(tt.body, h); err != nil {
				t.Errorf("signed headers do not verify: %v", err)
			}
		})
	}
}

func TestSignKnownAnswer(t *testing.T) {
	t.Parallel()
	r := runCLI(t, "sign", "--secret", testSecret, "--id", "msg_2aXyZ0example0000000000001",
		"--timestamp", "1796030102", "--file", "testdata/requests/match.body")
	want := "svix-id: msg_2aXyZ0example0000000000001\n" +
		"svix-timestamp: 1796030102\n" +
		"svix-signature: v1,opHv5rkzjeRKfV+2LmCVplx8C1YcFcZo6/u9Q2hBsL4=\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit status %d, output:\n%s\nwant:\n%s", r.code, r.stdout, want)
	}
}
