package events

// An Issue is a question or a problem someone raised on a [Sample],
// such as a reviewer pointing out a missed object, with the discussion
// that followed. It is the object of the issue events.
type Issue struct {
	// UUID identifies the issue across Segments.ai.
	UUID string `json:"uuid"`

	// Description is the text the issue was opened with.
	Description string `json:"description"`

	// Status tells whether the issue is open or resolved.
	Status IssueStatus `json:"status"`

	// SampleUUID is the [Sample.UUID] of the sample the issue is about.
	SampleUUID string `json:"sample_uuid"`

	// SampleName is the [Sample.Name] of that sample.
	SampleName string `json:"sample_name"`

	// Anchor is the part of the sample the issue points at, or nil when
	// the issue is about the sample as a whole.
	Anchor *IssueAnchor `json:"anchor,omitempty"`

	// Comments are the replies to the issue, oldest first.
	Comments []IssueComment `json:"comments"`

	// CreatedAt is when the issue was opened.
	CreatedAt Time `json:"created_at"`

	// CreatedBy is the username of the user who opened the issue.
	CreatedBy string `json:"created_by"`

	// UpdatedAt is when the issue last changed.
	UpdatedAt Time `json:"updated_at"`

	// UpdatedBy is the username of the user who last changed the issue.
	UpdatedBy string `json:"updated_by"`
}

// An IssueComment is one reply in the discussion of an [Issue].
type IssueComment struct {
	// Text is the reply's text.
	Text string `json:"text"`

	// CreatedAt is when the reply was posted.
	CreatedAt Time `json:"created_at"`

	// CreatedBy is the username of the user who posted the reply.
	CreatedBy string `json:"created_by"`
}

// An IssueAnchor ties an [Issue] to one part of its sample.
// [IssueAnchor.Type] tells which part, and which of the other fields are
// set; those that do not apply to the type are zero.
type IssueAnchor struct {
	// Type is the kind of anchor.
	Type IssueAnchorType `json:"type"`

	// Sensor is the name of the sensor the anchor is in, for multi-sensor
	// samples; "" otherwise.
	Sensor string `json:"sensor,omitempty"`

	// Frame is the index of the frame the anchor is in, counted from 0,
	// for sequences. It is nil when the anchor holds for every frame, so
	// that frame 0 stays distinct from no frame.
	Frame *int `json:"frame,omitempty"`

	// TrackNumber is the track ID of the object an [IssueAnchorTrack]
	// points at.
	TrackNumber int `json:"trackNumber,omitempty"`

	// TrackAttribute is the name of the object attribute an
	// [IssueAnchorTrack] points at, "" for the object as a whole.
	TrackAttribute string `json:"trackAttribute,omitempty"`

	// SceneAttribute is the name of the image-level attribute an
	// [IssueAnchorSceneAttribute] points at.
	SceneAttribute string `json:"sceneAttribute,omitempty"`

	// Location is the position an [IssueAnchorLocation] points at, nil
	// for other anchor types.
	Location *IssueLocation `json:"location,omitempty"`
}

// An IssueLocation is the position an [IssueAnchor] points at: a pixel
// in an image or a point in a point cloud.
type IssueLocation struct {
	// Type tells an image position from a point cloud position.
	Type IssueLocationType `json:"type"`

	// X is the horizontal pixel coordinate from the image's left edge
	// for [IssueLocation2D], or the x coordinate in the point cloud's
	// frame for [IssueLocation3D].
	X float64 `json:"x"`

	// Y is the vertical pixel coordinate from the image's top edge for
	// [IssueLocation2D], or the y coordinate in the point cloud's frame
	// for [IssueLocation3D].
	Y float64 `json:"y"`

	// Z is the z coordinate in the point cloud's frame for
	// [IssueLocation3D]; 0 for [IssueLocation2D].
	Z float64 `json:"z,omitempty"`
}
