package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/handler/dedup"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

// kind is what a planned request is meant to test.
type kind int

const (
	valid     kind = iota // first delivery of a message
	duplicate             // a retry of a valid message, signed anew
	tampered              // a valid signature over other bytes
	stale                 // signed an hour ago
)

type request struct {
	kind kind
	id   string
	body []byte
}

// counter counts callback runs per message id.
type counter struct {
	mu   sync.Mutex
	runs map[string]int
}

func (c *counter) add(ctx context.Context, _ events.Event) error {
	d, _ := handler.DeliveryFromContext(ctx)
	c.mu.Lock()
	c.runs[d.ID]++
	c.mu.Unlock()
	return nil
}

func envInt(t *testing.T, key string, fallback int) int {
	v := os.Getenv(key)
	if v == "" {
		return fallback
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q is not a positive number", key, v)
	}
	return n
}

func TestLoad(t *testing.T) {
	deliveries := envInt(t, "LOADTEST_DELIVERIES", 2000)
	rounds := envInt(t, "LOADTEST_ROUNDS", 3)
	conns := envInt(t, "LOADTEST_CONNECTIONS", 32)

	// The store remembers one round's messages, so that it is full, and
	// stays the same size, from the second round on.
	store, err := dedup.NewMemoryStore(dedup.WithMaxEntries(deliveries))
	if err != nil {
		t.Fatal(err)
	}
	secret := webhookstest.NewSecret()
	h, err := handler.New(secret,
		handler.WithDeduplication(store),
		handler.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	runs := &counter{runs: map[string]int{}}
	h.OnEvent(runs.add)
	srv := httptest.NewServer(httpadapter.Handler(h))
	defer srv.Close()
	client := &http.Client{
		Timeout:   15 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns},
	}

	var heap, goroutines []uint64
	for round := range rounds {
		plan := makePlan(t, deliveries, round)
		stats := send(t, client, srv.URL, secret, plan, conns)
		check(t, plan, stats, runs)
		t.Logf("round %d: %d requests in %v: %.0f deliveries/s, p50 %v, p99 %v",
			round, len(plan), stats.elapsed.Round(time.Millisecond),
			float64(len(plan))/stats.elapsed.Seconds(), stats.percentile(50), stats.percentile(99))

		client.CloseIdleConnections()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		heap = append(heap, m.HeapInuse)
		goroutines = append(goroutines, uint64(settledGoroutines()))
	}
	t.Logf("heap in use after each round: %v; goroutines: %v; peak RSS %s", heap, goroutines, peakRSS())
	assertNoGrowth(t, "goroutines", goroutines, 1.0, 8)
	assertNoGrowth(t, "heap in use", heap[min(1, len(heap)-1):], 1.25, 1<<20)
}

// makePlan returns the requests of one round in a random but repeatable
// order: each message once, a fifth of them again, and a tenth each of
// tampered and stale deliveries.
func makePlan(t *testing.T, n, round int) []request {
	t.Helper()
	types := webhookstest.PayloadTypes()
	rng := rand.New(rand.NewPCG(uint64(round), 42))
	var plan []request
	for i := range n {
		body, err := webhookstest.Payload(types[i%len(types)])
		if err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprintf("msg_load_r%d_%06d", round, i)
		plan = append(plan, request{kind: valid, id: id, body: body})
		switch i % 10 {
		case 0, 5:
			plan = append(plan, request{kind: duplicate, id: id, body: body})
		case 3:
			plan = append(plan, request{kind: tampered, id: id + "_t", body: body})
		case 7:
			plan = append(plan, request{kind: stale, id: id + "_s", body: body})
		}
	}
	rng.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })
	return plan
}

type stats struct {
	mu        sync.Mutex
	latencies []time.Duration
	final     map[string]int // last status of valid and duplicate requests by id
	rejected  map[string]int // status of tampered and stale requests by id
	elapsed   time.Duration
}

func (s *stats) percentile(p int) time.Duration {
	slices.Sort(s.latencies)
	return s.latencies[(len(s.latencies)-1)*p/100].Round(10 * time.Microsecond)
}

