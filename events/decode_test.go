package events

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// decodeCorpus returns every body the differential tests decode: the
// example deliveries, the label and sample attributes of testdata in
// envelopes, the seeds found by fuzzing, and bodies that probe the
// corners where decoders tend to differ.
func decodeCorpus(tb testing.TB) map[string][]byte {
	tb.Helper()
	corpus := map[string][]byte{}
	add := func(name string, body []byte) { corpus[name] = body }

	for _, path := range globFiles(tb, "../webhookstest/testdata/events/*.json") {
		add(path, readFile(tb, path))
	}
	for _, path := range globFiles(tb, "testdata/labels/*.json") {
		labelType := strings.TrimSuffix(filepath.Base(path), ".json")
		add(path, labelEvent(labelType, string(readFile(tb, path))))
	}
	for _, path := range globFiles(tb, "testdata/samples/*.json") {
		add(path, envelopeOf("sample.updated",
			`{"uuid":"u","name":"n","attributes":`+string(readFile(tb, path))+`}`))
	}
	for _, dir := range []string{"FuzzParse", "FuzzParseMatchesEncodingJSON"} {
		for _, path := range globFiles(tb, filepath.Join("testdata/fuzz", dir, "*")) {
			if body, ok := fuzzSeed(readFile(tb, path)); ok {
				add(path, body)
			}
		}
	}
	for name, body := range cornerCases {
		add(name, []byte(body))
	}
	return corpus
}

