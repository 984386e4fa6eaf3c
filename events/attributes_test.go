package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// testdataFile is one input under testdata/labels or testdata/samples.
type testdataFile struct {
	name string // file name without .json
	path string
	data []byte
}

// readTestdata returns the .json files of testdata/dir.
func readTestdata(tb testing.TB, dir string) []testdataFile {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no testdata in %s: %v", dir, err)
	}
	files := make([]testdataFile, 0, len(paths))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		files = append(files, testdataFile{name: name, path: path, data: data})
	}
	return files
}

// checkGolden compares dump(v) with the .golden file beside file, or
// rewrites it with -update.
func checkGolden(t *testing.T, file testdataFile, v any) {
	t.Helper()
	got := dump(v)
	golden := strings.TrimSuffix(file.path, ".json") + ".golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("decoded %s differs from %s:\n%s", file.path, golden, lineDiff(string(want), got))
	}
}

// lineDiff lists the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		wl, gl := lineAt(w, i), lineAt(g, i)
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
			if b.Len() > 2000 {
				break
			}
		}
	}
	return b.String()
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<none>"
}

// dump renders v as indented Go-like text that names every dynamic
// type and every non-zero field, for golden files.
func dump(v any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(v), "")
	b.WriteByte('\n')
	return b.String()
}

func dumpValue(b *strings.Builder, v reflect.Value, indent string) {
	switch {
	case !v.IsValid():
		b.WriteString("nil")
	case v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface:
		dumpIndirect(b, v, indent)
	case v.Type() == reflect.TypeFor[json.RawMessage]():
		fmt.Fprintf(b, "json`%s`", v.Bytes())
	case v.Kind() == reflect.Struct:
		dumpStruct(b, v, indent)
	case v.Kind() == reflect.Slice:
		dumpSlice(b, v, indent)
	case v.Kind() == reflect.Map:
		dumpMap(b, v, indent)
	case v.Kind() == reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}

func dumpIndirect(b *strings.Builder, v reflect.Value, indent string) {
	if v.IsNil() {
		b.WriteString("nil")
		return
	}
	if v.Kind() == reflect.Pointer {
		b.WriteByte('&')
	}
	dumpValue(b, v.Elem(), indent)
}

func dumpStruct(b *strings.Builder, v reflect.Value, indent string) {
	b.WriteString(v.Type().String() + "{\n")
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			continue
		}
		b.WriteString(indent + "  " + v.Type().Field(i).Name + ": ")
		dumpValue(b, v.Field(i), indent+"  ")
		b.WriteByte('\n')
	}
	b.WriteString(indent + "}")
}

func dumpSlice(b *strings.Builder, v reflect.Value, indent string) {
	switch {
	case v.IsNil():
		b.WriteString("nil")
		return
	case isFlat(v):
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(' ')
			}
			dumpValue(b, v.Index(i), indent)
		}
		b.WriteByte(']')
		return
	}
	b.WriteString("[\n")
	for i := range v.Len() {
		b.WriteString(indent + "  ")
		dumpValue(b, v.Index(i), indent+"  ")
		b.WriteByte('\n')
	}
	b.WriteString(indent + "]")
}

// isFlat reports whether v holds only scalars and lists of scalars, so
// that it fits on one line.
func isFlat(v reflect.Value) bool {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return false
	case reflect.Slice:
		for i := range v.Len() {
			if !isFlat(v.Index(i)) {
				return false
			}
		}
	}
	return true
}

func dumpMap(b *strings.Builder, v reflect.Value, indent string) {
	if v.IsNil() {
		b.WriteString("nil")
		return
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		return strings.Compare(a.String(), b.String())
	})
	b.WriteString("{\n")
	for _, key := range keys {
		fmt.Fprintf(b, "%s  %q: ", indent, key.String())
		dumpValue(b, v.MapIndex(key), indent+"  ")
		b.WriteByte('\n')
	}
	b.WriteString(indent + "}")
}

// canonicalJSON re-encodes data so that equal JSON values compare equal
// as bytes; data that is not JSON is returned as is.
func canonicalJSON(data json.RawMessage) json.RawMessage {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers past float64's range stay as written
	if len(data) == 0 || dec.Decode(&v) != nil {
		return data
	}
	out, err := json.Marshal(v)
	if err != nil {
		return data
	}
	return out
}

// canonicalLabel returns a copy of a with the JSON of every raw part
// made canonical, for comparisons with reflect.DeepEqual.
func canonicalLabel(a LabelAttributes) LabelAttributes {
	switch a := a.(type) {
	case *RawLabelAttributes:
		return &RawLabelAttributes{JSON: canonicalJSON(a.JSON)}
	case *MultiSensorLabelAttributes:
		c := *a
		c.Sensors = slices.Clone(a.Sensors)
		for i := range c.Sensors {
			c.Sensors[i].Attributes = canonicalLabel(c.Sensors[i].Attributes)
		}
		return &c
	}
	return a
}

