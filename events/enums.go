package events

// The string types below name the values Segments.ai uses for a closed
// set of choices. Each lists the values known when this package was
// written; a value added later decodes unchanged into the same type, so
// compare with the constants and keep a default branch.

// TaskType is the kind of labeling work a dataset is set up for, which
// also fixes the format of its labels: a dataset's task_type and a
// label's label_type. The zero value means no task is configured.
type TaskType string

// Task types of image datasets.
const (
	// TaskTypeSegmentationBitmap labels each pixel of an image with an
	// object, for semantic, instance or panoptic segmentation.
	TaskTypeSegmentationBitmap TaskType = "segmentation-bitmap"

	// TaskTypeSegmentationBitmapHighres is TaskTypeSegmentationBitmap for
	// large images.
	TaskTypeSegmentationBitmapHighres TaskType = "segmentation-bitmap-highres"

	// TaskTypeImageSegmentationSequence labels pixels in every frame of
	// an image sequence, with objects tracked across frames.
	TaskTypeImageSegmentationSequence TaskType = "image-segmentation-sequence"

	// TaskTypeBboxes draws axis-aligned bounding boxes on images.
	TaskTypeBboxes TaskType = "bboxes"

	// TaskTypeVector draws bounding boxes, polygons, polylines and points
	// on images.
	TaskTypeVector TaskType = "vector"

	// TaskTypeImageVectorSequence is TaskTypeVector over the frames of an
	// image sequence, with objects tracked across frames.
	TaskTypeImageVectorSequence TaskType = "image-vector-sequence"

	// TaskTypeKeypoints places named keypoints on images.
	TaskTypeKeypoints TaskType = "keypoints"
)

// Task types of point cloud and multi-sensor datasets.
const (
	// TaskTypePointcloudCuboid draws 3D boxes in a point cloud.
	TaskTypePointcloudCuboid TaskType = "pointcloud-cuboid"

	// TaskTypePointcloudCuboidSequence draws 3D boxes in every frame of a
	// point cloud sequence, with objects tracked across frames.
	TaskTypePointcloudCuboidSequence TaskType = "pointcloud-cuboid-sequence"

	// TaskTypePointcloudSegmentation assigns each point of a point cloud
	// to an object.
	TaskTypePointcloudSegmentation TaskType = "pointcloud-segmentation"

	// TaskTypePointcloudSegmentationSequence assigns points to objects in
	// every frame of a point cloud sequence.
	TaskTypePointcloudSegmentationSequence TaskType = "pointcloud-segmentation-sequence"

	// TaskTypePointcloudVector draws polygons, polylines and points in a
	// point cloud.
	TaskTypePointcloudVector TaskType = "pointcloud-vector"

	// TaskTypePointcloudVectorSequence draws polygons, polylines and
	// points in every frame of a point cloud sequence.
	TaskTypePointcloudVectorSequence TaskType = "pointcloud-vector-sequence"

	// TaskTypeMultisensorSequence labels synchronized sequences of
	// several sensors, such as a lidar and cameras, in one label.
	TaskTypeMultisensorSequence TaskType = "multisensor-sequence"
)

// Task types of text datasets.
const (
	// TaskTypeTextNamedEntities marks named entities in a text.
	TaskTypeTextNamedEntities TaskType = "text-named-entities"

	// TaskTypeTextSpanCategorization assigns categories to spans of a
	// text.
	TaskTypeTextSpanCategorization TaskType = "text-span-categorization"
)

// Known reports whether t is one of the TaskType constants of this
// package. The empty TaskType is not known.
func (t TaskType) Known() bool {
	switch t {
	case TaskTypeSegmentationBitmap, TaskTypeSegmentationBitmapHighres,
		TaskTypeImageSegmentationSequence, TaskTypeBboxes, TaskTypeVector,
		TaskTypeImageVectorSequence, TaskTypeKeypoints,
		TaskTypePointcloudCuboid, TaskTypePointcloudCuboidSequence,
		TaskTypePointcloudSegmentation, TaskTypePointcloudSegmentationSequence,
		TaskTypePointcloudVector, TaskTypePointcloudVectorSequence,
		TaskTypeMultisensorSequence,
		TaskTypeTextNamedEntities, TaskTypeTextSpanCategorization:
		return true
	}
	return false
}

