package events

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// AnnotationType is the geometry of an annotation in a vector or cuboid
// label, such as "bbox" or "cuboid". Values this package does not list
// are kept as they arrive.
type AnnotationType string

// The annotation types of image and point cloud labels.
const (
	// AnnotationTypeBBox is an axis-aligned box in an image, given by
	// two corner points.
	AnnotationTypeBBox AnnotationType = "bbox"

	// AnnotationTypePolygon is a closed outline: the last point connects
	// back to the first.
	AnnotationTypePolygon AnnotationType = "polygon"

	// AnnotationTypePolyline is an open chain of line segments.
	AnnotationTypePolyline AnnotationType = "polyline"

	// AnnotationTypePoint is a single keypoint.
	AnnotationTypePoint AnnotationType = "point"

	// AnnotationTypeCuboid is a 3D box in a point cloud, given by its
	// center, dimensions and heading.
	AnnotationTypeCuboid AnnotationType = "cuboid"

	// AnnotationTypeCuboidSync is a cuboid variant with the same fields
	// as [AnnotationTypeCuboid].
	AnnotationTypeCuboidSync AnnotationType = "cuboid-sync"
)

// Known reports whether t is one of the AnnotationType constants of this
// package.
func (t AnnotationType) Known() bool {
	switch t {
	case AnnotationTypeBBox, AnnotationTypePolygon, AnnotationTypePolyline,
		AnnotationTypePoint, AnnotationTypeCuboid, AnnotationTypeCuboidSync:
		return true
	}
	return false
}

// AttributeValues holds user-defined attributes by name: the object
// attributes of an annotation, the image attributes of a label or frame
// (classification of the whole sample), or the attributes of a link.
// The dataset's category and attribute configuration defines the names.
//
// Values decode as encoding/json decodes into any, so a caller
// type-switches on them: a string for select and text inputs, a float64
// for number inputs, a bool for checkboxes, a []any of strings for
// multi-select inputs, nil for an unset value, and maps or slices for
// the inputs that hold coordinates. Older labels may carry checkbox
// values as the strings "0" and "1".
type AttributeValues map[string]any

// A Link connects two objects of a label, for example a trailer to the
// truck that pulls it. Links appear in vector and cuboid labels, their
// sequences, and at the top of multi-sensor labels.
type Link struct {
	// FromID is the object where the link starts: an annotation's ID,
	// which in sequences is its track ID.
	FromID int `json:"from_id"`

	// ToID is the object where the link ends, in the same terms as
	// FromID.
	ToID int `json:"to_id"`

	// Attributes are the link attributes configured for the category of
	// the object on the FromID side.
	Attributes AttributeValues `json:"attributes,omitzero"`
}

// XYZ is a point or a size in three dimensions. Point cloud labels and
// samples use it for positions in the point cloud's coordinate frame
// (z points up), for cuboid dimensions (x is the length along the
// heading, y the width, z the height) and for camera translations.
type XYZ struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	Z float64 `json:"z"`
}

// Quaternion is a rotation in three dimensions as a unit quaternion:
// QX, QY and QZ are the vector part and QW the scalar part. The zero
// Quaternion is not a rotation; the identity is QW = 1.
type Quaternion struct {
	QX float64 `json:"qx"`
	QY float64 `json:"qy"`
	QZ float64 `json:"qz"`
	QW float64 `json:"qw"`
}

// Asset is a file that a label or sample points to, such as an image
// or a segmentation bitmap.
type Asset struct {
	// URL is where the file can be downloaded.
	URL string `json:"url"`

	// SignedURL is a temporary URL with access rights included, set
	// when the file is in private storage.
	SignedURL string `json:"signed_url,omitzero"`
}

// Velocity is the speed of a tracked cuboid, which the platform derives
// from the cuboid's positions in neighbouring frames and their
// timestamps; its unit follows theirs.
type Velocity struct {
	// Relative is the speed relative to the ego vehicle, or nil when it
	// is not known.
	Relative *float64 `json:"relative"`

	// Absolute is the speed in the world.
	Absolute float64 `json:"absolute"`
}

