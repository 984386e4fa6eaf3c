package events

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// LabelAttributes is the content of a label, [Label.Attributes]: its
// annotations in the format of the label's task type. Decoding picks the
// dynamic type from [Label.LabelType]:
//
//   - *[ImageSegmentationLabelAttributes] for segmentation-bitmap and
//     segmentation-bitmap-highres
//   - *[ImageVectorLabelAttributes] for vector, bboxes and keypoints
//   - *[ImageSequenceSegmentationLabelAttributes] for
//     image-segmentation-sequence
//   - *[ImageSequenceVectorLabelAttributes] for image-vector-sequence
//   - *[PointcloudSegmentationLabelAttributes],
//     *[PointcloudCuboidLabelAttributes] and
//     *[PointcloudVectorLabelAttributes] for pointcloud-segmentation,
//     pointcloud-cuboid and pointcloud-vector
//   - *[PointcloudSequenceSegmentationLabelAttributes],
//     *[PointcloudSequenceCuboidLabelAttributes] and
//     *[PointcloudSequenceVectorLabelAttributes] for the same task types
//     with a -sequence suffix
//   - *[MultiSensorLabelAttributes] for multisensor-sequence
//   - *[TextLabelAttributes] for text-named-entities and
//     text-span-categorization
//   - *[RawLabelAttributes] for any other label type, and when the
//     attributes are absent or null, as in a deleted label
//
// Use a type switch to reach the annotations. Unknown keys are ignored
// and null gives a zero value, but a value of the wrong JSON type, such
// as a string where coordinates belong, fails the decoding with a
// *[json.UnmarshalTypeError] whose Field is the value's path, array
// indices included, such as "attributes.annotations[3].points".
type LabelAttributes interface {
	isLabelAttributes()
}

// SampleAttributes is the data of a sample, [Sample.Attributes]: image
// URLs, point cloud files, text. A sample does not say which data type it
// holds, so decoding infers the dynamic type from the keys of the JSON
// object:
//
//   - sensors: *[MultiSensorSampleAttributes]
//   - pcd: *[PointcloudSampleAttributes]
//   - frames: *[PointcloudSequenceSampleAttributes] when the first frame
//     that has a pcd or an image key has pcd, and
//     *[ImageSequenceSampleAttributes] when it has image
//   - image: *[ImageSampleAttributes]
//   - text: *[TextSampleAttributes]
//
// The first rule that matches wins; a key whose value is null counts as
// absent. Anything else, including frames that show neither pcd nor
// image (an empty sequence), absent or null attributes, and a JSON
// array, decodes to *[RawSampleAttributes]. Errors are as for
// [LabelAttributes].
type SampleAttributes interface {
	isSampleAttributes()
}

// RawLabelAttributes holds label attributes as undecoded JSON: for a
// label type this package does not know, when the attributes are absent
// or null, and for a JSON array, which the platform may store for a
// sensor without annotations.
type RawLabelAttributes struct {
	// JSON is the attributes exactly as they arrived, or nil when they
	// were absent or null.
	JSON json.RawMessage
}

func (*RawLabelAttributes) isLabelAttributes() {}

// MarshalJSON returns a.JSON, or null when it is empty.
func (a RawLabelAttributes) MarshalJSON() ([]byte, error) {
	return rawJSON(a.JSON), nil
}

// UnmarshalJSON keeps a copy of data in a.JSON, or nil for null.
func (a *RawLabelAttributes) UnmarshalJSON(data []byte) error {
	a.JSON = keepRaw(data)
	return nil
}

// RawSampleAttributes holds sample attributes as undecoded JSON, when
// their shape matches no data type of [SampleAttributes] or when they
// are absent or null.
type RawSampleAttributes struct {
	// JSON is the attributes exactly as they arrived, or nil when they
	// were absent or null.
	JSON json.RawMessage
}

func (*RawSampleAttributes) isSampleAttributes() {}

// MarshalJSON returns a.JSON, or null when it is empty.
func (a RawSampleAttributes) MarshalJSON() ([]byte, error) {
	return rawJSON(a.JSON), nil
}

// UnmarshalJSON keeps a copy of data in a.JSON, or nil for null.
func (a *RawSampleAttributes) UnmarshalJSON(data []byte) error {
	a.JSON = keepRaw(data)
	return nil
}

// rawJSON returns data, or null when data is empty.
func rawJSON(data json.RawMessage) []byte {
	if len(data) == 0 {
		return []byte("null")
	}
	return data
}

// keepRaw returns a copy of data, or nil when data is empty or null.
func keepRaw(data []byte) json.RawMessage {
	if len(data) == 0 || isNull(data) {
		return nil
	}
	return bytes.Clone(bytes.TrimSpace(data))
}

