// Package dedup remembers which webhook messages have been handled, so
// that a receiver runs its callbacks once per message although the sender
// delivers each message at least once.
//
// A [Store] holds one entry per message id. The first delivery of an id
// claims it with [Store.Claim] and runs the callbacks; success turns the
// claim into a record that the message is done, kept for a retention
// period, and failure releases it so that the sender's retry runs the
// callbacks again. A claim whose holder never finishes, because its
// process died, expires after a processing timeout.
//
// [MemoryStore] serves one process and is the store that package handler
// uses when deduplication is on and no store is given. A receiver with
// several replicas needs a store they share: package
// [github.com/segments-webhooks/webhooks/handler/dedup/redisstore] keeps
// the entries in Redis, so that every replica sees the same claims. It is
// a package of its own so that programs without Redis do not build its
// client. Other stores implement [Store] and read the options with
// [ApplyOptions].
//
// Most programs only pass a store to the handler:
//
//	store, err := dedup.NewMemoryStore(dedup.WithMaxEntries(10_000))
//	if err != nil {
//		log.Fatal(err)
//	}
//	h, err := handler.New(secret, handler.WithDeduplication(store))
//
// Code that deduplicates by itself uses the three calls in turn:
//
//	c, err := store.Claim(ctx, msgID)
//	switch {
//	case err != nil:
//		return err // the store did not answer: try again later
//	case c.Status == dedup.Done:
//		return nil // handled before
//	case c.Status == dedup.InProgress:
//		return errBusy // running elsewhere: try again later
//	}
//	if err := work(ctx); err != nil {
//		return errors.Join(err, store.Release(ctx, c))
//	}
//	return store.Complete(ctx, c)
package dedup
