package verify

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
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
	if !webhookFamily.in(h) && !svixFamily.in(h) {
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

// in reports whether h holds all three headers of family f under their
// canonical names.
func (f *family) in(h http.Header) bool {
	return get(h, f.id) != "" && get(h, f.timestamp) != "" && get(h, f.signature) != ""
}

// canonical returns a copy of h with every name in canonical form. A
// header that net/http did not build, such as one converted from a
// serverless function's event, may hold names in lower case, which
// [http.Header.Get] does not find. Where several names become one, the
// values of the name already in canonical form come first, then those
// of the others in the order of their names, so that the first value,
// which ParseHeaders reads, does not depend on the order of a map.
func canonical(h http.Header) http.Header {
	rank := func(name string) int {
		if name == http.CanonicalHeaderKey(name) {
			return 0
		}
		return 1
	}
	names := slices.SortedFunc(maps.Keys(h), func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	c := make(http.Header, len(h))
	for _, name := range names {
		key := http.CanonicalHeaderKey(name)
		c[key] = append(c[key], h[name]...)
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
	var versions []string // the first few, for the error
	found := 0
	for entry := range strings.FieldsSeq(sig) {
		version, _, ok := strings.Cut(entry, ",")
		if !ok {
			continue
		}
		if version == "v1" {
			return nil
		}
		if found++; len(versions) < shownVersions {
			versions = append(versions, version)
		}
	}
	if found == 0 {
		return newError(ErrInvalidHeaders, nil, "signature header has no \"version,signature\" entry")
	}
	return newError(ErrNoMatchingSignature, nil, "signature header has no v1 entry, only %s", listVersions(versions, found))
}

// shownVersions is how many signature versions an error names.
const shownVersions = 4

// listVersions names the versions kept from a signature header, the
// first of found, for an error message that stays short whatever the
// header holds.
func listVersions(versions []string, found int) string {
	var b strings.Builder
	for i, v := range versions {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", clip(v))
	}
	if found > len(versions) {
		fmt.Fprintf(&b, " and %d more", found-len(versions))
	}
	return b.String()
}