// LabelStatus is where a label stands in the labeling and review
// workflow. The zero value means the status was not sent.
type LabelStatus string

// The label statuses, roughly in workflow order.
const (
	// LabelStatusUnlabeled means nobody has labeled the sample yet.
	LabelStatusUnlabeled LabelStatus = "UNLABELED"

	// LabelStatusPrelabeled means the label was uploaded, typically model
	// predictions, and waits for a person to check it.
	LabelStatusPrelabeled LabelStatus = "PRELABELED"

	// LabelStatusLabelingInProgress means a labeler has the sample open.
	LabelStatusLabelingInProgress LabelStatus = "LABELING_IN_PROGRESS"

	// LabelStatusLabeled means a labeler submitted the label; it waits for
	// review.
	LabelStatusLabeled LabelStatus = "LABELED"

	// LabelStatusReviewingInProgress means a reviewer has the sample open.
	LabelStatusReviewingInProgress LabelStatus = "REVIEWING_IN_PROGRESS"

	// LabelStatusReviewed means a reviewer accepted the label.
	LabelStatusReviewed LabelStatus = "REVIEWED"

	// LabelStatusRejected means a reviewer sent the label back to its labeler.
	LabelStatusRejected LabelStatus = "REJECTED"

	// LabelStatusSkipped means a labeler or reviewer skipped the sample.
	LabelStatusSkipped LabelStatus = "SKIPPED"

	// LabelStatusVerified means the label passed an extra verification step
	// after review, on datasets that enable it.
	LabelStatusVerified LabelStatus = "VERIFIED"
)

// Known reports whether s is one of the LabelStatus constants of this
// package.
func (s LabelStatus) Known() bool {
	switch s {
	case LabelStatusUnlabeled, LabelStatusPrelabeled,
		LabelStatusLabelingInProgress, LabelStatusLabeled,
		LabelStatusReviewingInProgress, LabelStatusReviewed,
		LabelStatusRejected, LabelStatusSkipped, LabelStatusVerified:
		return true
	}
	return false
}

// IssueStatus tells whether an [Issue] still needs attention.
type IssueStatus string

// The issue statuses.
const (
	// IssueStatusOpen means the issue waits for an answer or a fix.
	IssueStatusOpen IssueStatus = "OPEN"

	// IssueStatusClosed means someone resolved the issue.
	IssueStatusClosed IssueStatus = "CLOSED"
)

// Known reports whether s is one of the IssueStatus constants of this
// package.
func (s IssueStatus) Known() bool {
	return s == IssueStatusOpen || s == IssueStatusClosed
}

// ReleaseStatus tells how far the export of a [Release] has come.
type ReleaseStatus string

// The release statuses.
const (
	// ReleaseStatusPending means the export file is still being written.
	ReleaseStatusPending ReleaseStatus = "PENDING"

	// ReleaseStatusSucceeded means the export file is ready at
	// [ReleaseAttributes.URL].
	ReleaseStatusSucceeded ReleaseStatus = "SUCCEEDED"

	// ReleaseStatusFailed means the export could not be written.
	ReleaseStatusFailed ReleaseStatus = "FAILED"
)

// Known reports whether s is one of the ReleaseStatus constants of this
// package.
func (s ReleaseStatus) Known() bool {
	switch s {
	case ReleaseStatusPending, ReleaseStatusSucceeded, ReleaseStatusFailed:
		return true
	}
	return false
}

// InputType is the kind of form control a labeler uses to fill in an
// attribute; see [AttributeDefinition].
type InputType string

