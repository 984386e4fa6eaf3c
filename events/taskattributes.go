package events

import (
	"encoding/json"
	"reflect"
)

// TaskAttributes is the configuration of a [Dataset]'s label editor: the
// categories objects can belong to, the attributes labelers fill in and
// the checks run on labels.
type TaskAttributes struct {
	// FormatVersion is the version of this configuration's format, such
	// as "0.1". Segments.ai writes it as a string or a number; both decode
	// to the same text.
	FormatVersion string `json:"format_version,omitempty"`

	// Categories are the classes an annotated object can belong to.
	// Annotations refer to them by [Category.ID].
	Categories []Category `json:"categories"`

	// ImageAttributes are the attributes labelers fill in once per
	// sample (or per frame), rather than per object.
	ImageAttributes []AttributeDefinition `json:"image_attributes"`

	// CircleRadius is the radius of a circle drawn around the ego vehicle
	// in the point cloud editors, in the point cloud's units (usually
	// meters), often to mark how far out objects must be labeled. It is
	// 0 when no circle is drawn.
	CircleRadius float64 `json:"circle_radius,omitempty"`

	// WarningRules are checks that warn the labeler about a likely
	// mistake, such as two cuboids that overlap.
	WarningRules []WarningRule `json:"warning_rules"`
}

// UnmarshalJSON decodes task attributes, accepting format_version as a
// string or a number. A JSON null leaves ta unchanged.
func (ta *TaskAttributes) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	aux := taskAttributesJSON{taskAttributesFields: (*taskAttributesFields)(ta)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return located(err, data, ta)
	}
	ta.FormatVersion = looseString(aux.FormatVersion)
	return nil
}

// taskAttributesJSON is the form in which [TaskAttributes] are decoded.
type taskAttributesJSON struct {
	*taskAttributesFields
	FormatVersion json.RawMessage `json:"format_version"`
}

// taskAttributesFields are [TaskAttributes] without their methods.
type taskAttributesFields TaskAttributes

// locateJSON looks for an error in the fields of the form that
// UnmarshalJSON decodes.
func (*TaskAttributes) locateJSON(data []byte) *json.UnmarshalTypeError {
	return locate("", data, reflect.TypeFor[taskAttributesJSON]())
}

// CategoryByID returns the category with the given id, as found in an
// annotation's category_id, and reports whether there is one.
func (ta *TaskAttributes) CategoryByID(id int) (Category, bool) {
	for _, c := range ta.Categories {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}

// A Category is a class of objects in a [Dataset], such as "car" or
// "pedestrian", with the attributes labelers fill in for each object of
// that class.
type Category struct {
	// ID identifies the category within the dataset; annotations refer
	// to it as their category_id.
	ID int `json:"id"`

	// Name is the category's display name.
	Name string `json:"name"`

	// Color is the display color, as 3 (RGB) or 4 (RGBA) channel values
	// from 0 to 255; nil when the editor picks one.
	Color []float64 `json:"color"`

	// HasInstances reports whether objects of this category are counted
	// one by one (a car, a person) rather than forming a region (sky,
	// road).
	HasInstances bool `json:"has_instances"`

	// LockDimensions reports whether the point cloud editor keeps
	// cuboids of this category at their [Category.Dimensions].
	LockDimensions bool `json:"lock_dimensions,omitempty"`

	// LockRotation reports whether the point cloud editor keeps the
	// rotation of cuboids of this category fixed.
	LockRotation bool `json:"lock_rotation,omitempty"`

	// LockPosition reports whether the point cloud editor keeps the
	// position of cuboids of this category fixed.
	LockPosition bool `json:"lock_position,omitempty"`

	// Attributes are the attributes labelers fill in for each object of
	// this category.
	Attributes []AttributeDefinition `json:"attributes"`

	// LinkAttributes are the attributes of a link that starts at an
	// object of this category; see [Dataset.EnableObjectLinking].
	LinkAttributes []AttributeDefinition `json:"link_attributes"`

	// LinkCategoryRestrictions are the IDs of the categories an object of
	// this category may link to, when
	// [Dataset.EnableObjectLinkCategoryRestrictions] is set.
	LinkCategoryRestrictions []int `json:"link_category_restrictions"`

	// Dimensions is the size of a new cuboid of this category in the
	// point cloud editor; nil for the editor's default.
	Dimensions *CuboidSize `json:"dimensions,omitempty"`
}

// An AttributeDefinition describes one attribute labelers fill in for
// an object, a link or a whole sample: its name, its [InputType] and the
// settings of that input type. Settings that do not apply to the input
// type are left zero.
type AttributeDefinition struct {
	// Name identifies the attribute; it is the key of the attribute's
	// value in a label.
	Name string `json:"name"`

	// InputType is the kind of value and form control.
	InputType InputType `json:"input_type"`

	// Values are the choices of a select or multiselect attribute.
	Values []string `json:"values"`

	// DefaultValue is the value a new object starts with, nil when none
	// is set. Its dynamic type follows the input type, as decoded by
	// [encoding/json]: a string for select and text, a []any of strings
	// for multiselect, a float64 for number, a bool for checkbox.
	DefaultValue any `json:"default_value,omitempty"`

	// Min is the smallest value a number attribute accepts, nil when
	// unbounded. Segments.ai writes it as a number or a numeric string;
	// both decode here, and an empty string reads as nil.
	Min *float64 `json:"min,omitempty"`

	// Max is the largest value a number attribute accepts, nil when
	// unbounded, decoded like [AttributeDefinition.Min].
	Max *float64 `json:"max,omitempty"`

	// Step is the increment of a number attribute's control, nil for the
	// editor's default, decoded like [AttributeDefinition.Min].
	Step *float64 `json:"step,omitempty"`

	// IsMandatory reports whether the editor warns when the attribute is
	// left empty.
	IsMandatory bool `json:"is_mandatory,omitempty"`

	// IsTrackLevel reports whether, in sequence datasets, the value holds
	// for a tracked object in every frame instead of changing per frame.
	IsTrackLevel bool `json:"is_track_level,omitempty"`

	// SyncedAcrossSensors reports whether, in multi-sensor datasets, the
	// value is shared by an object's views in every sensor.
	SyncedAcrossSensors bool `json:"synced_across_sensors,omitempty"`

	// SensorFilter limits the attribute, in multi-sensor datasets, to
	// some sensors; "" when it applies to all.
	SensorFilter string `json:"sensor_filter,omitempty"`

	// Sensors limits the attribute, in multi-sensor datasets, to "2D"
	// (camera) or "3D" (point cloud) sensors, or "all"; "" when not set.
	Sensors string `json:"sensors,omitempty"`
}

// UnmarshalJSON decodes an attribute definition, accepting min, max and
// step as numbers or numeric strings. A JSON null leaves a unchanged.
func (a *AttributeDefinition) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	aux := attributeDefinitionJSON{attributeDefinitionFields: (*attributeDefinitionFields)(a)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return located(err, data, a)
	}
	a.Min = looseFloat(aux.Min)
	a.Max = looseFloat(aux.Max)
	a.Step = looseFloat(aux.Step)
	return nil
}

