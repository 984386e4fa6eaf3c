package events

// PointcloudSampleAttributes is the data of a point cloud sample, and
// of each frame of a point cloud sequence: the point cloud file, the
// pose of the sensor and reference camera images.
//
// Coordinates are in the point cloud's frame, with z pointing up.
type PointcloudSampleAttributes struct {
	// PCD is the point cloud file.
	PCD PCD `json:"pcd"`

	// Images are camera images shown next to the point cloud; with
	// calibration they can also be projected onto it.
	Images []CalibratedImage `json:"images,omitzero"`

	// EgoPose is the pose of the sensor in world coordinates, or nil.
	EgoPose *EgoPose `json:"ego_pose,omitzero"`

	// DefaultZ is the height of the ground plane, on which the cuboid
	// editor places new cuboids. It defaults to 0.
	DefaultZ float64 `json:"default_z,omitzero"`

	// Name is the name of the point cloud or frame, when it has one.
	Name string `json:"name,omitzero"`

	// Timestamp is the capture time, preferably in nanoseconds, when it
	// has one. The platform uses it to interpolate between keyframes and
	// to compute velocities.
	Timestamp Timestamp `json:"timestamp,omitzero"`

	// Bounds limit the region of interest, or is nil.
	Bounds *Bounds `json:"bounds,omitzero"`
}

func (*PointcloudSampleAttributes) isSampleAttributes() {}

// PointcloudSequenceSampleAttributes is the data of a point cloud
// sequence, such as successive lidar sweeps.
type PointcloudSequenceSampleAttributes struct {
	// Frames lists the point clouds in order.
	Frames []PointcloudSampleAttributes `json:"frames"`
}

func (*PointcloudSequenceSampleAttributes) isSampleAttributes() {}

// PCD is a point cloud file.
type PCD struct {
	// URL is where the file can be downloaded.
	URL string `json:"url"`

	// SignedURL is a temporary URL with access rights included, set
	// when the file is in private storage.
	SignedURL string `json:"signed_url,omitzero"`

	// Type is the file's format.
	Type PCDType `json:"type"`
}

// PCDType is the file format of a point cloud. Values this package does
// not list are kept as they arrive.
type PCDType string

// The point cloud file formats.
const (
	// PCDTypePCD is the Point Cloud Library's .pcd format, ASCII or
	// binary.
	PCDTypePCD PCDType = "pcd"

	// PCDTypeBinaryXYZI is a headerless file of 32-bit floats, four per
	// point: x, y, z and intensity.
	PCDTypeBinaryXYZI PCDType = "binary-xyzi"

	// PCDTypeKITTI is another name for [PCDTypeBinaryXYZI], the format
	// of the KITTI data set.
	PCDTypeKITTI PCDType = "kitti"

	// PCDTypeBinaryXYZIR is a headerless file of 32-bit floats, five per
	// point: x, y, z, intensity and ring index.
	PCDTypeBinaryXYZIR PCDType = "binary-xyzir"

	// PCDTypeNuScenes is another name for [PCDTypeBinaryXYZIR], the
	// format of the nuScenes data set.
	PCDTypeNuScenes PCDType = "nuscenes"

	// PCDTypePLY is the Stanford PLY format, with points as vertices.
	PCDTypePLY PCDType = "ply"

	// PCDTypeLAS is the LAS format of lidar surveys.
	PCDTypeLAS PCDType = "las"

	// PCDTypeSplat is a .splat file of Gaussian splats.
	PCDTypeSplat PCDType = "splat"
)

// Known reports whether t is one of the PCDType constants of this
// package.
func (t PCDType) Known() bool {
	switch t {
	case PCDTypePCD, PCDTypeBinaryXYZI, PCDTypeKITTI, PCDTypeBinaryXYZIR,
		PCDTypeNuScenes, PCDTypePLY, PCDTypeLAS, PCDTypeSplat:
		return true
	}
	return false
}

// EgoPose is the pose of the sensor that captured a point cloud. With a
// pose per frame, objects that stand still keep their place while the
// sensor moves.
type EgoPose struct {
	// Position is the sensor's position in world coordinates.
	Position XYZ `json:"position"`

	// Heading is the sensor's orientation in world coordinates.
	Heading Quaternion `json:"heading"`
}

// Bounds limit a point cloud's region of interest. A nil field is not
// limited. The z limits also set the range of height coloring.
type Bounds struct {
	MinX *float64 `json:"min_x,omitzero"`
	MaxX *float64 `json:"max_x,omitzero"`
	MinY *float64 `json:"min_y,omitzero"`
	MaxY *float64 `json:"max_y,omitzero"`
	MinZ *float64 `json:"min_z,omitzero"`
	MaxZ *float64 `json:"max_z,omitzero"`
}