// cornerCases are bodies where the fast path must either agree with
// encoding/json or step aside.
var cornerCases = map[string]string{
	"duplicate event_type":       `{"event_type":"label.updated","event_type":"sample.created","object":{"uuid":"u"}}`,
	"event_type in another case": `{"Event_Type":"label.updated","object":{"label_type":"bboxes"}}`,
	"escaped event_type":         `{"event_type":"label\u002eupdated","object":{}}`,
	"attributes before the type": `{"event_type":"label.updated","object":{"attributes":{"annotations":[{"id":1,"points":[[1,2]]}]},"label_type":"bboxes"}}`,
	"label type given twice":     `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[]},"label_type":"bboxes"}}`,
	"attributes given twice":     `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[{"id":1}]},"attributes":null}}`,
	"keys in another case":       `{"event_type":"label.updated","object":{"LABEL_TYPE":"pointcloud-segmentation","Attributes":{"Point_Annotations":[1,2]}}}`,
	"duplicate point arrays":     `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[1,2,3],"point_annotations":[4]}}}`,
	"null point annotations":     `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":null}}}`,
	"empty point annotations":    `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[]}}}`,
	"null inside an int array":   `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[1,null,2]}}}`,
	"spaced int array":           "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"pointcloud-segmentation\",\"attributes\":{\"point_annotations\":[ 1 ,\n\t-2\r, 0 ]}}}",
	"big and negative ints":      `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[-0,999999999999999999,-999999999999999999,1000000000000000000,-9223372036854775808,9223372036854775807]}}}`,
	"int that overflows":         `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[9223372036854775808]}}}`,
	"int array with a fraction":  `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[1,2.5]}}}`,
	"int array with an exponent": `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[1e2]}}}`,
	"points of every shape":      `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"points":[]},{"points":[[]]},{"points":[[1],[2.5e-3,-0,1E+2],[],[7]]},{"points":null}]}}}`,
	"points with a null":         `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"points":[[1,null]]},{"points":[null]}]}}}`,
	"points out of range":        `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"points":[[1e400,2]]}]}}}`,
	"points with many digits":    `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"points":[[0.1000000000000000055511151231257827021181583404541015625,123456789012345678901234567890]]}]}}}`,
	"invalid UTF-8 in a string":  "{\"event_type\":\"label.updated\",\"text\":\"caf\xe9\",\"object\":{\"label_type\":\"bboxes\",\"created_by\":\"\xff\xfe\",\"attributes\":{\"annotations\":[{\"attributes\":{\"note\":\"a\xc3\"}}]}}}",
	"lone surrogate escapes":     `{"event_type":"label.updated","text":"\ud800 and \udc00x","object":{"label_type":"bboxes","created_by":"\ud83d\ude00"}}`,
	"invalid UTF-8 in a key":     "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\",\"attributes\":{\"annotations\":[{\"attributes\":{\"k\xff\":1}}]}}}",
	"times of every kind":        `{"event_type":"label.updated","created_at":"2026-11-30T09:15:02Z","object":{"created_at":null,"updated_at":17,"reviewed_at":{"a":[1]},"label_type":"bboxes"}}`,
	"time given twice":           `{"event_type":"label.updated","created_at":"2026-11-30T09:15:02Z","created_at":null,"object":{}}`,
	"format versions":            `{"event_type":"label.updated","object":{"label_type":"pointcloud-cuboid-sequence","attributes":{"format_version":0.2,"frames":[{"format_version":"0.1","timestamp":1.5e3},{"timestamp":null},{"timestamp":"x"}]}}}`,
	"format version as a bool":   `{"event_type":"label.updated","object":{"label_type":"pointcloud-cuboid-sequence","attributes":{"format_version":true}}}`,
	"null label":                 `{"event_type":"label.updated","object":null}`,
	"label as an array":          `{"event_type":"label.deleted","object":[]}`,
	"attributes as an array":     `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":[]}}`,
	"attributes as a string":     `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":"x"}}`,
	"unknown label type":         `{"event_type":"label.updated","object":{"label_type":"hologram","attributes":{ "a" : [1, 2] }}}`,
	"sensors of every kind":      `{"event_type":"label.updated","object":{"label_type":"multisensor-sequence","attributes":{"sensors":[null,{},{"attributes":{"frames":[]},"task_type":"pointcloud-cuboid-sequence"},{"task_type":"image-vector-sequence","attributes":[]},{"name":"x","name":"y","task_type":"hologram","attributes":{"z":1}}]}}}`,
	"unknown event type":         `{"event_type":"label.archived","object":{ "kept" : [1, 2, {"as":"sent"}] },"text":"t"}`,
	"trailing data":              `{"event_type":"label.updated","object":{}} {}`,
	"truncated":                  `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[1,2`,
	"leading space":              " \n\t{\"event_type\" : \"sample.created\" , \"object\" : {\"uuid\":\"u\"}}",
	"wrong envelope types":       `{"event_type":"label.updated","dataset":7,"object":{}}`,
	"empty event_type":           `{"event_type":"","object":{}}`,
	"object is a number":         `{"event_type":"label.updated","object":5}`,

	// Invalid JSON, which the scanner must refuse as encoding/json does.
	"missing comma":            `{"event_type":"label.updated" "object":{}}`,
	"trailing comma":           `{"event_type":"label.updated","object":{"label_type":"bboxes",},}`,
	"leading comma":            `{,"event_type":"label.updated","object":{}}`,
	"missing colon":            `{"event_type":"label.updated","object"{}}`,
	"comma in an empty array":  `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[,]}}}`,
	"trailing comma in a list": `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[{"id":1},]}}}`,
	"missing comma in a list":  `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[{"id":1} {"id":2}]}}}`,
	"leading zero in ints":     `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[1,01]}}}`,
	"leading zero in an id":    `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[{"id":007}]}}}`,
	"bare minus":               `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation","attributes":{"point_annotations":[-]}}}`,
	"numbers JSON lacks":       `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"points":[[1.,2]]},{"points":[[.5,2]]},{"points":[[1e,2]]}]}}}`,
	"plus sign":                `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"points":[[+1,2]]}]}}}`,
	"score with a dot only":    `{"event_type":"label.updated","object":{"label_type":"bboxes","score":1.}}`,
	"misspelt literals":        `{"event_type":"label.updated","object":{"label_type":"bboxes","score":nul,"attributes":{"annotations":[{"is_keyframe":tru}]}}}`,
	"literal run on":           `{"event_type":"label.updated","object":{"label_type":"bboxes","rating":nullx}}`,
	"control character":        "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\",\"created_by\":\"a\tb\"}}",
	"bad escape":               `{"event_type":"label.updated","object":{"label_type":"bboxes","created_by":"a\qb"}}`,
	"invalid JSON skipped":     `{"event_type":"label.updated","object":{"label_type":"bboxes","extra":{"a":[1,,2]},"attributes":{}}}`,
	"unclosed skipped value":   `{"event_type":"label.updated","object":{"label_type":"bboxes","extra":[{"a":1}`,
	"garbage after the event":  `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{}}}x`,
	"NUL after the event":      "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\"}}\x00",
	"invalid attribute values": `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"image_attributes":{"a":[1 2]}}}}`,
	"deeply nested attribute":  `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"image_attributes":{"a":` + strings.Repeat("[", 1200) + strings.Repeat("]", 1200) + `}}}}`,
	"too deeply nested":        `{"event_type":"label.updated","object":{"label_type":"bboxes","extra":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}}`,
	"valid odd spacing":        " {\n\"event_type\" :\"label.updated\" ,\"object\":\r{ \"label_type\":\"bboxes\" , \"attributes\" : { \"annotations\" : [ { \"id\" : 1 , \"points\" : [ [ 1 , 2 ] ] } ] } } }\n",

	// A null event_type after the first one: encoding/json sets the
	// *string that peekType reads back to nil and reports a missing
	// event_type, so both fast paths must step aside.
	"null event_type after the type":   `{"event_type":"label.updated","event_type":null,"object":{"label_type":"bboxes","attributes":{}}}`,
	"null event_type after the object": `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{}},"event_type":null}`,
	"null event_type, decoder path":    `{"event_type":"sample.created","event_type":null,"object":{"uuid":"u"}}`,

	// Corners the scanner meets, which it must decode as encoding/json
	// does or leave to it.
	"escaped keys spelling fields":     `{"event_type":"label.updated","object":{"label_type":"bboxes","label\u005ftype":"vector","attributes":{"annotations":[{"i\u0064":3,"points":[[1,2]]}]}}}`,
	"Kelvin sign and long s in keys":   "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\",\"\u017fcore\":0.5,\"attributes\":{\"annotations\":[{\"is_\u212aeyframe\":true}],\"lin\u212as\":null}}}",
	"numbers at grammar edges":         `{"event_type":"label.updated","object":{"label_type":"vector","score":-0,"rating":1E+0,"attributes":{"image_attributes":{"a":[-0,0e0,1E+0,1e-400,4.9e-324,2.2250738585072011e-308,1e22,1e23,9007199254740993]},"annotations":[{"points":[[-0,0e0,1E+0,1e-400,4.9e-324,0.30000000000000004,123456789012345,1234567890123456]]}]}}}`,
	"format versions at number edges":  `{"event_type":"label.updated","object":{"label_type":"pointcloud-cuboid-sequence","attributes":{"format_version":-0,"frames":[{"format_version":1E+0,"timestamp":-0.0e-0},{"timestamp":1e999}]}}}`,
	"ints at the edges of 18 digits":   `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[{"id":-0,"category_id":999999999999999999,"track_id":-999999999999999999},{"id":-9223372036854775808}]}}}`,
	"literal cut short at the end":     `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[{"is_keyframe":tr`,
	"string escapes of every kind":     "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\",\"created_by\":\"\\u0000\\/\\b\\f\\n\\r\\t\\\"\\\\\\u00e9\\ud83d\\ude00\\uDBFF\\uDFFF\x7f\u2028\",\"attributes\":{\"image_attributes\":{\"\\u0000k\\/\":\"\\\\\\u0022\x7f\"}}}}",
	"raw NUL in a string":              "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\",\"created_by\":\"a\x00b\"}}",
	"form feed as white space":         "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\",\"attributes\":{\"annotations\":[{\"points\":[[1,\f2]]}]}}}",
	"vertical tab as white space":      "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"pointcloud-segmentation\",\"attributes\":{\"point_annotations\":[1\v,2]}}}",
	"BOM before the body":              "\xef\xbb\xbf{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\"}}",
	"nested 1000 deep, skipped":        `{"event_type":"label.updated","object":{"label_type":"bboxes","extra":` + strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + `}}`,
	"nested 1001 deep, skipped":        `{"event_type":"label.updated","object":{"label_type":"bboxes","extra":` + strings.Repeat(`{"a":`, 1001) + "1" + strings.Repeat("}", 1001) + `}}`,
	"nested to encoding/json's limit":  `{"event_type":"label.updated","object":{"label_type":"bboxes","extra":` + strings.Repeat("[", 9998) + strings.Repeat("]", 9998) + `}}`,
	"nested one past the limit":        `{"event_type":"label.updated","object":{"label_type":"bboxes","extra":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}}`,
	"label type null after attributes": `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":[]},"label_type":null}}`,
	"null attributes, then a new type": `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":null,"label_type":"vector"}}`,
	"unscanned type, null attributes":  `{"event_type":"label.updated","object":{"label_type":"segmentation-bitmap","attributes":null}}`,
	"duplicates merge into pointers":   `{"event_type":"label.updated","object":{"label_type":"pointcloud-cuboid-sequence","attributes":{"frames":[{"annotations":[{"position":{"x":1},"position":{"y":2},"rotation":{"qx":1},"rotation":{"qw":2},"velocity":{"relative":1},"velocity":{"absolute":2},"acceleration":{"relative":1},"acceleration":null,"yaw":1,"yaw":null,"attributes":{"a":{"x":1}},"attributes":{"a":{"y":2},"b":null}}]}]}}}`,
	"null list, then a list":           `{"event_type":"label.updated","object":{"label_type":"bboxes","attributes":{"annotations":null,"annotations":[{"id":1,"points":[[1],[]]},{"points":[ [ ] ]}]}}}`,
	"points without a comma":           `{"event_type":"label.updated","object":{"label_type":"vector","attributes":{"annotations":[{"points":[[1] [2]]}]}}}`,
	"invalid UTF-8 in a skipped value": "{\"event_type\":\"label.updated\",\"object\":{\"label_type\":\"bboxes\",\"extra\":[\"\xff\"],\"attributes\":{}}}",
}

