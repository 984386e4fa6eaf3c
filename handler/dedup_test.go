package handler_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/handler/dedup"
	"github.com/segments-webhooks/webhooks/handler/dedup/redisstore"
)

// redisClient returns a client of the Redis at REDIS_ADDR, or
// 127.0.0.1:6379, and a key prefix of the test's own, whose keys are
// deleted when the test ends.
func redisClient(t *testing.T) (*redis.Client, string) {
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
		clean := redis.NewClient(&redis.Options{Addr: addr})
		defer clean.Close()
		ctx := context.Background()
		iter := clean.Scan(ctx, 0, prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			clean.Del(ctx, iter.Val())
		}
		if err := iter.Err(); err != nil {
			t.Errorf("cleaning up %s*: %v", prefix, err)
		}
	})
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("Redis at %s: %v (start it, or run with -short)", addr, err)
	}
	return rdb, prefix
}

// A storeMaker returns a new, empty store of one kind.
type storeMaker func(t *testing.T, opts ...dedup.Option) dedup.Store

var stores = []struct {
	name string
	make storeMaker
}{
	{"memory", func(t *testing.T, opts ...dedup.Option) dedup.Store {
		s, err := dedup.NewMemoryStore(opts...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}},
	{"redis", func(t *testing.T, opts ...dedup.Option) dedup.Store {
		rdb, prefix := redisClient(t)
		s, err := redisstore.New(rdb, append(opts, dedup.WithKeyPrefix(prefix))...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}},
}

// A receiver is a Handler with deduplication that counts its callback's
// runs; the callback does whatever its test sets.
type receiver struct {
	h    *handler.Handler
	logs *bytes.Buffer
	runs atomic.Int32
	fn   func(ctx context.Context, run int32) error
}

func newReceiver(t *testing.T, store dedup.Store, fn func(context.Context, int32) error) *receiver {
	t.Helper()
	r := &receiver{logs: new(bytes.Buffer), fn: fn}
	r.h = newHandler(t, r.logs, handler.WithDeduplication(store))
	r.h.OnSampleCreated(func(ctx context.Context, _ *events.SampleCreated) error {
		run := r.runs.Add(1)
		if r.fn == nil {
			return nil
		}
		return r.fn(ctx, run)
	})
	return r
}

// deliver sends the delivery msgID of sampleCreated and returns the status
// it gets.
func (r *receiver) deliver(t *testing.T, ctx context.Context, msgID string) int {
	t.Helper()
	return handler.ResponseFor(r.h.Handle(ctx, signed(t, msgID, sampleCreated), []byte(sampleCreated))).Status
}

func (r *receiver) wantRuns(t *testing.T, want int32) {
	t.Helper()
	if got := r.runs.Load(); got != want {
		t.Errorf("callback ran %d times, want %d", got, want)
	}
}

func TestDeduplication(t *testing.T) {
	t.Parallel()
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			for _, tt := range dedupTests {
				t.Run(tt.name, func(t *testing.T) {
					t.Parallel()
					tt.run(t, st.make)
				})
			}
		})
	}
}

