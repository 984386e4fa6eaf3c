package events

// Placeholder shapes; replaced by the full object model.

// Dataset is a Segments.ai dataset.
type Dataset struct {
	Name     string `json:"name"`
	FullName string `json:"full_name"`
}

// Sample is one item of a dataset.
type Sample struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
}

// Label is the annotation of one sample in one labelset.
type Label struct {
	SampleUUID string `json:"sample_uuid"`
	LabelType  string `json:"label_type"`
}

// Issue is a question or problem raised on a sample.
type Issue struct {
	UUID string `json:"uuid"`
}

// Release is a frozen version of a dataset.
type Release struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
}
