// Package adaptertest holds the status table that every adapter is
// tested against, so that net/http, Echo and Gin are held to the same
// rows.
package adaptertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// Secret is the signing secret of every request the cases build.
const Secret = "whsec_c2VnbWVudHMtd2ViaG9vay10ZXN0LXNlY3JldC0wMQ=="

// MaxBody is the body limit the adapter under test must enforce for the
// rows that expect 413.
const MaxBody = 4096

// Now is the clock of [NewHandler] and [NewVerifier], and the time the
// cases sign at unless a row says otherwise.
var Now = time.Date(2026, 11, 30, 9, 15, 2, 0, time.UTC)

// Families are the two header families a delivery may be signed with.
var Families = []string{"svix", "webhook"}

// A Case is one row of the status table.
type Case struct {
	// Name says what the row is about, as a sentence.
	Name string

	// Body is what the request carries, and what a route behind a
	// middleware must read again.
	Body []byte

	// Setup registers callbacks on the handler, for the Handler form.
	Setup func(h *handler.Handler)

	// HandlerOnly marks rows about callbacks, which a middleware never
	// runs.
	HandlerOnly bool

	// Status is the status the adapter must answer.
	Status int

	// Abort reports whether the answer must ask the sender to stop
	// retrying.
	Abort bool

	request func(t testing.TB) *http.Request
}

// Request returns a new request for the row, to be sent to /webhooks.
func (c Case) Request(t testing.TB) *http.Request {
	t.Helper()
	return c.request(t)
}

// Cases returns the rows of the status table, with requests signed with
// the header family ("svix" or "webhook").
func Cases(t testing.TB, family string) []Case {
	t.Helper()
	body := Payload(t, events.TypeSampleCreated)
	unknown := []byte(`{"event_type":"sample.archived","dataset":"acme/x","object":{"uuid":"1"}}`)
	notEvent := []byte(`["sample.created"]`)
	large := append(bytes.Repeat([]byte(" "), MaxBody), body...)
	failing := func(err error) func(*handler.Handler) {
		return func(h *handler.Handler) {
			h.OnSampleCreated(func(context.Context, *events.SampleCreated) error { return err })
		}
	}
	sign := func(body []byte, mutate func(*http.Request)) func(testing.TB) *http.Request {
		return func(t testing.TB) *http.Request {
			req := Signed(t, family, body, Now)
			if mutate != nil {
				mutate(req)
			}
			return req
		}
	}
	resign := func(at time.Time, secret string) func(*http.Request) {
		return func(req *http.Request) {
			h, err := webhookstest.Header(secret, "msg_resigned", at, body)
			if err != nil {
				t.Fatal(err)
			}
			setFamily(req.Header, family, h)
		}
	}
	cases := []Case{
		{
			Name: "ok, verified and handled",
			Body: body,
			Setup: func(h *handler.Handler) {
				h.OnEvent(func(context.Context, events.Event) error { return nil })
			},
			Status: http.StatusOK,
		},
		{
			Name: "ok, no callback registered for the type", Body: body,
			HandlerOnly: true, Status: http.StatusOK,
		},
		{Name: "ok, event type this version does not know", Body: unknown, Status: http.StatusOK},
		{
			Name: "nok, GET is not allowed", Body: body, Status: http.StatusMethodNotAllowed,
			request: sign(body, func(r *http.Request) { r.Method = http.MethodGet }),
		},
		{
			Name: "nok, body over the limit with its length declared", Body: large,
			Status: http.StatusRequestEntityTooLarge,
		},
		{
			Name: "nok, body over the limit without a declared length", Body: large,
			Status:  http.StatusRequestEntityTooLarge,
			request: sign(large, Unsized),
		},
		{
			Name: "nok, signing headers missing", Body: body, Status: http.StatusBadRequest,
			request: sign(body, func(r *http.Request) {
				r.Header = http.Header{"Content-Type": {"application/json"}}
			}),
		},
		{
			Name: "nok, signature header missing", Body: body, Status: http.StatusBadRequest,
			request: sign(body, func(r *http.Request) { r.Header.Del(family + "-signature") }),
		},
		{
			Name: "nok, timestamp header not a number", Body: body, Status: http.StatusBadRequest,
			request: sign(body, func(r *http.Request) { r.Header.Set(family+"-timestamp", "yesterday") }),
		},
		{
			Name: "nok, signature of another body", Body: body, Status: http.StatusUnauthorized,
			request: sign(bytes.Replace(body, []byte("jpg"), []byte("png"), 1), func(r *http.Request) {
				r.Body = io.NopCloser(bytes.NewReader(body))
			}),
		},
		{
			Name: "nok, signed with another secret", Body: body, Status: http.StatusUnauthorized,
			request: sign(body, resign(Now, webhookstest.NewSecret())),
		},
		{
			Name: "nok, timestamp ten minutes old", Body: body, Status: http.StatusUnauthorized,
			request: sign(body, resign(Now.Add(-10*time.Minute), Secret)),
		},
		{
			Name: "nok, timestamp ten minutes ahead", Body: body, Status: http.StatusUnauthorized,
			request: sign(body, resign(Now.Add(10*time.Minute), Secret)),
		},
		{Name: "nok, signed but not an event", Body: notEvent, Status: http.StatusBadRequest},
		{
			Name: "nok, callback returned an error", Body: body, HandlerOnly: true,
			Setup:  failing(errors.New("database down")),
			Status: http.StatusInternalServerError,
		},
		{
			Name: "nok, callback panicked", Body: body, HandlerOnly: true,
			Setup: func(h *handler.Handler) {
				h.OnSampleCreated(func(context.Context, *events.SampleCreated) error { panic("nil map") })
			},
			Status: http.StatusInternalServerError,
		},
		{
			Name: "nok, callback asked to stop retries", Body: body, HandlerOnly: true,
			Setup:  failing(fmt.Errorf("dataset not served here: %w", handler.ErrStopRetrying)),
			Status: http.StatusUnprocessableEntity, Abort: true,
		},
	}
	for i, c := range cases {
		if c.request == nil {
			cases[i].request = sign(c.Body, nil)
		}
	}
	return cases
}

