package events_test

import (
	"encoding/json"
	"testing"

	"github.com/segments-webhooks/webhooks/events"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// encodes to JSON that parses back to the same event.
func FuzzParse(f *testing.F) {
	for _, typ := range events.Types() {
		f.Add(readPayload(f, typ))
	}
	f.Add(envelope("sample.archived", `{"uuid":"u"}`))
	f.Add(envelope("sample.created", `null`))

	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := events.Parse(body)
		if err != nil {
			return
		}
		encoded, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("Marshal of a parsed %T: %v", ev, err)
		}
		again, err := events.Parse(encoded)
		if err != nil {
			t.Fatalf("Parse of the encoded event: %v\n%s", err, encoded)
		}
		if !sameValue(ev, again) {
			t.Fatalf("parsed again, the event differs:\nfirst  %+v\nsecond %+v\nencoded %s",
				ev, again, encoded)
		}
	})
}
