package events

import "encoding/json"

// MultiSensorLabelAttributes is the label of a multi-sensor sequence
// (label type multisensor-sequence), such as a lidar sweep with the
// camera images taken alongside it: one label per sensor.
type MultiSensorLabelAttributes struct {
	// Sensors holds the label of each sensor, in the order of the
	// sample's sensors.
	Sensors []LabelSensor `json:"sensors"`

	// Links connect pairs of tracks, by track ID, possibly across
	// sensors.
	Links []Link `json:"links,omitzero"`
}

func (*MultiSensorLabelAttributes) isLabelAttributes() {}

// LabelSensor is the label of one sensor of a multi-sensor sequence.
type LabelSensor struct {
	// Name is the sensor's name, such as "Lidar" or "Camera 1", as in
	// the sample.
	Name string `json:"name"`

	// TaskType is the task type of this sensor's label, such as
	// [TaskTypePointcloudCuboidSequence] or [TaskTypeImageVectorSequence].
	TaskType TaskType `json:"task_type"`

	// Attributes is this sensor's label, decoded for TaskType as a
	// label's attributes are for its label type; see [LabelAttributes].
	// A sensor that has no annotations yet may hold a
	// *[RawLabelAttributes] with an empty JSON array. A sensor whose own
	// task type is multisensor-sequence is not a format Segments.ai
	// makes; its attributes are kept as *[RawLabelAttributes], which
	// also bounds the work of decoding hostile input.
	Attributes LabelAttributes `json:"attributes"`
}

// UnmarshalJSON decodes a sensor, choosing the type of its attributes
// by its task type.
func (s *LabelSensor) UnmarshalJSON(data []byte) error {
	var head sensorJSON
	if err := json.Unmarshal(data, &head); err != nil {
		return located(err, data, s)
	}
	attrs, err := sensorLabelAttributes(head.TaskType, head.Attributes)
	if err != nil {
		return err
	}
	*s = LabelSensor{Name: head.Name, TaskType: head.TaskType, Attributes: attrs}
	return nil
}

// sensorJSON is the form in which a [LabelSensor] and a [SampleSensor]
// are decoded: the attributes are kept raw until the task type is known.
type sensorJSON struct {
	Name       string          `json:"name"`
	TaskType   TaskType        `json:"task_type"`
	Attributes json.RawMessage `json:"attributes"`
}

// locateJSON looks for an error in the name and task type, then in the
// attributes, in the order in which UnmarshalJSON decodes them.
func (*LabelSensor) locateJSON(data []byte) *json.UnmarshalTypeError {
	var head sensorJSON
	if typeErr, ok := locateHead(data, &head); !ok {
		return typeErr
	}
	if head.TaskType == TaskTypeMultisensorSequence {
		return nil
	}
	return locateLabelAttributes(head.TaskType, head.Attributes)
}

// sensorLabelAttributes decodes the label of one sensor. Sensors do not
// nest: a multi-sensor label inside a sensor, which is not a format
// Segments.ai makes, stays raw, so that hostile input cannot nest
// decoding without bound.
func sensorLabelAttributes(taskType TaskType, raw json.RawMessage) (LabelAttributes, error) {
	if taskType == TaskTypeMultisensorSequence {
		return &RawLabelAttributes{JSON: keepRaw(raw)}, nil
	}
	return decodeLabelAttributes(string(taskType), raw)
}
