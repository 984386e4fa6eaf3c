package httpadapter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/adapters/internal/adaptertest"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func TestMain(m *testing.M) {
	// The middleware logs refusals through the default logger.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

// route is what an application mounts behind the middleware: it checks
// that the event, the delivery and the raw body reach it.
func route(t *testing.T, wantBody []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev, ok := httpadapter.Event(r)
		if !ok {
			t.Error("route got no event")
			w.WriteHeader(http.StatusTeapot)
			return
		}
		if d, ok := handler.DeliveryFromContext(r.Context()); !ok || d.ID == "" {
			t.Errorf("route got delivery %+v, %v", d, ok)
		}
		body, err := io.ReadAll(r.Body)
		if err != nil || !bytes.Equal(body, wantBody) {
			t.Errorf("route read body %q (%v), want the one sent", body, err)
		}
		answer := map[string]any{"ok": true, "type": ev.EventType()}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(answer); err != nil {
			t.Errorf("route could not answer: %v", err)
		}
	})
}

// bodyLimit is the usual net/http body limit: an http.MaxBytesReader.
func bodyLimit(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

func TestHandlerStatuses(t *testing.T) {
	t.Parallel()
	adaptertest.RunHandlerStatuses(t, func(t *testing.T, c adaptertest.Case) http.Handler {
		return httpadapter.Handler(c.Handler(t))
	})
}

func TestMiddlewareStatuses(t *testing.T) {
	t.Parallel()
	mount := func(t *testing.T, c adaptertest.Case) http.Handler {
		// The middleware's own limit is handler.DefaultMaxBodyBytes, far
		// above the table's, so the 413 rows need one in front.
		mw := httpadapter.Middleware(adaptertest.NewVerifier(t))
		return bodyLimit(mw(route(t, c.Body)), adaptertest.MaxBody)
	}
	adaptertest.RunMiddlewareStatuses(t, "error", mount)
}

func TestHandlerConcurrentDeliveries(t *testing.T) {
	t.Parallel()
	h, err := handler.New(adaptertest.Secret, handler.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
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
		body := adaptertest.Payload(t, types[i%len(types)])
		req, err := webhookstest.NewRequest(adaptertest.Secret, srv.URL+"/webhooks", body)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = req.Header.Get("svix-id")
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

func TestMiddlewarePassesEventAndDelivery(t *testing.T) {
	t.Parallel()
	body := adaptertest.Payload(t, events.TypeSampleCreated)
	var gotType events.Type
	var gotID string
	var gotBody []byte
	route := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ev, ok := httpadapter.Event(r)
		if !ok {
			t.Error("route got no event")
			return
		}
		d, _ := handler.DeliveryFromContext(r.Context())
		gotType, gotID = ev.EventType(), d.ID
		gotBody, _ = io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
	})
	req := adaptertest.Signed(t, "svix", body, adaptertest.Now)
	rec := httptest.NewRecorder()
	httpadapter.Middleware(adaptertest.NewVerifier(t))(route).ServeHTTP(rec, req)

	if rec.Code != http.StatusAccepted {
		t.Errorf("status = %d, want the route's 202", rec.Code)
	}
	if gotType != events.TypeSampleCreated || gotID != req.Header.Get("svix-id") {
		t.Errorf("route saw type %q, delivery %q", gotType, gotID)
	}
	if !bytes.Equal(gotBody, body) {
		t.Errorf("route read body %q, want the one sent", gotBody)
	}
}

func TestEventWithoutMiddleware(t *testing.T) {
	t.Parallel()
	if _, ok := httpadapter.Event(httptest.NewRequest(http.MethodPost, "/", nil)); ok {
		t.Error("Event found an event in a request that did not pass the middleware")
	}
}

func TestNilArgumentsPanicAtSetup(t *testing.T) {
	t.Parallel()
	for name, setup := range map[string]func(){
		"Handler":    func() { httpadapter.Handler(nil) },
		"Middleware": func() { httpadapter.Middleware(nil) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if recover() == nil {
					t.Errorf("%s(nil) did not panic", name)
				}
			}()
			setup()
		})
	}
}

func TestHandlerRunsTypedCallbackWithDelivery(t *testing.T) {
	t.Parallel()
	adaptertest.RunTypedCallback(t, func(h *handler.Handler) http.Handler {
		mux := http.NewServeMux()
		mux.Handle("POST /webhooks", httpadapter.Handler(h))
		return mux
	})
}
