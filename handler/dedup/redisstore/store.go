package redisstore

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/segments-webhooks/webhooks/handler/dedup"
)

// The values of a key: the holder's token while processing, a constant
// once done. The key's expiry is the processing timeout or the retention.
const (
	processingValue = "processing:"
	doneValue       = "done"
)

// claimScript sets the key to ARGV[1] for ARGV[2] milliseconds unless it
// exists, and returns the key's value: ARGV[1] if the claim was taken.
var claimScript = redis.NewScript(`
if redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
	return ARGV[1]
end
return redis.call("GET", KEYS[1])
`)

// completeScript marks the key done for ARGV[2] milliseconds if it still
// holds the claim ARGV[1], and returns 1 if it did.
var completeScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	redis.call("SET", KEYS[1], "` + doneValue + `", "PX", ARGV[2])
	return 1
end
return 0
`)

// releaseScript deletes the key if it still holds the claim ARGV[1], and
// returns 1 if it did.
var releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0
`)

// A Store is a [dedup.Store] that keeps its entries in Redis, so that all
// the replicas of a receiver that share the Redis deduplicate together.
// Create one with [New]; the zero value is not usable. It is safe for
// concurrent use.
//
// Each message id is one key: the prefix followed by the id. A claim sets
// the key with SET NX PX, to a random token that expires after the
// processing timeout; completing and releasing run a Lua script that
// changes the key only while it still holds the caller's token, so a
// holder whose claim expired cannot overwrite its successor's. Expiry
// follows the Redis server's clock, not the replicas'. Redis frees
// entries when they expire; bound its memory with its own maxmemory
// setting if needed.
type Store struct {
	client    redis.UniversalClient
	prefix    string
	timeout   string // milliseconds, as sent to Redis
	retention string
}

// New returns a Store that uses client, such as a [*redis.Client],
// [*redis.ClusterClient] or [*redis.Ring]. It accepts
// [dedup.WithProcessingTimeout], [dedup.WithRetention] and
// [dedup.WithKeyPrefix], whose defaults are
// [dedup.DefaultProcessingTimeout], [dedup.DefaultRetention] and
// [dedup.DefaultKeyPrefix], and fails with [dedup.WithMaxEntries]. It
// does not contact Redis; the client's own timeouts bound each call.
func New(client redis.UniversalClient, opts ...dedup.Option) (*Store, error) {
	if client == nil {
		return nil, errors.New("redisstore: client must not be nil")
	}
	cfg, err := dedup.ApplyOptions(opts...)
	if err != nil {
		return nil, err
	}
	if cfg.MaxEntriesSet {
		return nil, errors.New("redisstore: max entries apply to the memory store only")
	}
	return &Store{
		client:    client,
		prefix:    cfg.KeyPrefix,
		timeout:   fmt.Sprint(cfg.ProcessingTimeout.Milliseconds()),
		retention: fmt.Sprint(cfg.Retention.Milliseconds()),
	}, nil
}

// Claim implements [dedup.Store]. Its error wraps the client's when Redis
// cannot be reached.
func (s *Store) Claim(ctx context.Context, id string) (dedup.Claim, error) {
	hold := processingValue + rand.Text()
	got, err := claimScript.Run(ctx, s.client, []string{s.prefix + id}, hold, s.timeout).Text()
	if err != nil {
		return dedup.Claim{}, fmt.Errorf("redisstore: claiming %q: %w", id, err)
	}

	switch {
	case got == hold:
		token := strings.TrimPrefix(hold, processingValue)
		return dedup.Claim{ID: id, Status: dedup.Claimed, Token: token}, nil
	case got == doneValue:
		return dedup.Claim{ID: id, Status: dedup.Done}, nil
	case strings.HasPrefix(got, processingValue):
		return dedup.Claim{ID: id, Status: dedup.InProgress}, nil
	}
	return dedup.Claim{}, fmt.Errorf("redisstore: key %q holds a value this store did not write",
		s.prefix+id)
}

// Complete implements [dedup.Store].
func (s *Store) Complete(ctx context.Context, c dedup.Claim) error {
	return s.settle(ctx, completeScript, "completing", c, s.retention)
}

// Release implements [dedup.Store].
func (s *Store) Release(ctx context.Context, c dedup.Claim) error {
	return s.settle(ctx, releaseScript, "releasing", c)
}

// settle runs script, which changes the key of c if it still holds c.
func (s *Store) settle(
	ctx context.Context, script *redis.Script, verb string, c dedup.Claim, args ...any,
) error {
	if c.Token == "" {
		return claimLost(c.ID)
	}
	args = append([]any{processingValue + c.Token}, args...)
	changed, err := script.Run(ctx, s.client, []string{s.prefix + c.ID}, args...).Int()
	if err != nil {
		return fmt.Errorf("redisstore: %s %q: %w", verb, c.ID, err)
	}
	if changed == 0 {
		return claimLost(c.ID)
	}
	return nil
}

// claimLost returns an error wrapping [dedup.ErrClaimLost] for id.
func claimLost(id string) error {
	return fmt.Errorf("%w: %q", dedup.ErrClaimLost, id)
}
