package events_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/internal/benchdata"
)

// BenchmarkParse compares, on label deliveries of 1 KiB to 1 MiB,
// events.Parse (impl=ours) with encoding/json decoding the same body
// into plain structs of the same shape (impl=stdlib, the baseline),
// encoding/json decoding it into this package's types, whose
// UnmarshalJSON methods it then calls (impl=stdtypes, what users get who
// decode our types themselves), and encoding/json decoding it into a
// map[string]any (impl=map).
func BenchmarkParse(b *testing.B) {
	for _, p := range benchdata.Standard() {
		newMirror := mirrorFor(p.Name)
		impls := []struct {
			name   string
			decode func([]byte) error
		}{
			{"stdlib", func(body []byte) error { return json.Unmarshal(body, newMirror()) }},
			{"ours", func(body []byte) error { _, err := events.Parse(body); return err }},
			{"stdtypes", func(body []byte) error { return json.Unmarshal(body, new(events.LabelUpdated)) }},
			{"map", func(body []byte) error { var m map[string]any; return json.Unmarshal(body, &m) }},
		}
		for _, impl := range impls {
			b.Run("payload="+p.Name+"/impl="+impl.name, func(b *testing.B) {
				measure(b, p.Body, impl.decode)
			})
		}
	}
}

// BenchmarkParseInvalid compares the cost of rejecting a label whose
// last value has the wrong type, which Parse reports with the path of
// that value, with encoding/json failing on the same body in plain
// structs (impl=stdlib, the baseline). It shows what an authentic but
// broken delivery costs, and that the cost grows with the body alone.
func BenchmarkParseInvalid(b *testing.B) {
	for _, name := range []string{"segmentation-1KiB", "segmentation-64KiB", "segmentation-1MiB", "cuboids-1MiB"} {
		body := mistyped(benchdata.Find(name).Body)
		newMirror := mirrorFor(name)
		impls := []struct {
			name   string
			decode func([]byte) error
		}{
			{"stdlib", func(body []byte) error { return json.Unmarshal(body, newMirror()) }},
			{"ours", func(body []byte) error { _, err := events.Parse(body); return err }},
		}
		for _, impl := range impls {
			b.Run("payload="+name+"/impl="+impl.name, func(b *testing.B) {
				measure(b, body, func(body []byte) error {
					if impl.decode(body) == nil {
						return errors.New("mistyped body decoded")
					}
					return nil
				})
			})
		}
	}
}

// mistyped returns a copy of a benchdata label body whose last value is
// a string where a number belongs: the last point annotation of a
// segmentation label, the yaw of the last cuboid of a sequence.
func mistyped(body []byte) []byte {
	var end int
	if i := bytes.Index(body, []byte(`"point_annotations":[`)); i >= 0 {
		end = i + bytes.IndexByte(body[i:], ']')
	} else {
		i := bytes.LastIndex(body, []byte(`"yaw":`))
		end = i + bytes.IndexByte(body[i:], ',')
	}
	start := bytes.LastIndexAny(body[:end], ",:[") + 1
	return slices.Concat(body[:start], []byte(`"?"`), body[end:])
}

// TestBenchmarkMirrorsHoldTheSameData checks that the baseline of
// BenchmarkParse decodes as much as Parse does.
func TestBenchmarkMirrorsHoldTheSameData(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"segmentation-64KiB", "vector-200", "cuboids-64KiB"} {
		body := benchdata.Find(name).Body
		ev, err := events.Parse(body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		mirror := mirrorFor(name)()
		if err := json.Unmarshal(body, mirror); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got, want int
		switch a := ev.(*events.LabelUpdated).Label.Attributes.(type) {
		case *events.PointcloudSegmentationLabelAttributes:
			got = len(a.PointAnnotations)
			want = len(mirror.(*mirrorEvent[mirrorSegmentation]).Label.Attributes.PointAnnotations)
		case *events.ImageVectorLabelAttributes:
			got = len(a.Annotations)
			want = len(mirror.(*mirrorEvent[mirrorVector]).Label.Attributes.Annotations)
		case *events.PointcloudSequenceCuboidLabelAttributes:
			got = len(a.Frames)
			want = len(mirror.(*mirrorEvent[mirrorCuboidSequence]).Label.Attributes.Frames)
		default:
			t.Fatalf("%s: attributes of type %T", name, a)
		}
		if got != want || got == 0 {
			t.Errorf("%s: Parse found %d items, the mirror %d", name, got, want)
		}
	}
}

// measure runs decode on body once per iteration and reports, beside
// the usual figures, the bytes allocated per byte of body.
func measure(b *testing.B, body []byte, decode func([]byte) error) {
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		if err := decode(body); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	perByte := float64(after.TotalAlloc-before.TotalAlloc) / float64(b.N) / float64(len(body))
	b.ReportMetric(perByte, "alloc-B/body-B")
}

