package events

import (
	"encoding/json"
	"reflect"
)

// A Label is the annotation of one [Sample] in one labelset of its
// dataset, together with its place in the review workflow. It is the
// object of the label events; a deleted label may carry only a few
// fields, such as the sample UUID and labelset, without attributes.
type Label struct {
	// SampleUUID is the [Sample.UUID] of the labeled sample.
	SampleUUID string `json:"sample_uuid"`

	// LabelType is the task the label was made for, which fixes the Go
	// type of [Label.Attributes]. It matches the dataset's task type.
	LabelType TaskType `json:"label_type"`

	// LabelStatus is the label's place in the labeling and review
	// workflow.
	LabelStatus LabelStatus `json:"label_status"`

	// Labelset is the name of the [Labelset] the label belongs to, such
	// as "ground-truth".
	Labelset string `json:"labelset"`

	// Attributes is the label's content: its annotated objects in the
	// format of [Label.LabelType]. For a label type this package does not
	// know, or when the key is absent or null, it is a
	// [RawLabelAttributes].
	Attributes LabelAttributes `json:"attributes"`

	// CreatedAt is when the label was first saved.
	CreatedAt Time `json:"created_at"`

	// CreatedBy is the username of the user who first saved the label.
	CreatedBy string `json:"created_by"`

	// UpdatedAt is when the label last changed; zero when not sent.
	UpdatedAt Time `json:"updated_at"`

	// UpdatedBy is the username of the user who last changed the label,
	// "" when not sent.
	UpdatedBy string `json:"updated_by,omitempty"`

	// Score is the confidence a model gave its prediction, usually
	// between 0 and 1. It is nil for labels made by people, so a score
	// of 0 stays distinct from no score.
	Score *float64 `json:"score,omitempty"`

	// Rating is the reviewer's star rating of the label, on datasets with
	// [Dataset.EnableRatings]. It is nil when the label was not rated.
	Rating *float64 `json:"rating,omitempty"`

	// ReviewedAt is when a reviewer last accepted or rejected the label;
	// zero when it was never reviewed.
	ReviewedAt Time `json:"reviewed_at"`

	// ReviewedBy is the username of that reviewer, "" when the label was
	// never reviewed.
	ReviewedBy string `json:"reviewed_by,omitempty"`
}

// UnmarshalJSON decodes a label. The attributes are decoded last, into
// the Go type for the label's label_type; see [Label.Attributes]. A JSON
// null leaves l unchanged.
func (l *Label) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	aux := labelJSON{labelFields: (*labelFields)(l)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return located(err, data, l)
	}

	attrs, err := decodeLabelAttributes(string(l.LabelType), present(aux.Attributes))
	if err != nil {
		return err
	}
	l.Attributes = attrs
	return nil
}

// labelJSON is the form in which a [Label] is decoded: its fields, with
// the attributes kept raw until the label type is known.
type labelJSON struct {
	*labelFields
	Attributes json.RawMessage `json:"attributes"`
}

// labelFields is a [Label] without its methods.
type labelFields Label

// locateJSON looks for an error in the fields, then in the attributes,
// in the order in which UnmarshalJSON decodes them.
func (*Label) locateJSON(data []byte) *json.UnmarshalTypeError {
	aux := labelJSON{labelFields: new(labelFields)}
	if typeErr, ok := locateHead(data, &aux); !ok {
		return typeErr
	}
	return locateLabelAttributes(aux.LabelType, present(aux.Attributes))
}

// MarshalJSON encodes l with its attributes in their own format. The
// zero Label, which is what a JSON null decodes to, encodes as null, so
// that it decodes back to the zero Label rather than to one with
// attributes.
func (l Label) MarshalJSON() ([]byte, error) {
	if reflect.ValueOf(l).IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(labelFields(l))
}