// attributeDefinitionJSON is the form in which an [AttributeDefinition]
// is decoded.
type attributeDefinitionJSON struct {
	*attributeDefinitionFields
	Min  json.RawMessage `json:"min"`
	Max  json.RawMessage `json:"max"`
	Step json.RawMessage `json:"step"`
}

// attributeDefinitionFields is an [AttributeDefinition] without its
// methods.
type attributeDefinitionFields AttributeDefinition

// locateJSON looks for an error in the fields of the form that
// UnmarshalJSON decodes.
func (*AttributeDefinition) locateJSON(data []byte) *json.UnmarshalTypeError {
	return locate("", data, reflect.TypeFor[attributeDefinitionJSON]())
}

// A WarningRule is a check the editor runs on a label to warn about a
// likely mistake. [WarningRule.Name] says which check; the other fields
// configure it and are zero when they do not apply to it.
type WarningRule struct {
	// Name is the check to run.
	Name WarningRuleName `json:"name"`

	// ExcludedCategories are the IDs of categories whose cuboids may
	// overlap anything, for [WarningRuleIntersectingCuboids].
	ExcludedCategories []int `json:"excluded_categories"`

	// ExcludedSetOfCategories are the IDs of categories whose cuboids may
	// overlap each other (but not their own category), for
	// [WarningRuleIntersectingCuboids].
	ExcludedSetOfCategories []int `json:"excluded_set_of_categories"`

	// Categories are the IDs of the categories the limits apply to, for
	// [WarningRuleCuboidDimensionLimits]; empty for all categories.
	Categories []int `json:"categories"`

	// Min is the smallest cuboid size allowed, for
	// [WarningRuleCuboidDimensionLimits]; nil when there is no minimum.
	Min *CuboidSize `json:"min,omitempty"`

	// Max is the largest cuboid size allowed, for
	// [WarningRuleCuboidDimensionLimits]; nil when there is no maximum.
	Max *CuboidSize `json:"max,omitempty"`
}

// CuboidSize is the size of a cuboid along its x (length), y (width) and
// z (height) axes, in the point cloud's units (usually meters). A nil
// component is not set: there is no default or no limit on that axis.
type CuboidSize struct {
	X *float64 `json:"x,omitempty"` // length
	Y *float64 `json:"y,omitempty"` // width
	Z *float64 `json:"z,omitempty"` // height
}
