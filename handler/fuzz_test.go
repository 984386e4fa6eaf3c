package handler_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/verify"
)

// FuzzHandle feeds the handler random bodies and headers, some signed
// correctly. No input may panic, and only a correctly signed delivery may
// be acknowledged.
func FuzzHandle(f *testing.F) {
	files, _ := filepath.Glob("../webhookstest/testdata/events/*.json")
	for _, name := range files {
		body, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body, "msg_seed", int64(0), "", true, true)
		f.Add(body, "msg_seed", int64(0), "v1,bm90IGEgc2lnbmF0dXJl", false, false)
	}
	f.Add([]byte(`{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":[]}}`),
		"msg_1", int64(-400), "", true, true)
	f.Add([]byte(`{}`), "", int64(0), "v1a,x v1", false, true)

	h, err := handler.New(secret,
		handler.WithClock(func() time.Time { return sentAt }),
		handler.WithLogger(slog.New(slog.DiscardHandler)),
		handler.WithMaxBodyBytes(1<<20))
	if err != nil {
		f.Fatal(err)
	}
	h.OnEvent(func(context.Context, events.Event) error { return nil })

	f.Fuzz(func(t *testing.T, body []byte, id string, skew int64, sig string, sign, svix bool) {
		ts := sentAt.Add(time.Duration(skew%3600) * time.Second)
		if sign {
			var err error
			if sig, err = verify.Sign(secret, id, ts, body); err != nil {
				t.Fatal(err)
			}
		}
		family := "webhook-"
		if svix {
			family = "svix-"
		}
		header := http.Header{}
		header.Set(family+"id", id)
		header.Set(family+"timestamp", strconv.FormatInt(ts.Unix(), 10))
		header.Set(family+"signature", sig)

		err := h.HandleRequest(newPost(body, header))
		status := handler.ResponseFor(err).Status
		if status >= 300 {
			return
		}
		if _, verr := h.Verifier().VerifyHeaders(body, header); verr != nil {
			t.Fatalf("acknowledged an unverified delivery (%v): %q", verr, body)
		}
		if _, perr := events.Parse(body); perr != nil {
			t.Fatalf("acknowledged a body that does not parse: %v", perr)
		}
	})
}

func newPost(body []byte, header http.Header) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, "/webhooks", io.NopCloser(bytes.NewReader(body)))
	req.Header = header
	req.ContentLength = int64(len(body))
	return req
}
