package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

var exampleCommand = &command{
	name:    "example",
	summary: "print the body of an example event, as send and sign use it",
	usage:   []string{"EVENT_TYPE"},
	example: "segwebhook example label.updated > body.json",
	more: `The body is printed byte for byte: compact JSON without a trailing
newline, as Segments.ai sends it. The headers of 'segwebhook sign
EVENT_TYPE' verify over it, so the two together make a delivery to send
with another HTTP client. Or edit the body and send it with --file.

` + wrap("Example events: "+exampleTypes()+".", 72, ""),
	setup: func(e *env, fs *flag.FlagSet) func(context.Context, []string) error {
		return func(_ context.Context, args []string) error {
			switch {
			case len(args) == 0:
				return usagef("no event type: name one of %s", exampleTypes())
			case len(args) > 1:
				return usagef("one event type at a time, got %q", args)
			}
			b, err := webhookstest.Payload(events.Type(args[0]))
			if err != nil {
				return usagef("no example event %q; choose one of %s", args[0], exampleTypes())
			}
			if _, err := e.stdout.Write(b); err != nil {
				return fmt.Errorf("writing the body: %w", err)
			}
			return nil
		}
	},
}
