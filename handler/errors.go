package handler

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/verify"
)

// Errors that classify the outcome of a delivery. Match them with
// [errors.Is]; [ResponseFor] turns them into HTTP responses.
var (
	// ErrMethodNotAllowed means the request was not a POST.
	ErrMethodNotAllowed = errors.New("handler: method not allowed")

	// ErrBodyTooLarge means the body exceeds the handler's limit; see
	// [WithMaxBodyBytes].
	ErrBodyTooLarge = errors.New("handler: body too large")

	// ErrUnreadableBody means the request body ended early or was
	// malformed on the wire, such as a truncated chunked encoding.
	ErrUnreadableBody = errors.New("handler: body could not be read")

	// ErrCallbackFailed is wrapped by the error of a delivery whose
	// callback returned an error or panicked. The sender retries it.
	ErrCallbackFailed = errors.New("handler: callback failed")

	// ErrStopRetrying, wrapped in the error a callback returns, tells
	// the sender not to retry the delivery: the handler answers 422 with
	// the header "webhook-delivery: abort-message". Use it for deliveries
	// that can never succeed, such as one about a dataset the receiver
	// does not serve.
	ErrStopRetrying = errors.New("handler: stop retrying")

	// ErrDuplicateInProgress means the delivery's message is being handled
	// by another delivery, in this process or in another one sharing the
	// deduplication store, whose callbacks have not finished. The handler
	// answers 409 and the sender retries later. See [WithDeduplication].
	ErrDuplicateInProgress = errors.New("handler: duplicate delivery in progress")

	// ErrStoreUnavailable means the deduplication store did not answer, so
	// the handler could not tell whether the message was handled already
	// and ran no callback. It answers 503 and the sender retries. See
	// [WithDeduplicationFailOpen].
	ErrStoreUnavailable = errors.New("handler: deduplication store unavailable")
)

// HeaderDelivery is the response header that asks Svix to stop retrying
// a message when it carries [AbortMessage].
const (
	HeaderDelivery = "webhook-delivery"
	AbortMessage   = "abort-message"
)

// A Response is the HTTP answer to a delivery, as decided by
// [ResponseFor]. Adapters write it in their framework's way.
type Response struct {
	// Status is the HTTP status code.
	Status int

	// Abort reports whether the response asks the sender to stop
	// retrying, with the header [HeaderDelivery] set to [AbortMessage].
	Abort bool

	// Message is a short description that is safe to send back: it never
	// holds the secret, the body or the text of a callback's error.
	Message string
}

// ResponseFor maps the result of [Handler.Handle], or of reading and
// verifying a request, to the response the sender should get. A nil
// error is a 200. It is the one place that decides statuses:
//
//	2xx  delivered, nothing to do, or a duplicate of a handled delivery
//	405  not a POST
//	413  body over the limit
//	400  signing headers missing or malformed, a body that is not an event,
//	     or one cut short on the wire
//	401  no signature matches, or the timestamp is out of tolerance
//	409  a duplicate of a delivery whose callbacks still run (the sender retries)
//	422  a callback returned ErrStopRetrying (retries are aborted)
//	500  a callback failed or panicked (the sender retries)
//	503  the deduplication store is unreachable (the sender retries)
func ResponseFor(err error) Response {
	switch {
	case err == nil:
		return Response{Status: http.StatusOK, Message: "ok"}
	case errors.Is(err, ErrCallbackFailed) && errors.Is(err, ErrStopRetrying):
		return Response{Status: http.StatusUnprocessableEntity, Abort: true, Message: "delivery refused, do not retry"}
	case errors.Is(err, ErrCallbackFailed):
		return Response{Status: http.StatusInternalServerError, Message: "callback failed, retry later"}
	case errors.Is(err, ErrDuplicateInProgress):
		return Response{Status: http.StatusConflict, Message: "delivery in progress, retry later"}
	case errors.Is(err, ErrStoreUnavailable):
		return Response{Status: http.StatusServiceUnavailable, Message: "deduplication store unavailable, retry later"}
	case errors.Is(err, ErrMethodNotAllowed):
		return Response{Status: http.StatusMethodNotAllowed, Message: "webhooks must be POSTed"}
	case errors.Is(err, ErrBodyTooLarge):
		return Response{Status: http.StatusRequestEntityTooLarge, Message: err.Error()}
	case errors.Is(err, ErrUnreadableBody):
		return Response{Status: http.StatusBadRequest, Message: "body could not be read"}
	case errors.Is(err, verify.ErrMissingHeaders), errors.Is(err, verify.ErrInvalidHeaders),
		errors.Is(err, events.ErrInvalidPayload):
		return Response{Status: http.StatusBadRequest, Message: err.Error()}
	case errors.Is(err, verify.ErrNoMatchingSignature), errors.Is(err, verify.ErrTimestampTooOld),
		errors.Is(err, verify.ErrTimestampTooNew):
		return Response{Status: http.StatusUnauthorized, Message: err.Error()}
	}
	return Response{Status: http.StatusInternalServerError, Message: "internal error"}
}

// Write sends r to w as a small JSON object: {"ok":true} on success,
// {"error":"…"} otherwise.
func (r Response) Write(w http.ResponseWriter) {
	r.SetHeader(w.Header())
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(r.Status)
	if r.Status < 300 {
		w.Write(okBody) // the answer to almost every delivery, encoded once
		return
	}
	json.NewEncoder(w).Encode(r.Body())
}

// okBody is what [Response.Write] sends for a success, as
// [json.Encoder] would write it.
var okBody = []byte("{\"ok\":true}\n")

// Body returns the JSON value that [Response.Write] sends, for adapters
// whose framework encodes it.
func (r Response) Body() any {
	if r.Status < 300 {
		return map[string]bool{"ok": true}
	}
	return map[string]string{"error": r.Message}
}