// TestParseFastPathMatchesEncodingJSON decodes the whole corpus with the
// fast path and with encoding/json alone: wherever the fast path gives
// an event, encoding/json must give an equal one, and Parse must give
// what encoding/json gives, value or error.
func TestParseFastPathMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for name, body := range decodeCorpus(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkSameAsEncodingJSON(t, body)
		})
	}
}

// TestParseTakesTheFastPath checks that the deliveries Segments.ai
// sends are decoded by the fast path, not handed to encoding/json.
func TestParseTakesTheFastPath(t *testing.T) {
	t.Parallel()
	for name, body := range decodeCorpus(t) {
		if !strings.HasSuffix(name, ".json") {
			continue
		}
		if _, ok := parseFast(body); !ok {
			t.Errorf("%s: the fast path stepped aside", name)
		}
	}
}

func checkSameAsEncodingJSON(t *testing.T, body []byte) {
	t.Helper()
	want, wantErr := parseStandard(body)
	if fast, ok := parseFast(body); ok {
		if wantErr != nil {
			t.Fatalf("fast path accepted what encoding/json rejects (%v)", wantErr)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("fast path and encoding/json differ:\nfast %s\njson %s", jsonDump(fast), jsonDump(want))
		}
	}
	got, err := Parse(body)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Fatalf("Parse error %v, encoding/json error %v", err, wantErr)
	case err != nil && err.Error() != wantErr.Error():
		t.Fatalf("Parse error %q, encoding/json error %q", err, wantErr)
	case !reflect.DeepEqual(got, want):
		t.Fatalf("Parse and encoding/json differ:\nParse %s\njson  %s", jsonDump(got), jsonDump(want))
	}
}

