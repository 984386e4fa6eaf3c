package dedup_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/segments-webhooks/webhooks/handler/dedup"
)

// A storeMaker returns a new, empty store of one kind, configured by opts.
type storeMaker func(t *testing.T, opts ...dedup.Option) dedup.Store

func newMemory(t *testing.T, opts ...dedup.Option) dedup.Store {
	s, err := dedup.NewMemoryStore(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newRedis returns a store on the Redis of REDIS_ADDR, or 127.0.0.1:6379,
// under a key prefix of its own that is deleted when the test ends.
func newRedis(t *testing.T, opts ...dedup.Option) dedup.Store {
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
	s, err := dedup.NewRedisStore(rdb, append([]dedup.Option{dedup.WithKeyPrefix(prefix)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var stores = []struct {
	name string
	make storeMaker
}{
	{"memory", newMemory},
	{"redis", newRedis},
}

// TestStore runs one suite of semantics against every store.
func TestStore(t *testing.T) {
	t.Parallel()
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			for _, tt := range storeTests {
				t.Run(tt.name, func(t *testing.T) {
					t.Parallel()
					tt.run(t, st.make)
				})
			}
		})
	}
}

var storeTests = []struct {
	name string
	run  func(t *testing.T, newStore storeMaker)
}{
	{"ok, first claim holds, a second one finds it in progress", func(t *testing.T, newStore storeMaker) {
		s := newStore(t)
		c := claim(t, s, "msg_1", dedup.Claimed)
		if c.ID != "msg_1" || c.Token == "" {
			t.Errorf("claim = %+v, want the id and a token", c)
		}
		claim(t, s, "msg_1", dedup.InProgress)
		claim(t, s, "msg_2", dedup.Claimed)
	}},
	{"ok, completed message is done", func(t *testing.T, newStore storeMaker) {
		s := newStore(t)
		c := claim(t, s, "msg_1", dedup.Claimed)
		if err := s.Complete(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		claim(t, s, "msg_1", dedup.Done)
		claim(t, s, "msg_1", dedup.Done)
	}},
	{"ok, released message is claimed again with a new token", func(t *testing.T, newStore storeMaker) {
		s := newStore(t)
		first := claim(t, s, "msg_1", dedup.Claimed)
		if err := s.Release(context.Background(), first); err != nil {
			t.Fatal(err)
		}
		second := claim(t, s, "msg_1", dedup.Claimed)
		if second.Token == first.Token {
			t.Errorf("second claim reuses token %q", first.Token)
		}
		wantLost(t, s.Release(context.Background(), first))
		claim(t, s, "msg_1", dedup.InProgress)
	}},
	{"ok, claim of a dead holder expires after the processing timeout", func(t *testing.T, newStore storeMaker) {
		s := newStore(t, dedup.WithProcessingTimeout(30*time.Millisecond))
		dead := claim(t, s, "msg_1", dedup.Claimed)
		time.Sleep(80 * time.Millisecond)
		next := claim(t, s, "msg_1", dedup.Claimed)
		wantLost(t, s.Complete(context.Background(), dead))
		wantLost(t, s.Release(context.Background(), dead))
		if err := s.Complete(context.Background(), next); err != nil {
			t.Fatalf("successor cannot complete: %v", err)
		}
		claim(t, s, "msg_1", dedup.Done)
	}},
	{"ok, done message is forgotten after the retention", func(t *testing.T, newStore storeMaker) {
		s := newStore(t, dedup.WithRetention(30*time.Millisecond))
		c := claim(t, s, "msg_1", dedup.Claimed)
		if err := s.Complete(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		time.Sleep(80 * time.Millisecond)
		claim(t, s, "msg_1", dedup.Claimed)
	}},
	{"nok, claims that are not held change nothing", func(t *testing.T, newStore storeMaker) {
		s := newStore(t)
		ctx := context.Background()
		wantLost(t, s.Complete(ctx, dedup.Claim{ID: "msg_none", Status: dedup.Claimed, Token: "x"}))
		wantLost(t, s.Release(ctx, dedup.Claim{ID: "msg_none", Status: dedup.Claimed, Token: "x"}))
		claim(t, s, "msg_none", dedup.Claimed)

		c := claim(t, s, "msg_1", dedup.Claimed)
		forged := c
		forged.Token += "x"
		wantLost(t, s.Complete(ctx, forged))
		wantLost(t, s.Release(ctx, forged))
		wantLost(t, s.Release(ctx, dedup.Claim{ID: "msg_1"}))
		claim(t, s, "msg_1", dedup.InProgress)

		if err := s.Complete(ctx, c); err != nil {
			t.Fatal(err)
		}
		wantLost(t, s.Complete(ctx, c))
		wantLost(t, s.Release(ctx, c))
		claim(t, s, "msg_1", dedup.Done)
	}},
	{"ok, one of many concurrent claims wins", func(t *testing.T, newStore storeMaker) {
		s := newStore(t)
		var claimed, inProgress atomic.Int32
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				c, err := s.Claim(context.Background(), "msg_1")
				switch {
				case err != nil:
					t.Error(err)
				case c.Status == dedup.Claimed:
					claimed.Add(1)
				case c.Status == dedup.InProgress:
					inProgress.Add(1)
				default:
					t.Errorf("claim status %v", c.Status)
				}
			})
		}
		wg.Wait()
		if claimed.Load() != 1 || inProgress.Load() != 49 {
			t.Errorf("%d claimed and %d in progress, want 1 and 49", claimed.Load(), inProgress.Load())
		}
	}},
}

func claim(t *testing.T, s dedup.Store, id string, want dedup.Status) dedup.Claim {
	t.Helper()
	c, err := s.Claim(context.Background(), id)
	if err != nil {
		t.Fatalf("Claim(%q): %v", id, err)
	}
	if c.Status != want {
		t.Fatalf("Claim(%q) is %v, want %v", id, c.Status, want)
	}
	return c
}

func wantLost(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, dedup.ErrClaimLost) {
		t.Errorf("got %v, want %v", err, dedup.ErrClaimLost)
	}
}

func TestMemoryStoreStaysBounded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []dedup.Option
		max  int
	}{
		{"ok, default bound", nil, dedup.DefaultMaxEntries},
		{"ok, small bound", []dedup.Option{dedup.WithMaxEntries(1000)}, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := dedup.NewMemoryStore(tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			const n = 100_000
			ctx := context.Background()
			for i := range n + 1 {
				c, err := s.Claim(ctx, fmt.Sprintf("msg_%d", i))
				if err != nil || c.Status != dedup.Claimed {
					t.Fatalf("claim %d: %+v, %v", i, c, err)
				}
				if i%2 == 0 {
					s.Complete(ctx, c)
				}
				if l := s.Len(); l > tt.max {
					t.Fatalf("after %d ids the store holds %d, more than %d", i+1, l, tt.max)
				}
			}
			if l := s.Len(); l != tt.max {
				t.Errorf("store holds %d ids, want %d", l, tt.max)
			}
			claim(t, s, fmt.Sprintf("msg_%d", n), dedup.Done)
			claim(t, s, fmt.Sprintf("msg_%d", n-1), dedup.InProgress)
			claim(t, s, fmt.Sprintf("msg_%d", n-tt.max), dedup.Claimed)
		})
	}
}

