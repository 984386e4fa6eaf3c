package httpadapter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

const secret = "whsec_c2VnbWVudHMtd2ViaG9vay10ZXN0LXNlY3JldC0wMQ=="

func payload(t testing.TB, typ events.Type) []byte {
	t.Helper()
	b, err := webhookstest.Payload(typ)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newRequest(t testing.TB, body []byte) *http.Request {
	t.Helper()
	req, err := webhookstest.NewRequest(secret, "/webhooks", body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func quietHandler(t testing.TB, opts ...handler.Option) *handler.Handler {
	t.Helper()
	opts = append([]handler.Option{handler.WithLogger(slog.New(slog.DiscardHandler))}, opts...)
	h, err := handler.New(secret, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestHandlerStatuses walks the status table of the specification.
func TestHandlerStatuses(t *testing.T) {
	t.Parallel()
	body := payload(t, events.TypeSampleCreated)
	tests := []struct {
		name    string
		request func(t *testing.T) *http.Request
		setup   func(h *handler.Handler)
		status  int
		abort   bool
	}{
		{
			name:    "ok, verified and handled",
			request: func(t *testing.T) *http.Request { return newRequest(t, body) },
			setup: func(h *handler.Handler) {
				h.OnSampleCreated(func(context.Context, *events.SampleCreated) error { return nil })
			},
			status: http.StatusOK,
		},
		{
			name:    "ok, no callback for the type",
			request: func(t *testing.T) *http.Request { return newRequest(t, body) },
			status:  http.StatusOK,
		},
		{
			name: "ok, webhook-* header family",
			request: func(t *testing.T) *http.Request {
				req := newRequest(t, body)
				for _, k := range []string{"id", "timestamp", "signature"} {
					req.Header.Set("webhook-"+k, req.Header.Get("svix-"+k))
					req.Header.Del("svix-" + k)
				}
				return req
			},
			status: http.StatusOK,
		},
		{
			name: "nok, GET",
			request: func(t *testing.T) *http.Request {
				req := newRequest(t, body)
				req.Method = http.MethodGet
				return req
			},
			status: http.StatusMethodNotAllowed,
		},
		{
			name: "nok, body over the limit with a declared length",
			request: func(t *testing.T) *http.Request {
				return newRequest(t, append(bytes.Repeat([]byte(" "), 2048), body...))
			},
			status: http.StatusRequestEntityTooLarge,
		},
		{
			name: "nok, body over the limit without a declared length",
			request: func(t *testing.T) *http.Request {
				req := newRequest(t, append(bytes.Repeat([]byte(" "), 2048), body...))
				req.ContentLength = -1
				req.Body = io.NopCloser(io.MultiReader(req.Body))
				return req
			},
			status: http.StatusRequestEntityTooLarge,
		},
		{
			name: "nok, missing signature header",
			request: func(t *testing.T) *http.Request {
				req := newRequest(t, body)
				req.Header.Del("svix-signature")
				return req
			},
			status: http.StatusBadRequest,
		},
		{
			name: "nok, non-matching signature",
			request: func(t *testing.T) *http.Request {
				req := newRequest(t, body)
				req.Body = io.NopCloser(bytes.NewReader(bytes.Replace(body, []byte("jpg"), []byte("png"), 1)))
				return req
			},
			status: http.StatusUnauthorized,
		},
		{
			name: "nok, stale timestamp",
			request: func(t *testing.T) *http.Request {
				req := newRequest(t, body)
				h, _ := webhookstest.Header(secret, "msg_old", time.Now().Add(-time.Hour), body)
				for k, v := range h {
					req.Header[k] = v
				}
				return req
			},
			status: http.StatusUnauthorized,
		},
		{
			name:    "nok, signed but not an event",
			request: func(t *testing.T) *http.Request { return newRequest(t, []byte(`"sample.created"`)) },
			status:  http.StatusBadRequest,
		},
		{
			name:    "nok, callback error",
			request: func(t *testing.T) *http.Request { return newRequest(t, body) },
			setup: func(h *handler.Handler) {
				h.OnSampleCreated(func(context.Context, *events.SampleCreated) error { return errors.New("db down") })
			},
			status: http.StatusInternalServerError,
		},
		{
			name:    "nok, callback panic",
			request: func(t *testing.T) *http.Request { return newRequest(t, body) },
			setup: func(h *handler.Handler) {
				h.OnSampleCreated(func(context.Context, *events.SampleCreated) error { panic("oops") })
			},
			status: http.StatusInternalServerError,
		},
		{
			name:    "nok, callback stops retries",
			request: func(t *testing.T) *http.Request { return newRequest(t, body) },
			setup: func(h *handler.Handler) {
				h.OnEvent(func(context.Context, events.Event) error {
					return fmt.Errorf("unwanted dataset: %w", handler.ErrStopRetrying)
				})
			},
			status: http.StatusUnprocessableEntity,
			abort:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := quietHandler(t, handler.WithMaxBodyBytes(2048))
			if tt.setup != nil {
				tt.setup(h)
			}
			rec := httptest.NewRecorder()
			httpadapter.Handler(h).ServeHTTP(rec, tt.request(t))

			if rec.Code != tt.status {
				t.Errorf("status = %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			if got := rec.Header().Get("webhook-delivery") == "abort-message"; got != tt.abort {
				t.Errorf("abort header = %v, want %v", got, tt.abort)
			}
			var resp map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Errorf("response body %q is not JSON: %v", rec.Body, err)
			}
			if strings.Contains(rec.Body.String(), secret[6:]) {
				t.Errorf("response reveals the secret: %s", rec.Body)
			}
		})
	}
}

func TestHandlerConcurrentDeliveries(t *testing.T) {
	t.Parallel()
	h := quietHandler(t)
	var mu sync.Mutex
	seen := map[string]int{}
	h.OnEvent(func(ctx context.Context, e events.Event) error {
		d, _ := handler.DeliveryFromContext(ctx)
		mu.Lock()
		seen[d.ID]++
		mu.Unlock()
		return nil
	})
	srv := httptest.NewServer(httpadapter.Handler(h))
	defer srv.Close()

	const n = 200
	types := webhookstest.PayloadTypes()
	var failed atomic.Int32
	var wg sync.WaitGroup
	ids := make([]string, n)
	for i := range n {
		body := payload(t, types[i%len(types)])
		req := newRequest(t, body)
		ids[i] = req.Header.Get("svix-id")
		req.URL, req.RequestURI = mustParse(t, srv.URL+"/webhooks"), ""
		wg.Go(func() {
			resp, err := srv.Client().Do(req)
			if err != nil || resp.StatusCode != http.StatusOK {
				failed.Add(1)
				return
			}
			resp.Body.Close()
		})
	}
	wg.Wait()

	if failed.Load() != 0 {
		t.Fatalf("%d of %d deliveries failed", failed.Load(), n)
	}
	for _, id := range ids {
		if seen[id] != 1 {
			t.Errorf("delivery %s handled %d times", id, seen[id])
		}
	}
}

func TestMiddleware(t *testing.T) {
	t.Parallel()
	v, err := verify.New(secret)
	if err != nil {
		t.Fatal(err)
	}
	body := payload(t, events.TypeSampleCreated)
	var gotType events.Type
	var gotBody []byte
	var gotID string
	route := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev, ok := httpadapter.Event(r)
		if !ok {
			t.Error("no event in the request")
			return
		}
		d, _ := handler.DeliveryFromContext(r.Context())
		gotType, gotID = ev.EventType(), d.ID
		gotBody, _ = io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
	})
	srv := httpadapter.Middleware(v)(route)

	req := newRequest(t, body)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusAccepted || gotType != events.TypeSampleCreated || gotID != req.Header.Get("svix-id") {
		t.Errorf("status %d, type %q, id %q", rec.Code, gotType, gotID)
	}
	if !bytes.Equal(gotBody, body) {
		t.Errorf("route read body %q, want the original", gotBody)
	}

	bad := newRequest(t, body)
	bad.Header.Set("svix-signature", "v1,AAAA")
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, bad)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("bad signature: status %d, want 401", rec.Code)
	}
	if _, ok := httpadapter.Event(httptest.NewRequest(http.MethodPost, "/", nil)); ok {
		t.Error("Event found an event in a request that did not pass the middleware")
	}
}