// canonicalSample is canonicalLabel for sample attributes.
func canonicalSample(a SampleAttributes) SampleAttributes {
	switch a := a.(type) {
	case *RawSampleAttributes:
		return &RawSampleAttributes{JSON: canonicalJSON(a.JSON)}
	case *MultiSensorSampleAttributes:
		c := *a
		c.Sensors = slices.Clone(a.Sensors)
		for i := range c.Sensors {
			c.Sensors[i].Attributes = canonicalSample(c.Sensors[i].Attributes)
		}
		return &c
	}
	return a
}

// checkLabelRoundTrip encodes attrs and decodes the result for
// labelType, which must give an equal value.
func checkLabelRoundTrip(t *testing.T, labelType string, attrs LabelAttributes) {
	t.Helper()
	data, err := json.Marshal(attrs)
	if err != nil {
		t.Fatalf("encode %T: %v", attrs, err)
	}
	again, err := decodeLabelAttributes(labelType, data)
	if err != nil {
		t.Fatalf("decode encoded %T: %v\n%s", attrs, err, data)
	}
	if !reflect.DeepEqual(canonicalLabel(attrs), canonicalLabel(again)) {
		t.Fatalf("round trip changed %T:\n%s", attrs, lineDiff(dump(attrs), dump(again)))
	}
}

// checkSampleRoundTrip is checkLabelRoundTrip for sample attributes.
func checkSampleRoundTrip(t *testing.T, attrs SampleAttributes) {
	t.Helper()
	data, err := json.Marshal(attrs)
	if err != nil {
		t.Fatalf("encode %T: %v", attrs, err)
	}
	again, err := decodeSampleAttributes(data)
	if err != nil {
		t.Fatalf("decode encoded %T: %v\n%s", attrs, err, data)
	}
	if !reflect.DeepEqual(canonicalSample(attrs), canonicalSample(again)) {
		t.Fatalf("round trip changed %T:\n%s", attrs, lineDiff(dump(attrs), dump(again)))
	}
}

// checkPathError checks that err is a type error at path.
func checkPathError(t *testing.T, err error, path string) {
	t.Helper()
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		t.Fatalf("no error, want one at %s", path)
	case !errors.As(err, &typeErr):
		t.Fatalf("error %v (%T), want a *json.UnmarshalTypeError", err, err)
	case typeErr.Field != path:
		t.Fatalf("error at %q, want %q: %v", typeErr.Field, path, err)
	case typeErr.Type == nil:
		t.Fatalf("error at %q names no Go type", path)
	}
}