var dedupTests = []struct {
	name string
	run  func(t *testing.T, newStore storeMaker)
}{
	{"ok, duplicate of a handled delivery runs nothing", func(t *testing.T, newStore storeMaker) {
		r := newReceiver(t, newStore(t), nil)
		for range 3 {
			if got := r.deliver(t, context.Background(), "msg_dup"); got != http.StatusOK {
				t.Fatalf("status = %d, want 200", got)
			}
		}
		r.wantRuns(t, 1)
		if n := strings.Count(r.logs.String(), `msg="webhook duplicate skipped" delivery_id=msg_dup`); n != 2 {
			t.Errorf("logged %d skipped duplicates, want 2: %s", n, r.logs)
		}
	}},
	{"ok, failed callback releases the claim and the retry runs it", func(t *testing.T, newStore storeMaker) {
		r := newReceiver(t, newStore(t), func(_ context.Context, run int32) error {
			switch run {
			case 1:
				return errors.New("database down")
			case 2:
				return fmt.Errorf("not ours: %w", handler.ErrStopRetrying)
			}
			return nil
		})
		for i, want := range []int{500, 422, 200, 200} {
			if got := r.deliver(t, context.Background(), "msg_retry"); got != want {
				t.Fatalf("delivery %d: status = %d, want %d", i+1, got, want)
			}
		}
		r.wantRuns(t, 3)
	}},
	{"nok, duplicate while the callback runs gets 409", func(t *testing.T, newStore storeMaker) {
		started, finish := make(chan struct{}), make(chan struct{})
		r := newReceiver(t, newStore(t), func(context.Context, int32) error {
			close(started)
			<-finish
			return nil
		})
		first := make(chan int)
		go func() { first <- r.deliver(t, context.Background(), "msg_slow") }()
		<-started
		err := r.h.Handle(context.Background(), signed(t, "msg_slow", sampleCreated), []byte(sampleCreated))
		if !errors.Is(err, handler.ErrDuplicateInProgress) || handler.ResponseFor(err).Status != http.StatusConflict {
			t.Errorf("duplicate while running: %v, want %v and 409", err, handler.ErrDuplicateInProgress)
		}
		close(finish)
		if got := <-first; got != http.StatusOK {
			t.Errorf("first delivery: status = %d, want 200", got)
		}
		if got := r.deliver(t, context.Background(), "msg_slow"); got != http.StatusOK {
			t.Errorf("duplicate after the run: status = %d, want 200", got)
		}
		r.wantRuns(t, 1)
	}},
	{"ok, claim of a dead holder expires after the processing timeout", func(t *testing.T, newStore storeMaker) {
		store := newStore(t, dedup.WithProcessingTimeout(50*time.Millisecond))
		if _, err := store.Claim(context.Background(), "msg_orphan"); err != nil {
			t.Fatal(err)
		}
		r := newReceiver(t, store, nil)
		if got := r.deliver(t, context.Background(), "msg_orphan"); got != http.StatusConflict {
			t.Errorf("while the dead claim holds: status = %d, want 409", got)
		}
		time.Sleep(120 * time.Millisecond)
		if got := r.deliver(t, context.Background(), "msg_orphan"); got != http.StatusOK {
			t.Errorf("after it expired: status = %d, want 200", got)
		}
		r.wantRuns(t, 1)
	}},
	{"ok, outcome is recorded after the sender hung up", func(t *testing.T, newStore storeMaker) {
		ctx, hangUp := context.WithCancel(context.Background())
		r := newReceiver(t, newStore(t), func(context.Context, int32) error {
			hangUp()
			return nil
		})
		r.deliver(t, ctx, "msg_late")
		if got := r.deliver(t, context.Background(), "msg_late"); got != http.StatusOK {
			t.Errorf("status = %d, want 200", got)
		}
		r.wantRuns(t, 1)
	}},
	{"ok, two handlers sharing a store run 50 concurrent deliveries once", func(t *testing.T, newStore storeMaker) {
		store := newStore(t)
		var runs atomic.Int32
		replicas := make([]*receiver, 2)
		for i := range replicas {
			replicas[i] = newReceiver(t, store, func(context.Context, int32) error {
				runs.Add(1)
				time.Sleep(20 * time.Millisecond)
				return nil
			})
		}
		var mu sync.Mutex
		statuses := map[int]int{}
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Go(func() {
				status := replicas[i%2].deliver(t, context.Background(), "msg_race")
				mu.Lock()
				statuses[status]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if runs.Load() != 1 {
			t.Errorf("callback ran %d times, want 1", runs.Load())
		}
		if statuses[200]+statuses[409] != 50 || statuses[200] == 0 {
			t.Errorf("statuses %v, want only 200 and 409, at least one 200", statuses)
		}
	}},
}

func TestDeduplicationOutcomeNotRecorded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		cbErr  error
		status int
		log    string
	}{
		{"ok, success stands when the store fails to mark it done", nil, 200, "handled but not marked done"},
		{"nok, failure stands when the store fails to release it", errors.New("disk full"), 500, "claim not released"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rdb, prefix := redisClient(t)
			store, err := redisstore.New(rdb, dedup.WithKeyPrefix(prefix))
			if err != nil {
				t.Fatal(err)
			}
			r := newReceiver(t, store, func(context.Context, int32) error {
				rdb.Close()
				return tt.cbErr
			})
			if got := r.deliver(t, context.Background(), "msg_lost"); got != tt.status {
				t.Errorf("status = %d, want %d", got, tt.status)
			}
			if !strings.Contains(r.logs.String(), tt.log) || !strings.Contains(r.logs.String(), "delivery_id=msg_lost") {
				t.Errorf("log lacks %q: %s", tt.log, r.logs)
			}
		})
	}
}

