package verify

import (
	"errors"
	"fmt"
)

// Errors that [New], [Verifier.Verify] and [ParseHeaders] wrap. Match
// them with [errors.Is]; the error text adds the details.
var (
	// ErrInvalidSecret means the signing secret is empty, not base64, or
	// surrounded by white space.
	ErrInvalidSecret = errors.New("verify: invalid secret")

	// ErrMissingHeaders means a signing header is absent or empty.
	ErrMissingHeaders = errors.New("verify: missing signing headers")

	// ErrInvalidHeaders means a signing header is present but malformed,
	// such as a timestamp that is not a number.
	ErrInvalidHeaders = errors.New("verify: invalid signing headers")

	// ErrNoMatchingSignature means no signature in the header matches the
	// body: the secret, the body, the id or the timestamp differ from what
	// the sender signed.
	ErrNoMatchingSignature = errors.New("verify: no matching signature")

	// ErrTimestampTooOld means the delivery was signed longer ago than the
	// tolerance allows.
	ErrTimestampTooOld = errors.New("verify: timestamp too old")

	// ErrTimestampTooNew means the delivery's timestamp lies further in
	// the future than the tolerance allows.
	ErrTimestampTooNew = errors.New("verify: timestamp too new")
)

// verifyError carries one of our sentinels, optionally the signing
// library's own error, and a message that names what is wrong.
type verifyError struct {
	sentinel error
	upstream error
	msg      string
}

func newError(sentinel, upstream error, format string, args ...any) error {
	return &verifyError{sentinel: sentinel, upstream: upstream, msg: fmt.Sprintf(format, args...)}
}

func (e *verifyError) Error() string {
	return e.sentinel.Error() + ": " + e.msg
}

func (e *verifyError) Unwrap() []error {
	if e.upstream == nil {
		return []error{e.sentinel}
	}
	return []error{e.sentinel, e.upstream}
}
