package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/segments-webhooks/webhooks/events"
)

// A Forwarder posts a one-line summary of each event to a Slack
// incoming webhook. Create one with [NewForwarder] and change its fields
// before first use; it is then safe for concurrent use.
type Forwarder struct {
	// URL is the incoming-webhook URL that Slack issued for a channel.
	URL string

	// AppURL is where Segments.ai serves datasets, for the links in the
	// messages. The default is https://app.segments.ai.
	AppURL string

	// Client sends the messages; its Timeout bounds each attempt. The
	// default times out after 5 seconds.
	Client *http.Client

	// Attempts is how often a message is sent before giving up, when
	// Slack answers 429 or 5xx or cannot be reached. The default is 4.
	Attempts int

	// Backoff is the wait before the second attempt, doubled before each
	// further one; a Retry-After header from Slack takes precedence. The
	// default is 500ms.
	Backoff time.Duration

	// Budget bounds the time spent on one message, waits included, so
	// that Segments.ai, which waits 15 seconds, gets its answer in time.
	// The default is 10 seconds.
	Budget time.Duration
}

// NewForwarder returns a Forwarder to the incoming webhook at slackURL,
// with the defaults that its fields document.
func NewForwarder(slackURL string) *Forwarder {
	return &Forwarder{
		URL:      slackURL,
		AppURL:   "https://app.segments.ai",
		Client:   &http.Client{Timeout: 5 * time.Second},
		Attempts: 4,
		Backoff:  500 * time.Millisecond,
		Budget:   10 * time.Second,
	}
}

// Forward posts the message for ev to Slack, retrying as the fields of f
// say. It has the signature of a callback for handler.Handler.OnEvent:
// its error, when Slack stays unavailable or ctx ends, makes the handler
// answer 500, so that Segments.ai delivers the event again later.
func (f *Forwarder) Forward(ctx context.Context, ev events.Event) error {
	msg, err := json.Marshal(struct {
		Text string `json:"text"`
	}{f.Message(ev)})
	if err != nil {
		return fmt.Errorf("slack: %w", err)
	}
	if f.Budget > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.Budget)
		defer cancel()
	}

	backoff := f.Backoff
	for attempt := 1; ; attempt++ {
		retryAfter, err := f.post(ctx, msg)
		if err == nil {
			return nil
		}
		if attempt >= f.Attempts || !retryable(err) {
			return fmt.Errorf("slack: giving up after %d attempt(s): %w", attempt, err)
		}

		wait := cmp.Or(retryAfter, backoff)
		backoff *= 2
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return fmt.Errorf("slack: no time left to wait %s for attempt %d: %w", wait, attempt+1, err)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("slack: %w after %d attempt(s): %w", ctx.Err(), attempt, err)
		case <-timer.C:
		}
	}
}

// A statusError is an answer from Slack other than 200.
type statusError struct {
	code int
	body string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("status %d: %q", e.code, e.body)
}

// retryable reports whether another attempt may succeed: Slack was busy
// or failing, or could not be reached in time.
func retryable(err error) bool {
	var se *statusError
	if errors.As(err, &se) {
		return se.code == http.StatusTooManyRequests || se.code >= 500
	}
	return !errors.Is(err, context.Canceled)
}

// post sends msg once. With a 429 it also returns the wait that Slack's
// Retry-After header asks for.
func (f *Forwarder) post(ctx context.Context, msg []byte) (time.Duration, error) {
	// The URL is a credential: errors leave it out, as they reach logs.
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.URL, bytes.NewReader(msg))
	if err != nil {
		return 0, errors.New("the webhook URL is not valid")
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := f.Client.Do(req)
	if uerr := (*url.Error)(nil); errors.As(err, &uerr) {
		return 0, fmt.Errorf("posting: %w", uerr.Err)
	}
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode == http.StatusOK {
		return 0, nil
	}
	return retryAfter(resp.Header.Get("Retry-After")), &statusError{code: resp.StatusCode, body: string(body)}
}

// retryAfter reads a Retry-After value in seconds or as an HTTP date;
// it returns 0 for an absent or unreadable one.
func retryAfter(v string) time.Duration {
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// Message returns the Slack text for ev: the dataset's name, linked
// unless the dataset was deleted, the event's own summary, and a link to
// the sample concerned when the payload names one that still exists.
func (f *Forwarder) Message(ev events.Event) string {
	env := ev.EventEnvelope()
	text := cmp.Or(escape(env.Text), string(ev.EventType()))
	dataset := f.datasetURL(env.DatasetName)
	if dataset == "" || ev.EventType() == events.TypeDatasetDeleted {
		return fmt.Sprintf("*%s*: %s", escape(env.DatasetName), text)
	}
	msg := fmt.Sprintf("*<%s|%s>*: %s", dataset, escape(env.DatasetName), text)
	if uuid := sampleUUID(ev); uuid != "" {
		msg += fmt.Sprintf(" <%s/samples/%s|Open sample>", dataset, url.PathEscape(uuid))
	}
	return msg
}

// sampleUUID returns the UUID of the existing sample that ev is about,
// or "" when there is none.
func sampleUUID(ev events.Event) string {
	switch e := ev.(type) {
	case *events.SampleCreated:
		return e.Sample.UUID
	case *events.SampleUpdated:
		return e.Sample.UUID
	case *events.LabelUpdated:
		return e.Label.SampleUUID
	case *events.LabelDeleted:
		return e.Label.SampleUUID
	case *events.IssueCreated:
		return e.Issue.SampleUUID
	case *events.IssueUpdated:
		return e.Issue.SampleUUID
	}
	return ""
}

// datasetURL returns the web address of the dataset named "owner/name",
// or "" for a name of another shape.
func (f *Forwarder) datasetURL(fullName string) string {
	owner, name, ok := strings.Cut(fullName, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return ""
	}
	return f.AppURL + "/" + url.PathEscape(owner) + "/" + url.PathEscape(name)
}

// escape replaces the three characters that Slack's message format
// reserves.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
