package events

// PointcloudSegmentationLabelAttributes is the label of a point cloud
// in a pointcloud-segmentation task: an object id for every point.
type PointcloudSegmentationLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Annotations lists the objects that points belong to.
	Annotations []SegmentationAnnotation `json:"annotations"`

	// PointAnnotations holds, for each point in the order of the point
	// cloud file, the ID of its annotation, or 0 for an unlabeled point.
	PointAnnotations []int `json:"point_annotations"`

	// ImageAttributes classify the point cloud as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`
}

func (*PointcloudSegmentationLabelAttributes) isLabelAttributes() {}

// PointcloudCuboidLabelAttributes is the label of a point cloud in a
// pointcloud-cuboid task: 3D boxes around objects.
type PointcloudCuboidLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Annotations lists the cuboids.
	Annotations []PointcloudAnnotation `json:"annotations"`

	// ImageAttributes classify the point cloud as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`

	// Links connect pairs of cuboids.
	Links []Link `json:"links,omitzero"`
}

func (*PointcloudCuboidLabelAttributes) isLabelAttributes() {}

// PointcloudVectorLabelAttributes is the label of a point cloud in a
// pointcloud-vector task: polygons, polylines and keypoints in 3D, and
// possibly cuboids.
type PointcloudVectorLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Annotations lists the shapes.
	Annotations []PointcloudAnnotation `json:"annotations"`

	// ImageAttributes classify the point cloud as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`

	// Links connect pairs of shapes.
	Links []Link `json:"links,omitzero"`
}

func (*PointcloudVectorLabelAttributes) isLabelAttributes() {}

// PointcloudAnnotation is one object in a point cloud: a cuboid, or a
// polygon, polyline or keypoint. Cuboid and vector labels, and their
// sequences, share it, because a vector label may hold cuboids too; the
// Type says which fields apply. Coordinates are in the point cloud's
// frame, with z pointing up.
type PointcloudAnnotation struct {
	// ID identifies the object within the label. In current labels it
	// equals TrackID.
	ID int `json:"id"`

	// CategoryID is the id of the object's category in the dataset's
	// category configuration.
	CategoryID int `json:"category_id"`

	// TrackID follows one object across the frames of a sequence.
	TrackID int `json:"track_id,omitzero"`

	// IsKeyframe reports, in sequences, whether someone set this object
	// in this frame rather than the editor interpolating it.
	IsKeyframe bool `json:"is_keyframe,omitzero"`

	// Index is the position of the frame in a sequence, counted from 0.
	Index int `json:"index,omitzero"`

	// Type is [AnnotationTypeCuboid] or [AnnotationTypeCuboidSync] for a
	// cuboid, and [AnnotationTypePolygon], [AnnotationTypePolyline] or
	// [AnnotationTypePoint] for a vector shape.
	Type AnnotationType `json:"type"`

	// Position is a cuboid's center.
	Position XYZ `json:"position,omitzero"`

	// Dimensions is a cuboid's size: X its length along its heading, Y
	// its width and Z its height.
	Dimensions XYZ `json:"dimensions,omitzero"`

	// Yaw is a cuboid's heading: its rotation around the z axis in
	// radians, in [-π, π], counter-clockwise seen from above; 0 heads
	// toward increasing x.
	Yaw float64 `json:"yaw,omitzero"`

	// Rotation is a cuboid's full 3D orientation, set only when the
	// dataset enables 3D rotation of cuboids.
	Rotation *Quaternion `json:"rotation,omitzero"`

	// Velocity is the speed of a tracked cuboid, when the platform
	// computed one.
	Velocity *Velocity `json:"velocity,omitzero"`

	// Acceleration is the acceleration of a tracked cuboid, when the
	// platform computed one.
	Acceleration *Acceleration `json:"acceleration,omitzero"`

	// Points are a vector shape's vertices as [x, y, z] triples.
	Points [][]float64 `json:"points,omitzero"`

	// Attributes are the object attributes of the annotation.
	Attributes AttributeValues `json:"attributes,omitzero"`
}

// PointcloudSequenceSegmentationLabelAttributes is the label of a point
// cloud sequence in a pointcloud-segmentation-sequence task: one
// segmentation per frame.
type PointcloudSequenceSegmentationLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Frames holds one label per frame, in the order of the sample's
	// frames.
	Frames []PointcloudSegmentationFrame `json:"frames"`
}

func (*PointcloudSequenceSegmentationLabelAttributes) isLabelAttributes() {}

// PointcloudSegmentationFrame is the segmentation of one frame of a
// point cloud sequence.
type PointcloudSegmentationFrame struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Timestamp is the frame's timestamp, when the sample has one.
	Timestamp Timestamp `json:"timestamp,omitzero"`

	// Annotations lists the objects in this frame. An object keeps its
	// TrackID from frame to frame.
	Annotations []SegmentationAnnotation `json:"annotations"`

	// PointAnnotations holds, for each point of this frame's point
	// cloud, the ID of its annotation, or 0 for an unlabeled point.
	PointAnnotations []int `json:"point_annotations"`

	// ImageAttributes classify this frame as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`
}

// PointcloudSequenceCuboidLabelAttributes is the label of a point cloud
// sequence in a pointcloud-cuboid-sequence task: cuboids per frame,
// tracked across frames.
type PointcloudSequenceCuboidLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Frames holds one label per frame, in the order of the sample's
	// frames.
	Frames []PointcloudCuboidFrame `json:"frames"`

	// Links connect pairs of tracks, by track ID.
	Links []Link `json:"links,omitzero"`
}

func (*PointcloudSequenceCuboidLabelAttributes) isLabelAttributes() {}

// PointcloudCuboidFrame is the cuboid label of one frame of a point
// cloud sequence.
type PointcloudCuboidFrame struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Timestamp is the frame's timestamp, when the sample has one.
	Timestamp Timestamp `json:"timestamp,omitzero"`

	// Annotations lists the cuboids in this frame. A cuboid keeps its
	// TrackID from frame to frame.
	Annotations []PointcloudAnnotation `json:"annotations"`

	// ImageAttributes classify this frame as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`
}

// PointcloudSequenceVectorLabelAttributes is the label of a point cloud
// sequence in a pointcloud-vector-sequence task: 3D shapes per frame,
// tracked across frames.
type PointcloudSequenceVectorLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Frames holds one label per frame, in the order of the sample's
	// frames.
	Frames []PointcloudVectorFrame `json:"frames"`

	// Links connect pairs of tracks, by track ID.
	Links []Link `json:"links,omitzero"`
}

func (*PointcloudSequenceVectorLabelAttributes) isLabelAttributes() {}

// PointcloudVectorFrame is the vector label of one frame of a point
// cloud sequence.
type PointcloudVectorFrame struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Timestamp is the frame's timestamp, when the sample has one.
	Timestamp Timestamp `json:"timestamp,omitzero"`

	// Annotations lists the shapes in this frame. A shape keeps its
	// TrackID from frame to frame.
	Annotations []PointcloudAnnotation `json:"annotations"`

	// ImageAttributes classify this frame as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`

	// Links connect pairs of shapes in this frame.
	Links []Link `json:"links,omitzero"`
}
