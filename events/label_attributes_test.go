package events

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// labelTypeOf returns the label type a testdata file is written for:
// its name up to the first dot.
func labelTypeOf(file testdataFile) string {
	labelType, _, _ := strings.Cut(file.name, ".")
	return labelType
}

func TestLabelAttributesGolden(t *testing.T) {
	t.Parallel()
	for _, file := range readTestdata(t, "labels") {
		t.Run(file.name, func(t *testing.T) {
			attrs, err := decodeLabelAttributes(labelTypeOf(file), file.data)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, file, attrs)
			checkLabelRoundTrip(t, labelTypeOf(file), attrs)
		})
	}
}

func TestEveryLabelTypeHasTestdata(t *testing.T) {
	t.Parallel()
	covered := make(map[string]bool)
	for _, file := range readTestdata(t, "labels") {
		covered[labelTypeOf(file)] = true
	}
	for labelType := range labelAttributeTypes {
		if !covered[string(labelType)] {
			t.Errorf("no testdata/labels/%s.json", labelType)
		}
	}
}

func TestLabelAttributesTypeByLabelType(t *testing.T) {
	t.Parallel()
	for labelType, newAttributes := range labelAttributeTypes {
		attrs, err := decodeLabelAttributes(string(labelType), json.RawMessage(`{}`))
		if err != nil {
			t.Fatalf("%s: %v", labelType, err)
		}
		if want := reflect.TypeOf(newAttributes()); reflect.TypeOf(attrs) != want {
			t.Errorf("%s decoded to %T, want %v", labelType, attrs, want)
		}
	}
}

func TestBBoxesDecodeToBoxes(t *testing.T) {
	t.Parallel()
	raw := json.RawMessage(`{
		"format_version": "0.1",
		"annotations": [
			{"id": 1, "track_id": 1, "category_id": 2, "type": "bbox",
			 "points": [[1.5, 2], [30, 40.25]], "attributes": {"truncated": true}}
		],
		"image_attributes": {"weather": "rain"}
	}`)
	attrs, err := decodeLabelAttributes("bboxes", raw)
	if err != nil {
		t.Fatal(err)
	}
	want := &ImageVectorLabelAttributes{
		FormatVersion: "0.1",
		Annotations: []ImageVectorAnnotation{{
			ID:         1,
			TrackID:    1,
			CategoryID: 2,
			Type:       AnnotationTypeBBox,
			Points:     [][]float64{{1.5, 2}, {30, 40.25}},
			Attributes: AttributeValues{"truncated": true},
		}},
		ImageAttributes: AttributeValues{"weather": "rain"},
	}
	if !reflect.DeepEqual(attrs, want) {
		t.Errorf("got\n%swant\n%s", dump(attrs), dump(want))
	}
}

func TestCuboidDecodesItsGeometry(t *testing.T) {
	t.Parallel()
	raw := json.RawMessage(`{"annotations": [{
		"id": 7, "category_id": 1, "type": "cuboid", "track_id": 7,
		"position": {"x": 1, "y": 2, "z": 3}, "dimensions": {"x": 4, "y": 5, "z": 6},
		"yaw": -0.5, "rotation": {"qx": 0.1, "qy": 0.2, "qz": 0.3, "qw": 0.9},
		"velocity": {"relative": null, "absolute": 8},
		"acceleration": {"relative": 0.5, "absolute": 1}
	}]}`)
	attrs, err := decodeLabelAttributes("pointcloud-cuboid", raw)
	if err != nil {
		t.Fatal(err)
	}
	half := 0.5
	want := &PointcloudCuboidLabelAttributes{Annotations: []PointcloudAnnotation{{
		ID:           7,
		CategoryID:   1,
		TrackID:      7,
		Type:         AnnotationTypeCuboid,
		Position:     XYZ{1, 2, 3},
		Dimensions:   XYZ{4, 5, 6},
		Yaw:          -0.5,
		Rotation:     &Quaternion{QX: 0.1, QY: 0.2, QZ: 0.3, QW: 0.9},
		Velocity:     &Velocity{Absolute: 8},
		Acceleration: &Acceleration{Relative: &half, Absolute: 1},
	}}}
	if !reflect.DeepEqual(attrs, want) {
		t.Errorf("got\n%swant\n%s", dump(attrs), dump(want))
	}
}

