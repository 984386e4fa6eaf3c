package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/verify"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

// A listener is a listen command running in the background.
type listener struct {
	url            string
	stdout, stderr *syncBuffer
}

// startListen runs listen with args on a free local port until the test
// ends, and checks that it then shuts down cleanly.
func startListen(t *testing.T, args ...string) *listener {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	l := &listener{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	e := &env{
		stdin:  strings.NewReader(""),
		stdout: l.stdout,
		stderr: l.stderr,
		getenv: func(string) string { return "" },
		now:    time.Now,
	}
	done := make(chan int, 1)
	go func() {
		done <- e.run(ctx, append([]string{"listen", "--addr", "127.0.0.1:0"}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("listen exited with status %d: %s", code, l.stderr)
			}
		case <-time.After(10 * time.Second):
			t.Error("listen did not shut down")
		}
	})

	m := l.waitFor(t, regexp.MustCompile(`listening on (http://\S+)`))
	l.url = m[1]
	return l
}

// waitFor waits until stdout matches re and returns the submatches.
func (l *listener) waitFor(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(l.stdout.String()); m != nil {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("output never matched %s\nstdout:\n%s\nstderr:\n%s", re, l.stdout, l.stderr)
	return nil
}

func TestListenPrintsVerifiedDeliveries(t *testing.T) {
	t.Parallel()
	l := startListen(t, "--secret", testSecret)
	if !strings.HasPrefix(l.url, "http://127.0.0.1:") || !strings.HasSuffix(l.url, "/webhooks") {
		t.Fatalf("printed URL %q", l.url)
	}

	for _, typ := range []string{"sample.created", "label.updated", "release.created"} {
		r := runCLI(t, "send", "--url", l.url, "--secret", testSecret, "--id", "msg_"+typ, typ)
		if r.code != 0 {
			t.Fatalf("send %s: exit status %d\n%s%s", typ, r.code, r.stdout, r.stderr)
		}
	}
	for _, re := range []string{
		`sample\.created  acme/street-scenes  msg_sample\.created\n\s+sample frame_000123\.jpg`,
		`label\.updated .*\n\s+label of sample 7f0c2a4e-\S+, type bboxes, status REVIEWED`,
		`release\.created .*\n\s+release v1\.2, status SUCCEEDED`,
	} {
		l.waitFor(t, regexp.MustCompile(re))
	}

	r := runCLI(t, "send", "--url", l.url, "--secret", webhookstest.NewSecret(), "sample.created")
	if r.code != 1 || !strings.Contains(r.stdout, "401") {
		t.Errorf("a delivery with another secret: exit status %d\n%s", r.code, r.stdout)
	}
	logs := l.stderr.String()
	if !strings.Contains(logs, "webhook rejected") || strings.Contains(logs, testSecret) {
		t.Errorf("want the rejection logged without the secret:\n%s", logs)
	}
}

func TestListenMakesADevelopmentSecret(t *testing.T) {
	t.Parallel()
	l := startListen(t)
	m := regexp.MustCompile(`(whsec_\S+)`).FindStringSubmatch(l.stderr.String())
	if m == nil || !strings.Contains(l.stderr.String(), "warning") {
		t.Fatalf("no warning with a secret:\n%s", l.stderr)
	}
	if r := runCLI(t, "send", "--url", l.url, "--secret", m[1], "issue.created"); r.code != 0 {
		t.Errorf("send with the printed secret: exit status %d\n%s", r.code, r.stdout)
	}
	l.waitFor(t, regexp.MustCompile(`issue\.created`))
}

// A target is the server that listen forwards to.
type target struct {
	*httptest.Server

	mu     sync.Mutex
	header http.Header
	body   []byte
}

// newTarget starts a target that answers status, and asks the sender to
// stop retrying when the status is 422.
func newTarget(t *testing.T, status int) *target {
	t.Helper()
	tg := &target{}
	tg.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		tg.mu.Lock()
		tg.header, tg.body = r.Header.Clone(), body
		tg.mu.Unlock()
		if status == http.StatusUnprocessableEntity {
			w.Header().Set("webhook-delivery", "abort-message")
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(tg.Close)
	return tg
}

func TestListenForwards(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		status    int
		sendCode  int
		sendSees  string
		listenOut string
	}{
		{"ok, the target accepts and the sender gets 200", http.StatusAccepted, 0,
			"200 OK", `forwarded: 202 Accepted`},
		{"nok, the target fails and the sender gets 500 to retry", http.StatusServiceUnavailable, 1,
			"500 Internal Server Error", `forwarding failed: \S+ answered 503 Service Unavailable`},
		{"nok, the target refuses for good and the sender is told to stop",
			http.StatusUnprocessableEntity, 1,
			"422 Unprocessable Entity", `forwarding failed: .* asked not to retry`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tg := newTarget(t, tt.status)
			l := startListen(t, "--secret", testSecret, "--forward", tg.URL+"/hooks")

			r := runCLI(t, "send", "--url", l.url, "--secret", testSecret,
				"--header-family", "webhook", "--id", "msg_forwarded", "sample.updated")
			if r.code != tt.sendCode || !strings.Contains(r.stdout, tt.sendSees) {
				t.Errorf("send: exit status %d, want %d and %q:\n%s",
					r.code, tt.sendCode, tt.sendSees, r.stdout)
			}
			l.waitFor(t, regexp.MustCompile(`msg_forwarded\n.*\n\s+`+tt.listenOut))

			tg.mu.Lock()
			defer tg.mu.Unlock()
			want, _ := webhookstest.Payload(events.TypeSampleUpdated)
			if !bytes.Equal(tg.body, want) {
				t.Errorf("forwarded body differs from the one sent:\n%s", tg.body)
			}
			if tg.header.Get("webhook-id") != "msg_forwarded" ||
				tg.header.Get("Content-Type") != "application/json" {
				t.Errorf("forwarded headers: %v", tg.header)
			}
			v, err := verify.New(testSecret)
			if err != nil {
				t.Fatal(err)
			}
			if err := v.Verify(tg.body, tg.header); err != nil {
				t.Errorf("the forwarded delivery does not verify as it is: %v", err)
			}
		})
	}
}

