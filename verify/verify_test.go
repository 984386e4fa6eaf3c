package verify_test

import (
	"errors"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/segments-webhooks/webhooks/verify"
)

// The known-answer vector of the protocol specification.
const (
	kaSecret    = "whsec_c2VnbWVudHMtd2ViaG9vay10ZXN0LXNlY3JldC0wMQ=="
	kaID        = "msg_2aXyZ0example0000000000001"
	kaTimestamp = 1796030102
	kaSignature = "v1,opHv5rkzjeRKfV+2LmCVplx8C1YcFcZo6/u9Q2hBsL4="
)

var kaTime = time.Unix(kaTimestamp, 0)

func knownBody(t testing.TB) []byte {
	t.Helper()
	body, err := os.ReadFile("testdata/known-answer.json")
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func clockAt(t time.Time) verify.Option {
	return verify.WithClock(func() time.Time { return t })
}

func headers(family, id, ts, sig string) http.Header {
	h := http.Header{}
	h.Set(family+"-id", id)
	h.Set(family+"-timestamp", ts)
	h.Set(family+"-signature", sig)
	return h
}

func TestSignKnownAnswer(t *testing.T) {
	t.Parallel()
	got, err := verify.Sign(kaSecret, kaID, kaTime, knownBody(t))
	if err != nil {
		t.Fatal(err)
	}
	if got != kaSignature {
		t.Errorf("Sign = %q, want %q", got, kaSignature)
	}

	bare, err := verify.Sign(strings.TrimPrefix(kaSecret, "whsec_"), kaID, kaTime, knownBody(t))
	if err != nil || bare != kaSignature {
		t.Errorf("Sign without prefix = %q, %v; want %q", bare, err, kaSignature)
	}
}

func TestVerifyKnownAnswer(t *testing.T) {
	t.Parallel()
	body := knownBody(t)
	ts := strconv.Itoa(kaTimestamp)
	tests := []struct {
		name   string
		header http.Header
	}{
		{"ok, svix headers", headers("svix", kaID, ts, kaSignature)},
		{"ok, webhook headers", headers("webhook", kaID, ts, kaSignature)},
		{"ok, upper-case header names", http.Header{
			"Svix-Id": {kaID}, "Svix-Timestamp": {ts}, "Svix-Signature": {kaSignature},
		}},
		{"ok, white space around svix values", headers("svix", " "+kaID+" ", " "+ts+" ", " "+kaSignature+" ")},
		{"ok, white space around webhook values", headers("webhook", " "+kaID, ts+" ", kaSignature+"\t")},
		{"ok, unknown version before v1", headers("svix", kaID, ts, "v1a,bm90IGVkMjU1MTk= "+kaSignature)},
		{"ok, rotated signature after a stale one", headers("webhook", kaID, ts,
			"v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= "+kaSignature)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, secret := range []string{kaSecret, strings.TrimPrefix(kaSecret, "whsec_")} {
				v, err := verify.New(secret, clockAt(kaTime.Add(time.Minute)))
				if err != nil {
					t.Fatal(err)
				}
				if err := v.Verify(body, tt.header); err != nil {
					t.Errorf("Verify: %v", err)
				}
			}
		})
	}
}

