package handler

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/segments-webhooks/webhooks/events"
)

// on registers fn for events of type t, whose dynamic type is E. Like
// [http.HandleFunc], it panics on a nil fn: a programming error that
// would otherwise fail every matching delivery.
func on[E events.Event](h *Handler, t events.Type, fn func(context.Context, E) error) {
	mustNotBeNil(fn == nil, string(t))
	h.routes = append(h.routes, route{typ: t, fn: func(ctx context.Context, ev events.Event) error {
		return fn(ctx, ev.(E))
	}})
}

// mustNotBeNil panics when a callback for events of kind is nil.
func mustNotBeNil(isNil bool, kind string) {
	if isNil {
		panic("handler: nil callback for " + kind + " events")
	}
}

// OnDatasetCreated adds fn to the callbacks for dataset.created events.
func (h *Handler) OnDatasetCreated(fn func(context.Context, *events.DatasetCreated) error) {
	on(h, events.TypeDatasetCreated, fn)
}

// OnDatasetUpdated adds fn to the callbacks for dataset.updated events.
func (h *Handler) OnDatasetUpdated(fn func(context.Context, *events.DatasetUpdated) error) {
	on(h, events.TypeDatasetUpdated, fn)
}

// OnDatasetDeleted adds fn to the callbacks for dataset.deleted events.
func (h *Handler) OnDatasetDeleted(fn func(context.Context, *events.DatasetDeleted) error) {
	on(h, events.TypeDatasetDeleted, fn)
}

// OnSampleCreated adds fn to the callbacks for sample.created events.
func (h *Handler) OnSampleCreated(fn func(context.Context, *events.SampleCreated) error) {
	on(h, events.TypeSampleCreated, fn)
}

// OnSampleUpdated adds fn to the callbacks for sample.updated events.
func (h *Handler) OnSampleUpdated(fn func(context.Context, *events.SampleUpdated) error) {
	on(h, events.TypeSampleUpdated, fn)
}

// OnSampleDeleted adds fn to the callbacks for sample.deleted events.
func (h *Handler) OnSampleDeleted(fn func(context.Context, *events.SampleDeleted) error) {
	on(h, events.TypeSampleDeleted, fn)
}

// OnLabelUpdated adds fn to the callbacks for label.updated events.
func (h *Handler) OnLabelUpdated(fn func(context.Context, *events.LabelUpdated) error) {
	on(h, events.TypeLabelUpdated, fn)
}

// OnLabelDeleted adds fn to the callbacks for label.deleted events.
func (h *Handler) OnLabelDeleted(fn func(context.Context, *events.LabelDeleted) error) {
	on(h, events.TypeLabelDeleted, fn)
}

// OnIssueCreated adds fn to the callbacks for issue.created events.
func (h *Handler) OnIssueCreated(fn func(context.Context, *events.IssueCreated) error) {
	on(h, events.TypeIssueCreated, fn)
}

// OnIssueUpdated adds fn to the callbacks for issue.updated events.
func (h *Handler) OnIssueUpdated(fn func(context.Context, *events.IssueUpdated) error) {
	on(h, events.TypeIssueUpdated, fn)
}

// OnReleaseCreated adds fn to the callbacks for release.created events.
func (h *Handler) OnReleaseCreated(fn func(context.Context, *events.ReleaseCreated) error) {
	on(h, events.TypeReleaseCreated, fn)
}

// OnUnknown registers fn for events whose type this version of package
// events does not know. Without it such events are acknowledged and
// dropped, so that a new event type never fails a delivery.
func (h *Handler) OnUnknown(fn func(context.Context, *events.Unknown) error) {
	mustNotBeNil(fn == nil, "unknown")
	h.routes = append(h.routes, route{unknown: true, fn: func(ctx context.Context, ev events.Event) error {
		return fn(ctx, ev.(*events.Unknown))
	}})
}

// OnEvent registers fn for every event, known or unknown, in addition to
// the callbacks registered for its type.
func (h *Handler) OnEvent(fn func(context.Context, events.Event) error) {
	mustNotBeNil(fn == nil, "every")
	h.routes = append(h.routes, route{all: true, fn: fn})
}

// A DecodeError describes an authentic delivery whose body could not be
// decoded into an event, as passed to the callback of
// [Handler.OnDecodeError].
type DecodeError struct {
	// Delivery identifies the delivery.
	Delivery Delivery

	// Body is the raw body. It is only valid during the callback: copy it
	// to keep it.
	Body []byte

	// Err is the decoding error; it wraps [events.ErrInvalidPayload].
	Err error
}

// Error returns the decoding error's text.
func (e *DecodeError) Error() string { return e.Err.Error() }

// Unwrap returns the decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// OnDecodeError registers fn for deliveries that are authentic but whose
// body does not decode, so that they are not lost: store the body, alert
// someone, and return nil to acknowledge the delivery with a 2xx, or an
// error to have it retried. Without it such a delivery is logged and
// answered with 400. A later call replaces an earlier one, and nil removes it.
func (h *Handler) OnDecodeError(fn func(context.Context, *DecodeError) error) {
	h.onDecodeError = fn
}

// decodeFailed hands an undecodable delivery to the OnDecodeError
// callback, or rejects it.
func (h *Handler) decodeFailed(ctx context.Context, d Delivery, body []byte, err error) error {
	if h.onDecodeError == nil {
		return h.reject(err, d)
	}

	h.logger.Warn("webhook body did not decode",
		slog.String("delivery_id", d.ID),
		slog.String("reason", err.Error()))
	de := &DecodeError{Delivery: d, Body: body, Err: err}
	if cbErr := call(ctx, h.onDecodeError, de); cbErr != nil {
		h.logFailure(ctx, "webhook decode error callback", cbErr, slog.String("delivery_id", d.ID))
		return fmt.Errorf("%w (decoding: %w)", cbErr, err)
	}
	return nil
}
