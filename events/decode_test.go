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
	newEvent, ok := registry[typ]
	if !ok {
		return nil, false
	}
	return newEvent(), true
}
