package httpadapter_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/segments-webhooks/webhooks/adapters/httpadapter"
	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/internal/benchdata"
	"github.com/segments-webhooks/webhooks/verify"
)

// The receivers the benchmarks compare, in the order benchstat shows
// them: the first is the baseline.
var receivers = []struct {
	name string
	new  func(testing.TB) http.Handler
}{
	{"handwritten", handWritten},
	{"ours", ours},
	{"drain", drainOnly},
	{"verifyonly", verifyOnly},
}

// verifyOnly reads the body and checks its signature with the signing
// library, and decodes nothing: the most a receiver that verifies with
// the library can serve.
func verifyOnly(tb testing.TB) http.Handler {
	return libraryReceiver(tb, nil)
}

// handWritten is the receiver people write without this module: read
// the whole body, verify it with the signing library, decode it into a
// map.
func handWritten(tb testing.TB) http.Handler {
	return libraryReceiver(tb, func(body []byte) error {
		var ev map[string]any
		if err := json.Unmarshal(body, &ev); err != nil {
			return err
		}
		if ev["event_type"] != "label.updated" {
			return errors.New("unexpected event")
		}
		return nil
	})
}

// libraryReceiver reads the whole body, verifies it with the signing
// library and hands it to decode, when not nil.
func libraryReceiver(tb testing.TB, decode func(body []byte) error) http.Handler {
	wh, err := standardwebhooks.NewWebhook(benchdata.Secret)
	if err != nil {
		tb.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if err := wh.Verify(body, r.Header); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		if decode != nil {
			if err := decode(body); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	})
}

// ours is httpadapter.Handler with one typed callback.
func ours(tb testing.TB) http.Handler {
	h, err := handler.New(benchdata.Secret, handler.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		tb.Fatal(err)
	}
	h.OnLabelUpdated(func(_ context.Context, e *events.LabelUpdated) error {
		if e.Label.Attributes == nil {
			return io.ErrUnexpectedEOF
		}
		return nil
	})
	return httpadapter.Handler(h)
}

// drainOnly reads and discards the body: the most any receiver can
// serve over HTTP. Called in-process it measures nothing, as the body
// is already in memory, so only the loopback benchmark runs it.
func drainOnly(testing.TB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
	})
}

// signedHeader signs body now, with the webhook-* headers that both the
// signing library and our handler read.
func signedHeader(tb testing.TB, body []byte) http.Header {
	now := time.Now()
	sig, err := verify.Sign(benchdata.Secret, benchdata.MessageID, now, body)
	if err != nil {
		tb.Fatal(err)
	}
	h := http.Header{}
	h.Set(verify.HeaderWebhookID, benchdata.MessageID)
	h.Set(verify.HeaderWebhookTimestamp, strconv.FormatInt(now.Unix(), 10))
	h.Set(verify.HeaderWebhookSignature, sig)
	h.Set("Content-Type", "application/json")
	return h
}

// BenchmarkHandlerInProcess serves one delivery per iteration through
// each receiver, called directly with an httptest.ResponseRecorder.
func BenchmarkHandlerInProcess(b *testing.B) {
	for _, name := range []string{"segmentation-1KiB", "segmentation-64KiB", "vector-200", "segmentation-1MiB"} {
		body := benchdata.Find(name).Body
		for _, recv := range receivers {
			if recv.name == "drain" {
				continue
			}
			b.Run("payload="+name+"/impl="+recv.name, func(b *testing.B) {
				srv := recv.new(b)
				req := httptest.NewRequest(http.MethodPost, "/webhooks", nil)
				req.Header = signedHeader(b, body)
				req.ContentLength = int64(len(body))
				reader := bytes.NewReader(body)
				req.Body = io.NopCloser(reader)

				b.ReportAllocs()
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					reader.Reset(body)
					rec := httptest.NewRecorder()
					srv.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("status %d: %s", rec.Code, rec.Body)
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
			})
		}
	}
}

// loopbackConns is how many connections the load generator keeps open.
const loopbackConns = 8

// BenchmarkHandlerLoopback serves b.N deliveries per receiver over
// loopback HTTP/1.1, from loopbackConns connections that each send a
// request and read its response before sending the next. The load
// generator writes prepared bytes and reads only the status line and
// the headers it needs, so that as much of the machine as possible is
// left to the server, as when the sender is another host.
func BenchmarkHandlerLoopback(b *testing.B) {
	for _, name := range []string{"segmentation-1KiB", "segmentation-64KiB", "vector-200"} {
		body := benchdata.Find(name).Body
		for _, recv := range receivers {
			b.Run("payload="+name+"/impl="+recv.name, func(b *testing.B) {
				srv := httptest.NewServer(recv.new(b))
				defer srv.Close()
				request := rawRequest(signedHeader(b, body), body)

				b.ReportAllocs()
				b.SetBytes(int64(len(body)))
				b.ResetTimer()
				sendAll(b, srv.Listener.Addr().String(), request, b.N)
				b.StopTimer()
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
			})
		}
	}
}

// rawRequest returns the bytes of a POST of body to /webhooks.
func rawRequest(header http.Header, body []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("POST /webhooks HTTP/1.1\r\nHost: bench\r\n")
	header.Write(&buf)
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
	buf.Write(body)
	return buf.Bytes()
}

// sendAll sends request n times from loopbackConns connections to addr
// and fails b on any status but 200.
func sendAll(b *testing.B, addr string, request []byte, n int) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range loopbackConns {
		wg.Go(func() {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				b.Error(err)
				return
			}
			defer conn.Close()
			r := bufio.NewReader(conn)
			for next.Add(1) <= int64(n) {
				if _, err := conn.Write(request); err != nil {
					b.Error(err)
					return
				}
				if err := readResponse(r); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// readResponse reads one response from r and reports an error unless
// it is a 200 with a Content-Length.
func readResponse(r *bufio.Reader) error {
	status, err := r.ReadSlice('\n')
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(status, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("response %q", bytes.TrimSpace(status))
	}
	length := -1
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		if strings.EqualFold(string(name), "Content-Length") {
			length, err = strconv.Atoi(string(bytes.TrimSpace(value)))
			if err != nil {
				return err
			}
		}
	}
	if length < 0 {
		return errors.New("response without Content-Length")
	}
	_, err = r.Discard(length)
	return err
}
