package main

import (
	"bytes"
	"crypto/hmac"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/segments-webhooks/webhooks/verify"
)

// A diagnosis checks one saved request and explains the outcome.
type diagnosis struct {
	w         io.Writer
	req       *savedRequest
	secret    string
	now       time.Time
	tolerance time.Duration

	hs      verify.Headers
	entries []sigEntry
}

// A sigEntry is one "version,signature" entry of the signature header.
type sigEntry struct {
	raw     string
	version string
}

// field prints one line of facts under a label.
func (d *diagnosis) field(label, format string, args ...any) {
	fmt.Fprintf(d.w, "%-12s%s\n", label, fmt.Sprintf(format, args...))
}

// run prints the report and tells whether the request verifies.
func (d *diagnosis) run() bool {
	d.describeRequest()
	hs, err := verify.ParseHeaders(d.req.header)
	if err != nil {
		d.describeHeaderError(err)
		d.field("verdict", "rejected: %v", err)
		return false
	}
	d.hs = hs
	d.field("headers", "%[1]s family: %[1]s-id, %[1]s-timestamp, %[1]s-signature", hs.Family)
	d.field("message id", "%s", hs.ID)
	d.describeTimestamp()
	d.describeSecret()
	d.describeSignatures()

	v, err := verify.New(d.secret, verify.WithClock(func() time.Time { return d.now }),
		verify.WithTolerance(d.tolerance))
	if err == nil {
		_, err = v.VerifyHeaders(d.req.body, d.req.header)
	}
	if err == nil {
		d.field("verdict", "valid: the delivery is authentic and on time")
		return true
	}
	d.field("verdict", "rejected: %v", err)
	fmt.Fprintln(d.w)
	d.explain(err)
	return false
}

// describeRequest reports the request line and what the body looks like,
// and anything odd about the file.
func (d *diagnosis) describeRequest() {
	line := d.req.line
	if line == "" {
		line = "(no request line)"
	}
	body := fmt.Sprintf("body of %d bytes", len(d.req.body))
	switch {
	case len(d.req.body) == 0:
	case !json.Valid(d.req.body):
		body += ", not valid JSON"
	case !isCompact(bytes.TrimRight(d.req.body, "\r\n")):
		body += ", JSON not in compact form"
	default:
		body += ", compact JSON"
	}
	if bytes.HasSuffix(d.req.body, []byte("\n")) {
		body += ", ending with a newline"
	}
	d.field("request", "%s, %s", line, body)
	for _, n := range d.req.notes {
		d.field("note", "%s", n)
	}
}

// signingHeaders lists the names of the signing-looking headers present.
func (d *diagnosis) signingHeaders() []string {
	var names []string
	for _, n := range []string{
		verify.HeaderSvixID, verify.HeaderSvixTimestamp, verify.HeaderSvixSignature,
		verify.HeaderWebhookID, verify.HeaderWebhookTimestamp, verify.HeaderWebhookSignature,
	} {
		if strings.TrimSpace(d.req.header.Get(n)) != "" {
			names = append(names, n)
		}
	}
	return names
}

// describeHeaderError reports which signing headers are there when
// they cannot be read, and why.
func (d *diagnosis) describeHeaderError(err error) {
	found := d.signingHeaders()
	switch {
	case len(found) == 0:
		d.field("headers", "no svix-* or webhook-* signing headers at all")
		d.field("hint", "the request did not come from Segments.ai, or a proxy or the "+
			"program that saved it dropped the headers")
	case errors.Is(err, verify.ErrMissingHeaders):
		d.field("headers", "found %s; %v", strings.Join(found, ", "), unwrapText(err))
		d.field("hint", "a sender sets all three headers of one family; a proxy or the "+
			"program that saved the request may have dropped one")
	default:
		d.field("headers", "found %s; %v", strings.Join(found, ", "), unwrapText(err))
	}
}

// unwrapText returns the detail of a verify error, after its sentinel.
func unwrapText(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "verify: ") {
		if j := strings.Index(msg[i+2:], ": "); j >= 0 {
			return msg[i+2+j+2:]
		}
	}
	return msg
}

// looksLikeMillis reports whether a timestamp is too large to be Unix
// seconds of this era: past the year 5000.
func looksLikeMillis(sec int64) bool { return sec > 1e11 }

// describeTimestamp reports the timestamp, and its age against the
// tolerance unless it looks like milliseconds.
func (d *diagnosis) describeTimestamp() {
	sec := d.hs.Timestamp.Unix()
	if looksLikeMillis(sec) {
		d.field("timestamp", "%d, which looks like milliseconds: as seconds it is %s",
			sec, utc(time.Unix(sec/1000, 0)))
		return
	}
	d.field("timestamp", "%d = %s", sec, utc(d.hs.Timestamp))

	age := d.now.Unix() - sec
	limit := int64(d.tolerance / time.Second)
	verdict := "within"
	if age > limit || -age > limit {
		verdict = "outside"
	}
	when := ageText(age)
	if age < 0 {
		when = ageText(-age) + " in the future"
	}
	d.field("age", "%s at %s, %s the %v tolerance", when, utc(d.now), verdict, d.tolerance)
}

