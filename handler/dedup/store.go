package dedup

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Defaults of the options of the stores.
const (
	// DefaultProcessingTimeout is how long a claim lasts while its
	// callbacks run: well above the 15 seconds after which the sender
	// gives up on an attempt, so that a slow callback keeps its claim.
	DefaultProcessingTimeout = 2 * time.Minute

	// DefaultRetention is how long a message is remembered as done: more
	// than the sender's retry schedule of about 32 hours, with room for a
	// manual replay on the following day.
	DefaultRetention = 72 * time.Hour

	// DefaultMaxEntries is how many message ids a [MemoryStore] holds at
	// most: about 20 MB with ids of Svix's length.
	DefaultMaxEntries = 100_000

	// DefaultKeyPrefix starts the keys of the Redis store of package
	// [github.com/segments-webhooks/webhooks/handler/dedup/redisstore].
	DefaultKeyPrefix = "segwebhook:dedup:"
)

// ErrClaimLost is returned by [Store.Complete] and [Store.Release] when
// the claim is no longer held by its caller: it expired after the
// processing timeout, and may have been taken by another delivery since.
var ErrClaimLost = errors.New("dedup: claim lost")

// A Store records which messages are being handled and which are done.
// Implementations must be safe for concurrent use, and Claim must be
// atomic: of any number of concurrent claims of one id, by one process or
// many sharing the store, at most one gets [Claimed].
type Store interface {
	// Claim tries to take the message id for processing. The result's
	// Status says whether the caller now holds the claim, or the message
	// is done, or another caller holds it. An error means the store could
	// not answer.
	Claim(ctx context.Context, id string) (Claim, error)

	// Complete marks a held claim done, to be remembered for the
	// retention period. It returns an error wrapping [ErrClaimLost] if c
	// is no longer held.
	Complete(ctx context.Context, c Claim) error

	// Release gives up a held claim, so that the next delivery of the
	// message claims it again. It returns an error wrapping
	// [ErrClaimLost] if c is no longer held, and then changes nothing.
	Release(ctx context.Context, c Claim) error
}

// A Claim is the answer of [Store.Claim] for one message id.
type Claim struct {
	// ID is the message id that was claimed.
	ID string

	// Status says what the caller should do with the message.
	Status Status

	// Token tells the holder of a claim from later holders of the same
	// id. The store sets it when Status is [Claimed]; callers pass the
	// Claim back unchanged.
	Token string
}

// A Status is the state of a message as seen by [Store.Claim]. The zero
// Status is not a valid answer.
type Status int

// The answers of [Store.Claim].
const (
	// Claimed means the caller holds the claim and should run the
	// callbacks, then call Complete or Release.
	Claimed Status = iota + 1

	// InProgress means another caller holds the claim and has not
	// finished; the delivery should be retried later.
	InProgress

	// Done means the message was handled already; the delivery should be
	// acknowledged without running anything.
	Done
)

// String returns the status's name in lower case.
func (s Status) String() string {
	switch s {
	case Claimed:
		return "claimed"
	case InProgress:
		return "in progress"
	case Done:
		return "done"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// An Option configures a store: a [MemoryStore], a Redis store, or
// another implementation that reads its settings with [ApplyOptions]. An
// option that does not apply to a store makes its constructor fail rather
// than be ignored.
type Option func(*options)

type options struct{ Config }

// A Config holds the settings that options give a store. It is for
// implementations of [Store], which get one from [ApplyOptions]; programs
// that only use a store pass options to its constructor instead.
type Config struct {
	// ProcessingTimeout is how long a claim is held before it expires.
	ProcessingTimeout time.Duration

	// Retention is how long a message is remembered as done.
	Retention time.Duration

	// MaxEntries is how many message ids the store holds at most, and
	// MaxEntriesSet whether [WithMaxEntries] was given. A store that has
	// no bound rejects the option when it was given.
	MaxEntries    int
	MaxEntriesSet bool

	// KeyPrefix starts every key the store writes, and KeyPrefixSet says
	// whether [WithKeyPrefix] was given. A store without keys rejects the
	// option when it was given.
	KeyPrefix    string
	KeyPrefixSet bool
}

// WithProcessingTimeout sets how long a claim is held before it expires,
// so that a message whose holder died is claimed again by a later
// delivery. The default is [DefaultProcessingTimeout]; it must be at
// least a millisecond.
//
// Keep it above the longest time the callbacks may run: a claim that
// expires while its callbacks still run lets a retry run them a second
// time, in parallel.
func WithProcessingTimeout(d time.Duration) Option {
	return func(o *options) { o.ProcessingTimeout = d }
}

// WithRetention sets how long a message is remembered as done after its
// callbacks succeeded. The default is [DefaultRetention]; it must be at
// least a millisecond.
func WithRetention(d time.Duration) Option {
	return func(o *options) { o.Retention = d }
}

// WithMaxEntries sets how many message ids a [MemoryStore] holds at most;
// beyond it the entry written longest ago is dropped. The default is
// [DefaultMaxEntries]. It applies to [NewMemoryStore] only.
func WithMaxEntries(n int) Option {
	return func(o *options) { o.MaxEntries, o.MaxEntriesSet = n, true }
}

// WithKeyPrefix sets the string that starts every key of a Redis store,
// to keep apart several endpoints sharing one Redis database. The
// default is [DefaultKeyPrefix]. It applies to the store of package
// [github.com/segments-webhooks/webhooks/handler/dedup/redisstore], not
// to a [MemoryStore].
func WithKeyPrefix(prefix string) Option {
	return func(o *options) { o.KeyPrefix, o.KeyPrefixSet = prefix, true }
}

// ApplyOptions returns the Config that opts make of the defaults
// ([DefaultProcessingTimeout], [DefaultRetention], [DefaultMaxEntries] and
// [DefaultKeyPrefix]). It fails if the processing timeout or the
// retention is under a millisecond; checking the other settings is left
// to the store. It is for implementations of [Store].
func ApplyOptions(opts ...Option) (Config, error) {
	o := options{Config{
		ProcessingTimeout: DefaultProcessingTimeout,
		Retention:         DefaultRetention,
		MaxEntries:        DefaultMaxEntries,
		KeyPrefix:         DefaultKeyPrefix,
	}}
	for _, opt := range opts {
		opt(&o)
	}
	if o.ProcessingTimeout < time.Millisecond {
		return Config{}, fmt.Errorf("dedup: processing timeout must be at least 1ms, got %v",
			o.ProcessingTimeout)
	}
	if o.Retention < time.Millisecond {
		return Config{}, fmt.Errorf("dedup: retention must be at least 1ms, got %v", o.Retention)
	}
	return o.Config, nil
}

func claimLost(id string) error {
	return fmt.Errorf("%w: %q", ErrClaimLost, id)
}
