package events

// TextLabelAttributes is the label of a text sample in a
// text-named-entities or text-span-categorization task: categorized
// spans of the text. Segments.ai retired text labeling in 2024, so
// only older datasets produce it.
type TextLabelAttributes struct {
	// FormatVersion is the version of this format, such as "0.1".
	FormatVersion FormatVersion `json:"format_version,omitzero"`

	// Annotations lists the labeled spans.
	Annotations []TextAnnotation `json:"annotations"`
}

func (*TextLabelAttributes) isLabelAttributes() {}

// TextAnnotation is one labeled span of a text.
type TextAnnotation struct {
	// Start is the index of the span's first character.
	Start int `json:"start"`

	// End is the index just past the span's last character.
	End int `json:"end"`

	// CategoryID is the id of the span's category in the dataset's
	// category configuration.
	CategoryID int `json:"category_id"`
}
