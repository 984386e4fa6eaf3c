package events

import (
	"encoding/json"
	"reflect"
)

// A Dataset is a Segments.ai dataset: a collection of samples, the
// labeling task set up for them and the workflow settings. It is the
// object of the dataset events; a deleted dataset may carry only a few
// fields, often just its name and owner.
type Dataset struct {
	// Name is the dataset's name within its owner's account, such as
	// "street-scenes".
	Name string `json:"name"`

	// FullName is the name prefixed with the owner, such as
	// "acme/street-scenes". It is how the API and the envelope's
	// [Envelope.DatasetName] refer to the dataset.
	FullName string `json:"full_name"`

	// ClonedFrom is the full name of the dataset this one was copied from,
	// or "" when it was created from scratch.
	ClonedFrom string `json:"cloned_from,omitempty"`

	// Description is the short free-text description shown in dataset
	// lists.
	Description string `json:"description"`

	// Category is the subject of the data, such as street scenery.
	Category DatasetCategory `json:"category"`

	// Public reports whether anyone may view the dataset. A private
	// dataset is visible to its owner and collaborators only.
	Public bool `json:"public"`

	// Archived reports whether the dataset is archived: hidden from the
	// owner's dataset list and closed to labeling.
	Archived bool `json:"archived"`

	// Owner is the user or organization the dataset belongs to.
	Owner Owner `json:"owner"`

	// CreatedAt is when the dataset was created.
	CreatedAt Time `json:"created_at"`

	// EnableRatings reports whether reviewers can rate labels with
	// stars; see [Label.Rating].
	EnableRatings bool `json:"enable_ratings"`

	// EnableSkipLabeling reports whether labelers may skip a sample.
	EnableSkipLabeling bool `json:"enable_skip_labeling"`

	// EnableSkipReviewing reports whether reviewers may skip a sample.
	EnableSkipReviewing bool `json:"enable_skip_reviewing"`

	// EnableSaveButton reports whether the editor shows a save button
	// besides submit, so work can be saved without submitting it.
	EnableSaveButton bool `json:"enable_save_button"`

	// EnableLabelStatusVerified reports whether reviewed labels can be
	// promoted to [LabelStatusVerified].
	EnableLabelStatusVerified bool `json:"enable_label_status_verified"`

	// EnableSameDimensionsTrackConstraint reports whether a tracked
	// cuboid must keep the same size in every frame of a sequence.
	EnableSameDimensionsTrackConstraint bool `json:"enable_same_dimensions_track_constraint"`

	// Enable3DRegionOfInterest reports whether the point cloud editor
	// limits labeling to [Dataset.RegionOfInterest].
	Enable3DRegionOfInterest bool `json:"enable_3d_region_of_interest"`

	// Enable3DCuboidRotation reports whether cuboids may be rotated about
	// every axis rather than only about the vertical one.
	Enable3DCuboidRotation bool `json:"enable_3d_cuboid_rotation"`

	// EnableConfirmOnSubmit reports whether the editor asks for a
	// confirmation before a label is submitted.
	EnableConfirmOnSubmit bool `json:"enable_confirm_on_submit"`

	// EnableInterpolation reports whether the sequence editors fill in
	// the frames between keyframes of a track.
	EnableInterpolation bool `json:"enable_interpolation"`

	// UseTimestampsForInterpolation reports whether interpolation weighs
	// frames by their timestamps instead of spacing them evenly.
	UseTimestampsForInterpolation bool `json:"use_timestamps_for_interpolation"`

	// EnableObjectLinking reports whether labelers may link objects to
	// each other, such as a trailer to its truck.
	EnableObjectLinking bool `json:"enable_object_linking"`

	// EnableObjectLinkCategoryRestrictions reports whether links are
	// limited to the categories in
	// [Category.LinkCategoryRestrictions].
	EnableObjectLinkCategoryRestrictions bool `json:"enable_object_link_category_restrictions"`

	// EnableExtrapolation reports whether the sequence editors carry a
	// track on past its last keyframe.
	EnableExtrapolation bool `json:"enable_extrapolation"`

	// TaskType is the labeling task, which fixes the format of the
	// dataset's labels.
	TaskType TaskType `json:"task_type"`

	// LabelStats counts the dataset's labels by status.
	LabelStats LabelStats `json:"label_stats"`

	// LabelingInactivityTimeoutSeconds is how many seconds a labeler may
	// stay idle before the editor stops counting the time as work. It is
	// nil when the dataset uses the platform's default.
	LabelingInactivityTimeoutSeconds *int `json:"labeling_inactivity_timeout_seconds,omitempty"`

	// SamplesCount is the number of samples in the dataset, 0 when not
	// sent. Segments.ai writes it as a number or as a numeric string;
	// both decode here.
	SamplesCount int `json:"samples_count"`

	// CollaboratorsCount is the number of users the dataset is shared
	// with, the owner not included; 0 when not sent.
	CollaboratorsCount int `json:"collaborators_count"`

	// TaskAttributes holds the label categories and the attributes
	// labelers fill in.
	TaskAttributes TaskAttributes `json:"task_attributes"`

	// Labelsets are the dataset's sets of labels, such as the ground
	// truth and the predictions of a model; see [Label.Labelset].
	Labelsets []Labelset `json:"labelsets"`

	// Role is the role in the dataset of the user whose credentials
	// produced the object; often "" in events.
	Role Role `json:"role,omitempty"`

	// Readme is the dataset's readme, in Markdown.
	Readme string `json:"readme,omitempty"`

	// Metadata is free-form data the owner attached to the dataset, as
	// decoded by [encoding/json] into an any.
	Metadata map[string]any `json:"metadata"`

	// NoncollaboratorCanLabel reports whether users outside the dataset's
	// collaborators may label its samples.
	NoncollaboratorCanLabel bool `json:"noncollaborator_can_label"`

	// NoncollaboratorCanReview reports whether users outside the
	// dataset's collaborators may review its labels.
	NoncollaboratorCanReview bool `json:"noncollaborator_can_review"`

	// InsightsURLs maps the name of a dashboard on the dataset's labeling
	// insights to its URL.
	InsightsURLs map[string]string `json:"insights_urls"`

	// RegionOfInterest describes the part of the point cloud to label
	// when [Dataset.Enable3DRegionOfInterest] is set, as decoded by
	// [encoding/json].
	RegionOfInterest map[string]any `json:"region_of_interest"`
}

