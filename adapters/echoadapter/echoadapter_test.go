package echoadapter_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/segments-webhooks/webhooks/adapters/echoadapter"
	"github.com/segments-webhooks/webhooks/adapters/internal/adaptertest"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
)

func serve(e *echo.Echo, req *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec.Result()
}

// route is what an application mounts behind the middleware: it checks
// that the event, the delivery and the raw body reach it.
func route(t *testing.T, wantBody []byte) echo.HandlerFunc {
	return func(c echo.Context) error {
		ev, ok := echoadapter.Event(c)
		if !ok {
			t.Error("route got no event")
			return c.NoContent(http.StatusTeapot)
		}
		if d, ok := handler.DeliveryFromContext(c.Request().Context()); !ok || d.ID == "" {
			t.Errorf("route got delivery %+v, %v", d, ok)
		}
		body, err := io.ReadAll(c.Request().Body)
		if err != nil || !bytes.Equal(body, wantBody) {
			t.Errorf("route read body %q (%v), want the one sent", body, err)
		}
		return c.JSON(http.StatusOK, map[string]any{"ok": true, "type": ev.EventType()})
	}
}

func newMiddleware(t *testing.T) echo.MiddlewareFunc {
	return echoadapter.MiddlewareWithConfig(echoadapter.MiddlewareConfig{
		Verifier:     adaptertest.NewVerifier(t),
		MaxBodyBytes: adaptertest.MaxBody,
		Logger:       slog.New(slog.DiscardHandler),
	})
}

func TestHandlerStatuses(t *testing.T) {
	t.Parallel()
	adaptertest.RunHandlerStatuses(t, func(t *testing.T, c adaptertest.Case) http.Handler {
		e := echo.New()
		e.Any("/webhooks", echoadapter.Handler(c.Handler(t)))
		return e
	})
}

func TestHandlerRunsTypedCallbackWithDelivery(t *testing.T) {
	t.Parallel()
	adaptertest.RunTypedCallback(t, func(h *handler.Handler) http.Handler {
		e := echo.New()
		e.POST("/webhooks", echoadapter.Handler(h))
		return e
	})
}

func TestMiddlewareStatuses(t *testing.T) {
	t.Parallel()
	mount := func(t *testing.T, c adaptertest.Case) http.Handler {
		e := echo.New()
		e.Any("/webhooks", route(t, c.Body), newMiddleware(t))
		return e
	}
	// Echo writes the errors the middleware returns as {"message": …}.
	adaptertest.RunMiddlewareStatuses(t, "message", mount)
}

func TestMiddlewareReturnsHTTPError(t *testing.T) {
	t.Parallel()
	body := adaptertest.Payload(t, events.TypeSampleCreated)
	tests := []struct {
		name   string
		mutate func(*http.Request)
		status int
		cause  error
	}{
		{"nok, GET", func(r *http.Request) { r.Method = http.MethodGet }, 405, handler.ErrMethodNotAllowed},
		{"nok, no signing headers", func(r *http.Request) { r.Header.Del("svix-id") }, 400, verify.ErrMissingHeaders},
		{"nok, wrong signature", func(r *http.Request) { r.Header.Set("svix-signature", "v1,AAAA") }, 401,
			verify.ErrNoMatchingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := echo.New()
			var got error
			e.HTTPErrorHandler = func(err error, c echo.Context) {
				got = err
				e.DefaultHTTPErrorHandler(err, c)
			}
			e.Any("/webhooks", route(t, body), newMiddleware(t))
			req := adaptertest.Signed(t, "svix", body, adaptertest.Now)
			tt.mutate(req)
			serve(e, req)

			var he *echo.HTTPError
			if !errors.As(got, &he) {
				t.Fatalf("error %v is not an *echo.HTTPError", got)
			}
			want := handler.ResponseFor(he.Internal)
			if he.Code != tt.status || he.Message != want.Message || !errors.Is(he.Internal, tt.cause) {
				t.Errorf("got code %d, message %q, cause %v; want %d, %q, %v",
					he.Code, he.Message, he.Internal, tt.status, want.Message, tt.cause)
			}
		})
	}
}

func TestMiddlewareSkipper(t *testing.T) {
	t.Parallel()
	mw := echoadapter.MiddlewareWithConfig(echoadapter.MiddlewareConfig{
		Verifier: adaptertest.NewVerifier(t),
		Skipper:  func(c echo.Context) bool { return c.Request().Header.Get("X-Internal") != "" },
	})
	e := echo.New()
	e.POST("/webhooks", func(c echo.Context) error {
		if _, ok := echoadapter.Event(c); ok {
			t.Error("skipped request has an event")
		}
		return c.NoContent(http.StatusNoContent)
	}, mw)
	req := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader("{}"))
	req.Header.Set("X-Internal", "yes")

	if resp := serve(e, req); resp.StatusCode != http.StatusNoContent {
		t.Errorf("skipped request answered %d, want 204", resp.StatusCode)
	}
}

