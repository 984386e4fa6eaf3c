package handler

import (
	"fmt"
	"net/http"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/verify"
)

// DecodeRequest does the part of an adapter's middleware that does not
// depend on the framework: it checks that r is a POST, reads its body
// within limit bytes, verifies it with v and decodes it. It returns the
// raw body, so that the middleware can give the next handler a fresh
// reader over it, and the [Delivery] as far as its headers could be
// read, also on error, for logging; its ID is not verified then. The error is classified by
// [ResponseFor]. DecodeRequest reads r.Body but changes nothing else.
func DecodeRequest(v *verify.Verifier, r *http.Request, limit int64) (events.Event, Delivery, []byte, error) {
	body, err := readRequest(r, limit)
	if err != nil {
		return nil, unverified(r.Header), nil, err
	}
	ev, d, err := Decode(v, r.Header, body)
	return ev, d, body, err
}

// readRequest checks that r is a POST and reads its body within limit.
func readRequest(r *http.Request, limit int64) ([]byte, error) {
	if r.Method != http.MethodPost {
		return nil, fmt.Errorf("%w: got %s", ErrMethodNotAllowed, r.Method)
	}
	return ReadBody(r.Body, r.ContentLength, limit)
}

// SetHeader sets in h the response headers that go with r: Allow on a
// 405, and [HeaderDelivery] set to [AbortMessage] when r asks the sender
// to stop retrying. [Response.Write] sends the same headers; adapters
// whose framework writes the status and body call SetHeader first.
func (r Response) SetHeader(h http.Header) {
	if r.Abort {
		h.Set(HeaderDelivery, AbortMessage)
	}
	if r.Status == http.StatusMethodNotAllowed {
		h.Set("Allow", http.MethodPost)
	}
}