// mirrorFor returns a constructor of the plain structs that match the
// label of the benchdata payload name.
func mirrorFor(name string) func() any {
	switch {
	case strings.HasPrefix(name, "vector-"):
		return func() any { return new(mirrorEvent[mirrorVector]) }
	case strings.HasPrefix(name, "cuboids-"):
		return func() any { return new(mirrorEvent[mirrorCuboidSequence]) }
	}
	return func() any { return new(mirrorEvent[mirrorSegmentation]) }
}

// The mirror types have the fields and Go types of package events'
// types for the same JSON, without any UnmarshalJSON method.

type mirrorEvent[A any] struct {
	Type        string         `json:"event_type"`
	CreatedAt   time.Time      `json:"created_at"`
	APIVersion  string         `json:"api_version"`
	DatasetName string         `json:"dataset"`
	Label       mirrorLabel[A] `json:"object"`
	Text        string         `json:"text"`
}

type mirrorLabel[A any] struct {
	SampleUUID  string    `json:"sample_uuid"`
	LabelType   string    `json:"label_type"`
	LabelStatus string    `json:"label_status"`
	Labelset    string    `json:"labelset"`
	Attributes  A         `json:"attributes"`
	CreatedAt   time.Time `json:"created_at"`
	CreatedBy   string    `json:"created_by"`
	UpdatedAt   time.Time `json:"updated_at"`
	UpdatedBy   string    `json:"updated_by"`
	Score       *float64  `json:"score"`
	Rating      *float64  `json:"rating"`
	ReviewedAt  time.Time `json:"reviewed_at"`
	ReviewedBy  string    `json:"reviewed_by"`
}

type mirrorSegmentation struct {
	FormatVersion    string                     `json:"format_version"`
	Annotations      []mirrorSegmentationObject `json:"annotations"`
	PointAnnotations []int                      `json:"point_annotations"`
	ImageAttributes  map[string]any             `json:"image_attributes"`
}

type mirrorSegmentationObject struct {
	ID         int            `json:"id"`
	CategoryID int            `json:"category_id"`
	TrackID    int            `json:"track_id"`
	IsKeyframe bool           `json:"is_keyframe"`
	Attributes map[string]any `json:"attributes"`
}

type mirrorVector struct {
	FormatVersion   string               `json:"format_version"`
	Annotations     []mirrorVectorObject `json:"annotations"`
	ImageAttributes map[string]any       `json:"image_attributes"`
	Links           []mirrorLink         `json:"links"`
}

type mirrorVectorObject struct {
	ID         int            `json:"id"`
	CategoryID int            `json:"category_id"`
	TrackID    int            `json:"track_id"`
	IsKeyframe bool           `json:"is_keyframe"`
	Type       string         `json:"type"`
	Points     [][]float64    `json:"points"`
	Attributes map[string]any `json:"attributes"`
}

type mirrorLink struct {
	FromID     int            `json:"from_id"`
	ToID       int            `json:"to_id"`
	Attributes map[string]any `json:"attributes"`
}

type mirrorCuboidSequence struct {
	FormatVersion string              `json:"format_version"`
	Frames        []mirrorCuboidFrame `json:"frames"`
	Links         []mirrorLink        `json:"links"`
}

type mirrorCuboidFrame struct {
	FormatVersion   string               `json:"format_version"`
	Timestamp       string               `json:"timestamp"`
	Annotations     []mirrorCuboidObject `json:"annotations"`
	ImageAttributes map[string]any       `json:"image_attributes"`
}

type mirrorCuboidObject struct {
	ID           int               `json:"id"`
	CategoryID   int               `json:"category_id"`
	TrackID      int               `json:"track_id"`
	IsKeyframe   bool              `json:"is_keyframe"`
	Index        int               `json:"index"`
	Type         string            `json:"type"`
	Position     mirrorXYZ         `json:"position"`
	Dimensions   mirrorXYZ         `json:"dimensions"`
	Yaw          float64           `json:"yaw"`
	Rotation     *mirrorQuaternion `json:"rotation"`
	Velocity     *mirrorVelocity   `json:"velocity"`
	Acceleration *mirrorVelocity   `json:"acceleration"`
	Points       [][]float64       `json:"points"`
	Attributes   map[string]any    `json:"attributes"`
}

type mirrorXYZ struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	Z float64 `json:"z"`
}

type mirrorQuaternion struct {
	QX float64 `json:"qx"`
	QY float64 `json:"qy"`
	QZ float64 `json:"qz"`
	QW float64 `json:"qw"`
}

type mirrorVelocity struct {
	Relative *float64 `json:"relative"`
	Absolute float64  `json:"absolute"`
}