// The attribute input types.
const (
	// InputTypeSelect picks one of [AttributeDefinition.Values].
	InputTypeSelect InputType = "select"

	// InputTypeMultiselect picks any number of
	// [AttributeDefinition.Values].
	InputTypeMultiselect InputType = "multiselect"

	// InputTypeText is free text.
	InputTypeText InputType = "text"

	// InputTypeNumber is a number, optionally bounded by
	// [AttributeDefinition.Min] and [AttributeDefinition.Max].
	InputTypeNumber InputType = "number"

	// InputTypeCheckbox is a yes-or-no choice.
	InputTypeCheckbox InputType = "checkbox"

	// InputTypeVector3 is a 3D vector (x, y, z), in point cloud datasets.
	InputTypeVector3 InputType = "vector3"

	// InputTypeQuaternion is a rotation given as a quaternion, in point
	// cloud datasets.
	InputTypeQuaternion InputType = "quaternion"

	// InputTypePoints is a list of points placed in the scene.
	InputTypePoints InputType = "points"
)

// Known reports whether t is one of the InputType constants of this
// package.
func (t InputType) Known() bool {
	switch t {
	case InputTypeSelect, InputTypeMultiselect, InputTypeText,
		InputTypeNumber, InputTypeCheckbox, InputTypeVector3,
		InputTypeQuaternion, InputTypePoints:
		return true
	}
	return false
}

// Role is what a user may do in a dataset.
type Role string

// The roles of dataset members, from least to most rights.
const (
	// RoleLabeler may label samples.
	RoleLabeler Role = "labeler"

	// RoleReviewer may label samples and review labels.
	RoleReviewer Role = "reviewer"

	// RoleManager may also manage samples and members.
	RoleManager Role = "manager"

	// RoleAdmin may change anything, including the dataset's settings.
	RoleAdmin Role = "admin"
)

// DatasetCategory is the subject of a dataset's data, chosen when the
// dataset is created. Besides the constants below, values starting with
// "custom-" name categories an account defined itself.
type DatasetCategory string

// The built-in dataset categories.
const (
	DatasetCategoryStreetScenery DatasetCategory = "street_scenery" // roads, traffic, cities
	DatasetCategoryGarden        DatasetCategory = "garden"         // gardens and plants
	DatasetCategoryAgriculture   DatasetCategory = "agriculture"    // fields, crops, livestock
	DatasetCategorySatellite     DatasetCategory = "satellite"      // aerial and satellite views
	DatasetCategoryPeople        DatasetCategory = "people"         // people and faces
	DatasetCategoryMedical       DatasetCategory = "medical"        // medical imaging
	DatasetCategoryFruit         DatasetCategory = "fruit"          // fruit and produce
	DatasetCategoryOther         DatasetCategory = "other"          // anything else
)

// IssueAnchorType tells what part of a sample an [IssueAnchor] points
// at.
type IssueAnchorType string

// The issue anchor types.
const (
	// IssueAnchorBasic points at the sample as a whole, optionally at one
	// sensor or frame.
	IssueAnchorBasic IssueAnchorType = "basic"

	// IssueAnchorTrack points at one tracked object, optionally at one of
	// its attributes.
	IssueAnchorTrack IssueAnchorType = "track"

	// IssueAnchorSceneAttribute points at one attribute of the whole
	// scene (an image-level attribute).
	IssueAnchorSceneAttribute IssueAnchorType = "sceneAttribute"

	// IssueAnchorLocation points at a position in an image or a point
	// cloud.
	IssueAnchorLocation IssueAnchorType = "location"
)

// IssueLocationType tells whether an [IssueLocation] is a position in an
// image or in a point cloud.
type IssueLocationType string

// The issue location types.
const (
	// IssueLocation2D is a pixel position in an image: X and Y only.
	IssueLocation2D IssueLocationType = "2d"

	// IssueLocation3D is a position in a point cloud's coordinate
	// system: X, Y and Z.
	IssueLocation3D IssueLocationType = "3d"
)

// WarningRuleName names the check a [WarningRule] runs on a label.
type WarningRuleName string

// The warning rules.
const (
	// WarningRuleIntersectingCuboids warns when two cuboids overlap.
	WarningRuleIntersectingCuboids WarningRuleName = "intersecting-cuboids"

	// WarningRuleCuboidDimensionLimits warns when a cuboid is smaller or
	// larger than set limits.
	WarningRuleCuboidDimensionLimits WarningRuleName = "cuboid-dimension-limits"
)
