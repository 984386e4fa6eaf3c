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

// TestParseErrorIsTheSameOnEveryRelease holds the whole text of errors
// whose path encoding/json reports differently from one Go release to
// the next, or not at all; CI runs it on Go 1.26 and Go 1.27.
func TestParseErrorIsTheSameOnEveryRelease(t *testing.T) {
	t.Parallel()
	const prefix = "events: invalid payload: "
	tests := []struct {
		name, body, want string
	}{
		{"nok, a number too large in image attributes",
			`{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"image_attributes":{"a":1e400}}}}`,
			"label.updated: field object.attributes.image_attributes.a: cannot use JSON number 1e400 as float64"},
		{"nok, a number too large deep in object attributes",
			`{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"attributes":{"a":[1,-1e999]}}]}}}`,
			"label.updated: field object.attributes.annotations[0].attributes.a[1]: cannot use JSON number -1e999 as float64"},
		{"nok, a number too large in sample metadata",
			`{"event_type":"sample.updated","object":{"uuid":"u","metadata":{"x":1e400}}}`,
			"sample.updated: field object.metadata.x: cannot use JSON number 1e400 as float64"},
		{"nok, a number too large as a default value",
			`{"event_type":"dataset.updated","object":{"task_attributes":{"categories":[{"attributes":[{"default_value":1e400}]}]}}}`,
			"dataset.updated: field object.task_attributes.categories[0].attributes[0].default_value: cannot use JSON number 1e400 as float64"},
		{"nok, sample attributes that are not an object",
			`{"event_type":"sample.updated","object":{"uuid":"u","attributes":"x"}}`,
			"sample.updated: field object.attributes: cannot use JSON string as events.SampleAttributes"},
		{"nok, an event type that is not a string, under a key in another case",
			`{"Event_Type":1}`,
			"field event_type: cannot use JSON number as string"},
		{"nok, a label that is not an object",
			`{"event_type":"label.updated","object":"x"}`,
			"label.updated: field object: cannot use JSON string as events.Label"},
		{"nok, a sample that is an array",
			`{"event_type":"sample.created","object":[1]}`,
			"sample.created: field object: cannot use JSON array as events.Sample"},
		{"nok, a dataset's task attributes as a number",
			`{"event_type":"dataset.updated","object":{"task_attributes":7}}`,
			"dataset.updated: field object.task_attributes: cannot use JSON number as events.TaskAttributes"},
		{"nok, an attribute definition as a string",
			`{"event_type":"dataset.updated","object":{"task_attributes":{"categories":[{"attributes":["x"]}]}}}`,
			"dataset.updated: field object.task_attributes.categories[0].attributes[0]: cannot use JSON string as events.AttributeDefinition"},
		{"nok, a sensor as a bool",
			`{"event_type":"label.updated","object":{"label_type":"multisensor-sequence","attributes":{"sensors":[true]}}}`,
			"label.updated: field object.attributes.sensors[0]: cannot use JSON bool as events.LabelSensor"},
		{"nok, a repeated object whose parts only fail together",
			`{"event_type":"label.updated","object":{"label_type":"vector"},"object":{"attributes":{"annotations":[{"id":"x"}]}}}`,
			"label.updated: cannot use JSON string as int"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := events.Parse([]byte(tt.body))
			if err == nil || err.Error() != prefix+tt.want {
				t.Errorf("Parse = %v\nwant    %s%s", err, prefix, tt.want)
			}
		})
	}
}