// UnmarshalJSON decodes a dataset, accepting samples_count as a number or
// a numeric string. A JSON null leaves d unchanged.
func (d *Dataset) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	aux := datasetJSON{datasetFields: (*datasetFields)(d)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return located(err, data, d)
	}
	d.SamplesCount = looseInt(aux.SamplesCount)
	return nil
}

// datasetJSON is the form in which a [Dataset] is decoded.
type datasetJSON struct {
	*datasetFields
	SamplesCount json.RawMessage `json:"samples_count"`
}

// datasetFields is a [Dataset] without its methods.
type datasetFields Dataset

// locateJSON looks for an error in the fields of the form that
// UnmarshalJSON decodes.
func (*Dataset) locateJSON(data []byte) *json.UnmarshalTypeError {
	return locate("", data, reflect.TypeFor[datasetJSON]())
}

// An Owner is the user or organization a [Dataset] belongs to.
type Owner struct {
	// Username is the account name, the part before the slash of a
	// dataset's full name.
	Username string `json:"username"`

	// CreatedAt is when the account was created.
	CreatedAt Time `json:"created_at"`

	// Email is the account's e-mail address, when Segments.ai shares it.
	Email string `json:"email,omitempty"`
}

// LabelStats counts the labels of a [Dataset] in each [LabelStatus].
// A status that is not sent counts 0.
type LabelStats struct {
	// Total is the number of samples counted, whatever their status.
	Total int `json:"TOTAL"`

	Unlabeled           int `json:"UNLABELED"`             // not labeled yet
	Prelabeled          int `json:"PRELABELED"`            // uploaded, not checked
	LabelingInProgress  int `json:"LABELING_IN_PROGRESS"`  // open in the editor
	Labeled             int `json:"LABELED"`               // waiting for review
	ReviewingInProgress int `json:"REVIEWING_IN_PROGRESS"` // being reviewed
	Reviewed            int `json:"REVIEWED"`              // accepted by a reviewer
	Rejected            int `json:"REJECTED"`              // sent back to the labeler
	Skipped             int `json:"SKIPPED"`               // skipped in the workflow
	Verified            int `json:"VERIFIED"`              // verified after review
}

// A Labelset is one named set of labels in a [Dataset]. A dataset has at
// least the ground-truth labelset; more can hold model predictions to
// compare against it.
type Labelset struct {
	// Name identifies the labelset within the dataset, such as
	// "ground-truth".
	Name string `json:"name"`

	// Description is the labelset's free-text description.
	Description string `json:"description"`

	// IsGroundtruth reports whether this is the labelset people label
	// in.
	IsGroundtruth bool `json:"is_groundtruth"`

	// CreatedAt is when the labelset was created.
	CreatedAt Time `json:"created_at"`
}