func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	body := knownBody(t)
	ts := strconv.Itoa(kaTimestamp)
	otherSecret := "whsec_" + "b3RoZXItc2VjcmV0LW9mLXRoaXJ0eS10d28tYnl0ZXM="
	tests := []struct {
		name    string
		body    []byte
		header  http.Header
		want    error
		upsteam error
		mention string
	}{
		{"nok, tampered body", []byte(strings.Replace(string(body), "123", "124", 1)),
			headers("svix", kaID, ts, kaSignature), verify.ErrNoMatchingSignature, standardwebhooks.ErrNoMatchingSignature, "svix-signature"},
		{"nok, trailing newline", append(append([]byte{}, body...), '\n'),
			headers("svix", kaID, ts, kaSignature), verify.ErrNoMatchingSignature, nil, ""},
		{"nok, signed with another secret", body,
			headers("svix", kaID, ts, mustSign(t, otherSecret, kaID, kaTime, body)), verify.ErrNoMatchingSignature, nil, ""},
		{"nok, id of another delivery", body,
			headers("svix", "msg_other", ts, kaSignature), verify.ErrNoMatchingSignature, nil, ""},
		{"nok, too old", body,
			headers("svix", kaID, strconv.Itoa(kaTimestamp-600), kaSignature), verify.ErrTimestampTooOld, standardwebhooks.ErrMessageTooOld, "11m0s old"},
		{"nok, too new", body,
			headers("svix", kaID, strconv.Itoa(kaTimestamp+600), kaSignature), verify.ErrTimestampTooNew, standardwebhooks.ErrMessageTooNew, "9m0s in the future"},
		{"nok, timestamp in milliseconds", body,
			headers("svix", kaID, ts+"000", kaSignature), verify.ErrTimestampTooNew, nil, "milliseconds"},
		{"nok, missing signature header", body,
			http.Header{"Svix-Id": {kaID}, "Svix-Timestamp": {ts}}, verify.ErrMissingHeaders, nil, `"svix-signature"`},
		{"nok, no headers at all", body, http.Header{}, verify.ErrMissingHeaders, nil, `missing header "svix-id" (or "webhook-id")`},
		{"nok, non-numeric timestamp", body,
			headers("webhook", kaID, "2026-11-30T09:15:02Z", kaSignature), verify.ErrInvalidHeaders, nil, `"webhook-timestamp"`},
		{"nok, only v1a signatures", body,
			headers("svix", kaID, ts, "v1a,bm90IGVkMjU1MTk="), verify.ErrNoMatchingSignature, nil, `"v1a"`},
		{"nok, thousands of foreign entries are not all echoed", body,
			headers("svix", kaID, ts, strings.Repeat("v9x,AAAA ", 5000)), verify.ErrNoMatchingSignature, nil, "and 4996 more"},
		{"nok, timestamp so old that now minus it overflows", body,
			headers("svix", kaID, "-9223372036854775808", kaSignature), verify.ErrTimestampTooOld, nil, "days old"},
		{"nok, largest timestamp", body,
			headers("svix", kaID, "9223372036854775807", kaSignature), verify.ErrTimestampTooNew, nil, "milliseconds"},
		{"nok, signature without version", body,
			headers("svix", kaID, ts, strings.TrimPrefix(kaSignature, "v1,")), verify.ErrInvalidHeaders, nil, "version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := verify.New(kaSecret, clockAt(kaTime.Add(time.Minute)))
			if err != nil {
				t.Fatal(err)
			}
			err = v.Verify(tt.body, tt.header)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Verify = %v, want %v", err, tt.want)
			}
			if tt.upsteam != nil && !errors.Is(err, tt.upsteam) {
				t.Errorf("Verify = %v, want the library's %v in the chain", err, tt.upsteam)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Verify = %q, want it to mention %q", err, tt.mention)
			}
			assertNoSecret(t, err.Error(), kaSecret, body)
			if len(err.Error()) > 300 {
				t.Errorf("error of %d bytes; untrusted headers must not make it long", len(err.Error()))
			}
		})
	}
}

func mustSign(t *testing.T, secret, id string, ts time.Time, body []byte) string {
	t.Helper()
	sig, err := verify.Sign(secret, id, ts, body)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// assertNoSecret fails if msg reveals the secret, its key or the
// signature that the body would need.
func assertNoSecret(t *testing.T, msg, secret string, body []byte) {
	t.Helper()
	key := strings.TrimPrefix(secret, "whsec_")
	expected := strings.TrimPrefix(mustSign(t, secret, kaID, kaTime, body), "v1,")
	for _, s := range []string{key, expected} {
		if strings.Contains(msg, s) {
			t.Errorf("error %q reveals %q", msg, s)
		}
	}
}

func TestAdditionalSecrets(t *testing.T) {
	t.Parallel()
	body := knownBody(t)
	newSecret := "whsec_bmV3LXNlY3JldC1hZnRlci1yb3RhdGlvbi0wMDE="
	v, err := verify.New(newSecret, verify.WithAdditionalSecrets(kaSecret), clockAt(kaTime))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(body, headers("svix", kaID, strconv.Itoa(kaTimestamp), kaSignature)); err != nil {
		t.Errorf("old secret during rotation: %v", err)
	}
	sig := mustSign(t, newSecret, kaID, kaTime, body)
	if err := v.Verify(body, headers("svix", kaID, strconv.Itoa(kaTimestamp), sig)); err != nil {
		t.Errorf("new secret during rotation: %v", err)
	}
}

func TestNewRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		secret string
		opts   []verify.Option
		want   error
	}{
		{"nok, empty secret", "", nil, verify.ErrInvalidSecret},
		{"nok, prefix only", "whsec_", nil, verify.ErrInvalidSecret},
		{"nok, not base64", "whsec_not base64!", nil, verify.ErrInvalidSecret},
		{"nok, trailing newline", kaSecret + "\n", nil, verify.ErrInvalidSecret},
		{"nok, bad additional secret", kaSecret, []verify.Option{verify.WithAdditionalSecrets("%%%")}, verify.ErrInvalidSecret},
		{"nok, zero tolerance", kaSecret, []verify.Option{verify.WithTolerance(0)}, nil},
		{"nok, nil clock", kaSecret, []verify.Option{verify.WithClock(nil)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := verify.New(tt.secret, tt.opts...)
			if err == nil || v != nil {
				t.Fatalf("New = %v, %v; want an error", v, err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("New = %v, want %v", err, tt.want)
			}
			if tt.secret != "" && len(tt.secret) > 8 && strings.Contains(err.Error(), strings.TrimSpace(tt.secret)[6:]) {
				t.Errorf("error %q reveals the secret", err)
			}
		})
	}
}