// CalibratedImage is a camera image that accompanies a point cloud,
// with the camera's calibration when it is known.
type CalibratedImage struct {
	// Name is the camera's or image's name, when it has one.
	Name string `json:"name,omitzero"`

	// URL is where the image can be downloaded.
	URL string `json:"url"`

	// SignedURL is a temporary URL with access rights included, set
	// when the file is in private storage.
	SignedURL string `json:"signed_url,omitzero"`

	// Row is the image's row in the editor's grid of images, from 0.
	Row int `json:"row,omitzero"`

	// Col is the image's column in the editor's grid of images, from 0.
	Col int `json:"col,omitzero"`

	// Intrinsics are the camera's projection parameters, or nil.
	Intrinsics *CameraIntrinsics `json:"intrinsics,omitzero"`

	// Extrinsics are the camera's pose relative to the point cloud's
	// sensor, or nil.
	Extrinsics *CameraExtrinsics `json:"extrinsics,omitzero"`

	// Distortion is the lens distortion, or nil for none.
	Distortion *Distortion `json:"distortion,omitzero"`

	// CameraConvention is the axis convention of Extrinsics. The empty
	// value means [CameraConventionOpenGL].
	CameraConvention CameraConvention `json:"camera_convention,omitzero"`

	// Rotation is the angle in radians by which the editor turns the
	// image for display, for a camera mounted sideways or upside down.
	Rotation float64 `json:"rotation,omitzero"`
}

// CameraIntrinsics are the parameters of the pinhole camera model.
type CameraIntrinsics struct {
	// IntrinsicMatrix is the 3×3 camera matrix K by rows:
	// [[fx, 0, cx], [0, fy, cy], [0, 0, 1]], with the focal lengths fx
	// and fy and the principal point (cx, cy) in pixels from the image's
	// top-left corner.
	IntrinsicMatrix [][]float64 `json:"intrinsic_matrix"`
}

// CameraExtrinsics are a camera's pose in the coordinate frame of the
// point cloud's sensor: the transform from camera coordinates to sensor
// coordinates.
type CameraExtrinsics struct {
	// Translation is the camera's position.
	Translation XYZ `json:"translation"`

	// Rotation is the camera's orientation, in the axis convention of
	// [CalibratedImage.CameraConvention].
	Rotation Quaternion `json:"rotation"`
}

// CameraConvention names the axes of a camera's coordinate frame.
// Values this package does not list are kept as they arrive.
type CameraConvention string

// The camera axis conventions.
const (
	// CameraConventionOpenGL has +x to the right, +y up and +z toward
	// the viewer: the camera looks along -z. It is the default.
	CameraConventionOpenGL CameraConvention = "OpenGL"

	// CameraConventionOpenCV has +x to the right, +y down and +z in the
	// direction the camera looks.
	CameraConventionOpenCV CameraConvention = "OpenCV"
)

// Known reports whether c is one of the CameraConvention constants of
// this package. The empty value, which means OpenGL, is not known.
func (c CameraConvention) Known() bool {
	return c == CameraConventionOpenGL || c == CameraConventionOpenCV
}

// Distortion is the lens distortion of a camera.
type Distortion struct {
	// Model is the distortion model, which says which coefficients
	// apply.
	Model DistortionModel `json:"model"`

	// Coefficients are the model's parameters.
	Coefficients DistortionCoefficients `json:"coefficients"`
}

// DistortionModel is a lens distortion model. Values this package does
// not list are kept as they arrive.
type DistortionModel string

// The lens distortion models.
const (
	// DistortionModelFisheye is OpenCV's fisheye model, with the
	// coefficients K1 to K4.
	DistortionModelFisheye DistortionModel = "fisheye"

	// DistortionModelBrownConrady is OpenCV's standard model, with the
	// radial coefficients K1, K2 and K3 (and optionally K4 to K6) and
	// the tangential coefficients P1 and P2.
	DistortionModelBrownConrady DistortionModel = "brown-conrady"
)

// Known reports whether m is one of the DistortionModel constants of
// this package.
func (m DistortionModel) Known() bool {
	return m == DistortionModelFisheye || m == DistortionModelBrownConrady
}

// DistortionCoefficients are the parameters of a [DistortionModel], as
// OpenCV names them. A coefficient the model does not use is 0.
type DistortionCoefficients struct {
	K1 float64 `json:"k1,omitzero"`
	K2 float64 `json:"k2,omitzero"`
	K3 float64 `json:"k3,omitzero"`
	K4 float64 `json:"k4,omitzero"`
	K5 float64 `json:"k5,omitzero"`
	K6 float64 `json:"k6,omitzero"`
	P1 float64 `json:"p1,omitzero"`
	P2 float64 `json:"p2,omitzero"`
}