// FuzzParseMatchesEncodingJSON is TestParseFastPathMatchesEncodingJSON
// on mutated bodies.
func FuzzParseMatchesEncodingJSON(f *testing.F) {
	for _, body := range decodeCorpus(f) {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkSameAsEncodingJSON(t, body)
	})
}

// TestParseLeniency states what Parse accepts that a strict decoder
// would not, the same as encoding/json: invalid UTF-8 becomes U+FFFD,
// and of duplicate keys the last one wins.
func TestParseLeniency(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		body  string
		check func(*LabelUpdated) bool
	}{
		{
			name: "ok, invalid UTF-8 in a string is replaced by U+FFFD",
			body: "{\"event_type\":\"label.updated\",\"object\":{\"created_by\":\"ana\xff\",\"label_type\":\"bboxes\"}}",
			check: func(e *LabelUpdated) bool {
				return e.Label.CreatedBy == "ana"+string(utf8.RuneError)
			},
		},
		{
			name: "ok, a lone surrogate escape is replaced by U+FFFD",
			body: `{"event_type":"label.updated","object":{"created_by":"\ud800"}}`,
			check: func(e *LabelUpdated) bool {
				return e.Label.CreatedBy == string(utf8.RuneError)
			},
		},
		{
			name:  "ok, of two equal keys the last wins",
			body:  `{"event_type":"label.updated","object":{"created_by":"a","created_by":"b"}}`,
			check: func(e *LabelUpdated) bool { return e.Label.CreatedBy == "b" },
		},
		{
			name: "ok, of two point arrays the last wins",
			body: `{"event_type":"label.updated","object":{"label_type":"pointcloud-segmentation",
				"attributes":{"point_annotations":[1,2],"point_annotations":[3]}}}`,
			check: func(e *LabelUpdated) bool {
				a, ok := e.Label.Attributes.(*PointcloudSegmentationLabelAttributes)
				return ok && reflect.DeepEqual(a.PointAnnotations, []int{3})
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkSameAsEncodingJSON(t, []byte(tt.body))
			ev, err := Parse([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(ev.(*LabelUpdated)) {
				t.Errorf("Parse gave %s", jsonDump(ev))
			}
		})
	}
}

// TestParsedEventsOwnTheirBytes checks that no part of an event aliases
// the body, so that a caller may reuse the body's buffer.
func TestParsedEventsOwnTheirBytes(t *testing.T) {
	t.Parallel()
	for name, body := range decodeCorpus(t) {
		ev, err := Parse(bytes.Clone(body))
		if err != nil {
			continue
		}
		before := jsonDump(ev)
		mutable := bytes.Clone(body)
		again, _ := Parse(mutable)
		for i := range mutable {
			mutable[i] = 'x'
		}
		if after := jsonDump(again); after != before {
			t.Errorf("%s: changing the body changed the event:\n%s\n%s", name, before, after)
		}
	}
}

// jsonDump shows v for a failure message, as encoding/json encodes it.
func jsonDump(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v (%v)", v, err)
	}
	return string(b)
}

