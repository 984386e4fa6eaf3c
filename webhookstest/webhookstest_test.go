package webhookstest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func TestEveryEventTypeHasAPayloadThatParses(t *testing.T) {
	t.Parallel()
	if got, want := webhookstest.PayloadTypes(), events.Types(); !slices.Equal(got, want) {
		t.Fatalf("PayloadTypes = %v, want %v", got, want)
	}
	for _, typ := range events.Types() {
		body, err := webhookstest.Payload(typ)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := events.Parse(body)
		if err != nil {
			t.Errorf("%s: %v", typ, err)
			continue
		}
		if ev.EventType() != typ || ev.EventEnvelope().DatasetName == "" || ev.EventEnvelope().Text == "" {
			t.Errorf("%s: decoded as %s with envelope %+v", typ, ev.EventType(), ev.EventEnvelope())
		}
	}
	if _, err := webhookstest.Payload("dataset.archived"); err == nil {
		t.Error("Payload of an unknown type gave no error")
	}
}

func TestPayloadIsCompact(t *testing.T) {
	t.Parallel()
	for _, typ := range webhookstest.PayloadTypes() {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			body, err := webhookstest.Payload(typ)
			if err != nil {
				t.Fatal(err)
			}
			var compact bytes.Buffer
			if err := json.Compact(&compact, body); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, compact.Bytes()) {
				t.Errorf("payload is not compact JSON without a trailing newline:\n%s", body)
			}

			body[0] = 'x'
			again, err := webhookstest.Payload(typ)
			if err != nil {
				t.Fatal(err)
			}
			if again[0] != '{' {
				t.Error("changing a returned payload changed the next one")
			}
		})
	}
}

func TestNewRequestVerifies(t *testing.T) {
	t.Parallel()
	secret := webhookstest.NewSecret()
	if !strings.HasPrefix(secret, "whsec_") || secret == webhookstest.NewSecret() {
		t.Fatalf("NewSecret = %q: not a fresh whsec_ secret", secret)
	}
	req, err := webhookstest.NewRequest(secret, "/webhooks", []byte(`{"event_type":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(req.Body)
	v, err := verify.New(secret)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := v.VerifyHeaders(body, req.Header)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hs.ID, "msg_") || time.Since(hs.Timestamp) > time.Minute || hs.Family != "svix" {
		t.Errorf("headers %+v", hs)
	}
	if _, err := webhookstest.NewRequest("", "/", nil); err == nil {
		t.Error("NewRequest with an empty secret gave no error")
	}
}

func TestNewRequestOptions(t *testing.T) {
	t.Parallel()
	stale := time.Unix(1796030102, 0)
	tests := []struct {
		name   string
		opts   []webhookstest.Option
		family string
		at     time.Time // zero for about now
	}{
		{"ok, svix headers at the current time by default", nil, "svix", time.Time{}},
		{"ok, webhook headers",
			[]webhookstest.Option{webhookstest.WithWebhookHeaders()}, "webhook", time.Time{}},
		{"ok, a chosen timestamp",
			[]webhookstest.Option{webhookstest.WithTimestamp(stale)}, "svix", stale},
		{"ok, both, in either order",
			[]webhookstest.Option{webhookstest.WithTimestamp(stale), webhookstest.WithWebhookHeaders()},
			"webhook", stale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			secret := webhookstest.NewSecret()
			body := []byte(`{"event_type":"sample.created"}`)
			req, err := webhookstest.NewRequest(secret, "/webhooks", body, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			at := tt.at
			if at.IsZero() {
				at = time.Now()
			}
			v, err := verify.New(secret, verify.WithClock(func() time.Time { return at }))
			if err != nil {
				t.Fatal(err)
			}
			hs, err := v.VerifyHeaders(body, req.Header)
			if err != nil {
				t.Fatal(err)
			}
			if hs.Family != tt.family {
				t.Errorf("header family %q, want %q", hs.Family, tt.family)
			}
			if d := hs.Timestamp.Sub(at); d < -time.Minute || d > time.Minute {
				t.Errorf("timestamp %v, want about %v", hs.Timestamp, at)
			}
			other := "webhook"
			if tt.family == other {
				other = "svix"
			}
			for _, suffix := range []string{"-id", "-timestamp", "-signature"} {
				if req.Header.Get(other+suffix) != "" {
					t.Errorf("request also has a %s%s header", other, suffix)
				}
			}
		})
	}
}

func Example() {
	secret := webhookstest.NewSecret()
	h, err := handler.New(secret)
	if err != nil {
		fmt.Println(err)
		return
	}
	h.OnLabelUpdated(func(_ context.Context, e *events.LabelUpdated) error {
		fmt.Println("label of", e.Label.SampleUUID, "is", e.Label.LabelStatus)
		return nil
	})

	body, err := webhookstest.Payload(events.TypeLabelUpdated)
	if err != nil {
		fmt.Println(err)
		return
	}
	req, err := webhookstest.NewRequest(secret, "/webhooks", body)
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := httptest.NewRecorder()
	httpadapter.Handler(h).ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// label of 7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17 is REVIEWED
	// 200
}

func ExampleWithTimestamp() {
	secret := webhookstest.NewSecret()
	h, err := handler.New(secret)
	if err != nil {
		fmt.Println(err)
		return
	}
	body, err := webhookstest.Payload(events.TypeSampleCreated)
	if err != nil {
		fmt.Println(err)
		return
	}

	// Signed ten minutes ago: older than the handler's five-minute tolerance.
	tenMinutesAgo := time.Now().Add(-10 * time.Minute)
	req, err := webhookstest.NewRequest(secret, "/webhooks", body,
		webhookstest.WithTimestamp(tenMinutesAgo), webhookstest.WithWebhookHeaders())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Header.Get("webhook-timestamp") == strconv.FormatInt(tenMinutesAgo.Unix(), 10))

	rec := httptest.NewRecorder()
	httpadapter.Handler(h).ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// true
	// 401
}
