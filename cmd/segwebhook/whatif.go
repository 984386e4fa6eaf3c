package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/segments-webhooks/webhooks/verify"
)

// A change is one what-if: the inputs of a signature with one thing
// changed, and what it means when it matches.
type change struct {
	what    string
	cause   string
	secrets []string // a match with any of them counts
	ts      time.Time
	body    []byte
}

// checkChanges signs again with plausible changes and reports which
// ones match.
func (d *diagnosis) checkChanges() {
	changes, unchecked := d.changes()
	fmt.Fprintln(d.w, "Checked by signing again with one change:")
	var causes []string
	for _, c := range changes {
		result := "no match"
		if slices.ContainsFunc(c.secrets, func(s string) bool {
			return d.matches(s, c.ts, c.body)
		}) {
			result = "MATCH"
			if !slices.Contains(causes, c.cause) {
				causes = append(causes, c.cause)
			}
		}
		fmt.Fprintf(d.w, "  %-9s %s\n", result, c.what)
	}
	for _, u := range unchecked {
		fmt.Fprintf(d.w, "  %-9s %s\n", "skipped", u)
	}
	fmt.Fprintln(d.w)

	if len(causes) > 0 {
		for _, c := range causes {
			fmt.Fprintln(d.w, wrap("Likely cause: "+c, 72, ""))
		}
		return
	}
	fmt.Fprintln(d.w, "None of these changes explains the mismatch. "+
		"Causes that cannot be checked here:")
	for _, c := range []string{
		"the secret belongs to another endpoint, or to the time before a rotation: each endpoint " +
			"has its own secret, and deliveries signed before a rotation carry the old one",
		"the body was changed in a way not tried above: a field edited, JSON keys reordered, " +
			"characters escaped differently",
		"the id or timestamp header comes from another delivery or retry than the body: " +
			"every attempt is signed anew with its own timestamp",
	} {
		fmt.Fprintln(d.w, wrap("- "+c, 72, "  "))
	}
}

// changes lists the what-ifs that apply to this request, without
// repeats, and those that could not be tried.
func (d *diagnosis) changes() (changes []change, unchecked []string) {
	ts, body := d.hs.Timestamp, d.req.body
	add := func(c change) {
		for _, prev := range changes {
			if slices.Equal(prev.secrets, c.secrets) && prev.ts.Equal(c.ts) &&
				bytes.Equal(prev.body, c.body) {
				return
			}
		}
		changes = append(changes, c)
	}

	secret := d.secret
	trimmed := strings.Trim(strings.TrimSpace(secret), `"'`)
	if trimmed != secret {
		add(change{
			what: "the secret without the white space or quotes around it",
			cause: "the secret was copied with white space, a newline or quotes (from a " +
				"file, an echo, a .env line). Trim it where it is read.",
			secrets: []string{trimmed}, ts: ts, body: body,
		})
	}
	text := strings.TrimPrefix(trimmed, "whsec_")
	add(change{
		what: "the text of the secret used as the key instead of its base64 decoding",
		cause: "the sender used the characters of the secret as the HMAC key. The key " +
			"is the base64 decoding of what follows whsec_; fix the sender.",
		secrets: []string{rawKeySecret(text), rawKeySecret("whsec_" + text)},
		ts:      ts, body: body,
	})

	if _, err := verify.New(secret); err != nil {
		secret = trimmed
	}
	if _, err := verify.New(secret); err != nil {
		unchecked = append(unchecked,
			"changes to the body and timestamp: no usable secret to sign with")
		return changes, unchecked
	}

	with := func(what, cause string, ts time.Time, body []byte) {
		add(change{what: what, cause: cause, secrets: []string{secret}, ts: ts, body: body})
	}
	added := "a newline was added to the body after it was signed: by an editor saving " +
		"the file, by echo or a here-document in a script, or by a proxy. Sign and " +
		"verify the raw bytes as sent."
	if one := trimOneNewline(body); len(one) < len(body) {
		with("the body without its trailing newline", added, ts, one)
		if all := bytes.TrimRight(body, "\r\n"); len(all) < len(one) {
			with("the body without any of its trailing newlines", added, ts, all)
		}
	} else if len(body) > 0 {
		with("the body with a trailing newline",
			"the sender signed a body that ended with a newline, and the newline was "+
				"lost before verification (trimmed by the code that read the body).",
			ts, append(bytes.Clone(body), '\n'))
	}
	if bytes.Contains(body, []byte("\r\n")) {
		with("the body with LF line ends instead of CRLF",
			"line ends were converted after signing, by an editor or a transfer in text mode.",
			ts, bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")))
	}
	if json.Valid(body) {
		var compact bytes.Buffer
		json.Compact(&compact, body)
		reencoded := "the JSON was re-encoded after it was signed: pretty-printed or " +
			"re-serialized by a framework, a logging proxy or the program that saved it. Verify " +
			"the raw body before any JSON decoding, and save requests byte for byte."
		if !bytes.Equal(compact.Bytes(), body) {
			with("the body as compact JSON", reencoded, ts, compact.Bytes())
		}
		if spaced := spaceJSON(compact.Bytes()); !bytes.Equal(spaced, body) {
			with("the body as JSON with a space after each , and :", reencoded, ts, spaced)
		}
	}
	if sec := ts.Unix(); looksLikeMillis(sec) {
		with("the timestamp in seconds instead of milliseconds",
			"the sender signed Unix seconds but put milliseconds in the timestamp "+
				"header. Both must be the same number of seconds.", time.Unix(sec/1000, 0), body)
	}
	return changes, unchecked
}

// trimOneNewline removes one line end, "\n" or "\r\n", from the end of
// body.
func trimOneNewline(body []byte) []byte {
	body, _ = bytes.CutSuffix(body, []byte("\n"))
	body, _ = bytes.CutSuffix(body, []byte("\r"))
	return body
}

// rawKeySecret returns a secret whose key is the bytes of text, to
// check a sender that did not base64-decode its secret.
func rawKeySecret(text string) string {
	return "whsec_" + base64.StdEncoding.EncodeToString([]byte(text))
}

// isCompact reports whether a valid JSON body has no insignificant
// white space.
func isCompact(body []byte) bool {
	var b bytes.Buffer
	if err := json.Compact(&b, body); err != nil {
		return false
	}
	return bytes.Equal(b.Bytes(), body)
}

// spaceJSON adds a space after each comma and colon outside strings of
// compact JSON, the default spacing of Python's json.dumps.
func spaceJSON(compact []byte) []byte {
	out := make([]byte, 0, len(compact)+len(compact)/8)
	inString, escaped := false, false
	for _, c := range compact {
		out = append(out, c)
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ',' || c == ':'):
			out = append(out, ' ')
		}
	}
	return out
}
