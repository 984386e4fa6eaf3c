// Package benchdata builds the delivery bodies that the benchmarks of
// this module measure: label.updated events of the kinds that make
// Segments.ai's largest deliveries, at fixed sizes. Every body is
// deterministic, so that two runs measure the same bytes, and compact, as
// Svix delivers them.
package benchdata

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
)

// Sizes of the bodies the benchmarks compare, in bytes.
const (
	Small  = 1 << 10
	Medium = 64 << 10
	Large  = 1 << 20
)

// A Payload is one named delivery body.
type Payload struct {
	// Name is short and has no spaces or slashes, for benchmark names,
	// such as "segmentation-1KiB".
	Name string

	// Body is the delivery body: a label.updated envelope.
	Body []byte
}

// Secret is the signing secret the benchmarks sign their bodies with.
const Secret = "whsec_YmVuY2htYXJrLXNpZ25pbmcta2V5LTAx"

// MessageID is the message id of every benchmark delivery.
const MessageID = "msg_2bEnchmarkDelivery00000001"

// Segmentation returns a label.updated body of about size bytes for a
// pointcloud-segmentation label: up to a dozen annotated objects and one
// point_annotations entry per point, as long as the size allows. Points
// come in runs, as a lidar scan crosses an object, and most of them are
// unlabeled (0) or ground.
func Segmentation(size int) []byte {
	rng := rand.New(rand.NewPCG(1, uint64(size)))
	attrs := segmentationAttributes{
		FormatVersion:   "0.1",
		ImageAttributes: map[string]any{"scene": "urban", "weather": "dry"},
	}
	objects := min(12, max(2, size/4096))
	for id := 1; id <= objects; id++ {
		attrs.Annotations = append(attrs.Annotations, segmentationAnnotation{
			ID: id, TrackID: id, CategoryID: 1 + (id*7)%5,
			Attributes: map[string]any{"occluded": id%3 == 0, "moving": id%4 == 0},
		})
	}
	attrs.PointAnnotations = []int{}

	empty := envelope(label("pointcloud-segmentation", attrs))
	budget := size - len(empty)
	id, run := 0, 0
	for budget > 0 {
		if run == 0 {
			id, run = pointRun(rng, objects)
		}
		run--
		attrs.PointAnnotations = append(attrs.PointAnnotations, id)
		budget -= len(strconv.Itoa(id)) + 1
	}
	return envelope(label("pointcloud-segmentation", attrs))
}

// pointRun picks the object id of the next run of points and its length.
func pointRun(rng *rand.Rand, objects int) (id, n int) {
	switch r := rng.IntN(100); {
	case r < 55:
		id = 0
	case r < 80:
		id = 1
	default:
		id = 2 + rng.IntN(objects-1)
	}
	return id, 1 + rng.IntN(60)
}

// Vector returns a label.updated body for an image vector label with n
// annotations: mostly boxes, with polygons, polylines and keypoints, each
// with a few object attributes, about 200 bytes per annotation.
func Vector(n int) []byte {
	rng := rand.New(rand.NewPCG(2, uint64(n)))
	attrs := vectorAttributes{
		FormatVersion:   "0.1",
		ImageAttributes: map[string]any{"weather": "cloudy", "night": false, "camera": "front-left"},
	}
	for i := 1; i <= n; i++ {
		a := vectorAnnotation{ID: i, TrackID: i, CategoryID: 1 + rng.IntN(8)}
		x, y := coord(rng, 1920), coord(rng, 1080)
		switch r := rng.IntN(100); {
		case r < 70:
			a.Type = "bbox"
			a.Points = [][]float64{{x, y}, {round(x + coord(rng, 300)), round(y + coord(rng, 200))}}
		case r < 85:
			a.Type = "polygon"
			a.Points = polyline(rng, x, y, 5+rng.IntN(10))
		case r < 95:
			a.Type = "polyline"
			a.Points = polyline(rng, x, y, 3+rng.IntN(5))
		default:
			a.Type = "point"
			a.Points = [][]float64{{x, y}}
		}
		a.Attributes = map[string]any{
			"occluded":  rng.IntN(3) == 0,
			"truncated": rng.IntN(5) == 0,
			"color":     colors[rng.IntN(len(colors))],
		}
		attrs.Annotations = append(attrs.Annotations, a)
	}
	for i := 2; i <= n; i += 25 {
		attrs.Links = append(attrs.Links, link{FromID: i, ToID: i - 1,
			Attributes: map[string]any{"relation": "attached"}})
	}
	return envelope(label("vector", attrs))
}

var colors = []string{"red", "white", "black", "grey", "blue", "yellow"}

