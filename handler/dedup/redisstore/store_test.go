package redisstore_test

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/segments-webhooks/webhooks/handler/dedup"
	"github.com/segments-webhooks/webhooks/handler/dedup/internal/storetest"
	"github.com/segments-webhooks/webhooks/handler/dedup/redisstore"
)

// newStore returns a store on the Redis of REDIS_ADDR, or 127.0.0.1:6379,
// under a key prefix of its own that is deleted when the test ends.
func newStore(t *testing.T, opts ...dedup.Option) dedup.Store {
	t.Helper()
	if testing.Short() {
		t.Skip("Redis tests do not run with -short")
	}
	addr := os.Getenv("REDIS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	prefix := "segwebhook-test:" + rand.Text() + ":"
	t.Cleanup(func() {
		defer rdb.Close()
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
		if err := iter.Err(); err != nil {
			t.Errorf("cleaning up %s*: %v", prefix, err)
		}
	})
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("Redis at %s: %v (start it, or run with -short)", addr, err)
	}
	s, err := redisstore.New(rdb, append([]dedup.Option{dedup.WithKeyPrefix(prefix)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStore(t *testing.T) {
	t.Parallel()
	storetest.Run(t, newStore)
}

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { rdb.Close() })
	tests := []struct {
		name   string
		client redis.UniversalClient
		opts   []dedup.Option
	}{
		{"nok, zero processing timeout", rdb, []dedup.Option{dedup.WithProcessingTimeout(0)}},
		{"nok, sub-millisecond retention", rdb, []dedup.Option{dedup.WithRetention(time.Microsecond)}},
		{"nok, max entries", rdb, []dedup.Option{dedup.WithMaxEntries(10)}},
		{"nok, nil client", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := redisstore.New(tt.client, tt.opts...); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestStoreUnreachable(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialerRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	s, err := redisstore.New(rdb)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(context.Background(), "msg_1"); err == nil || errors.Is(err, dedup.ErrClaimLost) {
		t.Errorf("Claim = %v, want a connection error", err)
	}
	err = s.Complete(context.Background(), dedup.Claim{ID: "msg_1", Status: dedup.Claimed, Token: "t"})
	if err == nil || errors.Is(err, dedup.ErrClaimLost) {
		t.Errorf("Complete = %v, want a connection error", err)
	}
}
