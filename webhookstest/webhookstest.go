// Package webhookstest helps test code that receives Segments.ai
// webhooks, in the spirit of net/http/httptest: it signs requests the way
// Svix does, makes secrets, and ships one realistic example delivery per
// event type.
//
//	secret := webhookstest.NewSecret()
//	h, _ := handler.New(secret)
//	body, _ := webhookstest.Payload(events.TypeSampleCreated)
//	req, _ := webhookstest.NewRequest(secret, "/webhooks", body)
//	rec := httptest.NewRecorder()
//	httpadapter.Handler(h).ServeHTTP(rec, req)
package webhookstest

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/verify"
)

//go:embed testdata/events/*.json
var payloads embed.FS

// Payload returns the example delivery body for event type t: an
// invented but realistic envelope, as Segments.ai would send it, in
// compact JSON without a trailing newline, as Svix sends it. Each call
// returns a new slice. It returns an error for a type without an
// example.
func Payload(t events.Type) ([]byte, error) {
	b, err := payloads.ReadFile("testdata/events/" + string(t) + ".json")
	if err != nil {
		return nil, fmt.Errorf("webhookstest: no example payload for %q", t)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, b); err != nil {
		return nil, fmt.Errorf("webhookstest: example payload for %q: %w", t, err)
	}
	return compact.Bytes(), nil
}

// PayloadTypes returns the event types that have an example payload.
func PayloadTypes() []events.Type {
	names, _ := fs.Glob(payloads, "testdata/events/*.json")
	types := make([]events.Type, 0, len(names))
	for _, n := range names {
		n = n[len("testdata/events/") : len(n)-len(".json")]
		types = append(types, events.Type(n))
	}
	return types
}

// NewSecret returns a new random signing secret in Svix's format:
// "whsec_" and 24 random bytes in base64.
func NewSecret() string {
	key := make([]byte, 24)
	rand.Read(key)
	return "whsec_" + base64.StdEncoding.EncodeToString(key)
}

// NewMessageID returns a new random message id of the form "msg_…".
func NewMessageID() string {
	b := make([]byte, 15)
	rand.Read(b)
	return "msg_" + base64.RawURLEncoding.EncodeToString(b)
}

// Header returns the svix-id, svix-timestamp and svix-signature headers
// that sign body for secret, as Svix sends them.
func Header(secret, msgID string, timestamp time.Time, body []byte) (http.Header, error) {
	return header(svixNames, secret, msgID, timestamp, body)
}

// The names of the id, timestamp and signature headers of each family.
var (
	svixNames = [3]string{
		verify.HeaderSvixID, verify.HeaderSvixTimestamp, verify.HeaderSvixSignature,
	}
	webhookNames = [3]string{
		verify.HeaderWebhookID, verify.HeaderWebhookTimestamp, verify.HeaderWebhookSignature,
	}
)

// header returns the headers called names that sign body for secret.
func header(names [3]string, secret, msgID string, timestamp time.Time, body []byte) (http.Header, error) {
	sig, err := verify.Sign(secret, msgID, timestamp, body)
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	h.Set(names[0], msgID)
	h.Set(names[1], strconv.FormatInt(timestamp.Unix(), 10))
	h.Set(names[2], sig)
	return h, nil
}

// An Option changes how [NewRequest] signs a request.
type Option func(*options)

type options struct {
	names     [3]string
	timestamp time.Time
}

// WithTimestamp signs the request at t instead of the current time, for
// example to test that a receiver refuses a stale delivery.
func WithTimestamp(t time.Time) Option {
	return func(o *options) { o.timestamp = t }
}

// WithWebhookHeaders signs the request with the webhook-id,
// webhook-timestamp and webhook-signature headers of Standard Webhooks
// instead of the svix-* headers.
func WithWebhookHeaders() Option {
	return func(o *options) { o.names = webhookNames }
}

// NewRequest returns a POST request to target that carries body, signed
// for secret with a new message id, and a JSON content type. By default
// it is signed at the current time with svix-* headers, as Svix sends
// deliveries; opts change that. Like httptest.NewRequest, target may be
// a path alone, for handlers called directly.
func NewRequest(secret, target string, body []byte, opts ...Option) (*http.Request, error) {
	o := options{names: svixNames, timestamp: time.Now()}
	for _, opt := range opts {
		opt(&o)
	}
	h, err := header(o.names, secret, NewMessageID(), o.timestamp, body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("webhookstest: %w", err)
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
