package handler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler/dedup"
)

// settleTimeout bounds the store call that records a delivery's outcome.
const settleTimeout = 5 * time.Second

// WithDeduplication makes the handler run the callbacks of each message
// once, although the sender delivers it at least once. After a delivery
// is verified and decoded, its message id is claimed in store: the first
// delivery runs the callbacks, and the message is then remembered as done
// (a later duplicate gets a 2xx and runs nothing) or, if a callback
// failed, released (the retry runs them again). A duplicate that arrives
// while the callbacks still run gets 409, and the sender retries it
// later. If store cannot be reached, the delivery gets 503 and no
// callback runs; see [WithDeduplicationFailOpen]. Deliveries passed to
// [Handler.OnDecodeError] are not deduplicated.
//
// A nil store means a new [dedup.MemoryStore] with its defaults, private
// to this Handler; pass one made with [dedup.NewMemoryStore] to change
// them. Handlers that share a store deduplicate together: give the
// replicas of a receiver stores on one Redis, from package
// [github.com/segments-webhooks/webhooks/handler/dedup/redisstore].
//
// Deduplication is off by default. A receiver whose callbacks are
// idempotent, such as upserts keyed by the object's UUID, needs no store,
// and one with several replicas needs a shared store that only the
// caller can provide; a default in-memory store would seem to give
// exactly-once delivery while giving it only within one process.
func WithDeduplication(store dedup.Store) Option {
	return func(c *config) { c.dedupOn, c.store = true, store }
}

// WithDeduplicationFailOpen makes a handler with [WithDeduplication] run
// the callbacks when the store cannot be reached, instead of answering
// 503 so that the sender retries later. Each such delivery is logged.
// The default is to fail closed. [New] rejects it without
// [WithDeduplication].
//
// While the store is down, failing open lets duplicates through: a
// message may then be handled twice, or by two replicas at once.
func WithDeduplicationFailOpen() Option {
	return func(c *config) { c.failOpen = true }
}

// dedupStore returns the store the options ask for, or nil.
func (c *config) dedupStore() (dedup.Store, error) {
	switch {
	case !c.dedupOn && c.failOpen:
		return nil, errors.New("handler: fail-open needs deduplication to be on")
	case !c.dedupOn || c.store != nil:
		return c.store, nil
	}
	return dedup.NewMemoryStore()
}

// deliver runs the callbacks for ev, unless deduplication finds its
// message handled already or being handled by another delivery.
func (h *Handler) deliver(ctx context.Context, d Delivery, ev events.Event) error {
	if h.store == nil {
		return h.dispatch(ctx, d, ev)
	}
	c, err := h.store.Claim(ctx, d.ID)
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		return h.abandoned(d, err)
	}
	if err != nil {
		return h.storeFailed(ctx, d, ev, err)
	}

	switch c.Status {
	case dedup.Done:
		h.logger.Info("webhook duplicate skipped", slog.String("delivery_id", d.ID))
		return nil
	case dedup.InProgress:
		return h.reject(fmt.Errorf("%w: %q", ErrDuplicateInProgress, d.ID), d)
	case dedup.Claimed:
		err := h.dispatch(ctx, d, ev)
		h.settle(ctx, c, err)
		return err
	}
	return h.storeFailed(ctx, d, ev, fmt.Errorf("handler: store answered %v", c.Status))
}

// abandoned fails a delivery whose request was cancelled, because the
// sender hung up, before its message could be claimed: the store is not
// at fault, and without a claim the callbacks must not run, whether or
// not the handler fails open.
func (h *Handler) abandoned(d Delivery, err error) error {
	h.logger.Warn("webhook abandoned by the sender before it was claimed",
		slog.String("delivery_id", d.ID),
		slog.String("error", err.Error()))
	return fmt.Errorf("handler: delivery %q abandoned before it was claimed: %w", d.ID, err)
}

// storeFailed fails the delivery with ErrStoreUnavailable, or runs its
// callbacks anyway when the handler fails open.
func (h *Handler) storeFailed(ctx context.Context, d Delivery, ev events.Event, err error) error {
	if h.failOpen {
		h.logger.Error("webhook deduplication store unavailable, running callbacks anyway",
			slog.String("delivery_id", d.ID),
			slog.String("error", err.Error()))
		return h.dispatch(ctx, d, ev)
	}

	h.logger.Error("webhook deduplication store unavailable",
		slog.String("delivery_id", d.ID),
		slog.Int("status", ResponseFor(ErrStoreUnavailable).Status),
		slog.String("error", err.Error()))
	return fmt.Errorf("%w: %w", ErrStoreUnavailable, err)
}

// settle marks a claimed message done after its callbacks succeeded, or
// releases it after they failed, so that the retry runs them again. It
// outlives the request's context: the sender hangs up after 15 seconds,
// and callbacks that finish later must still be recorded. When it cannot
// mark the message done, the delivery still succeeds, because a retry
// would run the callbacks a second time; the claim then expires after
// the processing timeout.
func (h *Handler) settle(ctx context.Context, c dedup.Claim, callbackErr error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()

	if callbackErr == nil {
		if err := h.store.Complete(ctx, c); err != nil {
			h.logger.Error("webhook handled but not marked done",
				slog.String("delivery_id", c.ID),
				slog.String("error", err.Error()))
		}
		return
	}
	if err := h.store.Release(ctx, c); err != nil {
		h.logger.Warn("webhook claim not released, retries wait for it to expire",
			slog.String("delivery_id", c.ID),
			slog.String("error", err.Error()))
	}
}