func TestLabelAttributesForwardCompatible(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		labelType string
		raw       string
		want      LabelAttributes
	}{
		{
			name:      "ok, unknown keys are ignored",
			labelType: "keypoints",
			raw: `{"annotations": [{"id": 1, "type": "point", "confidence": 0.9}],
				"extra": {}}`,
			want: &ImageVectorLabelAttributes{Annotations: []ImageVectorAnnotation{
				{ID: 1, Type: AnnotationTypePoint},
			}},
		},
		{
			name:      "ok, an unknown annotation type is kept",
			labelType: "vector",
			raw:       `{"annotations": [{"id": 1, "type": "ellipse"}]}`,
			want: &ImageVectorLabelAttributes{Annotations: []ImageVectorAnnotation{
				{ID: 1, Type: "ellipse"},
			}},
		},
		{
			name:      "ok, null objects and lists give zero values",
			labelType: "pointcloud-cuboid",
			raw: `{"annotations": [null, {"id": 2, "position": null, "rotation": null,
				"attributes": null}], "links": null, "format_version": null}`,
			want: &PointcloudCuboidLabelAttributes{
				Annotations: []PointcloudAnnotation{{}, {ID: 2}},
			},
		},
		{
			name:      "ok, a null sensor gives raw empty attributes",
			labelType: "multisensor-sequence",
			raw:       `{"sensors": [null]}`,
			want: &MultiSensorLabelAttributes{Sensors: []LabelSensor{
				{Attributes: &RawLabelAttributes{}},
			}},
		},
		{
			name:      "ok, absent attributes are raw and empty",
			labelType: "bboxes",
			want:      &RawLabelAttributes{},
		},
		{
			name:      "ok, null attributes are raw and empty",
			labelType: "pointcloud-cuboid",
			raw:       `null`,
			want:      &RawLabelAttributes{},
		},
		{
			name:      "ok, an empty list stays raw",
			labelType: "image-vector-sequence",
			raw:       `[]`,
			want:      &RawLabelAttributes{JSON: json.RawMessage(`[]`)},
		},
		{
			name:      "ok, a missing label type gives raw attributes",
			labelType: "",
			raw:       `{"annotations": []}`,
			want:      &RawLabelAttributes{JSON: json.RawMessage(`{"annotations": []}`)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var raw json.RawMessage
			if tt.raw != "" {
				raw = json.RawMessage(tt.raw)
			}
			got, err := decodeLabelAttributes(tt.labelType, raw)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%swant\n%s", dump(got), dump(tt.want))
			}
			checkLabelRoundTrip(t, tt.labelType, got)
		})
	}
}

func TestLabelAttributesErrorNamesThePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		labelType string
		raw       string
		path      string
	}{
		{
			name:      "nok, points as a string",
			labelType: "bboxes",
			raw:       `{"annotations": [{}, {}, {}, {"points": "12,40"}]}`,
			path:      "attributes.annotations[3].points",
		},
		{
			name:      "nok, a coordinate as a string",
			labelType: "vector",
			raw:       `{"annotations": [{"points": [[1, 2], [3, "4"]]}]}`,
			path:      "attributes.annotations[0].points[1][1]",
		},
		{
			name:      "nok, a category id with a fraction",
			labelType: "segmentation-bitmap",
			raw:       `{"annotations": [{"id": 1, "category_id": 1.5}]}`,
			path:      "attributes.annotations[0].category_id",
		},
		{
			name:      "nok, a cuboid position as a string",
			labelType: "pointcloud-cuboid",
			raw:       `{"annotations": [{"position": {"x": 1, "y": "2", "z": 3}}]}`,
			path:      "attributes.annotations[0].position.y",
		},
		{
			name:      "nok, object attributes as a string",
			labelType: "pointcloud-vector",
			raw:       `{"annotations": [{"attributes": "red"}]}`,
			path:      "attributes.annotations[0].attributes",
		},
		{
			name:      "nok, a point annotation with a fraction",
			labelType: "pointcloud-segmentation",
			raw:       `{"point_annotations": [0, 1, 1.5]}`,
			path:      "attributes.point_annotations[2]",
		},
		{
			name:      "nok, a timestamp as an object",
			labelType: "image-vector-sequence",
			raw:       `{"frames": [{"timestamp": 1}, {"timestamp": {}}]}`,
			path:      "attributes.frames[1].timestamp",
		},
		{
			name:      "nok, a format version as a bool",
			labelType: "pointcloud-cuboid-sequence",
			raw:       `{"format_version": true}`,
			path:      "attributes.format_version",
		},
		{
			name:      "nok, a link id as a string",
			labelType: "pointcloud-vector-sequence",
			raw:       `{"frames": [], "links": [{"from_id": "1"}]}`,
			path:      "attributes.links[0].from_id",
		},
		{
			name:      "nok, a key in another case",
			labelType: "bboxes",
			raw:       `{"Annotations": [{"ID": "1"}]}`,
			path:      "attributes.annotations[0].id",
		},
		{
			name:      "nok, attributes as a string",
			labelType: "bboxes",
			raw:       `"boxes"`,
			path:      "attributes",
		},
		{
			name:      "nok, a sensor name as a number",
			labelType: "multisensor-sequence",
			raw:       `{"sensors": [{"name": 5}]}`,
			path:      "attributes.sensors[0].name",
		},
		{
			name:      "nok, a sensor as a string",
			labelType: "multisensor-sequence",
			raw:       `{"sensors": [{}, "lidar"]}`,
			path:      "attributes.sensors[1]",
		},
		{
			name:      "nok, deep inside a sensor",
			labelType: "multisensor-sequence",
			raw: `{"sensors": [{"name": "Lidar", "task_type": "pointcloud-cuboid-sequence",
				"attributes": {"frames": [{}, {"annotations": [{"yaw": true}]}]}}]}`,
			path: "attributes.sensors[0].attributes.frames[1].annotations[0].yaw",
		},
		{
			name:      "nok, a text span end as a string",
			labelType: "text-named-entities",
			raw:       `{"annotations": [{"start": 0, "end": "5"}]}`,
			path:      "attributes.annotations[0].end",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := decodeLabelAttributes(tt.labelType, json.RawMessage(tt.raw))
			checkPathError(t, err, tt.path)
		})
	}
}

