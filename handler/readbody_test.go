package handler_test

import (
	"bytes"
	"errors"
	"io"
	"math"
	"runtime"
	"testing"
	"testing/iotest"

	"github.com/segments-webhooks/webhooks/handler"
)

// TestReadBodyWhateverTheDeclaredLength checks that a Content-Length
// that is wrong, or a reader that returns little at a time, changes
// nothing in what ReadBody returns.
func TestReadBodyWhateverTheDeclaredLength(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte("0123456789"), 100)
	tests := []struct {
		name          string
		reader        func() io.Reader
		contentLength int64
		limit         int64
		wantErr       error
	}{
		{"ok, declared length", func() io.Reader { return bytes.NewReader(body) }, 1000, 1000, nil},
		{"nok, body shorter than declared", func() io.Reader { return bytes.NewReader(body) }, 1500, 2000, handler.ErrUnreadableBody},
		{"ok, length understated", func() io.Reader { return bytes.NewReader(body) }, 10, 2000, nil},
		{"ok, one byte per read", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(body)) }, 1000, 1000, nil},
		{"ok, empty reads and data with EOF", func() io.Reader {
			return iotest.DataErrReader(iotest.HalfReader(bytes.NewReader(body)))
		}, 1000, 1000, nil},
		{"nok, understated past the limit", func() io.Reader { return bytes.NewReader(body) }, 10, 999, handler.ErrBodyTooLarge},
		{"nok, the reader fails", func() io.Reader { return iotest.TimeoutReader(bytes.NewReader(body)) }, 1000, 1000, iotest.ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := handler.ReadBody(tt.reader(), tt.contentLength, tt.limit)
			if !errors.Is(err, tt.wantErr) || err != nil && tt.wantErr == nil {
				t.Fatalf("ReadBody = %v, want %v", err, tt.wantErr)
			}
			if err == nil && !bytes.Equal(got, body) {
				t.Errorf("ReadBody returned %d bytes, want the %d of the body", len(got), len(body))
			}
		})
	}
}

// TestReadBodyAllocatesTheBodyOnce checks that a body of the declared
// length costs one buffer of its size, and nothing more in proportion to
// it.
func TestReadBodyAllocatesTheBodyOnce(t *testing.T) {
	body := make([]byte, 64<<10)
	reader := bytes.NewReader(body)
	const runs = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		reader.Reset(body)
		if _, err := handler.ReadBody(reader, int64(len(body)), 1<<20); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	perRun := (after.TotalAlloc - before.TotalAlloc) / runs
	if perRun > uint64(len(body))+512 {
		t.Errorf("ReadBody allocated %d bytes for a body of %d", perRun, len(body))
	}
}

func TestReadBodyLargeAndHostile(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte("0123456789abcdef"), 300_000) // 4.8 MB
	tests := []struct {
		name          string
		reader        io.Reader
		contentLength int64
		limit         int64
		want          []byte
		wantErr       error
		status        int
	}{
		{"ok, declared body larger than the up-front buffer", bytes.NewReader(big), int64(len(big)), 16 << 20, big, nil, 200},
		{"ok, largest possible limit", bytes.NewReader(big), -1, math.MaxInt64, big, nil, 200},
		{"nok, declared 16 MiB, sent 5 bytes", bytes.NewReader([]byte("short")), 16 << 20, 16 << 20, nil, handler.ErrUnreadableBody, 400},
		{"nok, connection breaks before the declared length", io.MultiReader(bytes.NewReader(big[:100]), iotest.ErrReader(io.ErrUnexpectedEOF)),
			889, 1 << 20, nil, handler.ErrUnreadableBody, 400},
		{"nok, the wire breaks", iotest.ErrReader(errors.New("malformed chunked encoding")), -1, 1 << 20, nil, handler.ErrUnreadableBody, 400},
		{"nok, the wire breaks after the first MiB", io.MultiReader(bytes.NewReader(big[:2<<20]), iotest.ErrReader(io.ErrClosedPipe)),
			int64(len(big)), 16 << 20, nil, handler.ErrUnreadableBody, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := handler.ReadBody(tt.reader, tt.contentLength, tt.limit)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("ReadBody = %v, want %v", err, tt.wantErr)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("ReadBody returned %d bytes, want %d", len(got), len(tt.want))
			}
			if status := handler.ResponseFor(err).Status; status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
		})
	}
}

// TestReadBodyDoesNotTrustTheDeclaredLength checks that a client that
// declares a large body and sends a few bytes cannot make the receiver
// allocate what it declared.
func TestReadBodyDoesNotTrustTheDeclaredLength(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 10 {
		if _, err := handler.ReadBody(bytes.NewReader([]byte("{}")), 16<<20, 16<<20); !errors.Is(err, handler.ErrUnreadableBody) {
			t.Fatalf("ReadBody = %v, want ErrUnreadableBody", err)
		}
	}
	runtime.ReadMemStats(&after)
	if perRead := (after.TotalAlloc - before.TotalAlloc) / 10; perRead > 2<<20 {
		t.Errorf("reading 2 bytes declared as 16 MiB allocated %d bytes", perRead)
	}
}
