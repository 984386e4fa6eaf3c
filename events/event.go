package events

import "encoding/json"

// Type names a kind of event, such as "sample.created". It is the
// envelope's event_type. Types this version does not know keep their
// string and decode to [Unknown].
type Type string

// The event types Segments.ai sends.
const (
	TypeDatasetCreated Type = "dataset.created"
	TypeDatasetUpdated Type = "dataset.updated"
	TypeDatasetDeleted Type = "dataset.deleted"
	TypeSampleCreated  Type = "sample.created"
	TypeSampleUpdated  Type = "sample.updated"
	TypeSampleDeleted  Type = "sample.deleted"
	TypeLabelUpdated   Type = "label.updated"
	TypeLabelDeleted   Type = "label.deleted"
	TypeIssueCreated   Type = "issue.created"
	TypeIssueUpdated   Type = "issue.updated"
	TypeReleaseCreated Type = "release.created"
)

// An Event is one decoded delivery. Its dynamic type is one of the
// pointer types of this package named after the event type, such as
// *[SampleCreated], or *[Unknown]. Use a type switch to reach the object:
//
//	switch e := ev.(type) {
//	case *events.SampleCreated:
//		fmt.Println(e.Sample.Name)
//	}
type Event interface {
	// EventType returns the envelope's event_type.
	EventType() Type

	// EventEnvelope returns the envelope fields shared by every event.
	EventEnvelope() *Envelope
}

// Envelope holds the fields that every delivery carries next to its
// object. Every event type embeds it.
type Envelope struct {
	// Type is the event type, such as "label.updated".
	Type Type `json:"event_type"`

	// CreatedAt is when the change happened on Segments.ai, not when the
	// delivery was sent.
	CreatedAt Time `json:"created_at"`

	// APIVersion is the version of the payload format, such as
	// "2021-08-01".
	APIVersion string `json:"api_version"`

	// DatasetName is the full name of the dataset the event is about, in
	// the form "owner/name".
	DatasetName string `json:"dataset"`

	// Text is a one-line summary meant for people, for example to post to
	// a chat channel.
	Text string `json:"text"`
}

// EventType returns e.Type.
func (e *Envelope) EventType() Type { return e.Type }

// EventEnvelope returns e itself.
func (e *Envelope) EventEnvelope() *Envelope { return e }

// DatasetCreated is sent when a dataset is created.
type DatasetCreated struct {
	Envelope
	Dataset Dataset `json:"object"`
}

// DatasetUpdated is sent when a dataset's settings change.
type DatasetUpdated struct {
	Envelope
	Dataset Dataset `json:"object"`
}

// DatasetDeleted is sent when a dataset is deleted. The dataset may be
// partial: often only its name and owner are set.
type DatasetDeleted struct {
	Envelope
	Dataset Dataset `json:"object"`
}

// SampleCreated is sent when a sample is added to a dataset.
type SampleCreated struct {
	Envelope
	Sample Sample `json:"object"`
}

// SampleUpdated is sent when a sample's name, metadata, priority or
// attributes change.
type SampleUpdated struct {
	Envelope
	Sample Sample `json:"object"`
}

// SampleDeleted is sent when a sample is deleted. The sample may be
// partial.
type SampleDeleted struct {
	Envelope
	Sample Sample `json:"object"`
}

// LabelUpdated is sent when a label is created or changed: new
// annotations, or a new status in the review workflow.
type LabelUpdated struct {
	Envelope
	Label Label `json:"object"`
}

// LabelDeleted is sent when a label is deleted. The label may be partial,
// without attributes.
type LabelDeleted struct {
	Envelope
	Label Label `json:"object"`
}

// IssueCreated is sent when someone opens an issue on a sample.
type IssueCreated struct {
	Envelope
	Issue Issue `json:"object"`
}

// IssueUpdated is sent when an issue changes status or gets a comment.
type IssueUpdated struct {
	Envelope
	Issue Issue `json:"object"`
}

// ReleaseCreated is sent when a release (a frozen version of a dataset)
// is created.
type ReleaseCreated struct {
	Envelope
	Release Release `json:"object"`
}

// Unknown is an event whose type this version of the package does not
// know. Its object is kept as raw JSON so it can be decoded by hand or
// passed on.
type Unknown struct {
	Envelope
	Object json.RawMessage `json:"object"`
}
