package events

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestSampleAttributesGolden(t *testing.T) {
	t.Parallel()
	for _, file := range readTestdata(t, "samples") {
		t.Run(file.name, func(t *testing.T) {
			attrs, err := decodeSampleAttributes(file.data)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, file, attrs)
			checkSampleRoundTrip(t, attrs)
		})
	}
}

func TestEverySampleTypeHasTestdata(t *testing.T) {
	t.Parallel()
	want := map[reflect.Type]bool{
		reflect.TypeFor[*ImageSampleAttributes]():              false,
		reflect.TypeFor[*ImageSequenceSampleAttributes]():      false,
		reflect.TypeFor[*PointcloudSampleAttributes]():         false,
		reflect.TypeFor[*PointcloudSequenceSampleAttributes](): false,
		reflect.TypeFor[*MultiSensorSampleAttributes]():        false,
		reflect.TypeFor[*TextSampleAttributes]():               false,
		reflect.TypeFor[*RawSampleAttributes]():                false,
	}
	for _, file := range readTestdata(t, "samples") {
		attrs, err := decodeSampleAttributes(file.data)
		if err != nil {
			t.Fatalf("%s: %v", file.path, err)
		}
		want[reflect.TypeOf(attrs)] = true
	}
	for typ, seen := range want {
		if !seen {
			t.Errorf("no file under testdata/samples decodes to %v", typ)
		}
	}
}

func TestPointcloudSampleDecodesCalibration(t *testing.T) {
	t.Parallel()
	raw := json.RawMessage(`{
		"pcd": {"url": "https://example.org/0.bin", "type": "binary-xyzir"},
		"images": [{
			"url": "https://example.org/0.jpg", "row": 1, "col": 2,
			"intrinsics": {"intrinsic_matrix": [[1000, 0, 640], [0, 1000, 360], [0, 0, 1]]},
			"extrinsics": {"translation": {"x": 1, "y": 0, "z": 1.5},
				"rotation": {"qx": 0.5, "qy": -0.5, "qz": 0.5, "qw": -0.5}},
			"distortion": {"model": "brown-conrady",
				"coefficients": {"k1": -0.3, "k2": 0.1, "k3": 0, "p1": 0.001, "p2": -0.002}},
			"camera_convention": "OpenCV"
		}],
		"ego_pose": {"position": {"x": 10, "y": 20, "z": 1},
			"heading": {"qx": 0, "qy": 0, "qz": 0, "qw": 1}},
		"default_z": -1.5,
		"timestamp": 1700000000000000000,
		"bounds": {"min_z": -2, "max_z": 0}
	}`)
	attrs, err := decodeSampleAttributes(raw)
	if err != nil {
		t.Fatal(err)
	}
	minZ, maxZ := -2.0, 0.0
	want := &PointcloudSampleAttributes{
		PCD: PCD{URL: "https://example.org/0.bin", Type: PCDTypeBinaryXYZIR},
		Images: []CalibratedImage{{
			URL: "https://example.org/0.jpg",
			Row: 1,
			Col: 2,
			Intrinsics: &CameraIntrinsics{
				IntrinsicMatrix: [][]float64{{1000, 0, 640}, {0, 1000, 360}, {0, 0, 1}},
			},
			Extrinsics: &CameraExtrinsics{
				Translation: XYZ{X: 1, Z: 1.5},
				Rotation:    Quaternion{QX: 0.5, QY: -0.5, QZ: 0.5, QW: -0.5},
			},
			Distortion: &Distortion{
				Model:        DistortionModelBrownConrady,
				Coefficients: DistortionCoefficients{K1: -0.3, K2: 0.1, P1: 0.001, P2: -0.002},
			},
			CameraConvention: CameraConventionOpenCV,
		}},
		EgoPose:   &EgoPose{Position: XYZ{10, 20, 1}, Heading: Quaternion{QW: 1}},
		DefaultZ:  -1.5,
		Timestamp: "1700000000000000000",
		Bounds:    &Bounds{MinZ: &minZ, MaxZ: &maxZ},
	}
	if !reflect.DeepEqual(attrs, want) {
		t.Errorf("got\n%swant\n%s", dump(attrs), dump(want))
	}
}

func TestSampleAttributesInferredFromShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		raw  string
		want SampleAttributes
	}{
		{"ok, image", `{"image": {"url": "u"}}`, new(ImageSampleAttributes)},
		{"ok, text", `{"text": ""}`, new(TextSampleAttributes)},
		{"ok, point cloud", `{"pcd": {"url": "u"}}`, new(PointcloudSampleAttributes)},
		{"ok, pcd wins over image", `{"image": {}, "pcd": {}}`, new(PointcloudSampleAttributes)},
		{"ok, sensors win", `{"sensors": [], "pcd": {}}`, new(MultiSensorSampleAttributes)},
		{"ok, image frames", `{"frames": [{"image": {}}]}`, new(ImageSequenceSampleAttributes)},
		{
			"ok, the first telling frame decides",
			`{"frames": [{"name": "a"}, {"pcd": {}}, {"image": {}}]}`,
			new(PointcloudSequenceSampleAttributes),
		},
		{"ok, null is absent", `{"pcd": null, "image": {}}`, new(ImageSampleAttributes)},
		{"ok, empty frames stay raw", `{"frames": []}`, new(RawSampleAttributes)},
		{"ok, other frames stay raw", `{"frames": [{"mesh": {}}, 3]}`, new(RawSampleAttributes)},
		{"ok, an unknown shape stays raw", `{"video": {"url": "u"}}`, new(RawSampleAttributes)},
		{"ok, an empty object stays raw", `{}`, new(RawSampleAttributes)},
		{"ok, a list stays raw", `[]`, new(RawSampleAttributes)},
		{"ok, null stays raw", `null`, new(RawSampleAttributes)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			attrs, err := decodeSampleAttributes(json.RawMessage(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if reflect.TypeOf(attrs) != reflect.TypeOf(tt.want) {
				t.Errorf("decoded to %T, want %T", attrs, tt.want)
			}
			checkSampleRoundTrip(t, attrs)
		})
	}
}

