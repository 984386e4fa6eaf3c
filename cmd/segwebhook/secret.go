package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/segments-webhooks/webhooks/webhookstest"
)

var secretCommand = &command{
	name:    "secret",
	summary: "print a new random signing secret for local testing",
	usage:   []string{""},
	example: "export " + envSecret + "=$(segwebhook secret)",
	more: `The secret has Svix's format: "whsec_" and 24 random bytes in base64.
Use it between your own programs. A real endpoint's secret is made by
Segments.ai and shown where the webhook is configured; copy that one
instead.`,
	setup: func(e *env, fs *flag.FlagSet) func(context.Context, []string) error {
		return func(_ context.Context, args []string) error {
			if len(args) > 0 {
				return usagef("unexpected argument %q", args[0])
			}
			fmt.Fprintln(e.stdout, webhookstest.NewSecret())
			return nil
		}
	},
}
