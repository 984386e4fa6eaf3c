// Package verify checks that a webhook delivery comes from Segments.ai.
//
// Segments.ai sends its webhooks through Svix, which signs each delivery
// the Standard Webhooks way: three headers carry a message id, a Unix
// timestamp and one or more signatures, each an HMAC-SHA256 over
// "id.timestamp.body" keyed with the endpoint's signing secret. A
// [Verifier] accepts both header families, svix-* and webhook-*, skips
// signature versions it does not know, tries every secret it holds (for
// rotation) and rejects deliveries whose timestamp is too far from its
// clock, which stops old deliveries from being replayed.
//
// Verify the raw body before anything parses it: re-encoded JSON or an
// added newline changes the bytes and breaks the signature.
//
//	v, err := verify.New(os.Getenv("SEGMENTS_WEBHOOK_SECRET"))
//	if err != nil {
//		return err
//	}
//	if err := v.Verify(body, r.Header); err != nil {
//		// errors.Is(err, verify.ErrTimestampTooOld) and so on.
//		http.Error(w, err.Error(), http.StatusUnauthorized)
//		return
//	}
//
// The HMAC itself is computed by the Standard Webhooks reference library,
// [github.com/standard-webhooks/standard-webhooks/libraries/go]; this
// package adds the Svix header names, a configurable tolerance and clock,
// several secrets, and errors that say what is wrong without revealing the
// secret or the expected signature.
package verify
