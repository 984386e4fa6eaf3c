package handler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

const secret = "whsec_c2VnbWVudHMtd2ViaG9vay10ZXN0LXNlY3JldC0wMQ=="

var sentAt = time.Date(2026, 11, 30, 9, 15, 2, 0, time.UTC)

const sampleCreated = `{"event_type":"sample.created","created_at":"2026-11-30T09:15:02.123456+00:00",` +
	`"api_version":"2021-08-01","dataset":"acme/street-scenes",` +
	`"object":{"uuid":"7f0c2a4e","name":"frame_000123.jpg"},"text":"Sample created."}`

func newHandler(t *testing.T, logs *bytes.Buffer, opts ...handler.Option) *handler.Handler {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts = append([]handler.Option{
		handler.WithClock(func() time.Time { return sentAt }),
		handler.WithLogger(logger),
	}, opts...)
	h, err := handler.New(secret, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func signed(t *testing.T, id string, body string) http.Header {
	t.Helper()
	h, err := webhookstest.Header(secret, id, sentAt, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestHandleRunsTypedCallbackWithDelivery(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := newHandler(t, &logs)
	var got []string
	h.OnSampleCreated(func(ctx context.Context, e *events.SampleCreated) error {
		d, ok := handler.DeliveryFromContext(ctx)
		if !ok {
			t.Error("no delivery in the callback's context")
		}
		got = append(got, fmt.Sprintf("typed %s %s %s %d", d.ID, e.Sample.Name, e.DatasetName, d.Timestamp.Unix()))
		return nil
	})
	h.OnEvent(func(ctx context.Context, e events.Event) error {
		got = append(got, "any "+string(e.EventType()))
		return nil
	})
	h.OnDatasetCreated(func(context.Context, *events.DatasetCreated) error {
		t.Error("dataset callback ran for a sample event")
		return nil
	})

	if err := h.Handle(context.Background(), signed(t, "msg_1", sampleCreated), []byte(sampleCreated)); err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("typed msg_1 frame_000123.jpg acme/street-scenes %d", sentAt.Unix()), "any sample.created"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("callbacks ran as %q, want %q", got, want)
	}
}

func TestHandleErrors(t *testing.T) {
	t.Parallel()
	boom := errors.New("database down")
	tests := []struct {
		name   string
		setup  func(h *handler.Handler)
		header func(t *testing.T) http.Header
		body   string
		want   error
		status int
	}{
		{
			name:   "ok, no callback for the type",
			body:   sampleCreated,
			status: http.StatusOK,
		},
		{
			name: "nok, callback error",
			setup: func(h *handler.Handler) {
				h.OnSampleCreated(func(context.Context, *events.SampleCreated) error { return boom })
			},
			body:   sampleCreated,
			want:   boom,
			status: http.StatusInternalServerError,
		},
		{
			name:   "nok, callback panics",
			setup:  func(h *handler.Handler) { h.OnEvent(func(context.Context, events.Event) error { panic("nil map") }) },
			body:   sampleCreated,
			want:   handler.ErrCallbackFailed,
			status: http.StatusInternalServerError,
		},
		{
			name: "nok, callback stops retries",
			setup: func(h *handler.Handler) {
				h.OnSampleCreated(func(context.Context, *events.SampleCreated) error {
					return fmt.Errorf("dataset not served here: %w", handler.ErrStopRetrying)
				})
			},
			body:   sampleCreated,
			want:   handler.ErrStopRetrying,
			status: http.StatusUnprocessableEntity,
		},
		{
			name:   "nok, not JSON",
			body:   "event_type=sample.created",
			want:   events.ErrInvalidPayload,
			status: http.StatusBadRequest,
		},
		{
			name:   "nok, JSON array",
			body:   `[{"event_type":"sample.created"}]`,
			want:   events.ErrInvalidPayload,
			status: http.StatusBadRequest,
		},
		{
			name:   "nok, no event type",
			body:   `{"object":{}}`,
			want:   events.ErrInvalidPayload,
			status: http.StatusBadRequest,
		},
		{
			name:   "nok, missing headers",
			header: func(*testing.T) http.Header { return http.Header{} },
			body:   sampleCreated,
			want:   verify.ErrMissingHeaders,
			status: http.StatusBadRequest,
		},
		{
			name: "nok, signature of another body",
			header: func(t *testing.T) http.Header {
				return signed(t, "msg_1", strings.Replace(sampleCreated, "frame", "FRAME", 1))
			},
			body:   sampleCreated,
			want:   verify.ErrNoMatchingSignature,
			status: http.StatusUnauthorized,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			h := newHandler(t, &logs)
			if tt.setup != nil {
				tt.setup(h)
			}
			header := signed(t, "msg_1", tt.body)
			if tt.header != nil {
				header = tt.header(t)
			}
			err := h.Handle(context.Background(), header, []byte(tt.body))
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("Handle = %v, want %v", err, tt.want)
			}
			if got := handler.ResponseFor(err).Status; got != tt.status {
				t.Errorf("status = %d, want %d", got, tt.status)
			}
		})
	}
}

func TestCallbacksRunInOrderAndLogByOutcome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		second   error
		wantRuns string
		wantLog  string
	}{
		{"ok, every callback runs in order", nil, "first second every", ""},
		{"nok, a failure stops the rest and is an error", errors.New("db down"), "first second",
			`level=ERROR msg="webhook callback failed"`},
		{"nok, a refusal stops the rest and is a warning", fmt.Errorf("not ours: %w", handler.ErrStopRetrying),
			"first second", `level=WARN msg="webhook callback refused the delivery, retries stopped"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			h := newHandler(t, &logs)
			var runs []string
			h.OnSampleCreated(func(context.Context, *events.SampleCreated) error {
				runs = append(runs, "first")
				return nil
			})
			h.OnSampleCreated(func(context.Context, *events.SampleCreated) error {
				runs = append(runs, "second")
				return tt.second
			})
			h.OnEvent(func(context.Context, events.Event) error {
				runs = append(runs, "every")
				return nil
			})
			err := h.Handle(context.Background(), signed(t, "msg_order", sampleCreated), []byte(sampleCreated))
			if !errors.Is(err, tt.second) {
				t.Errorf("Handle = %v, want %v", err, tt.second)
			}
			if got := strings.Join(runs, " "); got != tt.wantRuns {
				t.Errorf("callbacks ran as %q, want %q", got, tt.wantRuns)
			}
			if tt.wantLog != "" && !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("logs %q, want them to contain %q", logs.String(), tt.wantLog)
			}
		})
	}
}

func TestHandleUnknownType(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := newHandler(t, &logs)
	body := `{"event_type":"dataset.archived","dataset":"acme/x","object":{"name":"x"}}`
	var got string
	h.OnUnknown(func(_ context.Context, e *events.Unknown) error {
		got = string(e.Type) + " " + string(e.Object)
		return nil
	})
	if err := h.Handle(context.Background(), signed(t, "msg_2", body), []byte(body)); err != nil {
		t.Fatal(err)
	}
	if got != `dataset.archived {"name":"x"}` {
		t.Errorf("OnUnknown got %q", got)
	}
}

func TestOnDecodeError(t *testing.T) {
	t.Parallel()
	body := `{"event_type":"sample.created","object":"not an object"}`
	for _, tt := range []struct {
		name   string
		cbErr  error
		status int
		log    string
	}{
		{"ok, callback keeps the delivery", nil, http.StatusOK, `level=WARN msg="webhook body did not decode"`},
		{"nok, callback fails and the sender retries", errors.New("disk full"), http.StatusInternalServerError,
			`level=ERROR msg="webhook decode error callback failed"`},
		{"nok, callback refuses the delivery for good", fmt.Errorf("unusable: %w", handler.ErrStopRetrying),
			http.StatusUnprocessableEntity, `level=WARN msg="webhook decode error callback refused the delivery, retries stopped"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			h := newHandler(t, &logs)
			var kept *handler.DecodeError
			h.OnDecodeError(func(_ context.Context, de *handler.DecodeError) error {
				kept = &handler.DecodeError{Delivery: de.Delivery, Body: bytes.Clone(de.Body), Err: de.Err}
				return tt.cbErr
			})
			err := h.Handle(context.Background(), signed(t, "msg_3", body), []byte(body))
			if got := handler.ResponseFor(err).Status; got != tt.status {
				t.Errorf("status = %d (%v), want %d", got, err, tt.status)
			}
			if kept == nil || kept.Delivery.ID != "msg_3" || string(kept.Body) != body || !errors.Is(kept, events.ErrInvalidPayload) {
				t.Errorf("decode error callback got %+v", kept)
			}
			if !strings.Contains(logs.String(), tt.log) {
				t.Errorf("logs %q, want them to contain %q", logs.String(), tt.log)
			}
		})
	}
}