func TestWithTolerance(t *testing.T) {
	t.Parallel()
	body := knownBody(t)
	h := headers("svix", kaID, strconv.Itoa(kaTimestamp), kaSignature)
	v, err := verify.New(kaSecret, verify.WithTolerance(time.Hour), clockAt(kaTime.Add(50*time.Minute)))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(body, h); err != nil {
		t.Errorf("50 minutes within a 1 hour tolerance: %v", err)
	}
	v, _ = verify.New(kaSecret, verify.WithTolerance(time.Minute), clockAt(kaTime.Add(-2*time.Minute)))
	if err := v.Verify(body, h); !errors.Is(err, verify.ErrTimestampTooNew) {
		t.Errorf("2 minutes ahead with a 1 minute tolerance: %v", err)
	}
}

func TestVerifyHeaders(t *testing.T) {
	t.Parallel()
	v, _ := verify.New(kaSecret, clockAt(kaTime))
	hs, err := v.VerifyHeaders(knownBody(t), headers("svix", kaID, strconv.Itoa(kaTimestamp), kaSignature))
	if err != nil {
		t.Fatal(err)
	}
	if hs.ID != kaID || !hs.Timestamp.Equal(kaTime) || hs.Family != "svix" {
		t.Errorf("VerifyHeaders = %+v", hs)
	}
}

// TestToleranceToTheNanosecond checks the age of a delivery against the
// tolerance exactly, as the signing library does, although timestamps
// have whole seconds.
func TestToleranceToTheNanosecond(t *testing.T) {
	t.Parallel()
	body := knownBody(t)
	header := headers("svix", kaID, strconv.Itoa(kaTimestamp), kaSignature)
	tests := []struct {
		name      string
		tolerance time.Duration
		offset    time.Duration // of the clock from the timestamp
		want      error
		mention   string
	}{
		{"ok, just within the default", verify.DefaultTolerance, 5*time.Minute - time.Nanosecond, nil, ""},
		{"ok, exactly the default", verify.DefaultTolerance, 5 * time.Minute, nil, ""},
		{"nok, half a second too old", verify.DefaultTolerance, 5*time.Minute + 500*time.Millisecond, verify.ErrTimestampTooOld,
			"timestamp is 5m0.5s old"},
		{"nok, a nanosecond too old", verify.DefaultTolerance, 5*time.Minute + time.Nanosecond, verify.ErrTimestampTooOld, ""},
		{"nok, a nanosecond too new", verify.DefaultTolerance, -5*time.Minute - time.Nanosecond, verify.ErrTimestampTooNew, ""},
		{"ok, within a tolerance of 1.5 s", 1500 * time.Millisecond, 1400 * time.Millisecond, nil, ""},
		{"nok, beyond a tolerance of 1.5 s", 1500 * time.Millisecond, 1900 * time.Millisecond, verify.ErrTimestampTooOld, ""},
		{"ok, within a tolerance of 500 ms", 500 * time.Millisecond, 300 * time.Millisecond, nil, ""},
		{"nok, beyond a tolerance of 500 ms", 500 * time.Millisecond, -700 * time.Millisecond, verify.ErrTimestampTooNew, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := verify.New(kaSecret, verify.WithTolerance(tt.tolerance), clockAt(kaTime.Add(tt.offset)))
			if err != nil {
				t.Fatal(err)
			}
			err = v.Verify(body, header)
			if !errors.Is(err, tt.want) || tt.want == nil && err != nil {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Verify = %q, want it to mention %q", err, tt.mention)
			}
		})
	}
}