// Acceleration is the change of speed of a tracked cuboid, derived
// like [Velocity].
type Acceleration struct {
	// Relative is the acceleration relative to the ego vehicle, or nil
	// when it is not known.
	Relative *float64 `json:"relative"`

	// Absolute is the acceleration in the world.
	Absolute float64 `json:"absolute"`
}

// SegmentationAnnotation is one object of a segmentation label, for
// images and point clouds alike: its ID is the value that the object's
// pixels carry in the segmentation bitmap, or that its points carry in
// the point annotations.
type SegmentationAnnotation struct {
	// ID identifies the object within the label. In current labels it
	// equals TrackID.
	ID int `json:"id"`

	// CategoryID is the id of the object's category in the dataset's
	// category configuration.
	CategoryID int `json:"category_id"`

	// TrackID follows one object across the frames of a sequence.
	TrackID int `json:"track_id,omitzero"`

	// IsKeyframe reports, in sequences, whether someone set this object
	// in this frame rather than the editor propagating it.
	IsKeyframe bool `json:"is_keyframe,omitzero"`

	// Attributes are the object attributes of the annotation.
	Attributes AttributeValues `json:"attributes,omitzero"`
}

// FormatVersion is the version of a label format, such as "0.1". It
// arrives as a JSON string or number and keeps the text it had.
type FormatVersion string

// UnmarshalJSON accepts a JSON string or number; null gives "".
func (v *FormatVersion) UnmarshalJSON(data []byte) error {
	text, err := scalarText(data, reflect.TypeFor[FormatVersion]())
	*v = FormatVersion(text)
	return err
}

// MarshalJSON writes v as a JSON number when it is the text of one, and
// as a JSON string otherwise.
func (v FormatVersion) MarshalJSON() ([]byte, error) {
	return marshalScalarText(string(v))
}

// Timestamp is the time of a frame as the uploader gave it, usually in
// nanoseconds, such as "1700000000000000000" or "00001". It arrives as
// a JSON string or number and keeps its text, so no precision is lost;
// use [Timestamp.Int64] for a number.
type Timestamp string

// UnmarshalJSON accepts a JSON string or number; null gives "".
func (t *Timestamp) UnmarshalJSON(data []byte) error {
	text, err := scalarText(data, reflect.TypeFor[Timestamp]())
	*t = Timestamp(text)
	return err
}

// MarshalJSON writes t as a JSON number when it is the text of one, and
// as a JSON string otherwise.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	return marshalScalarText(string(t))
}

// Int64 returns t as an integer, truncating a fraction, and reports
// whether t is a number that fits an int64.
func (t Timestamp) Int64() (int64, bool) {
	if n, err := strconv.ParseInt(string(t), 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(string(t), 64)
	if err != nil || math.IsNaN(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// scalarText returns the content of a JSON string or the text of a
// JSON number, "" for null, and a type error naming t otherwise.
func scalarText(data []byte, t reflect.Type) (string, error) {
	trimmed := bytes.TrimSpace(data)
	kind := jsonKind(trimmed)
	switch {
	case kind == "null":
		return "", nil
	case kind == "string":
		var s string
		err := json.Unmarshal(trimmed, &s)
		return s, err
	case kind == "number" && isNumberText(string(trimmed)):
		return string(trimmed), nil
	}
	return "", &json.UnmarshalTypeError{Value: kind, Type: t}
}

// marshalScalarText writes s as a JSON number when it is the text of
// one, as null when it is empty, and as a JSON string otherwise.
func marshalScalarText(s string) ([]byte, error) {
	switch {
	case s == "":
		return []byte("null"), nil
	case isNumberText(s):
		return []byte(s), nil
	}
	return json.Marshal(s)
}

// isNumberText reports whether s is exactly a JSON number, without
// surrounding space.
func isNumberText(s string) bool {
	if s == "" || strings.Trim(s, "0123456789+-.eE") != "" {
		return false
	}
	return json.Valid([]byte(s))
}