func TestLogsNameDeliveryButNotSecrets(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := newHandler(t, &logs)
	header := signed(t, "msg_logged", sampleCreated)
	tampered := strings.Replace(sampleCreated, "frame_000123", "frame_999999", 1)
	if err := h.Handle(context.Background(), header, []byte(tampered)); err == nil {
		t.Fatal("tampered body accepted")
	}
	out := logs.String()
	for _, want := range []string{"msg_logged", "no matching signature", "status=401"} {
		if !strings.Contains(out, want) {
			t.Errorf("log %q lacks %q", out, want)
		}
	}
	expected, _ := verify.Sign(secret, "msg_logged", sentAt, []byte(tampered))
	for _, leak := range []string{secret[6:], "frame_999999", expected[3:], header.Get("svix-signature")[3:]} {
		if strings.Contains(out, leak) {
			t.Errorf("log reveals %q: %s", leak, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 1 {
		t.Errorf("rejection logged %d lines, want 1", n)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	if _, err := handler.New(""); !errors.Is(err, verify.ErrInvalidSecret) {
		t.Errorf("empty secret: %v", err)
	}
	if _, err := handler.New(secret, handler.WithMaxBodyBytes(0)); err == nil {
		t.Error("zero body limit accepted")
	}
	if _, err := handler.New(secret, handler.WithTolerance(-time.Second)); err == nil {
		t.Error("negative tolerance accepted")
	}
}

func TestReadBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		body          string
		contentLength int64
		limit         int64
		wantErr       error
	}{
		{"ok, at the limit", "12345", 5, 5, nil},
		{"ok, unknown length", "12345", -1, 5, nil},
		{"nok, declared length over the limit", "123456", 6, 5, handler.ErrBodyTooLarge},
		{"nok, undeclared length over the limit", "123456", -1, 5, handler.ErrBodyTooLarge},
		{"nok, length understated", "123456", 3, 5, handler.ErrBodyTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := handler.ReadBody(strings.NewReader(tt.body), tt.contentLength, tt.limit)
			if !errors.Is(err, tt.wantErr) || err != nil && tt.wantErr == nil {
				t.Fatalf("ReadBody = %v, want %v", err, tt.wantErr)
			}
			if err == nil && string(got) != tt.body {
				t.Errorf("ReadBody = %q, want %q", got, tt.body)
			}
		})
	}
}

func TestResponseFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		status int
		abort  bool
	}{
		{"ok", nil, 200, false},
		{"method", handler.ErrMethodNotAllowed, 405, false},
		{"too large", fmt.Errorf("x: %w", handler.ErrBodyTooLarge), 413, false},
		{"missing headers", verify.ErrMissingHeaders, 400, false},
		{"invalid headers", verify.ErrInvalidHeaders, 400, false},
		{"bad payload", events.ErrInvalidPayload, 400, false},
		{"no signature", verify.ErrNoMatchingSignature, 401, false},
		{"too old", verify.ErrTimestampTooOld, 401, false},
		{"too new", verify.ErrTimestampTooNew, 401, false},
		{"callback", fmt.Errorf("%w: x", handler.ErrCallbackFailed), 500, false},
		{"callback wrapping a verify error still retries", fmt.Errorf("%w: %w", handler.ErrCallbackFailed, verify.ErrNoMatchingSignature), 500, false},
		{"stop retrying", fmt.Errorf("%w: %w", handler.ErrCallbackFailed, handler.ErrStopRetrying), 422, true},
		{"anything else", errors.New("surprise"), 500, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := handler.ResponseFor(tt.err)
			if r.Status != tt.status || r.Abort != tt.abort {
				t.Errorf("ResponseFor(%v) = %+v, want status %d abort %v", tt.err, r, tt.status, tt.abort)
			}
		})
	}
}