// TestVerifyTrimsOnlyHTTPSpace checks that only the spaces and tabs HTTP
// allows around a header value are ignored: other white space is part of
// the value, and the signing library would not match it either.
func TestVerifyTrimsOnlyHTTPSpace(t *testing.T) {
	t.Parallel()
	body := knownBody(t)
	ts := strconv.Itoa(kaTimestamp)
	tests := []struct {
		name        string
		id, ts, sig string
		want        error
	}{
		{"ok, spaces and tabs around every value", " \t" + kaID + " ", "\t" + ts + " ", " " + kaSignature + "\t", nil},
		{"nok, a no-break space after the signature", kaID, ts, kaSignature + "\u00a0", verify.ErrNoMatchingSignature},
		{"nok, an ideographic space after the id", kaID + "\u3000", ts, kaSignature, verify.ErrNoMatchingSignature},
		{"nok, a next-line character after the timestamp", kaID, ts + "\u0085", kaSignature, verify.ErrInvalidHeaders},
		{"nok, a line feed after the signature", kaID, ts, kaSignature + "\n", verify.ErrNoMatchingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := verify.New(kaSecret, clockAt(kaTime))
			if err != nil {
				t.Fatal(err)
			}
			if err := v.Verify(body, headers("svix", tt.id, tt.ts, tt.sig)); !errors.Is(err, tt.want) || tt.want == nil && err != nil {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestVerifyHeaderNamesInAnyCase checks headers built without
// http.Header's methods, as a serverless function's event gives them,
// whose names are not in canonical form.
func TestVerifyHeaderNamesInAnyCase(t *testing.T) {
	t.Parallel()
	ts := strconv.Itoa(kaTimestamp)
	tests := []struct {
		name   string
		header http.Header
		family string
	}{
		{"ok, svix names in lower case", http.Header{"svix-id": {kaID}, "svix-timestamp": {ts}, "svix-signature": {kaSignature}}, "svix"},
		{"ok, webhook names in upper case", http.Header{"WEBHOOK-ID": {kaID}, "WEBHOOK-TIMESTAMP": {ts}, "WEBHOOK-SIGNATURE": {kaSignature}}, "webhook"},
		{"ok, names in mixed forms", http.Header{"svix-id": {kaID}, "Svix-Timestamp": {ts}, "SVIX-signature": {kaSignature}}, "svix"},
		{"ok, a canonical id with the other names in lower case",
			http.Header{"Webhook-Id": {kaID}, "webhook-timestamp": {ts}, "webhook-signature": {kaSignature}}, "webhook"},
		{"ok, the canonical name wins over another form",
			http.Header{"Svix-Id": {kaID}, "svix-id": {"msg_other"}, "svix-timestamp": {ts}, "svix-signature": {kaSignature}}, "svix"},
		{"ok, of other forms the first in byte order wins",
			http.Header{"SVIX-ID": {kaID}, "svix-id": {"msg_other"}, "Svix-ID": {"msg_third"},
				"svix-timestamp": {ts}, "svix-signature": {kaSignature}}, "svix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := verify.New(kaSecret, clockAt(kaTime))
			if err != nil {
				t.Fatal(err)
			}
			for range 20 { // map order must not decide which name wins
				if _, err := v.VerifyHeaders(knownBody(t), tt.header); err != nil {
					t.Fatalf("VerifyHeaders = %v, want nil", err)
				}
			}
			hs, _ := v.VerifyHeaders(knownBody(t), tt.header)
			if hs.Family != tt.family || hs.ID != kaID {
				t.Errorf("VerifyHeaders read %+v, want family %q and id %q", hs, tt.family, kaID)
			}
		})
	}
}

func FuzzParseHeaders(f *testing.F) {
	f.Add(kaID, strconv.Itoa(kaTimestamp), kaSignature)
	f.Add("", "-1", "v1a,xx v1,")
	f.Add("msg_1", "99999999999999999999", ",,, v1")
	f.Add("msg_\x00", " 12 ", "v1,"+strings.Repeat("A", 100))
	body := []byte(`{"event_type":"sample.created"}`)
	v, err := verify.New(kaSecret, clockAt(kaTime))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, id, ts, sig string) {
		h := headers("svix", id, ts, sig)
		if _, err := verify.ParseHeaders(h); err != nil && !errors.Is(err, verify.ErrMissingHeaders) && !errors.Is(err, verify.ErrInvalidHeaders) {
			t.Fatalf("ParseHeaders: unexpected error class: %v", err)
		}
		err := v.Verify(body, h)
		if err == nil {
			want, _ := verify.Sign(kaSecret, strings.Trim(id, " \t"), kaTime, body)
			if !strings.Contains(sig, strings.TrimPrefix(want, "v1,")) {
				t.Fatalf("Verify accepted a signature it did not compute: id=%q ts=%q sig=%q", id, ts, sig)
			}
			return
		}
		for _, s := range []string{kaSecret[6:]} {
			if strings.Contains(err.Error(), s) {
				t.Fatalf("error reveals the secret: %v", err)
			}
		}
	})
}

// FuzzVerifyMatchesLibrary checks that Verify accepts exactly the
// deliveries that the signing library's own check accepts, for signature
// headers with other entries around the right one and for bodies
// changed after signing. The clock is set to the delivery's timestamp,
// which leaves the signature alone to decide.
func FuzzVerifyMatchesLibrary(f *testing.F) {
	f.Add(kaID, int64(kaTimestamp), "", "", []byte(`{"event_type":"sample.created"}`), uint16(0))
	f.Add(kaID, int64(kaTimestamp), "v1a,bm90", "v2,x", []byte(`{}`), uint16(1))
	f.Add(" msg_1 ", int64(-1), "v1,AAAA\t", "", []byte{}, uint16(0))
	f.Add("msg_2", int64(0), "v1,opHv5rkzjeRKfV+2LmCVplx8C1YcFcZo6/u9Q2hBsL4=", " ", []byte("x\n"), uint16(9))
	f.Add("msg_3\u3000", int64(kaTimestamp), "\u00a0", "\u0085", []byte(`{}`), uint16(0))
	lib, err := standardwebhooks.NewWebhook(kaSecret)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, id string, ts int64, before, after string, body []byte, flip uint16) {
		at := time.Unix(ts, 0)
		sig, err := verify.Sign(kaSecret, id, at, body)
		if err != nil {
			t.Fatal(err)
		}
		if flip != 0 && len(body) > 0 {
			body = append([]byte(nil), body...)
			body[int(flip)%len(body)] ^= byte(flip>>8 | 1)
		}
		sigHeader := before + " " + sig + " " + after
		stamp := strconv.FormatInt(ts, 10)

		v, err := verify.New(kaSecret, clockAt(at))
		if err != nil {
			t.Fatal(err)
		}
		ours := v.Verify(body, headers("svix", id, stamp, sigHeader))
		theirs := lib.VerifyIgnoringTimestamp(body,
			headers("webhook", strings.Trim(id, " \t"), stamp, strings.Trim(sigHeader, " \t")))
		if (ours == nil) != (theirs == nil) {
			t.Fatalf("Verify = %v, the library says %v (id %q, signature header %q)", ours, theirs, id, sigHeader)
		}
	})
}

// TestLongSignatureHeaderAllocatesLittle checks that a signature header
// of many foreign entries, which anyone can send, costs no memory in
// proportion to its entries beyond the header itself.
func TestLongSignatureHeaderAllocatesLittle(t *testing.T) {
	body := knownBody(t)
	sig := strings.Repeat("x,a ", 100_000)
	header := headers("svix", kaID, strconv.Itoa(kaTimestamp), sig)
	v, err := verify.New(kaSecret, clockAt(kaTime))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err = v.Verify(body, header)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, verify.ErrNoMatchingSignature) || !strings.Contains(err.Error(), "and 99996 more") {
		t.Errorf("Verify = %v, want no matching signature naming four versions and 99996 more", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Errorf("Verify allocated %d bytes for a %d-byte header of foreign entries, want a few KiB", n, len(sig))
	}
}
