package events

// ImageSegmentationLabelAttributes is the label of an image in a
// segmentation task (label types segmentation-bitmap and
// segmentation-bitmap-highres): a bitmap of object ids and the objects
// it contains.
type ImageSegmentationLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Annotations lists the objects in the bitmap.
	Annotations []SegmentationAnnotation `json:"annotations"`

	// SegmentationBitmap is a PNG image of the sample's size. Each
	// pixel holds the ID of the annotation it belongs to as
	// R + 256*G + 65536*B, or 0 where nothing is labeled; alpha is
	// always 255.
	SegmentationBitmap Asset `json:"segmentation_bitmap"`

	// ImageAttributes classify the image as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`
}

func (*ImageSegmentationLabelAttributes) isLabelAttributes() {}

// ImageVectorLabelAttributes is the label of an image in a vector task
// (label types vector, bboxes and keypoints): boxes, polygons,
// polylines and keypoints.
type ImageVectorLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Annotations lists the shapes drawn on the image.
	Annotations []ImageVectorAnnotation `json:"annotations"`

	// ImageAttributes classify the image as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`

	// Links connect pairs of annotations.
	Links []Link `json:"links,omitzero"`
}

func (*ImageVectorLabelAttributes) isLabelAttributes() {}

// ImageVectorAnnotation is one shape in an image, alone or in a frame
// of an image sequence.
type ImageVectorAnnotation struct {
	// ID identifies the object within the label. In current labels it
	// equals TrackID.
	ID int `json:"id"`

	// CategoryID is the id of the object's category in the dataset's
	// category configuration.
	CategoryID int `json:"category_id"`

	// TrackID follows one object across the frames of a sequence.
	TrackID int `json:"track_id,omitzero"`

	// IsKeyframe reports, in sequences, whether someone set this shape
	// in this frame rather than the editor interpolating it.
	IsKeyframe bool `json:"is_keyframe,omitzero"`

	// Type is the kind of shape: [AnnotationTypeBBox],
	// [AnnotationTypePolygon], [AnnotationTypePolyline] or
	// [AnnotationTypePoint].
	Type AnnotationType `json:"type"`

	// Points are the shape's vertices as [x, y] pairs in pixels, from
	// the top-left corner of the image. A box has two points, its
	// top-left and bottom-right corners; a keypoint has one.
	Points [][]float64 `json:"points"`

	// Attributes are the object attributes of the annotation.
	Attributes AttributeValues `json:"attributes,omitzero"`
}

// ImageSequenceSegmentationLabelAttributes is the label of an image
// sequence in an image-segmentation-sequence task: one segmentation per
// frame.
type ImageSequenceSegmentationLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Frames holds one label per frame, in the order of the sample's
	// frames.
	Frames []ImageSegmentationFrame `json:"frames"`
}

func (*ImageSequenceSegmentationLabelAttributes) isLabelAttributes() {}

// ImageSegmentationFrame is the segmentation of one frame of an image
// sequence.
type ImageSegmentationFrame struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Timestamp is the frame's timestamp, when the sample has one.
	Timestamp Timestamp `json:"timestamp,omitzero"`

	// Annotations lists the objects in this frame's bitmap. An object
	// keeps its TrackID from frame to frame.
	Annotations []SegmentationAnnotation `json:"annotations"`

	// SegmentationBitmap is this frame's bitmap of object ids, as in
	// [ImageSegmentationLabelAttributes]; it is empty for a frame with
	// no bitmap.
	SegmentationBitmap Asset `json:"segmentation_bitmap,omitzero"`

	// ImageAttributes classify this frame as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`
}

// ImageSequenceVectorLabelAttributes is the label of an image sequence
// in an image-vector-sequence task: shapes per frame, tracked across
// frames.
type ImageSequenceVectorLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.2".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Frames holds one label per frame, in the order of the sample's
	// frames.
	Frames []ImageVectorFrame `json:"frames"`

	// Links connect pairs of tracks, by track ID.
	Links []Link `json:"links,omitzero"`
}

func (*ImageSequenceVectorLabelAttributes) isLabelAttributes() {}

// ImageVectorFrame is the vector label of one frame of an image
// sequence.
type ImageVectorFrame struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Timestamp is the frame's timestamp, when the sample has one.
	Timestamp Timestamp `json:"timestamp,omitzero"`

	// Annotations lists the shapes in this frame. A shape keeps its
	// TrackID from frame to frame.
	Annotations []ImageVectorAnnotation `json:"annotations"`

	// ImageAttributes classify this frame as a whole.
	ImageAttributes AttributeValues `json:"image_attributes,omitzero"`
}
