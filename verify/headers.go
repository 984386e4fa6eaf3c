package verify

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The header names of the two families a delivery may use. Svix sends
// the svix-* family; Standard Webhooks senders use webhook-*.
const (
	HeaderWebhookID        = "webhook-id"
	HeaderWebhookTimestamp = "webhook-timestamp"
	HeaderWebhookSignature = "webhook-signature"

	HeaderSvixID        = "svix-id"
	HeaderSvixTimestamp = "svix-timestamp"
	HeaderSvixSignature = "svix-signature"
)

// Headers are the three signing headers of one delivery, read by
// [ParseHeaders].
type Headers struct {
	// Family is the prefix of the header names found: "webhook" or "svix".
	Family string

	// ID is the message id, such as "msg_2aXy…". It stays the same on
	// every retry of a message, which makes it the idempotency key.
	ID string

	// Timestamp is the time the sender signed this attempt, to the second.
	Timestamp time.Time

	// Signature is the signature header as sent: space-separated
	// "version,base64" entries.
	Signature string
}

// ParseHeaders reads the signing headers from h. It prefers the
// webhook-* family and falls back to svix-*; names are matched without
// regard to case. A missing or empty header gives an error that wraps
// [ErrMissingHeaders]; a timestamp that is not an integer number of
// seconds gives one that wraps [ErrInvalidHeaders]. ParseHeaders checks
// neither the signature nor the timestamp's age.
func ParseHeaders(h http.Header) (Headers, error) {
	if get(h, webhookFamily.id) == "" && get(h, svixFamily.id) == "" {
		h = canonical(h)
	}
	f := &webhookFamily
	if get(h, webhookFamily.id) == "" && get(h, svixFamily.id) != "" {
		f = &svixFamily
	}

	hs := Headers{Family: f.name}
	hs.ID = trimOWS(get(h, f.id))
	rawTS := trimOWS(get(h, f.timestamp))
	hs.Signature = trimOWS(get(h, f.signature))
	switch {
	case hs.ID == "" && f == &webhookFamily:
		return hs, newError(ErrMissingHeaders, nil, "missing header %q (or %q)", HeaderSvixID, HeaderWebhookID)
	case hs.ID == "":
		return hs, newError(ErrMissingHeaders, nil, "missing header %q", HeaderSvixID)
	case rawTS == "":
		return hs, newError(ErrMissingHeaders, nil, "missing header %q", f.name+"-timestamp")
	case hs.Signature == "":
		return hs, newError(ErrMissingHeaders, nil, "missing header %q", f.name+"-signature")
	}

	sec, err := strconv.ParseInt(rawTS, 10, 64)
	if err != nil {
		return hs, newError(ErrInvalidHeaders, nil, "header %q is %q, not Unix seconds", f.name+"-timestamp", clip(rawTS))
	}
	hs.Timestamp = time.Unix(sec, 0)
	return hs, nil
}

// A family holds the names of one family of signing headers in the
// canonical form under which [http.Header] stores them, so that reading
// them does not canonicalize a name on every delivery.
type family struct {
	name, id, timestamp, signature string
}

var (
	webhookFamily = family{"webhook", http.CanonicalHeaderKey(HeaderWebhookID),
		http.CanonicalHeaderKey(HeaderWebhookTimestamp), http.CanonicalHeaderKey(HeaderWebhookSignature)}
	svixFamily = family{"svix", http.CanonicalHeaderKey(HeaderSvixID),
		http.CanonicalHeaderKey(HeaderSvixTimestamp), http.CanonicalHeaderKey(HeaderSvixSignature)}
)

// canonical returns a copy of h with every name in canonical form. A
// header that net/http did not build, such as one converted from a
// serverless function's event, may hold names in lower case, which
// [http.Header.Get] does not find.
func canonical(h http.Header) http.Header {
	c := make(http.Header, len(h))
	for name, values := range h {
		key := http.CanonicalHeaderKey(name)
		c[key] = append(c[key], values...)
	}
	return c
}

// trimOWS removes the spaces and tabs that HTTP allows around a header
// value, which net/http drops when it reads a request but a header built
// by hand may keep, and nothing else: other white space is part of the
// value the sender signed.
func trimOWS(s string) string {
	return strings.Trim(s, " \t")
}

// get is h.Get for a name already in canonical form.
func get(h http.Header, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// clip shortens an untrusted header value for an error message.
func clip(s string) string {
	const max = 32
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// checkSignatureHeader reports whether sig holds at least one v1 entry,
// and otherwise why not.
func checkSignatureHeader(sig string) error {
	if strings.HasPrefix(sig, "v1,") {
		return nil // the usual case, which needs no search
	}
	var versions []string
	for entry := range strings.FieldsSeq(sig) {
		version, _, ok := strings.Cut(entry, ",")
		if !ok {
			continue
		}
		if version == "v1" {
			return nil
		}
		versions = append(versions, version)
	}
	if len(versions) == 0 {
		return newError(ErrInvalidHeaders, nil, "signature header has no \"version,signature\" entry")
	}
	return newError(ErrNoMatchingSignature, nil, "signature header has no v1 entry, only %s", listVersions(versions))
}

// listVersions names the first few versions found, for an error message
// that stays short whatever the header holds.
func listVersions(versions []string) string {
	const shown = 4
	var b strings.Builder
	for i, v := range versions[:min(len(versions), shown)] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", clip(v))
	}
	if len(versions) > shown {
		fmt.Fprintf(&b, " and %d more", len(versions)-shown)
	}
	return b.String()
}
