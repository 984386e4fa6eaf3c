package handler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/verify"
)

// DefaultMaxBodyBytes is the largest body a [Handler] accepts unless
// [WithMaxBodyBytes] says otherwise: 16 MiB, room for the labels of large
// point clouds.
const DefaultMaxBodyBytes = 16 << 20

// A Delivery identifies one verified delivery attempt.
type Delivery struct {
	// ID is the message id from the svix-id or webhook-id header. It is
	// the same on every retry of a message: use it as an idempotency key.
	ID string

	// Timestamp is when the sender signed this attempt.
	Timestamp time.Time
}

type deliveryKey struct{}

// DeliveryFromContext returns the delivery that a callback's context
// belongs to. It reports false for a context that did not come from a
// [Handler] or an adapter's middleware.
func DeliveryFromContext(ctx context.Context) (Delivery, bool) {
	d, ok := ctx.Value(deliveryKey{}).(Delivery)
	return d, ok
}

// NewContext returns a copy of ctx that carries d, for tests of code that
// reads [DeliveryFromContext].
func NewContext(ctx context.Context, d Delivery) context.Context {
	return context.WithValue(ctx, deliveryKey{}, d)
}

// ReadBody reads a request body of at most limit bytes. It refuses a
// declared contentLength over the limit before reading anything, and
// stops reading one byte past the limit otherwise; both give an error
// that wraps [ErrBodyTooLarge]. A positive contentLength sizes the buffer
// up front, so that a body of the declared length is read into one
// allocation of its size. A body shorter than its declared length, or
// one whose reader fails, gives an error that wraps [ErrUnreadableBody];
// a longer one is still read whole. An [http.MaxBytesError] from a limit set earlier in the chain is
// reported as [ErrBodyTooLarge] too.
func ReadBody(body io.Reader, contentLength, limit int64) ([]byte, error) {
	if contentLength > limit {
		return nil, tooLarge(limit)
	}
	if body == nil {
		return nil, nil
	}

	buf, err := readAll(io.LimitReader(body, saturatingInc(limit)), contentLength)
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return nil, tooLarge(maxErr.Limit)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrUnreadableBody, err)
	case int64(len(buf)) > limit:
		return nil, tooLarge(limit)
	}
	return buf, nil
}

// saturatingInc returns n+1, or n when that would overflow.
func saturatingInc(n int64) int64 {
	if n == math.MaxInt64 {
		return n
	}
	return n + 1
}

// maxUpfront bounds the buffer allocated on the word of a declared
// length, before any byte arrives: anyone can declare 16 MiB and send
// nothing.
const maxUpfront = 1 << 20

// readAll reads r to its end. When size, the declared length, is right,
// the body ends up in one buffer of exactly that size: allocated at once
// up to maxUpfront, and grown by doubling as bytes arrive beyond that. A
// body shorter than declared is an error: the connection broke, and a
// truncated body would only fail its signature check misleadingly. A
// longer one is still read whole.
func readAll(r io.Reader, size int64) ([]byte, error) {
	if size <= 0 {
		return io.ReadAll(r)
	}
	buf := make([]byte, 0, min(size, maxUpfront))
	for {
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return nil, fmt.Errorf("body ended after %d of its declared %d bytes", len(buf), size)
		case err != nil:
			return nil, err
		case int64(len(buf)) >= size:
			return readPast(r, buf)
		}
		buf = slices.Grow(buf, int(min(int64(len(buf)), size-int64(len(buf)))))
		buf = buf[:len(buf):min(cap(buf), int(size))]
	}
}

// readPast makes sure the body ends after buf, the declared length, and
// reads the rest when it does not.
func readPast(r io.Reader, buf []byte) ([]byte, error) {
	var probe [1]byte
	for {
		n, err := r.Read(probe[:])
		if n > 0 {
			rest, err := io.ReadAll(r)
			return append(append(buf, probe[0]), rest...), err
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func tooLarge(limit int64) error {
	return fmt.Errorf("%w: limit is %d bytes", ErrBodyTooLarge, limit)
}

// Decode verifies a delivery with v and decodes its body. It is the first
// half of [Handler.Handle], for adapters' middleware that hand the event
// to the next handler instead of to callbacks. The error wraps a
// sentinel of package verify, or [events.ErrInvalidPayload] for a body
// that is authentic but not an event; [ResponseFor] maps either.
func Decode(v *verify.Verifier, header http.Header, body []byte) (events.Event, Delivery, error) {
	hs, err := v.VerifyHeaders(body, header)
	d := Delivery{ID: hs.ID, Timestamp: hs.Timestamp}
	if err != nil {
		d.ID = clipID(d.ID) // not verified: anyone could have sent it
		return nil, d, err
	}

	ev, err := events.Parse(body)
	return ev, d, err
}
