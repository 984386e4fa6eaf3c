// Package storetest checks that a [dedup.Store] keeps the promises of the
// interface: one holder per claim, done and released messages, expiry
// after the processing timeout and the retention, and claims that are no
// longer held. Every store in this module runs it from its own tests.
package storetest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/handler/dedup"
)

// A NewStore returns a new, empty store configured by opts, and arranges
// with t to clean up after it.
type NewStore func(t *testing.T, opts ...dedup.Option) dedup.Store

// Run runs every check against stores made by newStore, each in a
// parallel subtest with a store of its own.
func Run(t *testing.T, newStore NewStore) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.run(t, newStore)
		})
	}
}

var tests = []struct {
	name string
	run  func(t *testing.T, newStore NewStore)
}{
	{"ok, first claim holds, a second one finds it in progress", func(t *testing.T, newStore NewStore) {
		s := newStore(t)
		c := claim(t, s, "msg_1", dedup.Claimed)
		if c.ID != "msg_1" || c.Token == "" {
			t.Errorf("claim = %+v, want the id and a token", c)
		}
		claim(t, s, "msg_1", dedup.InProgress)
		claim(t, s, "msg_2", dedup.Claimed)
	}},
	{"ok, completed message is done", func(t *testing.T, newStore NewStore) {
		s := newStore(t)
		c := claim(t, s, "msg_1", dedup.Claimed)
		if err := s.Complete(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		claim(t, s, "msg_1", dedup.Done)
		claim(t, s, "msg_1", dedup.Done)
	}},
	{"ok, released message is claimed again with a new token", func(t *testing.T, newStore NewStore) {
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
	{"ok, claim of a dead holder expires after the processing timeout", func(t *testing.T, newStore NewStore) {
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
	{"ok, done message is forgotten after the retention", func(t *testing.T, newStore NewStore) {
		s := newStore(t, dedup.WithRetention(30*time.Millisecond))
		c := claim(t, s, "msg_1", dedup.Claimed)
		if err := s.Complete(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		time.Sleep(80 * time.Millisecond)
		claim(t, s, "msg_1", dedup.Claimed)
	}},
	{"nok, claims that are not held change nothing", func(t *testing.T, newStore NewStore) {
		s := newStore(t)
		ctx := context.Background()
		none := dedup.Claim{ID: "msg_none", Status: dedup.Claimed, Token: "x"}
		wantLost(t, s.Complete(ctx, none))
		wantLost(t, s.Release(ctx, none))
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
	{"ok, one of many concurrent claims wins", func(t *testing.T, newStore NewStore) {
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
			t.Errorf("%d claimed and %d in progress, want 1 and 49",
				claimed.Load(), inProgress.Load())
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
