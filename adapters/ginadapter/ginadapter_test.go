package ginadapter_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"

	"github.com/segments-webhooks/webhooks/adapters/ginadapter"
	"github.com/segments-webhooks/webhooks/adapters/internal/adaptertest"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	// The middleware logs refusals through the default logger.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

func serve(r *gin.Engine, req *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	return rec.Result()
}

// route is what an application mounts behind the middleware: it checks
// that the event, the delivery and the raw body reach it.
func route(t *testing.T, wantBody []byte) gin.HandlerFunc {
	return func(c *gin.Context) {
		ev, ok := ginadapter.Event(c)
		if !ok {
			t.Error("route got no event")
			c.Status(http.StatusTeapot)
			return
		}
		if d, ok := handler.DeliveryFromContext(c.Request.Context()); !ok || d.ID == "" {
			t.Errorf("route got delivery %+v, %v", d, ok)
		}
		body, err := io.ReadAll(c.Request.Body)
		if err != nil || !bytes.Equal(body, wantBody) {
			t.Errorf("route read body %q (%v), want the one sent", body, err)
		}
		c.JSON(http.StatusOK, gin.H{"ok": true, "type": ev.EventType()})
	}
}

// bodyLimit is the usual Gin body limit: an http.MaxBytesReader.
func bodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

func TestHandlerStatuses(t *testing.T) {
	t.Parallel()
	adaptertest.RunHandlerStatuses(t, func(t *testing.T, c adaptertest.Case) http.Handler {
		r := gin.New()
		r.Any("/webhooks", ginadapter.Handler(c.Handler(t)))
		return r
	})
}

func TestHandlerRunsTypedCallbackWithDelivery(t *testing.T) {
	t.Parallel()
	adaptertest.RunTypedCallback(t, func(h *handler.Handler) http.Handler {
		r := gin.New()
		r.POST("/webhooks", ginadapter.Handler(h))
		return r
	})
}

func TestMiddlewareStatuses(t *testing.T) {
	t.Parallel()
	mount := func(t *testing.T, c adaptertest.Case) http.Handler {
		r := gin.New()
		r.Use(bodyLimit(adaptertest.MaxBody))
		r.Any("/webhooks", ginadapter.Middleware(adaptertest.NewVerifier(t)), route(t, c.Body))
		return r
	}
	adaptertest.RunMiddlewareStatuses(t, "error", mount)
}

func TestMiddlewareRecordsTheCause(t *testing.T) {
	t.Parallel()
	body := adaptertest.Payload(t, events.TypeSampleCreated)
	tests := []struct {
		name   string
		mutate func(*http.Request)
		cause  error
	}{
		{"nok, GET", func(r *http.Request) { r.Method = http.MethodGet }, handler.ErrMethodNotAllowed},
		{"nok, no signing headers", func(r *http.Request) { r.Header.Del("svix-id") }, verify.ErrMissingHeaders},
		{"nok, wrong signature", func(r *http.Request) { r.Header.Set("svix-signature", "v1,AAAA") },
			verify.ErrNoMatchingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got error
			r := gin.New()
			r.Use(func(c *gin.Context) {
				c.Next()
				if last := c.Errors.Last(); last != nil {
					got = last.Err
				}
			})
			r.Any("/webhooks", ginadapter.Middleware(adaptertest.NewVerifier(t)), route(t, body))
			req := adaptertest.Signed(t, "svix", body, adaptertest.Now)
			tt.mutate(req)
			serve(r, req)

			if !errors.Is(got, tt.cause) {
				t.Errorf("gin recorded %v, want %v", got, tt.cause)
			}
		})
	}
}

func TestEventWithoutMiddleware(t *testing.T) {
	t.Parallel()
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	if _, ok := ginadapter.Event(c); ok {
		t.Error("Event found an event in a context the middleware never saw")
	}
	c.Set(ginadapter.EventKey, "not an event")
	if _, ok := ginadapter.Event(c); ok {
		t.Error("Event accepted a value that is not an event")
	}
}

// forms mounts each form of the adapter at /webhooks; the handler has
// no callbacks, the route behind the middleware expects body.
var forms = []struct {
	name  string
	mount func(t *testing.T, r *gin.Engine, body []byte)
}{
	{"handler", func(t *testing.T, r *gin.Engine, _ []byte) {
		r.POST("/webhooks", ginadapter.Handler(adaptertest.NewHandler(t)))
	}},
	{"middleware", func(t *testing.T, r *gin.Engine, body []byte) {
		r.POST("/webhooks", ginadapter.Middleware(adaptertest.NewVerifier(t)), route(t, body))
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
		{"ok, under the limit", small, false, http.StatusOK},
		{"nok, over the limit with its length declared", large, false, http.StatusRequestEntityTooLarge},
		{"nok, over the limit without a declared length", large, true, http.StatusRequestEntityTooLarge},
	}
	for _, form := range forms {
		for _, tt := range tests {
			t.Run(form.name+", "+tt.name, func(t *testing.T) {
				t.Parallel()
				r := gin.New()
				r.Use(bodyLimit(1024))
				form.mount(t, r, tt.body)
				req := adaptertest.Signed(t, "svix", tt.body, adaptertest.Now)
				if tt.unsized {
					adaptertest.Unsized(req)
				}

				resp := serve(r, req)
				body := adaptertest.ReadAll(t, resp)
				if resp.StatusCode != tt.status {
					t.Errorf("status = %d, want %d; body %s", resp.StatusCode, tt.status, body)
				}
				tooLarge := tt.status == http.StatusRequestEntityTooLarge
				if tooLarge && !bytes.Contains(body, []byte("limit is 1024 bytes")) {
					t.Errorf("answer %s does not name the limit", body)
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
					r := gin.New()
					r.Use(gzip.Gzip(gzip.DefaultCompression), bodyLimit(adaptertest.MaxBody))
					if form == "handler" {
						r.Any("/webhooks", ginadapter.Handler(tt.Handler(t)))
					} else {
						r.Any("/webhooks", ginadapter.Middleware(adaptertest.NewVerifier(t)), route(t, tt.Body))
					}
					req := tt.Request(t)
					req.Header.Set("Accept-Encoding", "gzip")

					resp := serve(r, req)
					adaptertest.Check(t, tt, resp)
					// gin-contrib/gzip leaves error answers uncompressed.
					if tt.Status < 300 && resp.Header.Get("Content-Encoding") != "gzip" {
						t.Error("answer was not compressed, so gzip went untested")
					}
				})
			}
		}
	}
}