// Handler returns a handler from [NewHandler] with the row's callbacks
// registered.
func (c Case) Handler(t testing.TB) *handler.Handler {
	t.Helper()
	h := NewHandler(t)
	if c.Setup != nil {
		c.Setup(h)
	}
	return h
}

// RunHandlerStatuses runs every row of the table, for both header
// families, as parallel subtests. mount returns the adapter's handler
// form around c.Handler(t), mounted at /webhooks. Each answer must pass
// [Check] and be {"ok": true} on success, or carry an "error" member
// otherwise.
func RunHandlerStatuses(t *testing.T, mount func(t *testing.T, c Case) http.Handler) {
	t.Helper()
	runStatuses(t, false, "error", mount)
}

// RunTypedCallback checks that the adapter's handler form, as mount
// builds it around h at /webhooks, runs a typed callback for a signed
// sample.created with the delivery in its context.
func RunTypedCallback(t *testing.T, mount func(h *handler.Handler) http.Handler) {
	t.Helper()
	h := NewHandler(t)
	var got string
	h.OnSampleCreated(func(ctx context.Context, e *events.SampleCreated) error {
		d, _ := handler.DeliveryFromContext(ctx)
		got = d.ID + " " + e.Sample.Name
		return nil
	})
	req := Signed(t, "svix", Payload(t, events.TypeSampleCreated), Now)

	rec := httptest.NewRecorder()
	mount(h).ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d", rec.Code)
	}
	if want := req.Header.Get("svix-id") + " frame_000123.jpg"; got != want {
		t.Errorf("callback saw %q, want %q", got, want)
	}
}

// RunMiddlewareStatuses runs the rows that need no callbacks, for both
// header families, as parallel subtests. mount returns the adapter's
// middleware, limited to [MaxBody], in front of a route that finds the
// event and the delivery, reads c.Body again and answers {"ok": true},
// mounted at /webhooks. Each answer must pass [Check], and a refusal
// must carry the member errorKey: "error" as the handler writes it, or
// the name the framework gives its own error answers.
func RunMiddlewareStatuses(
	t *testing.T, errorKey string, mount func(t *testing.T, c Case) http.Handler,
) {
	t.Helper()
	runStatuses(t, true, errorKey, mount)
}