func TestCallbackContextIsCancelled(t *testing.T) {
	t.Parallel()
	slow := func(ctx context.Context, _ events.Event) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Second):
			return nil
		}
	}
	t.Run("nok, callback outlives the timeout", func(t *testing.T) {
		t.Parallel()
		var logs bytes.Buffer
		h := newHandler(t, &logs, handler.WithCallbackTimeout(20*time.Millisecond))
		h.OnEvent(slow)
		err := h.Handle(context.Background(), signed(t, "msg_slow", sampleCreated), []byte(sampleCreated))
		if !errors.Is(err, context.DeadlineExceeded) || handler.ResponseFor(err).Status != http.StatusInternalServerError {
			t.Errorf("Handle = %v, want a 500 for the exceeded deadline", err)
		}
	})
	t.Run("nok, sender hangs up", func(t *testing.T) {
		t.Parallel()
		var logs bytes.Buffer
		h := newHandler(t, &logs)
		h.OnEvent(slow)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		err := h.Handle(ctx, signed(t, "msg_gone", sampleCreated), []byte(sampleCreated))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Handle = %v, want the cancellation", err)
		}
	})
	if _, err := handler.New(secret, handler.WithCallbackTimeout(0)); err == nil {
		t.Error("zero callback timeout accepted")
	}
}