func TestListenForwardUnreachable(t *testing.T) {
	t.Parallel()
	tg := newTarget(t, http.StatusOK)
	tg.Close()
	l := startListen(t, "--secret", testSecret, "--forward", tg.URL)

	r := runCLI(t, "send", "--url", l.url, "--secret", testSecret, "dataset.created")
	if r.code != 1 || !strings.Contains(r.stdout, "500") {
		t.Errorf("send: exit status %d:\n%s", r.code, r.stdout)
	}
	l.waitFor(t, regexp.MustCompile(`forwarding failed: .*connection refused`))
}

func TestListenUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nok, a forward URL without a scheme", []string{"--forward", "localhost:3000"},
			"not an http or https URL"},
		{"nok, a path without a slash", []string{"--path", "webhooks"}, "must start with /"},
		{"nok, an invalid secret", []string{"--secret", "whsec_!!"}, "invalid secret"},
		{"nok, an argument", []string{"now"}, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, append([]string{"listen", "--addr", "127.0.0.1:0"}, tt.args...)...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit status %d, want 2 and %q:\n%s", r.code, tt.want, r.stderr)
			}
		})
	}
}

func TestListenForwardLoopStops(t *testing.T) {
	t.Parallel()
	var target atomic.Value
	var passes atomic.Int32
	ring := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		passes.Add(1)
		req, err := http.NewRequestWithContext(r.Context(), r.Method, target.Load().(string), r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
	}))
	defer ring.Close()
	l := startListen(t, "--secret", testSecret, "--forward", ring.URL)
	target.Store(l.url)

	r := runCLI(t, "send", "--url", l.url, "--secret", testSecret, "sample.created")
	if r.code != 1 || !strings.Contains(r.stdout, "500") {
		t.Errorf("send: exit status %d, want 1 and a 500:\n%s", r.code, r.stdout)
	}
	if n := passes.Load(); n != maxHops {
		t.Errorf("the delivery went round %d times, want %d", n, maxHops)
	}
	l.waitFor(t, regexp.MustCompile(`answered 508 Loop Detected`))
}
