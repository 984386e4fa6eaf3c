package events

import (
	"encoding/json"
	"reflect"
)

// A Sample is one item of a [Dataset] to be labeled: an image, an image
// sequence, a point cloud, a multi-sensor recording or a text. It is the
// object of the sample events; a deleted sample may carry only a few
// fields, such as its UUID and name.
type Sample struct {
	// UUID identifies the sample across Segments.ai.
	UUID string `json:"uuid"`

	// Name is the sample's name within its dataset, often the file name
	// of its data, such as "frame_000123.jpg".
	Name string `json:"name"`

	// Attributes is the sample's data: where its image, point cloud or
	// text is found. Its dynamic type is chosen from the shape of the
	// JSON; when that shape is not known, or the key is absent or null,
	// it is a [RawSampleAttributes].
	Attributes SampleAttributes `json:"attributes"`

	// Metadata is free-form data attached to the sample by whoever
	// uploaded it, as decoded by [encoding/json] into an any.
	Metadata map[string]any `json:"metadata"`

	// CreatedAt is when the sample was added.
	CreatedAt Time `json:"created_at"`

	// CreatedBy is the username of the user who added the sample.
	CreatedBy string `json:"created_by"`

	// Readme is the sample's notes for labelers, in Markdown; "" when
	// there are none.
	Readme string `json:"readme,omitempty"`

	// AssignedLabeler is the username of the labeler the sample is
	// reserved for, "" when anyone may label it.
	AssignedLabeler string `json:"assigned_labeler,omitempty"`

	// AssignedReviewer is the username of the reviewer the sample is
	// reserved for, "" when anyone may review it.
	AssignedReviewer string `json:"assigned_reviewer,omitempty"`

	// Priority orders the labeling queue: samples with a higher priority
	// are handed out first. It is 0 by default and may be negative or
	// fractional.
	Priority float64 `json:"priority"`

	// Label is the sample's label in the ground-truth labelset, when the
	// object includes it, or nil. It is sometimes only a summary: status,
	// score and users, without [Label.Attributes].
	Label *Label `json:"label,omitempty"`

	// Issues are the issues raised on the sample, when the object
	// includes them.
	Issues []Issue `json:"issues"`

	// DatasetFullName is the full name of the sample's dataset, such as
	// "acme/street-scenes", when the object includes it.
	DatasetFullName string `json:"dataset_full_name,omitempty"`
}

// UnmarshalJSON decodes a sample. The attributes are decoded last, into
// the Go type that matches their shape; see [Sample.Attributes]. A JSON
// null leaves s unchanged.
func (s *Sample) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	aux := sampleJSON{sampleFields: (*sampleFields)(s)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return located(err, data, s)
	}

	attrs, err := decodeSampleAttributes(present(aux.Attributes))
	if err != nil {
		return err
	}
	s.Attributes = attrs
	return nil
}

// sampleJSON is the form in which a [Sample] is decoded: its fields,
// with the attributes kept raw until their shape is known.
type sampleJSON struct {
	*sampleFields
	Attributes json.RawMessage `json:"attributes"`
}

// sampleFields is a [Sample] without its methods.
type sampleFields Sample

// locateJSON looks for an error in the fields, then in the attributes,
// in the order in which UnmarshalJSON decodes them.
func (*Sample) locateJSON(data []byte) *json.UnmarshalTypeError {
	aux := sampleJSON{sampleFields: new(sampleFields)}
	if typeErr, ok := locateHead(data, &aux); !ok {
		return typeErr
	}
	return locateSampleAttributes(attributesPath, present(aux.Attributes), "", false)
}

// MarshalJSON encodes s with its attributes in their own format. The
// zero Sample, which is what a JSON null decodes to, encodes as null, so
// that it decodes back to the zero Sample rather than to one with
// attributes.
func (s Sample) MarshalJSON() ([]byte, error) {
	if reflect.ValueOf(s).IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(sampleFields(s))
}
