package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
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

func TestMain(m *testing.M) {
	// The handler logs failed callbacks through the default logger.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

// fakeSlack is an incoming webhook that checks each message it gets and
// answers the nth with answer(n, …).
type fakeSlack struct {
	t      *testing.T
	answer func(n int, w http.ResponseWriter, r *http.Request)

	mu    sync.Mutex
	texts []string
	times []time.Time
}

func (s *fakeSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		s.t.Errorf("Slack got %s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
	}
	var msg struct {
		Text string `json:"text"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&msg); err != nil || msg.Text == "" {
		s.t.Errorf("Slack got a message that is not {\"text\": …}: %v", err)
	}
	s.mu.Lock()
	s.texts = append(s.texts, msg.Text)
	s.times = append(s.times, time.Now())
	n := len(s.texts)
	s.mu.Unlock()
	s.answer(n, w, r)
}

func status(code int) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) { w.WriteHeader(code) }
}

func TestReceiverForwardsToSlack(t *testing.T) {
	t.Parallel()
	const want = "*<https://app.segments.ai/acme/street-scenes|acme/street-scenes>*: " +
		"Sample frame_000123.jpg created in dataset acme/street-scenes. " +
		"<https://app.segments.ai/acme/street-scenes/samples/7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17|Open sample>"
	tests := []struct {
		name     string
		answer   func(n int, w http.ResponseWriter, r *http.Request)
		status   int
		attempts int
		minGap   time.Duration
	}{
		{"ok, Slack accepts at once", status(http.StatusOK), http.StatusOK, 1, 0},
		{
			name: "ok, Slack rate-limits, then accepts after Retry-After",
			answer: func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 1 {
					w.Header().Set("Retry-After", "1")
					w.WriteHeader(http.StatusTooManyRequests)
				}
			},
			status: http.StatusOK, attempts: 2, minGap: time.Second,
		},
		{
			name: "ok, Slack fails once, then accepts",
			answer: func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 1 {
					w.WriteHeader(http.StatusServiceUnavailable)
				}
			},
			status: http.StatusOK, attempts: 2,
		},
		{"nok, Slack fails forever", status(http.StatusInternalServerError), http.StatusInternalServerError, 3, 0},
		{"nok, Slack refuses the message", status(http.StatusBadRequest), http.StatusInternalServerError, 1, 0},
		{
			name: "nok, Slack asks to wait longer than the budget",
			answer: func(_ int, w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Retry-After", "60")
				w.WriteHeader(http.StatusTooManyRequests)
			},
			status: http.StatusInternalServerError, attempts: 1,
		},
		{
			name: "nok, Slack answers after the client's timeout",
			answer: func(_ int, w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			status: http.StatusInternalServerError, attempts: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			slack := &fakeSlack{t: t, answer: tt.answer}
			srv := httptest.NewServer(slack)
			defer srv.Close()
			f := NewForwarder(srv.URL)
			f.Client.Timeout = 200 * time.Millisecond
			f.Attempts, f.Backoff, f.Budget = 3, 10*time.Millisecond, 3*time.Second
			secret := webhookstest.NewSecret()
			mux, err := newMux(secret, f)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := webhookstest.Payload(events.TypeSampleCreated)
			req, err := webhookstest.NewRequest(secret, "/webhooks", body)
			if err != nil {
				t.Fatal(err)
			}

			start := time.Now()
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("sender got %d, want %d", rec.Code, tt.status)
			}
			if elapsed := time.Since(start); elapsed > f.Budget {
				t.Errorf("answer took %s, more than the budget", elapsed)
			}
			slack.mu.Lock()
			defer slack.mu.Unlock()
			if len(slack.texts) != tt.attempts {
				t.Errorf("Slack got %d attempts, want %d", len(slack.texts), tt.attempts)
			}
			for _, text := range slack.texts {
				if text != want {
					t.Errorf("Slack got text\n%s\nwant\n%s", text, want)
				}
			}
			if n := len(slack.times); tt.minGap > 0 && n == 2 {
				if gap := slack.times[1].Sub(slack.times[0]); gap < tt.minGap {
					t.Errorf("second attempt came %s after the first, before Retry-After", gap)
				}
			}
		})
	}
}

func TestForwardStopsWhenTheRequestEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	slack := &fakeSlack{t: t, answer: func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		cancel()
	}}
	srv := httptest.NewServer(slack)
	defer srv.Close()
	f := NewForwarder(srv.URL)
	f.Backoff, f.Budget = time.Minute, time.Hour
	body, _ := webhookstest.Payload(events.TypeLabelUpdated)
	ev, err := events.Parse(body)
	if err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	err = f.Forward(ctx, ev)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Forward = %v, want context.Canceled", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Forward went on for %s after its context ended", elapsed)
	}
}

func TestForwardKeepsTheURLOutOfErrors(t *testing.T) {
	t.Parallel()
	f := NewForwarder("http://127.0.0.1:1/services/T0/B0/secret-token")
	f.Attempts = 1
	body, _ := webhookstest.Payload(events.TypeDatasetCreated)
	ev, err := events.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	err = f.Forward(context.Background(), ev)
	if err == nil || strings.Contains(err.Error(), "secret-token") {
		t.Errorf("Forward = %v, want an error without the URL", err)
	}
}

func TestMessage(t *testing.T) {
	t.Parallel()
	const app = "https://app.segments.ai/"
	f := NewForwarder("")
	tests := []struct {
		typ  events.Type
		want string
	}{
		{events.TypeDatasetCreated, "*<" + app + "acme/street-scenes|acme/street-scenes>*: " +
			"Dataset acme/street-scenes created."},
		{events.TypeDatasetUpdated, "*<" + app + "acme/lidar-highway|acme/lidar-highway>*: " +
			"Dataset acme/lidar-highway updated."},
		{events.TypeDatasetDeleted, "*acme/old-experiments*: Dataset acme/old-experiments deleted."},
		{events.TypeSampleUpdated, "*<" + app + "acme/street-scenes|acme/street-scenes>*: " +
			"Sample frame_000123.jpg updated in dataset acme/street-scenes. " +
			"<" + app + "acme/street-scenes/samples/7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17|Open sample>"},
		{events.TypeSampleDeleted, "*<" + app + "acme/street-scenes|acme/street-scenes>*: " +
			"Sample frame_000087.jpg deleted from dataset acme/street-scenes."},
		{events.TypeLabelUpdated, "*<" + app + "acme/street-scenes|acme/street-scenes>*: " +
			"Label of sample frame_000123.jpg reviewed in dataset acme/street-scenes. " +
			"<" + app + "acme/street-scenes/samples/7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17|Open sample>"},
		{events.TypeLabelDeleted, "*<" + app + "acme/street-scenes|acme/street-scenes>*: " +
			"Label of sample frame_000241.jpg deleted in dataset acme/street-scenes. " +
			"<" + app + "acme/street-scenes/samples/e2d85f1a-3c6b-4a97-b0d4-71f9c8a5e312|Open sample>"},
		{events.TypeIssueUpdated, "*<" + app + "acme/lidar-highway|acme/lidar-highway>*: " +
			"Issue updated on sample e40_run_0419 in dataset acme/lidar-highway. " +
			"<" + app + "acme/lidar-highway/samples/58f3c0ae-2b7d-4e16-a9c1-d4e07b65f290|Open sample>"},
		{events.TypeReleaseCreated, "*<" + app + "acme/street-scenes|acme/street-scenes>*: " +
			"Release v1.2 created in dataset acme/street-scenes."},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ), func(t *testing.T) {
			t.Parallel()
			body, err := webhookstest.Payload(tt.typ)
			if err != nil {
				t.Fatal(err)
			}
			ev, err := events.Parse(body)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Message(ev); got != tt.want {
				t.Errorf("Message =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMessageEscapesAndFallsBack(t *testing.T) {
	t.Parallel()
	f := NewForwarder("")
	tests := []struct {
		name, body, want string
	}{
		{
			name: "ok, Slack's reserved characters escaped",
			body: `{"event_type":"dataset.updated","dataset":"acme/a","object":{},"text":"<b> & </b>"}`,
			want: "*<https://app.segments.ai/acme/a|acme/a>*: &lt;b&gt; &amp; &lt;/b&gt;",
		},
		{
			name: "ok, no text falls back to the event type",
			body: `{"event_type":"dataset.cloned","dataset":"acme/a","object":{}}`,
			want: "*<https://app.segments.ai/acme/a|acme/a>*: dataset.cloned",
		},
		{
			name: "ok, a dataset name without an owner gets no link",
			body: `{"event_type":"sample.created","dataset":"lonely","object":{"uuid":"u1"},"text":"t"}`,
			want: "*lonely*: t",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ev, err := events.Parse([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Message(ev); got != tt.want {
				t.Errorf("Message = %q, want %q", got, tt.want)
			}
		})
	}
}