func labelEvent(labelType, attributes string) []byte {
	return envelopeOf("label.updated", `{"sample_uuid":"s","label_type":"`+labelType+
		`","label_status":"LABELED","labelset":"ground-truth","attributes":`+attributes+`}`)
}

func envelopeOf(typ, object string) []byte {
	return []byte(`{"event_type":"` + typ + `","created_at":"2026-11-30T09:15:02.123456+00:00",` +
		`"api_version":"2021-08-01","dataset":"acme/street-scenes","object":` + object +
		`,"text":"summary"}`)
}

func globFiles(tb testing.TB, pattern string) []string {
	tb.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		tb.Fatal(err)
	}
	return paths
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// fuzzSeed reads a corpus file of a fuzz target with one []byte
// argument.
func fuzzSeed(file []byte) ([]byte, bool) {
	_, rest, ok := strings.Cut(string(file), "\n")
	rest = strings.TrimSpace(rest)
	if !ok || !strings.HasPrefix(rest, "[]byte(") || !strings.HasSuffix(rest, ")") {
		return nil, false
	}
	s, err := strconv.Unquote(rest[len("[]byte(") : len(rest)-1])
	if err != nil {
		return nil, false
	}
	return []byte(s), true
}

func TestParseShortDecimalMatchesStrconv(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "-0", "1", "412.25", "-3.14", "0.1", "0.3", "123456789012345",
		"1.23456789012345", "-0.000000000000001", "999999999999999", "0.000000000000000000001"} {
		want, _ := strconv.ParseFloat(s, 64)
		got, ok := parseFloat([]byte(s))
		if !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseFloat(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
}

func FuzzParseFloatMatchesStrconv(f *testing.F) {
	f.Add(uint64(41225), uint8(2), true)
	f.Fuzz(func(t *testing.T, mantissa uint64, decimals uint8, neg bool) {
		s := strconv.FormatUint(mantissa%1e15, 10)
		if d := int(decimals % 20); d > 0 {
			for len(s) <= d {
				s = "0" + s
			}
			s = s[:len(s)-d] + "." + s[len(s)-d:]
		}
		if neg {
			s = "-" + s
		}
		want, err := strconv.ParseFloat(s, 64)
		got, ok := parseFloat([]byte(s))
		if err != nil || !ok || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("parseFloat(%q) = %v, %v; want %v, %v", s, got, ok, want, err)
		}
	})
}

