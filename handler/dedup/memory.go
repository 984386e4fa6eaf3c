package dedup

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// A MemoryStore is a [Store] that keeps its entries in the memory of one
// process. It deduplicates the deliveries that reach this process only,
// and forgets everything when the process ends: a receiver with several
// replicas needs a shared store, such as the one of package
// [github.com/segments-webhooks/webhooks/handler/dedup/redisstore].
// Create one with [NewMemoryStore]; the zero value is not usable. It is
// safe for concurrent use.
//
// The store holds at most a fixed number of ids (see [WithMaxEntries]),
// so a flood of distinct ids cannot exhaust memory: past the bound the
// entry written longest ago is dropped, and a later duplicate of that
// message would run again. Expired entries are dropped from the old end
// whenever an entry is written, without a background goroutine.
type MemoryStore struct {
	timeout    time.Duration
	retention  time.Duration
	maxEntries int

	// A map and a list under one lock, rather than an expiring cache:
	// claims and done records expire after different times, and a claim
	// looks up and writes its id in one step.
	mu      sync.Mutex
	entries map[string]*list.Element // of *memoryEntry
	order   *list.List               // most recently written first
	tokens  uint64
}

type memoryEntry struct {
	id      string
	token   string // of the holder while processing, empty when done
	expires time.Time
}

// NewMemoryStore returns an empty MemoryStore. It accepts
// [WithProcessingTimeout], [WithRetention] and [WithMaxEntries], whose
// defaults are [DefaultProcessingTimeout], [DefaultRetention] and
// [DefaultMaxEntries].
func NewMemoryStore(opts ...Option) (*MemoryStore, error) {
	cfg, err := ApplyOptions(opts...)
	if err != nil {
		return nil, err
	}
	if cfg.MaxEntries < 1 {
		return nil, fmt.Errorf("dedup: max entries must be positive, got %d", cfg.MaxEntries)
	}
	if cfg.KeyPrefixSet {
		return nil, errors.New("dedup: a key prefix does not apply to the memory store")
	}
	return &MemoryStore{
		timeout:    cfg.ProcessingTimeout,
		retention:  cfg.Retention,
		maxEntries: cfg.MaxEntries,
		entries:    make(map[string]*list.Element),
		order:      list.New(),
	}, nil
}

// Claim implements [Store]. It never fails; ctx is not used.
func (s *MemoryStore) Claim(_ context.Context, id string) (Claim, error) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()

	if e := s.live(id, now); e != nil {
		if e.token == "" {
			return Claim{ID: id, Status: Done}, nil
		}
		return Claim{ID: id, Status: InProgress}, nil
	}
	s.tokens++
	token := strconv.FormatUint(s.tokens, 36)
	s.put(&memoryEntry{id: id, token: token, expires: now.Add(s.timeout)}, now)
	return Claim{ID: id, Status: Claimed, Token: token}, nil
}

// Complete implements [Store]; ctx is not used.
func (s *MemoryStore) Complete(_ context.Context, c Claim) error {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()

	if !s.holds(c, now) {
		return claimLost(c.ID)
	}
	s.put(&memoryEntry{id: c.ID, expires: now.Add(s.retention)}, now)
	return nil
}

// Release implements [Store]; ctx is not used.
func (s *MemoryStore) Release(_ context.Context, c Claim) error {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()

	if !s.holds(c, now) {
		return claimLost(c.ID)
	}
	s.order.Remove(s.entries[c.ID])
	delete(s.entries, c.ID)
	return nil
}

// Len returns the number of ids the store holds, including expired ones
// that have not been dropped yet. It never exceeds the maximum set with
// [WithMaxEntries].
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// live returns the unexpired entry of id, or nil, dropping an expired one.
func (s *MemoryStore) live(id string, now time.Time) *memoryEntry {
	el, ok := s.entries[id]
	if !ok {
		return nil
	}
	e := el.Value.(*memoryEntry)
	if now.Before(e.expires) {
		return e
	}
	s.order.Remove(el)
	delete(s.entries, id)
	return nil
}

// holds reports whether c is the live claim of its id.
func (s *MemoryStore) holds(c Claim, now time.Time) bool {
	e := s.live(c.ID, now)
	return e != nil && e.token != "" && e.token == c.Token
}

// put stores e as the newest entry, replacing any entry of its id, then
// drops expired entries from the old end and the oldest ones beyond the
// bound.
func (s *MemoryStore) put(e *memoryEntry, now time.Time) {
	if el, ok := s.entries[e.id]; ok {
		el.Value = e
		s.order.MoveToFront(el)
	} else {
		s.entries[e.id] = s.order.PushFront(e)
	}
	for el := s.order.Back(); el != nil; el = s.order.Back() {
		old := el.Value.(*memoryEntry)
		if s.order.Len() <= s.maxEntries && now.Before(old.expires) {
			break
		}
		s.order.Remove(el)
		delete(s.entries, old.id)
	}
}