// send delivers the plan over conns connections. Like the real sender,
// it retries a valid delivery that gets 409 or 5xx, signed anew.
func send(t *testing.T, client *http.Client, url, secret string, plan []request, conns int) *stats {
	s := &stats{final: map[string]int{}, rejected: map[string]int{}}
	work := make(chan request)
	var wg sync.WaitGroup
	start := time.Now()
	for range conns {
		wg.Go(func() {
			for r := range work {
				deliver(t, client, url, secret, r, s)
			}
		})
	}
	for _, r := range plan {
		work <- r
	}
	close(work)
	wg.Wait()
	s.elapsed = time.Since(start)
	return s
}

func deliver(t *testing.T, client *http.Client, url, secret string, r request, s *stats) {
	for attempt := 0; ; attempt++ {
		status, took := post(t, client, url, secret, r)
		s.mu.Lock()
		s.latencies = append(s.latencies, took)
		if r.kind == tampered || r.kind == stale {
			s.rejected[r.id] = status
		} else {
			s.final[r.id] = max(s.final[r.id], status)
			if status < 300 {
				s.final[r.id] = status
			}
		}
		s.mu.Unlock()
		retry := r.kind != tampered && r.kind != stale && (status == http.StatusConflict || status >= 500)
		if !retry || attempt == 20 {
			return
		}
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
}

func post(t *testing.T, client *http.Client, url, secret string, r request) (int, time.Duration) {
	ts := time.Now()
	body := r.body
	switch r.kind {
	case stale:
		ts = ts.Add(-time.Hour)
	case tampered:
		body = bytes.Replace(body, []byte(`"text"`), []byte(`"text" `), 1)
	}
	header, err := webhookstest.Header(secret, r.id, ts, r.body)
	if err != nil {
		t.Error(err)
		return 0, 0
	}
	req, err := http.NewRequest(http.MethodPost, url+"/webhooks", bytes.NewReader(body))
	if err != nil {
		t.Error(err)
		return 0, 0
	}
	req.Header = header
	req.Header.Set("Content-Type", "application/json")

	start := time.Now()
	resp, err := client.Do(req)
	took := time.Since(start)
	if err != nil {
		t.Errorf("%s: %v", r.id, err)
		return 0, took
	}
	resp.Body.Close()
	return resp.StatusCode, took
}

// check compares the outcome of a round with the plan.
func check(t *testing.T, plan []request, s *stats, runs *counter) {
	t.Helper()
	runs.mu.Lock()
	defer runs.mu.Unlock()
	for _, r := range plan {
		switch r.kind {
		case valid:
			if s.final[r.id] != http.StatusOK {
				t.Errorf("valid delivery %s lost: last status %d", r.id, s.final[r.id])
			}
			if runs.runs[r.id] != 1 {
				t.Errorf("message %s handled %d times, want once", r.id, runs.runs[r.id])
			}
		case tampered, stale:
			if s.rejected[r.id] != http.StatusUnauthorized {
				t.Errorf("bad delivery %s answered %d, want 401", r.id, s.rejected[r.id])
			}
			if runs.runs[r.id] != 0 {
				t.Errorf("bad delivery %s ran callbacks", r.id)
			}
		}
	}
}

// settledGoroutines counts goroutines once those of closed connections
// have had a moment to exit.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 50 {
		time.Sleep(10 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m == n {
			break
		}
		n = m
	}
	return n
}

// assertNoGrowth fails when the last value exceeds the first by more
// than factor and slack together.
func assertNoGrowth(t *testing.T, what string, values []uint64, factor float64, slack uint64) {
	t.Helper()
	if len(values) < 2 {
		return
	}
	first, last := values[0], values[len(values)-1]
	if float64(last) > float64(first)*factor+float64(slack) {
		t.Errorf("%s grew from %d to %d across rounds: %v", what, first, last, values)
	}
}

// peakRSS reads the process's peak resident set size from /proc.
func peakRSS() string {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