// TestHandDecodersKnowEveryField checks that the member lists of the
// hand-written decoders name every JSON key of their types, so that a
// field added to a type cannot be skipped by the fast path unnoticed.
func TestHandDecodersKnowEveryField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ   reflect.Type
		names []string
		extra []string
	}{
		{reflect.TypeFor[Envelope](), envelopeNames, []string{"object"}},
		{reflect.TypeFor[Label](), labelNames, nil},
		{reflect.TypeFor[ImageVectorAnnotation](), imageVectorAnnotationNames, nil},
		{reflect.TypeFor[SegmentationAnnotation](), segmentationAnnotationNames, nil},
		{reflect.TypeFor[PointcloudAnnotation](), pointcloudAnnotationNames, nil},
		{reflect.TypeFor[XYZ](), xyzNames, nil},
		{reflect.TypeFor[Quaternion](), quaternionNames, nil},
		{reflect.TypeFor[Velocity](), velocityNames, nil},
		{reflect.TypeFor[Acceleration](), velocityNames, nil},
		{reflect.TypeFor[Link](), linkNames, nil},
		{reflect.TypeFor[PointcloudSegmentationLabelAttributes](), pointcloudSegmentationNames, nil},
		{reflect.TypeFor[ImageVectorLabelAttributes](), imageVectorNames, nil},
		{reflect.TypeFor[PointcloudSequenceCuboidLabelAttributes](), pointcloudCuboidSequenceNames, nil},
		{reflect.TypeFor[PointcloudCuboidFrame](), pointcloudCuboidFrameNames, nil},
	}
	for _, tt := range tests {
		var want []string
		for i := range tt.typ.NumField() {
			if name, ok := jsonName(tt.typ.Field(i)); ok {
				want = append(want, name)
			}
		}
		want = append(want, tt.extra...)
		if got := slices.Sorted(slices.Values(tt.names)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("%v: the decoder knows %q, the type has %q", tt.typ, got, want)
		}
	}
}

// TestSharedMemoryIsNotObservable checks that appending to the points
// and attributes of one annotation changes no other annotation, although
// the fast path takes their memory from shared blocks.
func TestSharedMemoryIsNotObservable(t *testing.T) {
	t.Parallel()
	body := labelEvent("vector", `{"annotations":[
		{"id":1,"type":"bbox","points":[[1,2],[3,4]],"attributes":{"color":"red"}},
		{"id":2,"type":"bbox","points":[[5,6],[7,8]],"attributes":{"color":"red"}},
		{"id":3,"type":"point","points":[],"attributes":{}}]}`)
	ev, ok := parseFast(body)
	if !ok {
		t.Fatal("the fast path stepped aside")
	}
	want := jsonDump(ev)
	attrs := ev.(*LabelUpdated).Label.Attributes.(*ImageVectorLabelAttributes)
	for _, a := range attrs.Annotations {
		_ = append(a.Points, []float64{9, 9})
		for _, p := range a.Points {
			_ = append(p, 9)
		}
		a.Attributes["added"] = true
		delete(a.Attributes, "added")
	}
	if got := jsonDump(ev); got != want {
		t.Errorf("appending changed the event:\n%s\n%s", want, got)
	}
}

