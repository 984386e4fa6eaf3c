package events

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
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
// such as "attributes.annotations[3].points". Return it unwrapped from
// an UnmarshalJSON method: encoding/json then prefixes the path of the
// enclosing fields, so that [Parse] names "object.attributes…".
func decodeLabelAttributes(labelType string, raw json.RawMessage) (LabelAttributes, error) {
	newAttributes, ok := labelAttributeTypes[TaskType(labelType)]
	if !ok || isPlaceholder(raw) {
		return &RawLabelAttributes{JSON: keepRaw(raw)}, nil
	}
	attrs := newAttributes()
	if err := decodeAt(attributesPath, raw, attrs); err != nil {
		return nil, err
	}
	return attrs, nil
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
	if located := locate(path, data, reflect.TypeOf(v).Elem()); located != nil {
		return located
	}
	var typeErr *json.UnmarshalTypeError
	if asTypeError(err, &typeErr) {
		typeErr.Field = joinPath(path, typeErr.Field)
		typeErr.Struct, typeErr.Offset = "", 0
	}
	return err
}

// asTypeError is [errors.As] for the one error type decodeAt rewrites,
// without unwrapping: encoding/json returns it unwrapped.
func asTypeError(err error, target **json.UnmarshalTypeError) bool {
	typeErr, ok := err.(*json.UnmarshalTypeError)
	*target = typeErr
	return ok
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// locate finds the first value in data that does not fit Go type t and
// returns a type error naming its path, or nil when everything fits.
// It runs only after [json.Unmarshal] failed, so it favours clarity
// over speed.
func locate(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	switch {
	case isNull(data):
		return nil
	case t.Kind() == reflect.Pointer:
		return locate(path, data, t.Elem())
	case reflect.PointerTo(t).Implements(unmarshalerType):
		return locateUnmarshaler(path, data, t)
	case t.Kind() == reflect.Struct:
		return locateFields(path, data, t)
	case t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8,
		t.Kind() == reflect.Array:
		return locateElements(path, data, t)
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String:
		return locateEntries(path, data, t)
	}
	return locateValue(path, data, t)
}

// locateUnmarshaler runs the UnmarshalJSON method of t, whose errors
// carry paths relative to the value.
func locateUnmarshaler(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	u := reflect.New(t).Interface().(json.Unmarshaler)
	var typeErr *json.UnmarshalTypeError
	if !asTypeError(u.UnmarshalJSON(data), &typeErr) || typeErr == nil {
		return nil
	}
	return &json.UnmarshalTypeError{
		Value: typeErr.Value,
		Type:  typeErr.Type,
		Field: joinPath(path, typeErr.Field),
	}
}

// locateFields checks the members of data against the fields of struct
// type t in the order of the members, the order in which encoding/json
// decodes them, so that of two members it reports the one it would.
func locateFields(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	members, ok := objectMembers(data)
	if !ok {
		return mismatch(path, data, t)
	}
	for _, m := range members {
		f, name, ok := fieldFor(t, m.key)
		if !ok {
			continue
		}
		if err := locate(joinPath(path, name), m.value, f.Type); err != nil {
			return err
		}
	}
	return nil
}

// A member is a key and value of a JSON object.
type member struct {
	key   string
	value json.RawMessage
}

// objectMembers returns the members of the JSON object data in order,
// repeated keys included, or false when data is not an object.
func objectMembers(data []byte) ([]member, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	var members []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, false
		}
		members = append(members, member{key, value})
	}
	return members, true
}

// fieldFor returns the field of struct type t that encoding/json decodes
// the key into, and its JSON name: the field of that exact name, or else
// the first whose name equals the key under case folding.
func fieldFor(t reflect.Type, key string) (reflect.StructField, string, bool) {
	var folded reflect.StructField
	foldedName, found := "", false
	for i := range t.NumField() {
		f := t.Field(i)
		name, ok := jsonName(f)
		switch {
		case !ok:
		case name == key:
			return f, name, true
		case !found && strings.EqualFold(name, key):
			folded, foldedName, found = f, name, true
		}
	}
	return folded, foldedName, found
}

// locateElements checks the elements of slice or array type t.
func locateElements(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	var elems []json.RawMessage
	if json.Unmarshal(data, &elems) != nil {
		return mismatch(path, data, t)
	}
	for i, elem := range elems {
		if err := locate(path+"["+strconv.Itoa(i)+"]", elem, t.Elem()); err != nil {
			return err
		}
	}
	return nil
}

// locateEntries checks the values of map type t, whose keys are
// strings, in the order of the members, as encoding/json decodes them.
func locateEntries(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	members, ok := objectMembers(data)
	if !ok {
		return mismatch(path, data, t)
	}
	for _, m := range members {
		if err := locate(joinPath(path, m.key), m.value, t.Elem()); err != nil {
			return err
		}
	}
	return nil
}

// locateValue checks a value that has no parts worth a path of their
// own: a string, a number, a bool or an interface.
func locateValue(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	err := json.Unmarshal(data, reflect.New(t).Interface())
	var typeErr *json.UnmarshalTypeError
	if !asTypeError(err, &typeErr) || typeErr == nil {
		return nil
	}
	return &json.UnmarshalTypeError{Value: typeErr.Value, Type: typeErr.Type, Field: path}
}

// mismatch reports that the JSON value data cannot become a t.
func mismatch(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	return &json.UnmarshalTypeError{Value: jsonKind(data), Type: t, Field: path}
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

// jsonName returns the JSON key of struct field f, and false for a
// field that encoding/json skips. The types of this package name every
// field in a tag and embed none.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() || f.Anonymous {
		return "", false
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return name, true
}

// joinPath appends the dotted path field to path.
func joinPath(path, field string) string {
	switch {
	case field == "":
		return path
	case path == "":
		return field
	}
	return path + "." + field
}
