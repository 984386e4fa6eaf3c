package events

import "encoding/json"

// LabelAttributes is the content of a label: its annotations in the
// format of the label's task type. The dynamic type is chosen by the
// label's label_type while decoding.
type LabelAttributes interface {
	isLabelAttributes()
}

// SampleAttributes is the data of a sample: image URLs, point cloud
// files, text. Its dynamic type is inferred from the shape of the JSON.
type SampleAttributes interface {
	isSampleAttributes()
}

// RawLabelAttributes holds label attributes as undecoded JSON: for a
// label type this package does not know, or when they are absent.
type RawLabelAttributes json.RawMessage

func (RawLabelAttributes) isLabelAttributes() {}

// MarshalJSON returns the attributes as they arrived, or null when empty.
func (a RawLabelAttributes) MarshalJSON() ([]byte, error) {
	if len(a) == 0 {
		return []byte("null"), nil
	}
	return a, nil
}

// RawSampleAttributes holds sample attributes as undecoded JSON, when
// their shape matches no known data type.
type RawSampleAttributes json.RawMessage

func (RawSampleAttributes) isSampleAttributes() {}

// MarshalJSON returns the attributes as they arrived, or null when empty.
func (a RawSampleAttributes) MarshalJSON() ([]byte, error) {
	if len(a) == 0 {
		return []byte("null"), nil
	}
	return a, nil
}

// decodeLabelAttributes decodes raw label attributes for labelType.
func decodeLabelAttributes(labelType string, raw json.RawMessage) (LabelAttributes, error) {
	return RawLabelAttributes(raw), nil
}

// decodeSampleAttributes decodes raw sample attributes by their shape.
func decodeSampleAttributes(raw json.RawMessage) (SampleAttributes, error) {
	return RawSampleAttributes(raw), nil
}
