package events

import (
	"bytes"
	"encoding/json"
	"time"
)

// Time is a point in time as Segments.ai writes it: an ISO 8601 string
// such as "2021-08-09T14:40:19.987691+00:00".
//
// Decoding is lenient. A "Z" suffix, a missing fraction and a missing
// zone (read as UTC) are accepted, and so is a date alone. A string that
// is not a time, a JSON null or a value of another JSON type decodes to
// the zero Time without an error, so one odd timestamp never costs a
// delivery. Decoded times are in UTC, whatever offset the string had.
// Time encodes as RFC 3339 with nanoseconds, and the zero Time as null.
type Time struct {
	time.Time
}

// layouts are tried in order by [Time.UnmarshalJSON]; each accepts an
// optional fraction of a second.
var layouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02",
}

// ParseTime parses s as [Time.UnmarshalJSON] does, into UTC, and reports
// whether it was a time.
func ParseTime(s string) (Time, bool) {
	for _, layout := range layouts {
		t, err := time.Parse(layout, s)
		if err == nil {
			return Time{t.UTC()}, true
		}
	}
	return Time{}, false
}

// UnmarshalJSON decodes a JSON string leniently; see [Time].
func (t *Time) UnmarshalJSON(data []byte) error {
	*t = Time{}
	if len(data) < 2 || data[0] != '"' {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return nil
	}
	*t, _ = ParseTime(s)
	return nil
}

// MarshalJSON encodes t as an RFC 3339 string, or null for the zero Time.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.Format(time.RFC3339Nano))
}

// Equal reports whether t and u are the same instant.
func (t Time) Equal(u Time) bool {
	return t.Time.Equal(u.Time)
}

var jsonNull = []byte("null")

// isNull reports whether data is a JSON null, ignoring white space.
func isNull(data []byte) bool {
	return bytes.Equal(bytes.TrimSpace(data), jsonNull)
}