// polyline returns n points that wander from x, y.
func polyline(rng *rand.Rand, x, y float64, n int) [][]float64 {
	points := make([][]float64, n)
	for i := range points {
		points[i] = []float64{x, y}
		x = round(x + coord(rng, 80) - 40)
		y = round(y + coord(rng, 80) - 40)
	}
	return points
}

// coord returns a pixel or metric coordinate below limit with two
// decimals, as an editor stores them.
func coord(rng *rand.Rand, limit float64) float64 {
	return round(rng.Float64() * limit)
}

// round rounds f to two decimals.
func round(f float64) float64 {
	return math.Round(f*100) / 100
}

// CuboidSequence returns a label.updated body of about size bytes for a
// pointcloud-cuboid-sequence label: as many frames as the size allows,
// each with the same 20 tracked cuboids moving a little, some with
// velocity, acceleration or a full rotation.
func CuboidSequence(size int) []byte {
	rng := rand.New(rand.NewPCG(3, uint64(size)))
	const tracks = 20
	start := make([]cuboid, tracks)
	for i := range start {
		start[i] = cuboid{
			ID: i + 1, TrackID: i + 1, CategoryID: 1 + i%4, Type: "cuboid",
			Position:   xyz{round(coord(rng, 80) - 40), round(coord(rng, 80) - 40), coord(rng, 2)},
			Dimensions: xyz{round(1 + coord(rng, 4)), round(1 + coord(rng, 2)), round(1 + coord(rng, 2))},
			Yaw:        round(coord(rng, 6.28) - 3.14),
			Attributes: map[string]any{"moving": i%2 == 0, "brake_lights": "off"},
		}
	}

	attrs := cuboidSequenceAttributes{FormatVersion: "0.2", Frames: []cuboidFrame{}}
	budget := size - len(envelope(label("pointcloud-cuboid-sequence", attrs)))
	for f := 0; ; f++ {
		frame := cuboidFrame{
			FormatVersion: "0.2",
			Timestamp:     strconv.FormatInt(1700000000000000000+int64(f)*100000000, 10),
		}
		for i, c := range start {
			c.Index = f
			c.IsKeyframe = f%10 == 0
			c.Position.X = round(c.Position.X + float64(f)*0.35)
			c.Yaw = round(c.Yaw + float64(f)*0.01)
			if i%3 == 0 {
				c.Velocity = &velocity{Relative: ptr(coord(rng, 5)), Absolute: coord(rng, 15)}
				c.Acceleration = &velocity{Absolute: round(coord(rng, 2) - 1)}
			}
			if i%5 == 0 {
				c.Rotation = &quaternion{QZ: 0.9997, QW: 0.0208}
			}
			frame.Annotations = append(frame.Annotations, c)
		}
		if f == 0 {
			frame.ImageAttributes = map[string]any{"weather": "rain"}
		}
		text, err := json.Marshal(frame)
		if err != nil {
			panic(err)
		}
		if budget -= len(text) + 1; f > 0 && budget < 0 {
			break
		}
		attrs.Frames = append(attrs.Frames, frame)
	}
	attrs.Links = []link{{FromID: 2, ToID: 1, Attributes: map[string]any{"following": true}}}
	return envelope(label("pointcloud-cuboid-sequence", attrs))
}

func ptr[T any](v T) *T { return &v }

// Standard returns the payloads the benchmarks compare: point cloud
// segmentation labels of 1 KiB, 64 KiB and 1 MiB (for the cost per byte
// as the body grows), an image vector label with 200 annotations, and a
// cuboid sequence of 64 KiB and 1 MiB. Bodies are built once and shared:
// do not modify them.
func Standard() []Payload {
	payloads := make([]Payload, len(standard))
	for i, s := range standard {
		payloads[i] = Payload{Name: s.name, Body: s.body()}
	}
	return payloads
}

// Find returns the payload of [Standard] with the given name, building
// only that one, and panics if there is none: benchmark names are fixed
// in code.
func Find(name string) Payload {
	for _, s := range standard {
		if s.name == name {
			return Payload{Name: s.name, Body: s.body()}
		}
	}
	panic(fmt.Sprintf("benchdata: no payload %q", name))
}

var standard = []struct {
	name string
	body func() []byte
}{
	{"segmentation-1KiB", once(Segmentation, Small)},
	{"segmentation-64KiB", once(Segmentation, Medium)},
	{"segmentation-1MiB", once(Segmentation, Large)},
	{"vector-200", once(Vector, 200)},
	{"cuboids-64KiB", once(CuboidSequence, Medium)},
	{"cuboids-1MiB", once(CuboidSequence, Large)},
}

func once(build func(int) []byte, arg int) func() []byte {
	return sync.OnceValue(func() []byte { return build(arg) })
}

