package events

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// This file holds the lenient readers shared by the object types'
// UnmarshalJSON methods, for the few keys Segments.ai writes in more than
// one JSON type.

// present returns raw, or nil when raw is absent or a JSON null.
func present(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || isNull(raw) {
		return nil
	}
	return raw
}

// looseNumber reads a JSON number, or a JSON string holding a number such
// as "1.5". It reports false for anything else, including an empty
// string and values that are not finite.
func looseNumber(raw json.RawMessage) (float64, bool) {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return 0, false
	}

	var f float64
	switch v := v.(type) {
	case float64:
		f = v
	case string:
		var err error
		f, err = strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// looseFloat is [looseNumber] as a pointer: nil when raw holds no number.
func looseFloat(raw json.RawMessage) *float64 {
	f, ok := looseNumber(raw)
	if !ok {
		return nil
	}
	return &f
}

// looseInt reads a count written as a number or a numeric string. It
// returns 0 when raw holds no number or one too large for an int;
// fractions are dropped.
func looseInt(raw json.RawMessage) int {
	f, ok := looseNumber(raw)
	if !ok || math.Abs(f) >= math.MaxInt {
		return 0
	}
	return int(f)
}

// looseString reads a JSON string, or keeps the text of a JSON number,
// so that both "0.1" and 0.1 read as "0.1". Anything else reads as "".
func looseString(raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return string(raw)
	}
	return ""
}