func TestSampleSensorFallsBackOnTaskType(t *testing.T) {
	t.Parallel()
	raw := json.RawMessage(`{"sensors": [
		{"name": "a", "task_type": "pointcloud-cuboid-sequence", "attributes": {"frames": []}},
		{"name": "b", "task_type": "image-segmentation-sequence", "attributes": {}},
		{"name": "c", "task_type": "pointcloud-cuboid", "attributes": {}},
		{"name": "d", "task_type": "image-vector-sequence",
			"attributes": {"frames": [{"pcd": {}}]}}
	]}`)
	attrs, err := decodeSampleAttributes(raw)
	if err != nil {
		t.Fatal(err)
	}
	type frames = []PointcloudSampleAttributes
	want := &MultiSensorSampleAttributes{Sensors: []SampleSensor{
		{Name: "a", TaskType: "pointcloud-cuboid-sequence",
			Attributes: &PointcloudSequenceSampleAttributes{Frames: frames{}}},
		{Name: "b", TaskType: "image-segmentation-sequence",
			Attributes: &ImageSequenceSampleAttributes{}},
		{Name: "c", TaskType: "pointcloud-cuboid",
			Attributes: &RawSampleAttributes{JSON: json.RawMessage(`{}`)}},
		{Name: "d", TaskType: "image-vector-sequence",
			Attributes: &PointcloudSequenceSampleAttributes{Frames: frames{{}}}},
	}}
	if !reflect.DeepEqual(attrs, want) {
		t.Errorf("got\n%swant\n%s", dump(attrs), dump(want))
	}
	checkSampleRoundTrip(t, attrs)
}

func TestSampleAttributesErrorNamesThePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		raw  string
		path string
	}{
		{
			name: "nok, an image as a string",
			raw:  `{"image": "https://example.org/a.jpg"}`,
			path: "attributes.image",
		},
		{
			name: "nok, a pcd url as a number",
			raw:  `{"pcd": {"url": 1}}`,
			path: "attributes.pcd.url",
		},
		{
			name: "nok, an intrinsic as a string",
			raw: `{"pcd": {}, "images": [{"url": "a"},
				{"intrinsics": {"intrinsic_matrix": [[1, 0, "c"]]}}]}`,
			path: "attributes.images[1].intrinsics.intrinsic_matrix[0][2]",
		},
		{
			name: "nok, a bound as a string",
			raw:  `{"pcd": {}, "bounds": {"max_z": "3"}}`,
			path: "attributes.bounds.max_z",
		},
		{
			name: "nok, a frame name as a number",
			raw:  `{"frames": [{"image": {}}, {"image": {}, "name": 2}]}`,
			path: "attributes.frames[1].name",
		},
		{
			name: "nok, deep inside a sensor",
			raw: `{"sensors": [{"name": "l", "task_type": "pointcloud-cuboid-sequence",
				"attributes": {"frames": [{"pcd": {}, "ego_pose": {"heading": {"qw": "1"}}}]}}]}`,
			path: "attributes.sensors[0].attributes.frames[0].ego_pose.heading.qw",
		},
		{
			name: "nok, sensor attributes as a string",
			raw:  `{"sensors": [{"name": "l", "attributes": "x"}]}`,
			path: "attributes.sensors[0].attributes",
		},
		{
			name: "nok, text as a number",
			raw:  `{"text": 5}`,
			path: "attributes.text",
		},
		{
			name: "nok, attributes as a string",
			raw:  `"frame.jpg"`,
			path: "attributes",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := decodeSampleAttributes(json.RawMessage(tt.raw))
			checkPathError(t, err, tt.path)
		})
	}
}

func FuzzSampleAttributes(f *testing.F) {
	for _, file := range readTestdata(f, "samples") {
		f.Add(file.data)
	}
	f.Add([]byte(`{"sensors": [{"task_type": "image-vector-sequence",
		"attributes": {"frames": [{"pcd": null}]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			t.Skip("callers pass only valid JSON")
		}
		attrs, err := decodeSampleAttributes(data)
		if err != nil {
			if !strings.HasPrefix(fieldOf(err), "attributes") {
				t.Fatalf("error %v does not name a path under attributes", err)
			}
			return
		}
		checkSampleRoundTrip(t, attrs)
	})
}
