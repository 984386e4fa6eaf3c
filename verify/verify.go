package verify

import (
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// DefaultTolerance is how far a delivery's timestamp may be from the
// verifier's clock, in the past or the future, unless [WithTolerance]
// says otherwise.
const DefaultTolerance = 5 * time.Minute

// secretPrefix starts the secrets that Svix shows in its dashboard.
const secretPrefix = "whsec_"

// A Verifier checks the signature and timestamp of deliveries. Create
// one with [New]; it is safe for concurrent use and holds no state
// between calls.
type Verifier struct {
	webhooks  []*standardwebhooks.Webhook
	tolerance time.Duration
	now       func() time.Time
}

// An Option configures a [Verifier].
type Option func(*options)

type options struct {
	tolerance time.Duration
	now       func() time.Time
	secrets   []string
}

// WithTolerance sets how far a delivery's timestamp may lie in the past
// or the future. The default is [DefaultTolerance]. [New] rejects a
// tolerance that is not positive.
//
// A long tolerance widens the window in which a captured delivery can be
// replayed; keep it short and deduplicate by message id.
func WithTolerance(d time.Duration) Option {
	return func(o *options) { o.tolerance = d }
}

// WithClock sets the function that tells the current time, for tests and
// for tools that check saved deliveries. The default is [time.Now].
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// WithAdditionalSecrets adds secrets that are accepted besides the one
// given to [New], so that a secret can be rotated without dropping
// deliveries: a signature made with any of them verifies. The default is
// none.
func WithAdditionalSecrets(secrets ...string) Option {
	return func(o *options) { o.secrets = append(o.secrets, secrets...) }
}

// New returns a Verifier for the endpoint signing secret, with or
// without its "whsec_" prefix. An empty secret, or one that is not
// base64, gives an error that wraps [ErrInvalidSecret]; the error never
// contains the secret.
func New(secret string, opts ...Option) (*Verifier, error) {
	o := options{tolerance: DefaultTolerance, now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	if o.tolerance <= 0 {
		return nil, fmt.Errorf("verify: tolerance must be positive, got %v", o.tolerance)
	}
	if o.now == nil {
		return nil, errors.New("verify: clock must not be nil")
	}

	v := &Verifier{tolerance: o.tolerance, now: o.now}
	for i, s := range append([]string{secret}, o.secrets...) {
		wh, err := newWebhook(s)
		if err != nil {
			if i > 0 {
				return nil, fmt.Errorf("additional secret %d: %w", i, err)
			}
			return nil, err
		}
		v.webhooks = append(v.webhooks, wh)
	}
	return v, nil
}

// newWebhook checks one secret and wraps it for the signing library.
func newWebhook(secret string) (*standardwebhooks.Webhook, error) {
	if secret == "" {
		return nil, newError(ErrInvalidSecret, nil, "secret is empty")
	}
	if strings.TrimSpace(secret) != secret {
		return nil, newError(ErrInvalidSecret, nil, "secret has leading or trailing white space")
	}

	key := strings.TrimPrefix(secret, secretPrefix)
	if _, err := base64.StdEncoding.DecodeString(key); err != nil {
		return nil, newError(ErrInvalidSecret, nil, "secret is not base64 after the %q prefix", secretPrefix)
	}
	wh, err := standardwebhooks.NewWebhook(key)
	if err != nil {
		return nil, newError(ErrInvalidSecret, err, "secret decodes to no key")
	}
	return wh, nil
}

// Verify checks that payload, the raw request body, carries a valid
// signature from one of the verifier's secrets and a timestamp within
// the tolerance. It returns nil for an authentic delivery. Otherwise the
// error wraps one of [ErrMissingHeaders], [ErrInvalidHeaders],
// [ErrTimestampTooOld], [ErrTimestampTooNew] or [ErrNoMatchingSignature],
// and says which header or how far off the timestamp is.
func (v *Verifier) Verify(payload []byte, header http.Header) error {
	_, err := v.VerifyHeaders(payload, header)
	return err
}

// VerifyHeaders is like [Verifier.Verify] and also returns the signing
// headers it read, so that callers can use the message id and timestamp
// without parsing them again. The headers are returned whenever they
// could be read, even when verification fails.
func (v *Verifier) VerifyHeaders(payload []byte, header http.Header) (Headers, error) {
	hs, err := ParseHeaders(header)
	if err != nil {
		return hs, err
	}
	if err := checkSignatureHeader(hs.Signature); err != nil {
		return hs, err
	}
	if err := v.checkTimestamp(hs.Timestamp); err != nil {
		return hs, err
	}

	return hs, v.checkSignature(payload, hs)
}

// checkTimestamp compares ts with the verifier's clock, to the
// nanosecond, as the signing library does.
func (v *Verifier) checkTimestamp(ts time.Time) error {
	now := v.now()
	switch {
	case beyond(now, ts, v.tolerance):
		return newError(ErrTimestampTooOld, standardwebhooks.ErrMessageTooOld,
			"timestamp is %s old, more than the tolerance of %v", apart(now, ts), v.tolerance)
	case beyond(ts, now, v.tolerance):
		hint := ""
		if ts.Unix() > 1e11 {
			hint = " (milliseconds instead of seconds?)"
		}
		return newError(ErrTimestampTooNew, standardwebhooks.ErrMessageTooNew,
			"timestamp is %s in the future, more than the tolerance of %v%s",
			apart(ts, now), v.tolerance, hint)
	}
	return nil
}

// beyond reports whether later is more than d after earlier. It compares
// whole Unix seconds first, where an overflow shows as a negative gap,
// and the exact times only when they are close: a [time.Time] made from
// an absurd timestamp wraps around, and subtracting it would mislead.
func beyond(later, earlier time.Time, d time.Duration) bool {
	l, e := later.Unix(), earlier.Unix()
	if l < e {
		return false
	}
	if gap := l - e; gap < 0 || gap > int64(d/time.Second)+1 {
		return true
	}
	return later.Sub(earlier) > d
}

// distance returns a-b for a > b, or [math.MaxInt64] when that
// overflows.
func distance(a, b int64) int64 {
	if d := a - b; d >= 0 {
		return d
	}
	return math.MaxInt64
}

// apart formats how far later is after earlier: to the millisecond, so
// that an age just over the tolerance does not read as equal to it, or
// in days when the gap is too large for a [time.Duration].
func apart(later, earlier time.Time) string {
	if gap := distance(later.Unix(), earlier.Unix()); gap > int64(100*365*24*time.Hour/time.Second) {
		return fmt.Sprintf("%d days", gap/86400)
	}
	return later.Sub(earlier).Round(time.Millisecond).String()
}

// checkSignature has the signing library sign the delivery with each
// secret and looks for the result among the entries of the signature
// header, comparing in constant time, as the library's own Verify does.
// Signing directly spares the library reading the headers again, which
// costs about a tenth of a small delivery's check.
func (v *Verifier) checkSignature(payload []byte, hs Headers) error {
	for _, wh := range v.webhooks {
		want, err := wh.Sign(hs.ID, hs.Timestamp, payload)
		if err != nil {
			return newError(ErrInvalidHeaders, err, "signing library rejected the headers")
		}
		if listed(hs.Signature, want) {
			return nil
		}
	}
	return newError(ErrNoMatchingSignature, standardwebhooks.ErrNoMatchingSignature,
		"no signature in header %q matches the body with any of %d secret(s)", hs.Family+"-signature", len(v.webhooks))
}

// listed reports whether one of the space-separated entries of the
// signature header sig is want, comparing each in constant time.
func listed(sig, want string) bool {
	for entry := range strings.SplitSeq(sig, " ") {
		if hmac.Equal([]byte(entry), []byte(want)) {
			return true
		}
	}
	return false
}

// Sign returns the signature header value ("v1,…") for a message, as a
// sender would compute it. It is meant for tests and tools. The secret
// is read as by [New].
func Sign(secret, msgID string, timestamp time.Time, payload []byte) (string, error) {
	wh, err := newWebhook(secret)
	if err != nil {
		return "", err
	}
	return wh.Sign(msgID, timestamp, payload)
}