// utc formats t for the report.
func utc(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// ageText formats n seconds as a duration, or in days when it is long.
func ageText(n int64) string {
	if n >= 3*86400 {
		return fmt.Sprintf("%d days", n/86400)
	}
	return (time.Duration(n) * time.Second).String()
}

// describeSecret reports whether the secret can be used, without
// showing it.
func (d *diagnosis) describeSecret() {
	_, err := verify.New(d.secret)
	switch {
	case err != nil:
		d.field("secret", "unusable: %s", unwrapText(err))
	case !strings.HasPrefix(d.secret, "whsec_"):
		d.field("secret", "given without the whsec_ prefix: accepted, the rest is the base64 key")
	default:
		d.field("secret", "well formed")
	}
}

// describeSignatures reports, entry by entry, whether the signature
// header matches the body under the given secret.
func (d *diagnosis) describeSignatures() {
	expected, signErr := verify.Sign(d.secret, d.hs.ID, d.hs.Timestamp, d.req.body)
	for i, raw := range strings.Fields(d.hs.Signature) {
		version, _, ok := strings.Cut(raw, ",")
		d.entries = append(d.entries, sigEntry{raw: raw, version: version})
		label := fmt.Sprintf("signature %d", i+1)
		switch {
		case !ok:
			d.field(label, "malformed: not a version,signature pair")
		case version != "v1":
			d.field(label, "(%s) skipped: only v1 (HMAC-SHA256) signatures are checked",
				clip(version))
		case signErr != nil:
			d.field(label, "(v1) not checked: the secret is unusable")
		case hmac.Equal([]byte(raw), []byte(expected)):
			d.field(label, "(v1) matches")
		default:
			d.field(label, "(v1) does not match")
		}
	}
}

// clip shortens an untrusted value for the report.
func clip(s string) string {
	if len(s) > 16 {
		return s[:16] + "…"
	}
	return s
}

// matches reports whether a v1 entry of the header equals the signature
// of the given inputs.
func (d *diagnosis) matches(secret string, ts time.Time, body []byte) bool {
	expected, err := verify.Sign(secret, d.hs.ID, ts, body)
	if err != nil {
		return false
	}
	for _, e := range d.entries {
		if e.version == "v1" && hmac.Equal([]byte(e.raw), []byte(expected)) {
			return true
		}
	}
	return false
}

// hasV1 reports whether the signature header has a v1 entry.
func (d *diagnosis) hasV1() bool {
	for _, e := range d.entries {
		if e.version == "v1" {
			return true
		}
	}
	return false
}

// explain says why the request was rejected, checking what it can.
func (d *diagnosis) explain(verdict error) {
	signatureOK := d.matches(d.secret, d.hs.Timestamp, d.req.body)
	switch {
	case signatureOK && looksLikeMillis(d.hs.Timestamp.Unix()):
		d.say("The signature matches, but the timestamp is in milliseconds. Standard " +
			"Webhooks timestamps are Unix seconds: the sender must send and sign seconds.")
		return
	case signatureOK && errors.Is(verdict, verify.ErrTimestampTooOld):
		d.say("The signature matches; only the age fails. Either this is an old request " +
			"replayed (a saved request goes stale after the tolerance: check its signature " +
			"alone with --now set to its timestamp), or this machine's clock is ahead: compare " +
			"it with a time server.")
		return
	case signatureOK && errors.Is(verdict, verify.ErrTimestampTooNew):
		d.say("The signature matches, but the timestamp lies in the future: the sender's " +
			"clock is ahead or this machine's is behind.")
		return
	case signatureOK:
		d.say("The signature matches; the verdict above names what else is wrong.")
		return
	case !d.hasV1():
		d.say("The signature header has no v1 entry. Segments.ai signs with v1 (HMAC-SHA256 " +
			"with the whsec_ secret); other versions such as v1a (ed25519) are skipped, so " +
			"a header that carries only those cannot be verified with a secret. Check that " +
			"the request comes from Segments.ai and that the header was not cut.")
		return
	}
	d.checkChanges()
	if errors.Is(verdict, verify.ErrTimestampTooOld) ||
		errors.Is(verdict, verify.ErrTimestampTooNew) {
		fmt.Fprintln(d.w, "\nThe timestamp is outside the tolerance as well (see above).")
	}
}

// say prints a paragraph of explanation, wrapped near 72 columns.
func (d *diagnosis) say(text string) {
	fmt.Fprintln(d.w, wrap(text, 72, ""))
}
