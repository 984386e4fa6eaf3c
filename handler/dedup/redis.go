package dedup

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"
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

// A RedisStore is a [Store] that keeps its entries in Redis, so that all
// the replicas of a receiver that share the Redis deduplicate together.
// Create one with [NewRedisStore]; the zero value is not usable. It is
// safe for concurrent use.
//
// Each message id is one key: the prefix followed by the id. A claim sets
// the key with SET NX PX, to a random token that expires after the
// processing timeout; completing and releasing run a Lua script that
// changes the key only while it still holds the caller's token, so a
// holder whose claim expired cannot overwrite its successor's. Expiry
// follows the Redis server's clock, not the replicas'. Redis frees
// entries when they expire; bound its memory with its own maxmemory
// setting if needed.
type RedisStore struct {
	client    redis.UniversalClient
	prefix    string
	timeout   string // milliseconds, as sent to Redis
	retention string
}

// NewRedisStore returns a RedisStore that uses client, such as a
// [*redis.Client], [*redis.ClusterClient] or [*redis.Ring]. It accepts
// [WithProcessingTimeout], [WithRetention] and [WithKeyPrefix], whose
// defaults are [DefaultProcessingTimeout], [DefaultRetention] and
// [DefaultKeyPrefix]. It does not contact Redis; the client's own
// timeouts bound each call.
func NewRedisStore(client redis.UniversalClient, opts ...Option) (*RedisStore, error) {
	if client == nil {
		return nil, errors.New("dedup: redis client must not be nil")
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	if o.maxEntriesSet {
		return nil, errors.New("dedup: max entries apply to the memory store only")
	}
	return &RedisStore{
		client:    client,
		prefix:    o.keyPrefix,
		timeout:   fmt.Sprint(o.processingTimeout.Milliseconds()),
		retention: fmt.Sprint(o.retention.Milliseconds()),
	}, nil
}

// Claim implements [Store]. Its error wraps the client's when Redis
// cannot be reached.
func (s *RedisStore) Claim(ctx context.Context, id string) (Claim, error) {
	hold := processingValue + rand.Text()
	got, err := claimScript.Run(ctx, s.client, []string{s.prefix + id}, hold, s.timeout).Text()
	if err != nil {
		return Claim{}, fmt.Errorf("dedup: claiming %q: %w", id, err)
	}

	switch {
	case got == hold:
		return Claim{ID: id, Status: Claimed, Token: strings.TrimPrefix(hold, processingValue)}, nil
	case got == doneValue:
		return Claim{ID: id, Status: Done}, nil
	case strings.HasPrefix(got, processingValue):
		return Claim{ID: id, Status: InProgress}, nil
	}
	return Claim{}, fmt.Errorf("dedup: key %q holds a value this store did not write", s.prefix+id)
}

// Complete implements [Store].
func (s *RedisStore) Complete(ctx context.Context, c Claim) error {
	return s.settle(ctx, completeScript, "completing", c, s.retention)
}

// Release implements [Store].
func (s *RedisStore) Release(ctx context.Context, c Claim) error {
	return s.settle(ctx, releaseScript, "releasing", c)
}

// settle runs script, which changes the key of c if it still holds c.
func (s *RedisStore) settle(
	ctx context.Context, script *redis.Script, verb string, c Claim, args ...any,
) error {
	if c.Token == "" {
		return claimLost(c.ID)
	}
	args = append([]any{processingValue + c.Token}, args...)
	changed, err := script.Run(ctx, s.client, []string{s.prefix + c.ID}, args...).Int()
	if err != nil {
		return fmt.Errorf("dedup: %s %q: %w", verb, c.ID, err)
	}
	if changed == 0 {
		return claimLost(c.ID)
	}
	return nil
}