// labelAttributeTypes maps each label type with a typed format to a
// constructor of its empty attributes.
var labelAttributeTypes = map[TaskType]func() LabelAttributes{
	TaskTypeSegmentationBitmap:             newOf[ImageSegmentationLabelAttributes],
	TaskTypeSegmentationBitmapHighres:      newOf[ImageSegmentationLabelAttributes],
	TaskTypeVector:                         newOf[ImageVectorLabelAttributes],
	TaskTypeBboxes:                         newOf[ImageVectorLabelAttributes],
	TaskTypeKeypoints:                      newOf[ImageVectorLabelAttributes],
	TaskTypeImageSegmentationSequence:      newOf[ImageSequenceSegmentationLabelAttributes],
	TaskTypeImageVectorSequence:            newOf[ImageSequenceVectorLabelAttributes],
	TaskTypePointcloudSegmentation:         newOf[PointcloudSegmentationLabelAttributes],
	TaskTypePointcloudCuboid:               newOf[PointcloudCuboidLabelAttributes],
	TaskTypePointcloudVector:               newOf[PointcloudVectorLabelAttributes],
	TaskTypePointcloudSegmentationSequence: newOf[PointcloudSequenceSegmentationLabelAttributes],
	TaskTypePointcloudCuboidSequence:       newOf[PointcloudSequenceCuboidLabelAttributes],
	TaskTypePointcloudVectorSequence:       newOf[PointcloudSequenceVectorLabelAttributes],
	TaskTypeMultisensorSequence:            newOf[MultiSensorLabelAttributes],
	TaskTypeTextNamedEntities:              newOf[TextLabelAttributes],
	TaskTypeTextSpanCategorization:         newOf[TextLabelAttributes],
}

// newOf returns a new, empty T as label attributes.
func newOf[T any, P interface {
	*T
	LabelAttributes
}]() LabelAttributes {
	return P(new(T))
}

// attributesPath is the key of the attributes in a label, a sample and
// a sensor, and so the start of every path in decoding errors.
const attributesPath = "attributes"

// decodeLabelAttributes decodes raw label attributes for labelType; see
// [LabelAttributes]. raw is nil when the attributes are absent.
//
// When the JSON does not fit the format, the error is a
// *[json.UnmarshalTypeError] whose Field is the path from the label,
// such as "attributes.annotations[3].points".
func decodeLabelAttributes(labelType string, raw json.RawMessage) (LabelAttributes, error) {
	attrs := emptyLabelAttributes(TaskType(labelType), raw)
	if attrs == nil {
		return &RawLabelAttributes{JSON: keepRaw(raw)}, nil
	}
	if err := decodeAt(attributesPath, raw, attrs); err != nil {
		return nil, err
	}
	return attrs, nil
}

// locateLabelAttributes is [locate] for the attributes that
// [decodeLabelAttributes] decodes.
func locateLabelAttributes(labelType TaskType, raw json.RawMessage) *json.UnmarshalTypeError {
	attrs := emptyLabelAttributes(labelType, raw)
	if attrs == nil {
		return nil
	}
	return locate(attributesPath, raw, reflect.TypeOf(attrs).Elem())
}

// emptyLabelAttributes returns empty attributes of the type that raw
// decodes into for labelType, or nil when raw is kept as it is.
func emptyLabelAttributes(labelType TaskType, raw json.RawMessage) LabelAttributes {
	newAttributes, ok := labelAttributeTypes[labelType]
	if !ok || isPlaceholder(raw) {
		return nil
	}
	return newAttributes()
}

// decodeSampleAttributes decodes raw sample attributes by their shape;
// see [SampleAttributes]. raw is nil when the attributes are absent.
// Errors are as for [decodeLabelAttributes].
func decodeSampleAttributes(raw json.RawMessage) (SampleAttributes, error) {
	return sampleAttributesAt(attributesPath, raw, "", false)
}

// isPlaceholder reports whether raw stands for no attributes: absent,
// null, or a JSON array, which the platform stores for a sensor that
// has none.
func isPlaceholder(raw json.RawMessage) bool {
	trimmed := bytes.TrimSpace(raw)
	return len(trimmed) == 0 || trimmed[0] == '[' || isNull(trimmed)
}

// located returns the type error that loc finds in data, whose decoding
// failed with err, or err itself when it finds none. The UnmarshalJSON
// methods of locators return it, so that the path in their errors does
// not depend on how encoding/json reports the errors of the parts.
func located(err error, data []byte, loc locator) error {
	if typeErr := ownType(loc.locateJSON(data), reflect.TypeOf(loc).Elem()); typeErr != nil {
		return typeErr
	}
	return err
}

// locateHead is the first step of a locator: it looks for an error in
// the members of data that decode into head, a pointer, and when there
// is none decodes them, so that the locator can look into the parts
// whose form they choose. It reports false when it found an error or
// could not decode.
func locateHead(data []byte, head any) (*json.UnmarshalTypeError, bool) {
	if typeErr := locate("", data, reflect.TypeOf(head).Elem()); typeErr != nil {
		return typeErr, false
	}
	return nil, json.Unmarshal(data, head) == nil
}

// decodeAt decodes data into v, a pointer, as [json.Unmarshal] does.
// When a JSON value has the wrong type for its Go field, the error is a
// *[json.UnmarshalTypeError] whose Field is the path of that value
// below path, with array indices, as in "attributes.frames[2].pcd.url".
// Unknown keys are ignored and null leaves a field at its zero value.
func decodeAt(path string, data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	if typeErr := locate(path, data, reflect.TypeOf(v).Elem()); typeErr != nil {
		return typeErr
	}
	return err
}

// jsonKind names the kind of the JSON value data, as encoding/json does
// in its errors.
func jsonKind(data []byte) string {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return "empty"
	}
	switch trimmed[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}
