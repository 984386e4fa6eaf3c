package dedup_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/handler/dedup"
	"github.com/segments-webhooks/webhooks/handler/dedup/internal/storetest"
)

func TestMemoryStore(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, opts ...dedup.Option) dedup.Store {
		s, err := dedup.NewMemoryStore(opts...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
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

func TestNewMemoryStoreRejectsBadOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts []dedup.Option
	}{
		{"nok, zero processing timeout", []dedup.Option{dedup.WithProcessingTimeout(0)}},
		{"nok, sub-millisecond retention", []dedup.Option{dedup.WithRetention(time.Microsecond)}},
		{"nok, no entries", []dedup.Option{dedup.WithMaxEntries(0)}},
		{"nok, key prefix", []dedup.Option{dedup.WithKeyPrefix("x:")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := dedup.NewMemoryStore(tt.opts...); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestApplyOptions(t *testing.T) {
	t.Parallel()
	if _, err := dedup.ApplyOptions(dedup.WithRetention(0)); err == nil {
		t.Error("zero retention accepted")
	}
	tests := []struct {
		name string
		opts []dedup.Option
		want dedup.Config
	}{
		{"ok, defaults", nil, dedup.Config{
			ProcessingTimeout: dedup.DefaultProcessingTimeout,
			Retention:         dedup.DefaultRetention,
			MaxEntries:        dedup.DefaultMaxEntries,
			KeyPrefix:         dedup.DefaultKeyPrefix,
		}},
		{"ok, every option", []dedup.Option{
			dedup.WithProcessingTimeout(time.Second),
			dedup.WithRetention(time.Hour),
			dedup.WithMaxEntries(10),
			dedup.WithKeyPrefix("x:"),
		}, dedup.Config{
			ProcessingTimeout: time.Second,
			Retention:         time.Hour,
			MaxEntries:        10,
			MaxEntriesSet:     true,
			KeyPrefix:         "x:",
			KeyPrefixSet:      true,
		}},
		{"ok, an empty prefix is given, not defaulted", []dedup.Option{dedup.WithKeyPrefix("")},
			dedup.Config{
				ProcessingTimeout: dedup.DefaultProcessingTimeout,
				Retention:         dedup.DefaultRetention,
				MaxEntries:        dedup.DefaultMaxEntries,
				KeyPrefixSet:      true,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := dedup.ApplyOptions(tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ApplyOptions = %+v, want %+v", got, tt.want)
			}
		})
	}
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