func TestMiddlewareConfigErrors(t *testing.T) {
	t.Parallel()
	v := adaptertest.NewVerifier(t)
	for _, tt := range []struct {
		name   string
		config echoadapter.MiddlewareConfig
	}{
		{"nok, no verifier", echoadapter.MiddlewareConfig{}},
		{"nok, negative body limit", echoadapter.MiddlewareConfig{Verifier: v, MaxBodyBytes: -1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := tt.config.ToMiddleware(); err == nil {
				t.Error("ToMiddleware accepted the config")
			}
			defer func() {
				if recover() == nil {
					t.Error("MiddlewareWithConfig did not panic")
				}
			}()
			echoadapter.MiddlewareWithConfig(tt.config)
		})
	}
}

func TestEventWithoutMiddleware(t *testing.T) {
	t.Parallel()
	c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, "/", nil), httptest.NewRecorder())
	if _, ok := echoadapter.Event(c); ok {
		t.Error("Event found an event in a context the middleware never saw")
	}
}

// forms mounts each form of the adapter at /webhooks; the handler has
// no callbacks, the route behind the middleware expects body.
var forms = []struct {
	name  string
	mount func(t *testing.T, e *echo.Echo, body []byte)
}{
	{"handler", func(t *testing.T, e *echo.Echo, _ []byte) {
		e.POST("/webhooks", echoadapter.Handler(adaptertest.NewHandler(t)))
	}},
	{"middleware", func(t *testing.T, e *echo.Echo, body []byte) {
		e.POST("/webhooks", route(t, body), newMiddleware(t))
	}},
}

func TestBehindBodyLimit(t *testing.T) {
	t.Parallel()
	small := adaptertest.Payload(t, events.TypeSampleCreated)
	large := append(bytes.Repeat([]byte(" "), 2048), small...)
	tests := []struct {
		name    string
		body    []byte
		unsized bool
		status  int
	}{
		{"ok, under Echo's limit", small, false, http.StatusOK},
		{"nok, over Echo's limit with its length declared", large, false, http.StatusRequestEntityTooLarge},
		{"nok, over Echo's limit without a declared length", large, true, http.StatusRequestEntityTooLarge},
	}
	for _, form := range forms {
		for _, tt := range tests {
			t.Run(form.name+", "+tt.name, func(t *testing.T) {
				t.Parallel()
				e := echo.New()
				e.Use(middleware.BodyLimit("1K"))
				form.mount(t, e, tt.body)
				req := adaptertest.Signed(t, "svix", tt.body, adaptertest.Now)
				if tt.unsized {
					adaptertest.Unsized(req)
				}

				resp := serve(e, req)
				body := adaptertest.ReadAll(t, resp)
				if resp.StatusCode != tt.status {
					t.Errorf("status = %d, want %d; body %s", resp.StatusCode, tt.status, body)
				}
				if tt.unsized && !bytes.Contains(body, []byte("limit is 1000 bytes")) {
					t.Errorf("answer %s does not name Echo's limit", body)
				}
			})
		}
	}
}

func TestBehindGzip(t *testing.T) {
	t.Parallel()
	for _, family := range adaptertest.Families {
		for _, tt := range adaptertest.Cases(t, family) {
			for _, form := range []string{"handler", "middleware"} {
				if form == "middleware" && tt.HandlerOnly {
					continue
				}
				t.Run(form+", "+family+" headers, "+tt.Name, func(t *testing.T) {
					t.Parallel()
					e := echo.New()
					e.Use(middleware.Gzip())
					if form == "handler" {
						e.Any("/webhooks", echoadapter.Handler(tt.Handler(t)))
					} else {
						e.Any("/webhooks", route(t, tt.Body), newMiddleware(t))
					}
					req := tt.Request(t)
					req.Header.Set("Accept-Encoding", "gzip")

					resp := serve(e, req)
					adaptertest.Check(t, tt, resp)
					// Echo's Gzip leaves the answers of returned errors
					// uncompressed, so only the handler's always are.
					if (form == "handler" || tt.Status < 300) && resp.Header.Get("Content-Encoding") != "gzip" {
						t.Error("answer was not compressed, so gzip went untested")
					}
				})
			}
		}
	}
}