func TestOversizedDeliveryIsLoggedWithItsID(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := newHandler(t, &logs, handler.WithMaxBodyBytes(16))
	req, err := http.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(sampleCreated))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = signed(t, "msg_big", sampleCreated)
	err = h.HandleRequest(req)
	if !errors.Is(err, handler.ErrBodyTooLarge) {
		t.Fatalf("HandleRequest = %v, want ErrBodyTooLarge", err)
	}
	if !strings.Contains(logs.String(), "delivery_id=msg_big") || !strings.Contains(logs.String(), "status=413") {
		t.Errorf("log lacks the delivery id or status: %s", logs.String())
	}
}

func TestMisuseFailsClearly(t *testing.T) {
	t.Parallel()
	t.Run("nok, nil callback panics at registration", func(t *testing.T) {
		t.Parallel()
		var logs bytes.Buffer
		h := newHandler(t, &logs)
		defer func() {
			if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), "nil callback for sample.created") {
				t.Errorf("recover() = %v, want a panic naming the event type", p)
			}
		}()
		h.OnSampleCreated(nil)
	})
	t.Run("nok, zero Handler answers 500 without panicking", func(t *testing.T) {
		t.Parallel()
		var h handler.Handler
		err := h.Handle(context.Background(), signed(t, "msg_z", sampleCreated), []byte(sampleCreated))
		if err == nil || handler.ResponseFor(err).Status != http.StatusInternalServerError {
			t.Errorf("Handle on a zero Handler = %v, want a 500 error", err)
		}
	})
	t.Run("ok, decode error callback has the delivery and a deadline", func(t *testing.T) {
		t.Parallel()
		var logs bytes.Buffer
		h := newHandler(t, &logs)
		body := `{"event_type":"sample.created","object":[]}`
		h.OnDecodeError(func(ctx context.Context, de *handler.DecodeError) error {
			if _, ok := ctx.Deadline(); !ok {
				t.Error("decode error callback's context has no deadline")
			}
			if d, _ := handler.DeliveryFromContext(ctx); d.ID != "msg_d" {
				t.Errorf("delivery in context = %q, want msg_d", d.ID)
			}
			return nil
		})
		if err := h.Handle(context.Background(), signed(t, "msg_d", body), []byte(body)); err != nil {
			t.Errorf("Handle = %v", err)
		}
	})
}

func TestResponseWriteMatchesBody(t *testing.T) {
	t.Parallel()
	for _, err := range []error{nil, handler.ErrBodyTooLarge, verify.ErrNoMatchingSignature} {
		r := handler.ResponseFor(err)
		rec := httptest.NewRecorder()
		r.Write(rec)
		want, _ := json.Marshal(r.Body())
		if got := strings.TrimSpace(rec.Body.String()); got != string(want) {
			t.Errorf("Write for %v sent %s, want %s", err, got, want)
		}
		if rec.Code != r.Status || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("Write for %v: status %d, content type %q", err, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}

func TestRejectionLogsBoundUnverifiedIDs(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := newHandler(t, &logs)
	header := signed(t, "msg_x", sampleCreated)
	header.Set("svix-id", strings.Repeat("I", 100_000))
	if err := h.Handle(context.Background(), header, []byte(sampleCreated)); !errors.Is(err, verify.ErrNoMatchingSignature) {
		t.Fatalf("Handle = %v", err)
	}
	if n := logs.Len(); n > 1000 {
		t.Errorf("rejecting a 100 kB id logged %d bytes", n)
	}
}
