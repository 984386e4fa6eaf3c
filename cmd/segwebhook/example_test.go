package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func TestExample(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		code     int
		want     events.Type // the body expected on stdout, when code is 0
		inStderr string
	}{
		{"ok, a label event", []string{"label.updated"}, 0, events.TypeLabelUpdated, ""},
		{"ok, a dataset event", []string{"dataset.deleted"}, 0, events.TypeDatasetDeleted, ""},
		{"nok, no event type", nil, 2, "", "no event type: name one of dataset.created"},
		{"nok, an unknown event type", []string{"sample.archived"}, 2, "",
			`no example event "sample.archived"; choose one of`},
		{"nok, two event types", []string{"sample.created", "label.updated"}, 2, "",
			"one event type at a time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, append([]string{"example"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.inStderr) {
				t.Fatalf("exit status %d, want %d and %q in stderr\nstderr: %s",
					r.code, tt.code, tt.inStderr, r.stderr)
			}
			if tt.code != 0 {
				if r.stdout != "" {
					t.Errorf("stdout of a usage error: %q", r.stdout)
				}
				return
			}
			want, err := webhookstest.Payload(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal([]byte(r.stdout), want) {
				t.Errorf("stdout is not the example body byte for byte:\n%q\nwant:\n%q",
					r.stdout, want)
			}
			if r.stderr != "" {
				t.Errorf("stderr: %q", r.stderr)
			}
		})
	}
}
