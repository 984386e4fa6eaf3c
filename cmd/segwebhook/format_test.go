package main

import (
	"strings"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
	"github.com/segments-webhooks/webhooks/webhookstest"
)

func TestFormatEventDescribesEveryExample(t *testing.T) {
	t.Parallel()
	want := map[events.Type]string{
		events.TypeDatasetCreated: "dataset acme/street-scenes",
		events.TypeDatasetUpdated: "dataset acme/",
		events.TypeDatasetDeleted: "dataset acme/old-experiments",
		events.TypeSampleCreated:  "sample frame_000123.jpg, uuid 7f0c2a4e-1b9d-4c3e-9a51-",
		events.TypeSampleUpdated:  "sample frame_000123.jpg, uuid ",
		events.TypeSampleDeleted:  "sample frame_000087.jpg, uuid c41e9b07-58d2-4f6a-",
		events.TypeLabelUpdated: "label of sample 7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17, " +
			"type bboxes, status REVIEWED",
		events.TypeLabelDeleted: "label of sample ",
		events.TypeIssueCreated: "issue ",
		events.TypeIssueUpdated: "issue a07c6e21-d94b-4b3f-8f15-6e2b90c3d748, status CLOSED, " +
			"on sample e40_run_0419",
		events.TypeReleaseCreated: "release v1.2, status SUCCEEDED",
	}
	types := webhookstest.PayloadTypes()
	if len(types) != len(want) {
		t.Errorf("%d example events, this test knows %d", len(types), len(want))
	}
	for _, typ := range types {
		t.Run(string(typ), func(t *testing.T) {
			t.Parallel()
			body, err := webhookstest.Payload(typ)
			if err != nil {
				t.Fatal(err)
			}
			ev, err := events.Parse(body)
			if err != nil {
				t.Fatal(err)
			}
			d := handler.Delivery{ID: "msg_format", Timestamp: time.Unix(1796030102, 0)}
			got := formatEvent(ev, d)

			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			if len(lines) != 2 {
				t.Fatalf("want two lines, got:\n%s", got)
			}
			head := string(typ) + "  " + ev.EventEnvelope().DatasetName + "  msg_format"
			if !strings.Contains(lines[0], head) {
				t.Errorf("first line %q lacks %q", lines[0], head)
			}
			if !strings.Contains(lines[1], want[typ]) || strings.Contains(lines[1], "no details") {
				t.Errorf("second line %q lacks %q", lines[1], want[typ])
			}
		})
	}
}

func TestFormatEventPartialAndUnknown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want string
	}{
		{"a deleted label with its sample only",
			`{"event_type":"label.deleted","object":{"sample_uuid":"s-1"}}`,
			"label of sample s-1\n"},
		{"a deleted sample without fields",
			`{"event_type":"sample.deleted","object":{}}`,
			"sample (no details)\n"},
		{"a dataset known by its name only",
			`{"event_type":"dataset.deleted","object":{"name":"b"}}`,
			"dataset b\n"},
		{"an event type from the future",
			`{"event_type":"dataset.archived","object":{"x":1},"text":"Dataset a/b archived."}`,
			"event type unknown to this version, 7 bytes of object: Dataset a/b archived.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ev, err := events.Parse([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			got := formatEvent(ev, handler.Delivery{ID: "msg_1"})
			if !strings.HasSuffix(got, tt.want) {
				t.Errorf("got %q, want it to end with %q", got, tt.want)
			}
		})
	}
}