func TestTimestampInt64(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   Timestamp
		want int64
		ok   bool
	}{
		{"1700000000000000000", 1700000000000000000, true},
		{"00001", 1, true},
		{"1699999999.75", 1699999999, true},
		{"-12", -12, true},
		{"", 0, false},
		{"yesterday", 0, false},
		{"1e30", 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			got, ok := tt.in.Int64()
			if got != tt.want || ok != tt.ok {
				t.Errorf("Int64() = %d, %t, want %d, %t", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestScalarTextKeepsTheJSONType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, text, out string
	}{
		{"ok, a number keeps its digits", `17000000000000000001`, "17000000000000000001",
			`17000000000000000001`},
		{"ok, a fraction keeps its text", `0.10`, "0.10", `0.10`},
		{"ok, a string with leading zeros stays a string", `"00001"`, "00001", `"00001"`},
		{"ok, a string holding a number becomes the number", `"42"`, "42", `42`},
		{"ok, a string with spaces stays a string", `" 42 "`, " 42 ", `" 42 "`},
		{"ok, null is empty", `null`, "", `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ts Timestamp
			if err := json.Unmarshal([]byte(tt.in), &ts); err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(ts)
			if string(ts) != tt.text || err != nil || string(out) != tt.out {
				t.Errorf("decoded %q, encoded %s, %v; want %q and %s",
					ts, out, err, tt.text, tt.out)
			}
		})
	}
}

func TestScalarTextRejectsOtherTypes(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`true`, `{}`, `[1]`} {
		var v FormatVersion
		err := json.Unmarshal([]byte(in), &v)
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) || typeErr.Type != reflect.TypeFor[FormatVersion]() {
			t.Errorf("FormatVersion from %s: error %v, want a type error", in, err)
		}
	}
}

func TestRawAttributesKeepTheirJSON(t *testing.T) {
	t.Parallel()
	raw := json.RawMessage(`{ "kept": [1, 2] }`)
	attrs, err := decodeLabelAttributes("some-future-task", raw)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := attrs.(*RawLabelAttributes)
	if !ok || string(got.JSON) != string(raw) {
		t.Fatalf("got %#v, want the raw JSON as it arrived", attrs)
	}
	raw[3] = 'X'
	if string(got.JSON) == string(raw) {
		t.Error("the raw attributes share memory with the input")
	}

	sample, err := decodeSampleAttributes(json.RawMessage(`null`))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sample, &RawSampleAttributes{}) {
		t.Errorf("null sample attributes decoded to %#v, want an empty raw value", sample)
	}
	out, err := json.Marshal(sample)
	if err != nil || string(out) != "null" {
		t.Errorf("empty raw attributes encode as %s, %v; want null", out, err)
	}
}

func TestAttributeEnumsKnown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		known bool
		want  bool
	}{
		{"ok, cuboid-sync", AnnotationTypeCuboidSync.Known(), true},
		{"ok, a new annotation type", AnnotationType("ellipse").Known(), false},
		{"ok, splat", PCDTypeSplat.Known(), true},
		{"ok, a new file format", PCDType("e57").Known(), false},
		{"ok, OpenCV", CameraConventionOpenCV.Known(), true},
		{"ok, the empty convention", CameraConvention("").Known(), false},
		{"ok, fisheye", DistortionModelFisheye.Known(), true},
		{"ok, a new model", DistortionModel("kannala-brandt").Known(), false},
	}
	for _, tt := range tests {
		if tt.known != tt.want {
			t.Errorf("%s: Known() = %t, want %t", tt.name, tt.known, tt.want)
		}
	}
}

// TestSensorsDoNotNest feeds sensors nested in sensors, with a wrong
// type at the bottom. Nested multi-sensor attributes stay raw, so the
// bottom is never decoded; were they decoded, locating the error would
// double in cost with each level and 30 levels would take hours.
func TestSensorsDoNotNest(t *testing.T) {
	t.Parallel()
	label := `{"name":"s","task_type":"vector","attributes":{"annotations":"x"}}`
	sample := `{"name":"s","attributes":{"pcd":{"url":7}}}`
	for range 30 {
		label = `{"name":"s","task_type":"multisensor-sequence","attributes":{"sensors":[` + label + `]}}`
		sample = `{"name":"s","attributes":{"sensors":[` + sample + `]}}`
	}

	ev, err := Parse([]byte(`{"event_type":"label.updated","object":{"label_type":"multisensor-sequence",` +
		`"attributes":{"sensors":[` + label + `]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	sensor := ev.(*LabelUpdated).Label.Attributes.(*MultiSensorLabelAttributes).Sensors[0]
	if _, raw := sensor.Attributes.(*RawLabelAttributes); !raw {
		t.Errorf("nested multi-sensor label decoded as %T, want raw", sensor.Attributes)
	}

	valid := `{"event_type":"label.updated","object":{"label_type":"multisensor-sequence","attributes":` +
		`{"sensors":[{"name":"outer","task_type":"multisensor-sequence","attributes":{"sensors":[` +
		`{"name":"in","task_type":"vector","attributes":{"annotations":[]}}]}}]}}}`
	ev, err = Parse([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	sensor = ev.(*LabelUpdated).Label.Attributes.(*MultiSensorLabelAttributes).Sensors[0]
	if _, raw := sensor.Attributes.(*RawLabelAttributes); !raw {
		t.Errorf("valid nested multi-sensor label decoded as %T, want raw", sensor.Attributes)
	}

	ev, err = Parse([]byte(`{"event_type":"sample.created","object":{"attributes":{"sensors":[` + sample + `]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	sampleSensor := ev.(*SampleCreated).Sample.Attributes.(*MultiSensorSampleAttributes).Sensors[0]
	if _, raw := sampleSensor.Attributes.(*RawSampleAttributes); !raw {
		t.Errorf("nested multi-sensor sample decoded as %T, want raw", sampleSensor.Attributes)
	}
}

// TestErrorPathFollowsTheDocument checks that when several keys of a
// body match one field, as keys in other cases and repeated keys do,
// the error names the first of them that does not fit, as encoding/json
// decodes them in order, and names it the same way every time.
func TestErrorPathFollowsTheDocument(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, attributes, want string
	}{
		{"nok, the first of two keys in other cases",
			`{"frAmes":[{"AnnotAtions":"","annotAtions":[{"id":1}]}]}`,
			"field object.attributes.frames[0].annotations: cannot use JSON string"},
		{"nok, the second of two keys in other cases",
			`{"frames":[{"annotAtions":[{"id":1}],"AnnotAtions":[{"id":"x"}]}]}`,
			"field object.attributes.frames[0].annotations[0].id: cannot use JSON string"},
		{"nok, the first of a repeated key",
			`{"frames":[],"frames":[{"timestamp":1}],"frames":[{"annotations":7}]}`,
			"field object.attributes.frames[0].annotations: cannot use JSON number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := labelEvent("pointcloud-vector-sequence", tt.attributes)
			for range 50 {
				_, err := Parse(body)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Parse error %v, want one with %q", err, tt.want)
				}
			}
		})
	}
}