// TestParseConcurrently parses the corpus from several goroutines at
// once, as a server does, and checks that every event is what a lone
// Parse gives: the fast path recycles its scratch state between calls.
func TestParseConcurrently(t *testing.T) {
	t.Parallel()
	corpus := decodeCorpus(t)
	want := map[string]string{}
	for name, body := range corpus {
		if ev, err := Parse(body); err == nil {
			want[name] = jsonDump(ev)
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				for name, body := range corpus {
					ev, err := Parse(body)
					if err != nil {
						continue
					}
					if got := jsonDump(ev); got != want[name] {
						t.Errorf("%s: parsed concurrently\n%s\nalone\n%s", name, got, want[name])
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestLabelEventsNeedNoDecoder checks that the label events whose
// attributes the scanner reads are decoded by the scanner alone, and
// that invalid JSON never is.
func TestLabelEventsNeedNoDecoder(t *testing.T) {
	t.Parallel()
	for name, body := range decodeCorpus(t) {
		want, wantErr := parseStandard(body)
		if _, isLabel := labelOf(want); wantErr != nil || !isLabel {
			if ev, ok := leadingEvent(body); ok && scanLabelEvent(body, ev) && wantErr != nil {
				t.Errorf("%s: the scanner accepted what encoding/json rejects (%v)", name, wantErr)
			}
			continue
		}
		label, _ := labelOf(want)
		scannable := scanAttributes(label.LabelType) != nil
		ev, _ := leadingEvent(body)
		if got := scanLabelEvent(body, ev); got != scannable && strings.HasSuffix(name, ".json") {
			t.Errorf("%s (%s): scanned %v, want %v", name, label.LabelType, got, scannable)
		}
	}
}

// leadingEvent returns a new event of the type named first in body.
func leadingEvent(body []byte) (Event, bool) {
	typ, ok := leadingType(body)
	if !ok {
		return nil, false
	}
	return newEvent(typ), true
}

// TestParseTruncatedLabelEvents checks every prefix of the example label
// events whose attributes the scanner reads, so that the scanner meets
// the end of the input in each of its states.
func TestParseTruncatedLabelEvents(t *testing.T) {
	t.Parallel()
	for name, body := range decodeCorpus(t) {
		if !strings.HasSuffix(name, ".json") {
			continue
		}
		ev, err := parseStandard(body)
		label, isLabel := labelOf(ev)
		if err != nil || !isLabel || scanAttributes(label.LabelType) == nil {
			continue
		}
		for n := range len(body) {
			t.Run(fmt.Sprintf("%s/%d", name, n), func(t *testing.T) {
				checkSameAsEncodingJSON(t, body[:n])
			})
		}
	}
}

// TestParseConcurrentlyMatchesEncodingJSON parses, from many goroutines
// at once, label events of every type the scanner reads, from a few
// bytes to lists longer than the scratch slices the pools keep, and
// checks each event against encoding/json: the scanner takes its state
// and its lists from pools.
func TestParseConcurrentlyMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	var bodies [][]byte
	for _, body := range decodeCorpus(t) {
		if len(body) < 5000 { // the deeply nested bodies only slow the race detector
			bodies = append(bodies, body)
		}
	}
	for _, n := range []int{1, 10, maxScratch + 1} {
		var anns, segs, cuboids, ints []string
		for i := range n {
			anns = append(anns, fmt.Sprintf(`{"id":%d,"category_id":%d,"type":"bbox","points":[[%d.5,2],[3,%d]],"attributes":{"n":%d,"c":"red"}}`, i, i%7, i, i, i))
			segs = append(segs, fmt.Sprintf(`{"id":%d,"category_id":1,"attributes":{"s":"x%d"}}`, i, i%40))
			cuboids = append(cuboids, fmt.Sprintf(`{"id":%d,"type":"cuboid","position":{"x":%d.25,"y":1,"z":2},"rotation":{"qx":0,"qy":0,"qz":0,"qw":1},"velocity":{"relative":%d}}`, i, i, i))
			ints = append(ints, strconv.Itoa(i%50-25))
		}
		list := func(items []string) string { return "[" + strings.Join(items, ",") + "]" }
		for _, typ := range []string{"vector", "bboxes", "keypoints"} {
			bodies = append(bodies, labelEvent(typ, `{"annotations":`+list(anns)+`,"links":[{"from_id":1,"to_id":2}]}`))
		}
		bodies = append(bodies,
			labelEvent("pointcloud-segmentation", `{"annotations":`+list(segs)+`,"point_annotations":`+list(ints)+`}`),
			labelEvent("pointcloud-cuboid-sequence", `{"frames":[{"timestamp":1,"annotations":`+list(cuboids)+`},{"timestamp":"2","annotations":`+list(cuboids[:n/2])+`}]}`))
	}
	type result struct {
		ev  Event
		err error
	}
	var want []result
	kept := bodies[:0]
	for _, body := range bodies {
		ev, err := parseStandard(body)
		if alone, aloneErr := Parse(body); (aloneErr == nil) != (err == nil) || !reflect.DeepEqual(alone, ev) {
			continue // a difference without concurrency, which TestParseFastPathMatchesEncodingJSON reports
		}
		kept = append(kept, body)
		want = append(want, result{ev, err})
	}
	bodies = kept
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 2 * len(bodies) {
				i := (k*7 + g*31) % len(bodies)
				ev, err := Parse(bodies[i])
				w := want[i]
				if (err == nil) != (w.err == nil) || err != nil && err.Error() != w.err.Error() || !reflect.DeepEqual(ev, w.ev) {
					t.Errorf("goroutine %d, body %.200q:\nParse %.300s (%v)\njson  %.300s (%v)", g, bodies[i], jsonDump(ev), err, jsonDump(w.ev), w.err)
					return
				}
			}
		})
	}
	wg.Wait()
}
