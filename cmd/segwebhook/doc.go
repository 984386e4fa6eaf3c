// Command segwebhook helps build and debug a receiver of Segments.ai
// webhooks. It makes signing secrets, signs and sends example
// deliveries, runs a local receiver that prints every verified event, and
// explains why a saved request does or does not verify.
//
//	go install github.com/segments-webhooks/webhooks/cmd/segwebhook@latest
//
// or, from a checkout, "go run ./cmd/segwebhook".
//
// Every command that signs or verifies reads the endpoint's signing
// secret from --secret or, when that is empty, from the environment
// variable SEGMENTS_WEBHOOK_SECRET; prefer the variable, which stays out
// of shell history. Flags may be written with one dash or two, before
// or after the arguments. "segwebhook help <command>" shows a command's
// flags and an example.
//
// # A first round trip
//
//	export SEGMENTS_WEBHOOK_SECRET=$(segwebhook secret)
//	segwebhook listen &
//	segwebhook send sample.created
//
// # secret
//
//	segwebhook secret
//
// prints a new random secret in Svix's format ("whsec_" and base64),
// for tests between your own programs. A real endpoint's secret is the
// one Segments.ai shows where the webhook is configured.
//
// # listen
//
//	segwebhook listen [--addr :8080] [--path /webhooks] [--forward URL]
//
// serves a receiver built on packages handler and httpadapter, and
// prints each verified event in two lines: time, type, dataset and
// delivery id, then the object (sample name and uuid, label status,
// issue status, release name, dataset name). Rejected deliveries are
// logged on standard error with the reason. --forward passes every
// verified delivery on, unchanged and without a new signature, to
// another URL, such as an application that is not reachable from the
// internet; when that fails, the receiver answers 500 so that
// Segments.ai retries. Without a secret, listen makes a development
// secret and prints it. "--addr 127.0.0.1:0" picks a free port; the URL
// to send to is printed first. Ctrl-C shuts the server down gracefully.
//
// # send
//
//	segwebhook send [--url URL] [flags] EVENT_TYPE
//	segwebhook send [--url URL] [flags] --file FILE
//
// signs one of the built-in example deliveries (sample.created,
// label.updated and the other event types), or a file (- for standard
// input), and POSTs it to --url, http://localhost:8080/webhooks by
// default, with the signing headers and a JSON content type. It prints
// the status, the start of the answer and the response headers that
// decide a retry (webhook-delivery, Retry-After), and exits with status
// 1 unless the answer is 2xx. --header-family webhook sends the
// webhook-* header names instead of svix-*. --id and --timestamp (Unix
// seconds) replace the new message id and the current time, for example
// to test a receiver's deduplication or its tolerance; given empty, they
// are a usage error.
//
// # sign
//
//	segwebhook sign [--id ID] [--timestamp SECONDS] --file FILE
//	segwebhook sign [flags] EVENT_TYPE
//
// prints the three signing headers for a body as "name: value" lines,
// to use with another HTTP client. It takes the flags of send except
// --url and --timeout.
//
// # example
//
//	segwebhook example EVENT_TYPE
//
// prints the body of a built-in example delivery byte for byte, as send
// and sign use it: compact JSON without a trailing newline, as
// Segments.ai sends it. The headers that "segwebhook sign EVENT_TYPE"
// prints verify over it.
//
// # verify
//
//	segwebhook verify [--now TIME] [--tolerance 5m] REQUEST_FILE
//	segwebhook verify [flags] --headers FILE --body FILE
//
// reads a saved request (request line, headers, blank line, body, as
// written by [net/http/httputil.DumpRequest] or a proxy) and reports the
// header family, the message id, the timestamp and its age, whether each
// signature in the header matches, and the verdict of package verify.
// When the verdict is negative it signs again with one change at a time
// (the secret trimmed, the body without a trailing newline or as compact
// JSON, the timestamp in seconds instead of milliseconds, and others)
// and names the change that matches. It never prints the secret or an
// expected signature. --now checks the timestamp against another time,
// which lets an old saved request be checked for its signature alone.
//
// # Exit status
//
// 0 on success (for verify: the request verifies), 1 when the command
// ran and failed (a non-2xx answer, a request that does not verify, a
// file that cannot be read), 2 for a usage error (an unknown command or
// flag, a flag value or argument the command cannot use).
//
// # Design
//
// The command uses the standard flag package, one FlagSet per
// subcommand. Six commands with a few flags each need no more, and a
// CLI library would add a requirement to the SDK's go.mod that every
// user of the module inherits. The entry point is a function of the
// arguments and two writers, so tests run each command in-process.
package main
