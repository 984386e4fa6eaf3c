// Package handler turns signed Segments.ai deliveries into calls of typed
// Go functions.
//
// A [Handler] verifies each delivery with package verify, decodes it with
// package events and runs the callbacks registered for its event type.
// Its result is an error whose class decides the HTTP status, through
// [ResponseFor], so that every adapter (net/http, Echo, Gin) answers the
// same way and the sender's retries do the right thing:
//
//	h, err := handler.New(os.Getenv("SEGMENTS_WEBHOOK_SECRET"))
//	if err != nil {
//		log.Fatal(err)
//	}
//	h.OnLabelUpdated(func(ctx context.Context, e *events.LabelUpdated) error {
//		d, _ := handler.DeliveryFromContext(ctx)
//		log.Printf("%s: label of %s is %s", d.ID, e.Label.SampleUUID, e.Label.LabelStatus)
//		return nil
//	})
//	http.Handle("POST /webhooks", httpadapter.Handler(h))
//
// A callback that returns an error, or panics, makes the delivery fail
// with status 500, and Segments.ai sends it again later. Return an error
// that wraps [ErrStopRetrying] for a delivery that can never succeed.
//
// Deliveries arrive at least once: the same message may be delivered
// again after a timeout or a replay, so callbacks should be idempotent,
// or the handler should deduplicate by message id with
// [WithDeduplication] and a store from package
// [github.com/segments-webhooks/webhooks/handler/dedup], or, for several
// replicas, from package
// [github.com/segments-webhooks/webhooks/handler/dedup/redisstore].
//
// Callbacks get the request's context, cancelled when the sender hangs up
// or after [WithCallbackTimeout] (15 seconds by default, Svix's own
// limit). Acknowledge quickly and hand long work to a queue.
package handler
