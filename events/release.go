package events

// A Release is a frozen export of a [Dataset]'s samples and labels, which
// can be downloaded as one JSON file. It is the object of
// [ReleaseCreated].
type Release struct {
	// UUID identifies the release across Segments.ai.
	UUID string `json:"uuid"`

	// Name is the release's name within its dataset, such as "v1.2".
	Name string `json:"name"`

	// Description is the release's free-text description.
	Description string `json:"description"`

	// ReleaseType is the format of the export file; "JSON" is the only
	// one Segments.ai offers today.
	ReleaseType string `json:"release_type"`

	// Attributes says where the export file can be downloaded.
	Attributes ReleaseAttributes `json:"attributes"`

	// Status tells whether the export file is ready.
	Status ReleaseStatus `json:"status"`

	// CreatedAt is when the release was created.
	CreatedAt Time `json:"created_at"`

	// SamplesCount is the number of samples in the release.
	SamplesCount int `json:"samples_count"`
}

// ReleaseAttributes says where a [Release]'s export file can be
// downloaded.
type ReleaseAttributes struct {
	// URL is the address of the export file, "" while the release is
	// [ReleaseStatusPending].
	URL string `json:"url"`

	// SignedURL is a pre-signed, time-limited address of the export file
	// for private storage; "" when not sent.
	SignedURL string `json:"signed_url,omitempty"`
}
