package events

import (
	"encoding/json"
	"reflect"
	"strings"
)

// ImageSampleAttributes is the data of an image sample.
type ImageSampleAttributes struct {
	// Image is the image file: JPEG, PNG or BMP.
	Image Asset `json:"image"`
}

func (*ImageSampleAttributes) isSampleAttributes() {}

// ImageSequenceSampleAttributes is the data of an image sequence, such
// as the frames of a video.
type ImageSequenceSampleAttributes struct {
	// Frames lists the images in order.
	Frames []ImageFrame `json:"frames"`
}

func (*ImageSequenceSampleAttributes) isSampleAttributes() {}

// ImageFrame is one image of an image sequence.
type ImageFrame struct {
	// Image is the frame's image file.
	Image Asset `json:"image"`

	// Name is the frame's name, such as "frame_00001", when it has one.
	Name string `json:"name,omitzero"`

	// Timestamp is the frame's timestamp, when it has one.
	Timestamp Timestamp `json:"timestamp,omitzero"`
}

// TextSampleAttributes is the data of a text sample. Segments.ai
// retired text labeling in 2024, so only older datasets hold them.
type TextSampleAttributes struct {
	// Text is the text to label.
	Text string `json:"text"`
}

func (*TextSampleAttributes) isSampleAttributes() {}

// MultiSensorSampleAttributes is the data of a multi-sensor sequence,
// such as a lidar and several cameras recorded together.
type MultiSensorSampleAttributes struct {
	// Sensors lists the sensors in the order their labels follow.
	Sensors []SampleSensor `json:"sensors"`
}

func (*MultiSensorSampleAttributes) isSampleAttributes() {}

// SampleSensor is the data of one sensor of a multi-sensor sequence.
type SampleSensor struct {
	// Name is the sensor's name, such as "Lidar" or "Camera 1".
	Name string `json:"name"`

	// TaskType is the task type this sensor is labeled with, such as
	// [TaskTypePointcloudCuboidSequence] or [TaskTypeImageVectorSequence].
	TaskType TaskType `json:"task_type"`

	// Attributes is this sensor's data, usually a
	// *[PointcloudSequenceSampleAttributes] or an
	// *[ImageSequenceSampleAttributes]. Its type is inferred from its
	// shape as for [SampleAttributes]; when the shape does not tell, as
	// for a sequence without frames, a TaskType ending in -sequence
	// decides: pointcloud task types give a point cloud sequence and
	// image task types an image sequence.
	Attributes SampleAttributes `json:"attributes"`
}

// UnmarshalJSON decodes a sensor, inferring the type of its attributes.
func (s *SampleSensor) UnmarshalJSON(data []byte) error {
	var head sensorJSON
	if err := json.Unmarshal(data, &head); err != nil {
		return located(err, data, s)
	}
	attrs, err := sampleAttributesAt(attributesPath, head.Attributes, head.TaskType, true)
	if err != nil {
		return err
	}
	*s = SampleSensor{Name: head.Name, TaskType: head.TaskType, Attributes: attrs}
	return nil
}

// locateJSON looks for an error in the name and task type, then in the
// attributes, in the order in which UnmarshalJSON decodes them.
func (*SampleSensor) locateJSON(data []byte) *json.UnmarshalTypeError {
	var head sensorJSON
	if typeErr, ok := locateHead(data, &head); !ok {
		return typeErr
	}
	return locateSampleAttributes(attributesPath, head.Attributes, head.TaskType, true)
}

// sampleAttributesAt decodes the sample attributes raw, found at path,
// by their shape, falling back on taskType when the shape does not
// tell; see [SampleAttributes] and [SampleSensor].
func sampleAttributesAt(
	path string, raw json.RawMessage, taskType TaskType, inSensor bool,
) (SampleAttributes, error) {
	attrs, err := emptySampleAttributes(path, raw, taskType, inSensor)
	switch {
	case err != nil:
		return nil, err
	case attrs == nil:
		return &RawSampleAttributes{JSON: keepRaw(raw)}, nil
	}
	if err := decodeAt(path, raw, attrs); err != nil {
		return nil, err
	}
	return attrs, nil
}

