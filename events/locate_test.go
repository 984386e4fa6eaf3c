package events

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

func TestFieldForFollowsEncodingJSON(t *testing.T) {
	t.Parallel()
	type inner struct {
		Shadowed string `json:"shadowed"`
		Promoted int    `json:"promoted"`
		Untagged bool
	}
	type outer struct {
		*inner
		Shadowed   float64 `json:"shadowed"`
		Skipped    string  `json:"-"`
		unexported string
		Renamed    []int `json:"other_name,omitempty"`
	}
	tests := []struct {
		name, key string
		want      reflect.Type // nil: no field
		jsonName  string
	}{
		{"ok, a field of the outer struct", "other_name", reflect.TypeFor[[]int](), "other_name"},
		{"ok, a field promoted from an embedded struct", "promoted", reflect.TypeFor[int](), "promoted"},
		{"ok, the outer field wins over the embedded one", "shadowed", reflect.TypeFor[float64](), "shadowed"},
		{"ok, an untagged field by its Go name", "Untagged", reflect.TypeFor[bool](), "Untagged"},
		{"ok, a key in another case", "PROMOTED", reflect.TypeFor[int](), "promoted"},
		{"nok, a field tagged -", "Skipped", nil, ""},
		{"nok, an unexported field", "unexported", nil, ""},
		{"nok, the Go name of a renamed field", "Renamed", nil, ""},
		{"nok, the embedded struct itself", "inner", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, name, ok := fieldFor(reflect.TypeFor[outer](), tt.key)
			switch {
			case tt.want == nil && ok:
				t.Errorf("key %q found field %s of type %v, want none", tt.key, name, s.t)
			case tt.want != nil && (!ok || s.t != tt.want || name != tt.jsonName):
				t.Errorf("key %q found %q of type %v (%v), want %q of type %v",
					tt.key, name, s.t, ok, tt.jsonName, tt.want)
			}
		})
	}
}

func TestFitsAgreesWithEncodingJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw  string
		into any
	}{
		{`12`, new(int)}, {`-12`, new(int)}, {`123456789012345678`, new(int)},
		{`1234567890123456789`, new(int)}, {`99999999999999999999`, new(int)},
		{`1.5`, new(int)}, {`1e2`, new(int)}, {`-0`, new(int)},
		{`12`, new(int32)}, {`123456789`, new(int32)}, {`3000000000`, new(int32)},
		{`1.5`, new(float64)}, {`1e308`, new(float64)}, {`1e400`, new(float64)},
		{`-1E-400`, new(float64)}, {`12`, new(float32)}, {`1e39`, new(float32)},
		{`"s"`, new(string)}, {`"s"`, new(TaskType)}, {`"s"`, new(int)}, {`"s"`, new([]byte)},
		{`true`, new(bool)}, {`true`, new(string)}, {`7`, new(bool)}, {`7`, new(uint8)},
		{`{"a":1}`, new(any)}, {`[1]`, new(any)}, {`"s"`, new(LabelAttributes)},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.into).Elem()
		raw := []byte(tt.raw)
		kind := jsonValueKind(t, raw)
		if fits(kind, raw, typ) {
			if err := json.Unmarshal(raw, tt.into); err != nil {
				t.Errorf("fits(%s, %v) is true, but encoding/json says %v", tt.raw, typ, err)
			}
		}
	}

	for _, tt := range []struct {
		raw  string
		into reflect.Type
	}{
		{`12`, reflect.TypeFor[int]()}, {`-3.25`, reflect.TypeFor[float64]()},
		{`"x"`, reflect.TypeFor[string]()}, {`false`, reflect.TypeFor[bool]()},
	} {
		if raw := []byte(tt.raw); !fits(jsonValueKind(t, raw), raw, tt.into) {
			t.Errorf("fits(%s, %v) is false, want the common case to need no decoder", tt.raw, tt.into)
		}
	}
}

// jsonValueKind returns the kind of the JSON value raw as jsontext sees
// it.
func jsonValueKind(t *testing.T, raw []byte) jsontext.Kind {
	t.Helper()
	return jsontext.NewDecoder(bytes.NewReader(raw)).PeekKind()
}

// FuzzLocateAgreesWithUnmarshal checks locate against encoding/json on
// the event types: it names a value exactly when decoding fails with a
// type error, and the value it names is one encoding/json rejects.
func FuzzLocateAgreesWithUnmarshal(f *testing.F) {
	for _, file := range readTestdata(f, "labels") {
		f.Add(string(labelTypeOf(file)), labelEvent(labelTypeOf(file), string(file.data)))
	}
	for _, file := range readTestdata(f, "samples") {
		f.Add("", envelopeOf("sample.created", `{"uuid":"u","attributes":`+string(file.data)+`}`))
	}
	f.Add("", envelopeOf("dataset.updated", `{"name":"n","task_attributes":{"categories":[{"id":"x"}]}}`))
	f.Add("vector", labelEvent("vector", `{"annotations":[{"points":[[1,"2"]]}]}`))
	f.Add("vector", labelEvent("vector", `{"image_attributes":{"a":[{"b":-1e999}]}}`))
	f.Add("", envelopeOf("sample.updated", `{"uuid":"u","metadata":{"x":1e400},"attributes":"x"}`))

	f.Fuzz(func(t *testing.T, _ string, body []byte) {
		if !json.Valid(body) || repeatsKeys(body) {
			return // encoding/json merges the values of repeated keys, which locate checks one by one
		}
		typ, err := peekType(body)
		if err != nil {
			return
		}
		ev := newEvent(typ)
		err = json.Unmarshal(body, ev)
		located := locate("", body, reflect.TypeOf(ev).Elem())
		switch _, isTypeErr := err.(*json.UnmarshalTypeError); {
		case err == nil && located != nil:
			t.Fatalf("encoding/json decodes the body, but locate names %s: %v", located.Field, located)
		case isTypeErr && located == nil:
			t.Fatalf("encoding/json fails with %v, but locate names no value", err)
		case located != nil && located.Field == "":
			t.Fatalf("locate names an empty path: %v", located)
		}
	})
}

// repeatsKeys reports whether an object in the valid JSON data has two
// keys that encoding/json could take for one, being equal under case
// folding.
func repeatsKeys(data []byte) bool {
	type frame struct {
		keys   map[string]bool // nil in an array
		tokens int
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	stack := []frame{{}}
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			return false
		}
		top := &stack[len(stack)-1]
		top.tokens++
		if top.keys != nil && top.tokens%2 == 1 && tok.Kind() == '"' {
			key := strings.ToLower(strings.ToUpper(tok.String()))
			if top.keys[key] {
				return true
			}
			top.keys[key] = true
			continue
		}
		switch tok.Kind() {
		case '{':
			stack = append(stack, frame{keys: map[string]bool{}})
		case '[':
			stack = append(stack, frame{})
		case '}', ']':
			stack = stack[:len(stack)-1]
		}
	}
}

func TestRepeatsKeys(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]bool{
		`{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}`: false,
		`{"a":1,"a":2}`:                         true,
		`{"object":{},"OBJECT":{}}`:             true,
		`{"x":[{"k":1,"\u212a":2}]}`:            true,
		`{"a":{"b":1},"c":{"b":1,"d":{"b":2}}}`: false,
		`["a","a"]`:                             false,
	} {
		if got := repeatsKeys([]byte(body)); got != want {
			t.Errorf("repeatsKeys(%s) = %v, want %v", body, got, want)
		}
	}
}