// TestUnmarshalJSONNamesThePathBelowTheValue decodes objects that have
// UnmarshalJSON methods with encoding/json, as users may, and checks
// that the error names the path below the object whatever the Go
// release: Go 1.27's encoding/json no longer prefixes the enclosing
// fields to the error of a nested UnmarshalJSON, so the methods name the
// whole path themselves.
func TestUnmarshalJSONNamesThePathBelowTheValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		into any
		json string
		path string
	}{
		{"nok, a label's points as a string", new(Label),
			`{"label_type": "bboxes", "attributes": {"annotations": [{}, {"points": "1,2"}]}}`,
			"attributes.annotations[1].points"},
		{"nok, a label's score as a string", new(Label),
			`{"label_type": "bboxes", "score": "high"}`,
			"score"},
		{"nok, the attributes of a sample's label", new(Sample),
			`{"label": {"label_type": "vector", "attributes": {"annotations": [{"points": [[1, "2"]]}]}}}`,
			"label.attributes.annotations[0].points[0][1]"},
		{"nok, a sample's pcd url as a number", new(Sample),
			`{"uuid": "u", "attributes": {"pcd": {"url": 7}}}`,
			"attributes.pcd.url"},
		{"nok, an issue comment of a sample", new(Sample),
			`{"issues": [{"comments": [{}, {"text": 3}]}]}`,
			"issues[0].comments[1].text"},
		{"nok, a category id of a dataset", new(Dataset),
			`{"task_attributes": {"categories": [{"id": 1}, {"id": "two"}]}}`,
			"task_attributes.categories[1].id"},
		{"nok, an attribute definition's name", new(Dataset),
			`{"task_attributes": {"categories": [{"attributes": [{"name": false}]}]}}`,
			"task_attributes.categories[0].attributes[0].name"},
		{"nok, a dataset owner's name", new(Dataset),
			`{"owner": {"username": ["acme"]}}`,
			"owner.username"},
		{"nok, deep inside a label sensor", new(LabelSensor),
			`{"task_type": "pointcloud-cuboid", "attributes": {"annotations": [{"yaw": "0"}]}}`,
			"attributes.annotations[0].yaw"},
		{"nok, a frame of a sample sensor", new(SampleSensor),
			`{"task_type": "image-vector-sequence", "attributes": {"frames": [{"image": {"url": 1}}]}}`,
			"attributes.frames[0].image.url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkPathError(t, json.Unmarshal([]byte(tt.json), tt.into), tt.path)
		})
	}
}

func TestParseNamesTheAttributesPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, path string
	}{
		{
			name: "nok, a label's points as a string",
			body: `{"event_type": "label.updated", "object": {"label_type": "bboxes",
				"attributes": {"annotations": [{}, {}, {}, {"points": "12,40"}]}}}`,
			path: "object.attributes.annotations[3].points",
		},
		{
			name: "nok, a sensor frame's yaw as a bool",
			body: `{"event_type": "label.updated", "object": {"label_type": "multisensor-sequence",
				"attributes": {"sensors": [{"task_type": "pointcloud-cuboid-sequence",
				"attributes": {"frames": [{"annotations": [{"yaw": true}]}]}}]}}}`,
			path: "object.attributes.sensors[0].attributes.frames[0].annotations[0].yaw",
		},
		{
			name: "nok, a sample's pcd url as a number",
			body: `{"event_type": "sample.created",
				"object": {"attributes": {"pcd": {"url": 7}}}}`,
			path: "object.attributes.pcd.url",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tt.body))
			if !errors.Is(err, ErrInvalidPayload) {
				t.Fatalf("error %v, want one wrapping ErrInvalidPayload", err)
			}
			if !strings.Contains(err.Error(), tt.path+":") {
				t.Errorf("error %q does not name %s", err, tt.path)
			}
		})
	}
}

func FuzzLabelAttributes(f *testing.F) {
	for _, file := range readTestdata(f, "labels") {
		f.Add(labelTypeOf(file), file.data)
	}
	f.Add("bboxes", []byte(`{"annotations": [{"points": "x"}]}`))
	f.Add("multisensor-sequence",
		[]byte(`{"sensors": [{"task_type": "bboxes", "attributes": []}]}`))
	f.Fuzz(func(t *testing.T, labelType string, data []byte) {
		if !json.Valid(data) {
			t.Skip("callers pass only valid JSON")
		}
		attrs, err := decodeLabelAttributes(labelType, data)
		if err != nil {
			if !strings.HasPrefix(fieldOf(err), "attributes") {
				t.Fatalf("error %v does not name a path under attributes", err)
			}
			return
		}
		checkLabelRoundTrip(t, labelType, attrs)
	})
}

// fieldOf returns the path of a type error, or its text for another
// error.
func fieldOf(err error) string {
	if typeErr, ok := err.(*json.UnmarshalTypeError); ok {
		return typeErr.Field
	}
	return fmt.Sprint(err)
}
