package events_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
)

func TestTimeIsLenient(t *testing.T) {
	t.Parallel()
	want := time.Date(2021, 8, 9, 14, 40, 19, 987691000, time.UTC)
	tests := []struct {
		name string
		json string
		want time.Time
	}{
		{"ok, Python isoformat with offset", `"2021-08-09T14:40:19.987691+00:00"`, want},
		{"ok, Z suffix", `"2021-08-09T14:40:19.987691Z"`, want},
		{"ok, other offset becomes UTC", `"2021-08-09T16:40:19.987691+02:00"`, want},
		{"ok, naive time read as UTC", `"2021-08-09T14:40:19.987691"`, want},
		{"ok, space instead of T", `"2021-08-09 14:40:19.987691+00:00"`, want},
		{"ok, no fraction", `"2021-08-09T14:40:19Z"`, want.Truncate(time.Second)},
		{"ok, date alone", `"2021-08-09"`, time.Date(2021, 8, 9, 0, 0, 0, 0, time.UTC)},
		{"zero, not a time", `"yesterday"`, time.Time{}},
		{"zero, empty string", `""`, time.Time{}},
		{"zero, null", `null`, time.Time{}},
		{"zero, a number", `1628520019`, time.Time{}},
		{"zero, an object", `{"t":1}`, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got events.Time
			if err := json.Unmarshal([]byte(tt.json), &got); err != nil {
				t.Fatalf("Unmarshal(%s) = %v, want no error", tt.json, err)
			}
			if !got.Time.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("Unmarshal(%s) = %v, want %v in UTC", tt.json, got.Time, tt.want)
			}
		})
	}
}

func TestTimeRoundTrip(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`"2021-08-09T14:40:19.987691+00:00"`, `null`} {
		var first, second events.Time
		if err := json.Unmarshal([]byte(in), &first); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(first)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(out, &second); err != nil {
			t.Fatal(err)
		}
		if first != second {
			t.Errorf("%s: round trip %s gave %v, want %v", in, out, second, first)
		}
	}
}

func TestParseErrorNamesTheFieldPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, path string
	}{
		{"nok, dataset name as a number", `{"event_type":"dataset.updated","object":{"name":5}}`, "field object.name:"},
		{"nok, sample's label points as strings",
			`{"event_type":"sample.updated","object":{"label":{"label_type":"bboxes",` +
				`"attributes":{"annotations":[{"points":[["a"]]}]}}}}`,
			"field object.label.attributes.annotations[0].points[0][0]:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := events.Parse([]byte(tt.body))
			if !errors.Is(err, events.ErrInvalidPayload) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("Parse = %v, want an invalid payload error naming %q", err, tt.path)
			}
		})
	}
}