// envelope wraps a label in a label.updated delivery body.
func envelope(object labelObject) []byte {
	body, err := json.Marshal(struct {
		EventType  string      `json:"event_type"`
		CreatedAt  string      `json:"created_at"`
		APIVersion string      `json:"api_version"`
		Dataset    string      `json:"dataset"`
		Object     labelObject `json:"object"`
		Text       string      `json:"text"`
	}{
		EventType:  "label.updated",
		CreatedAt:  "2026-11-30T13:28:44.915370+00:00",
		APIVersion: "2021-08-01",
		Dataset:    "acme/street-scenes",
		Object:     object,
		Text:       "Label of sample scan_004512 labeled in dataset acme/street-scenes.",
	})
	if err != nil {
		panic(err)
	}
	return body
}

func label(labelType string, attrs any) labelObject {
	return labelObject{
		SampleUUID:  "3c9a8b1e-52f0-4d7a-8e61-0b2f4c7d9a13",
		LabelType:   labelType,
		LabelStatus: "LABELED",
		Labelset:    "ground-truth",
		Attributes:  attrs,
		CreatedAt:   "2026-11-30T09:40:11.377402+00:00",
		CreatedBy:   "lena.peeters",
		UpdatedAt:   "2026-11-30T13:28:44.902618+00:00",
		UpdatedBy:   "lena.peeters",
	}
}

// The types below give the bodies their key order; they mirror the
// formats of Segments.ai without depending on package events, so that
// the benchmarks measure events against bytes it did not produce.

type labelObject struct {
	SampleUUID  string   `json:"sample_uuid"`
	LabelType   string   `json:"label_type"`
	LabelStatus string   `json:"label_status"`
	Labelset    string   `json:"labelset"`
	Attributes  any      `json:"attributes"`
	CreatedAt   string   `json:"created_at"`
	CreatedBy   string   `json:"created_by"`
	UpdatedAt   string   `json:"updated_at"`
	UpdatedBy   string   `json:"updated_by"`
	Score       *float64 `json:"score"`
	Rating      *float64 `json:"rating"`
	ReviewedAt  *string  `json:"reviewed_at"`
	ReviewedBy  *string  `json:"reviewed_by"`
}

type segmentationAttributes struct {
	FormatVersion    string                   `json:"format_version"`
	Annotations      []segmentationAnnotation `json:"annotations"`
	PointAnnotations []int                    `json:"point_annotations"`
	ImageAttributes  map[string]any           `json:"image_attributes"`
}

type segmentationAnnotation struct {
	ID         int            `json:"id"`
	CategoryID int            `json:"category_id"`
	TrackID    int            `json:"track_id"`
	Attributes map[string]any `json:"attributes"`
}

type vectorAttributes struct {
	FormatVersion   string             `json:"format_version"`
	Annotations     []vectorAnnotation `json:"annotations"`
	Links           []link             `json:"links"`
	ImageAttributes map[string]any     `json:"image_attributes"`
}

type vectorAnnotation struct {
	ID         int            `json:"id"`
	CategoryID int            `json:"category_id"`
	TrackID    int            `json:"track_id"`
	Type       string         `json:"type"`
	Points     [][]float64    `json:"points"`
	Attributes map[string]any `json:"attributes"`
}

type link struct {
	FromID     int            `json:"from_id"`
	ToID       int            `json:"to_id"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

type cuboidSequenceAttributes struct {
	FormatVersion string        `json:"format_version"`
	Frames        []cuboidFrame `json:"frames"`
	Links         []link        `json:"links,omitempty"`
}

type cuboidFrame struct {
	FormatVersion   string         `json:"format_version"`
	Timestamp       string         `json:"timestamp"`
	Annotations     []cuboid       `json:"annotations"`
	ImageAttributes map[string]any `json:"image_attributes,omitempty"`
}

type cuboid struct {
	ID           int            `json:"id"`
	TrackID      int            `json:"track_id"`
	CategoryID   int            `json:"category_id"`
	Type         string         `json:"type"`
	IsKeyframe   bool           `json:"is_keyframe"`
	Index        int            `json:"index"`
	Position     xyz            `json:"position"`
	Dimensions   xyz            `json:"dimensions"`
	Yaw          float64        `json:"yaw"`
	Rotation     *quaternion    `json:"rotation,omitempty"`
	Velocity     *velocity      `json:"velocity,omitempty"`
	Acceleration *velocity      `json:"acceleration,omitempty"`
	Attributes   map[string]any `json:"attributes"`
}

type xyz struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	Z float64 `json:"z"`
}

type quaternion struct {
	QX float64 `json:"qx"`
	QY float64 `json:"qy"`
	QZ float64 `json:"qz"`
	QW float64 `json:"qw"`
}

type velocity struct {
	Relative *float64 `json:"relative"`
	Absolute float64  `json:"absolute"`
}