// locateSampleAttributes is [locate] for the attributes that
// [sampleAttributesAt] decodes.
func locateSampleAttributes(
	path string, raw json.RawMessage, taskType TaskType, inSensor bool,
) *json.UnmarshalTypeError {
	attrs, err := emptySampleAttributes(path, raw, taskType, inSensor)
	if err != nil || attrs == nil {
		return typeError(err)
	}
	return locate(path, raw, reflect.TypeOf(attrs).Elem())
}

// emptySampleAttributes returns empty attributes of the type that raw,
// found at path, decodes into, or nil when raw is kept as it is.
//
// In a sensor (inSensor), attributes shaped like a multi-sensor sample
// are kept: sensors do not nest, so that hostile input cannot nest
// decoding without bound.
func emptySampleAttributes(
	path string, raw json.RawMessage, taskType TaskType, inSensor bool,
) (SampleAttributes, error) {
	if isPlaceholder(raw) {
		return nil, nil
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return nil, notAnObject(path, raw, err)
	}

	attrs := sampleAttributesFor(keys)
	if _, multi := attrs.(*MultiSensorSampleAttributes); multi && inSensor {
		attrs = nil
	}
	if attrs == nil {
		attrs = sequenceAttributesFor(taskType)
	}
	return attrs, nil
}

// notAnObject returns the error for sample attributes raw, found at
// path, that are not a JSON object: a type error that names the
// interface they decode into, the same on every Go release, or err, the
// error of decoding them, when raw is not valid JSON.
func notAnObject(path string, raw json.RawMessage, err error) error {
	if typeError(err) == nil {
		return err
	}
	return &json.UnmarshalTypeError{Value: jsonKind(raw), Type: reflect.TypeFor[SampleAttributes](), Field: path}
}

// sampleAttributesFor returns empty attributes of the data type that
// keys, the members of a sample's attributes, reveal, or nil.
func sampleAttributesFor(keys map[string]json.RawMessage) SampleAttributes {
	switch {
	case hasKey(keys, "sensors"):
		return new(MultiSensorSampleAttributes)
	case hasKey(keys, "pcd"):
		return new(PointcloudSampleAttributes)
	case hasKey(keys, "frames"):
		return framesAttributesFor(keys["frames"])
	case hasKey(keys, "image"):
		return new(ImageSampleAttributes)
	case hasKey(keys, "text"):
		return new(TextSampleAttributes)
	}
	return nil
}

// framesAttributesFor returns empty attributes of the sequence type
// that the first telling frame of frames reveals, or nil.
func framesAttributesFor(frames json.RawMessage) SampleAttributes {
	var list []json.RawMessage
	if json.Unmarshal(frames, &list) != nil {
		return nil
	}
	for _, frame := range list {
		var keys map[string]json.RawMessage
		if json.Unmarshal(frame, &keys) != nil {
			continue
		}
		switch {
		case hasKey(keys, "pcd"):
			return new(PointcloudSequenceSampleAttributes)
		case hasKey(keys, "image"):
			return new(ImageSequenceSampleAttributes)
		}
	}
	return nil
}

// sequenceAttributesFor returns empty attributes of the sequence type
// that a sensor's task type implies, or nil.
func sequenceAttributesFor(taskType TaskType) SampleAttributes {
	name := string(taskType)
	if !strings.HasSuffix(name, "-sequence") {
		return nil
	}
	switch {
	case strings.HasPrefix(name, "pointcloud-"):
		return new(PointcloudSequenceSampleAttributes)
	case strings.HasPrefix(name, "image-"):
		return new(ImageSequenceSampleAttributes)
	}
	return nil
}

// hasKey reports whether keys has key with a value other than null.
func hasKey(keys map[string]json.RawMessage, key string) bool {
	raw, ok := keys[key]
	return ok && !isNull(raw)
}
