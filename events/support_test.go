package events_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/segments-webhooks/webhooks/events"
)

// payloadDir holds one example delivery body per event type, named after
// the type.
const payloadDir = "../webhookstest/testdata/events"

// readPayload returns the example body of event type typ.
func readPayload(tb testing.TB, typ events.Type) []byte {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join(payloadDir, string(typ)+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

// mustParse parses body and fails the test on error.
func mustParse(tb testing.TB, body []byte) events.Event {
	tb.Helper()
	ev, err := events.Parse(body)
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return ev
}

// roundTrip encodes ev and parses the result again.
func roundTrip(tb testing.TB, ev events.Event) (events.Event, []byte) {
	tb.Helper()
	encoded, err := json.Marshal(ev)
	if err != nil {
		tb.Fatalf("Marshal: %v", err)
	}
	again, err := events.Parse(encoded)
	if err != nil {
		tb.Fatalf("Parse of the encoded event: %v\n%s", err, encoded)
	}
	return again, encoded
}

var timeType = reflect.TypeFor[events.Time]()

// sameValue reports whether a and b hold the same data as far as JSON can
// tell: times are compared as instants, raw JSON by its meaning rather
// than its spelling, and everything else exactly, nil and empty slices
// and maps included.
func sameValue(a, b any) bool {
	return sameReflect(reflect.ValueOf(a), reflect.ValueOf(b))
}

func sameReflect(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	if a.Type() == timeType {
		return a.Interface().(events.Time).Equal(b.Interface().(events.Time))
	}

	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameReflect(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameReflect(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Type().Elem().Kind() == reflect.Uint8 {
			return sameJSON(a.Bytes(), b.Bytes())
		}
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameReflect(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for it := a.MapRange(); it.Next(); {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !sameReflect(it.Value(), bv) {
				return false
			}
		}
		return true
	default:
		return a.Equal(b)
	}
}

// sameJSON reports whether two JSON texts mean the same, treating an
// empty text as null. Texts that are not JSON are compared byte by byte.
func sameJSON(a, b []byte) bool {
	var va, vb any
	errA := json.Unmarshal(orNull(a), &va)
	errB := json.Unmarshal(orNull(b), &vb)
	if errA != nil || errB != nil {
		return string(a) == string(b)
	}
	return reflect.DeepEqual(va, vb)
}

func orNull(data []byte) []byte {
	if len(data) == 0 {
		return []byte("null")
	}
	return data
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