func TestDeduplicationStoreUnavailable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     []handler.Option
		status   int
		wantErr  error
		wantRuns int32
		log      string
	}{
		{"nok, fails closed by default", nil, 503, handler.ErrStoreUnavailable, 0,
			`msg="webhook deduplication store unavailable" delivery_id=msg_down status=503`},
		{"ok, fails open when asked", []handler.Option{handler.WithDeduplicationFailOpen()}, 200, nil, 1,
			`msg="webhook deduplication store unavailable, running callbacks anyway" delivery_id=msg_down`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rdb, prefix := redisClient(t)
			down := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialerRetries: 1})
			t.Cleanup(func() { down.Close() })
			unreachable, err := redisstore.New(down, dedup.WithKeyPrefix(prefix))
			if err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			var runs atomic.Int32
			h := newHandler(t, &logs, append(tt.opts, handler.WithDeduplication(unreachable))...)
			h.OnEvent(func(context.Context, events.Event) error {
				runs.Add(1)
				return nil
			})

			err = h.Handle(context.Background(), signed(t, "msg_down", sampleCreated), []byte(sampleCreated))
			if !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
				t.Errorf("Handle = %v, want %v", err, tt.wantErr)
			}
			if got := handler.ResponseFor(err).Status; got != tt.status {
				t.Errorf("status = %d, want %d", got, tt.status)
			}
			if runs.Load() != tt.wantRuns {
				t.Errorf("callback ran %d times, want %d", runs.Load(), tt.wantRuns)
			}
			if !strings.Contains(logs.String(), tt.log) {
				t.Errorf("log lacks %q: %s", tt.log, logs.String())
			}

			reachable, err := redisstore.New(rdb, dedup.WithKeyPrefix(prefix))
			if err != nil {
				t.Fatal(err)
			}
			if c, err := reachable.Claim(context.Background(), "msg_down"); err != nil || c.Status != dedup.Claimed {
				t.Errorf("once the store is back the message is %v (%v), want it claimable", c.Status, err)
			}
		})
	}
}

// TestDeduplicationSenderGone cancels the request before the Redis
// store can claim the message: that is neither a store outage nor a
// reason to run the callbacks unclaimed, even when failing open.
func TestDeduplicationSenderGone(t *testing.T) {
	t.Parallel()
	for _, failOpen := range []bool{false, true} {
		t.Run(fmt.Sprintf("fail open %v", failOpen), func(t *testing.T) {
			t.Parallel()
			rdb, prefix := redisClient(t)
			store, err := redisstore.New(rdb, dedup.WithKeyPrefix(prefix))
			if err != nil {
				t.Fatal(err)
			}
			opts := []handler.Option{handler.WithDeduplication(store)}
			if failOpen {
				opts = append(opts, handler.WithDeduplicationFailOpen())
			}
			var logs bytes.Buffer
			var runs atomic.Int32
			h := newHandler(t, &logs, opts...)
			h.OnEvent(func(context.Context, events.Event) error {
				runs.Add(1)
				return nil
			})

			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err = h.Handle(ctx, signed(t, "msg_gone", sampleCreated), []byte(sampleCreated))
			if !errors.Is(err, context.Canceled) || errors.Is(err, handler.ErrStoreUnavailable) {
				t.Errorf("Handle = %v, want the cancellation and no store outage", err)
			}
			if runs.Load() != 0 {
				t.Errorf("callback ran %d times without a claim", runs.Load())
			}
			if want := "webhook abandoned by the sender before it was claimed"; !strings.Contains(logs.String(), want) {
				t.Errorf("log lacks %q: %s", want, logs.String())
			}
			if err := h.Handle(context.Background(), signed(t, "msg_gone", sampleCreated), []byte(sampleCreated)); err != nil || runs.Load() != 1 {
				t.Errorf("the retry gave %v and ran the callback %d times, want nil and once", err, runs.Load())
			}
		})
	}
}

func TestWithDeduplicationNilStoreKeepsMemory(t *testing.T) {
	t.Parallel()
	r := newReceiver(t, nil, nil)
	r.deliver(t, context.Background(), "msg_mem")
	r.deliver(t, context.Background(), "msg_mem")
	r.wantRuns(t, 1)

	other := newReceiver(t, nil, nil)
	other.deliver(t, context.Background(), "msg_mem")
	other.wantRuns(t, 1)
}

func TestDeduplicationIsOffByDefault(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := newHandler(t, &logs)
	var runs atomic.Int32
	h.OnEvent(func(context.Context, events.Event) error {
		runs.Add(1)
		return nil
	})
	for range 2 {
		if err := h.Handle(context.Background(), signed(t, "msg_twice", sampleCreated), []byte(sampleCreated)); err != nil {
			t.Fatal(err)
		}
	}
	if runs.Load() != 2 {
		t.Errorf("callback ran %d times, want 2", runs.Load())
	}
	if _, err := handler.New(secret, handler.WithDeduplicationFailOpen()); err == nil {
		t.Error("fail-open without deduplication accepted")
	}
}

func TestResponseForDeduplication(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		status int
	}{
		{"in progress", fmt.Errorf("%w: %q", handler.ErrDuplicateInProgress, "msg_1"), 409},
		{"store down", fmt.Errorf("%w: dial tcp: refused", handler.ErrStoreUnavailable), 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := handler.ResponseFor(tt.err)
			if r.Status != tt.status || r.Abort || strings.Contains(r.Message, "refused") {
				t.Errorf("ResponseFor(%v) = %+v, want status %d, no abort, no cause", tt.err, r, tt.status)
			}
		})
	}
}