func runStatuses(
	t *testing.T, middleware bool, errorKey string, mount func(*testing.T, Case) http.Handler,
) {
	t.Helper()
	for _, family := range Families {
		t.Run(family+" headers", func(t *testing.T) {
			t.Parallel()
			for _, c := range Cases(t, family) {
				if middleware && c.HandlerOnly {
					continue
				}
				t.Run(c.Name, func(t *testing.T) {
					t.Parallel()
					rec := httptest.NewRecorder()
					mount(t, c).ServeHTTP(rec, c.Request(t))

					got := Check(t, c, rec.Result())
					if c.Status < 300 && got["ok"] != true {
						t.Errorf("answer %v to a success has no \"ok\": true", got)
					}
					if c.Status >= 300 && got[errorKey] == nil {
						t.Errorf("answer %v to a refusal has no %q", got, errorKey)
					}
				})
			}
		})
	}
}

// Payload returns the example body of type typ.
func Payload(t testing.TB, typ events.Type) []byte {
	t.Helper()
	b, err := webhookstest.Payload(typ)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Signed returns a POST to /webhooks that carries body, signed with
// [Secret] at time at, with headers of the family ("svix" or "webhook").
func Signed(t testing.TB, family string, body []byte, at time.Time) *http.Request {
	t.Helper()
	h, err := webhookstest.Header(Secret, webhookstest.NewMessageID(), at, body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	setFamily(req.Header, family, h)
	return req
}

// setFamily copies the svix-* headers of signed into dst under the
// names of family, replacing any signing headers dst had.
func setFamily(dst http.Header, family string, signed http.Header) {
	for _, k := range []string{"id", "timestamp", "signature"} {
		dst.Del("svix-" + k)
		dst.Del("webhook-" + k)
		dst.Set(family+"-"+k, signed.Get("svix-"+k))
	}
}

// Unsized makes req's body of unknown length, as a chunked upload is.
func Unsized(req *http.Request) {
	req.ContentLength = -1
	req.Body = io.NopCloser(io.MultiReader(req.Body))
}

// NewHandler returns a handler with the clock at [Now], the body limit
// [MaxBody] and a logger that discards.
func NewHandler(t testing.TB) *handler.Handler {
	t.Helper()
	h, err := handler.New(Secret,
		handler.WithClock(func() time.Time { return Now }),
		handler.WithMaxBodyBytes(MaxBody),
		handler.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// NewVerifier returns a verifier for [Secret] with the clock at [Now].
func NewVerifier(t testing.TB) *verify.Verifier {
	t.Helper()
	v, err := verify.New(Secret, verify.WithClock(func() time.Time { return Now }))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Check compares an answer with the row: status, the abort header, the
// Allow header of a 405, and a JSON object for a body that never reveals
// the secret. It returns the decoded body, gunzipped when the answer was
// compressed.
func Check(t testing.TB, c Case, resp *http.Response) map[string]any {
	t.Helper()
	body := ReadAll(t, resp)
	if resp.StatusCode != c.Status {
		t.Errorf("status = %d, want %d; body %s", resp.StatusCode, c.Status, body)
	}
	if got := resp.Header.Get("webhook-delivery") == "abort-message"; got != c.Abort {
		t.Errorf("abort header set = %v, want %v", got, c.Abort)
	}
	if c.Status == http.StatusMethodNotAllowed && resp.Header.Get("Allow") != http.MethodPost {
		t.Errorf("Allow = %q, want POST", resp.Header.Get("Allow"))
	}
	if strings.Contains(string(body), Secret[len("whsec_"):]) {
		t.Errorf("answer reveals the secret: %s", body)
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Errorf("answer %q is not a JSON object: %v", body, err)
	}
	return got
}

// ReadAll reads the body of resp, gunzipped when its Content-Encoding
// says gzip.
func ReadAll(t testing.TB, resp *http.Response) []byte {
	t.Helper()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatalf("answer claims gzip but is not: %v", err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	return b
}