func TestMemoryStoreDropsExpiredEntries(t *testing.T) {
	t.Parallel()
	s, err := dedup.NewMemoryStore(dedup.WithProcessingTimeout(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		claim(t, s, fmt.Sprint(i), dedup.Claimed)
	}
	time.Sleep(10 * time.Millisecond)
	claim(t, s, "last", dedup.Claimed)
	if l := s.Len(); l != 1 {
		t.Errorf("store holds %d ids after the others expired, want 1", l)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { rdb.Close() })
	tests := []struct {
		name string
		new  func() error
	}{
		{"nok, zero processing timeout", func() error {
			_, err := dedup.NewMemoryStore(dedup.WithProcessingTimeout(0))
			return err
		}},
		{"nok, sub-millisecond retention", func() error {
			_, err := dedup.NewRedisStore(rdb, dedup.WithRetention(time.Microsecond))
			return err
		}},
		{"nok, no entries", func() error {
			_, err := dedup.NewMemoryStore(dedup.WithMaxEntries(0))
			return err
		}},
		{"nok, key prefix for memory", func() error {
			_, err := dedup.NewMemoryStore(dedup.WithKeyPrefix("x:"))
			return err
		}},
		{"nok, max entries for Redis", func() error {
			_, err := dedup.NewRedisStore(rdb, dedup.WithMaxEntries(10))
			return err
		}},
		{"nok, nil client", func() error {
			_, err := dedup.NewRedisStore(nil)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.new(); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestRedisStoreUnreachable(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialerRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	s, err := dedup.NewRedisStore(rdb)
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
