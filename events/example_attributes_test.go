package events_test

import (
	"fmt"

	"github.com/segments-webhooks/webhooks/events"
)

func ExampleLabelAttributes() {
	body := []byte(`{
		"event_type": "label.updated",
		"created_at": "2026-11-30T14:02:11.204518+00:00",
		"api_version": "2021-08-01",
		"dataset": "acme/street-scenes",
		"object": {
			"sample_uuid": "7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17",
			"label_type": "bboxes",
			"label_status": "LABELED",
			"labelset": "ground-truth",
			"attributes": {
				"format_version": "0.1",
				"annotations": [
					{"id": 1, "track_id": 1, "category_id": 1, "type": "bbox",
					 "points": [[14.5, 22], [96, 180.5]], "attributes": {"occluded": true}},
					{"id": 2, "track_id": 2, "category_id": 3, "type": "bbox",
					 "points": [[320, 140.25], [410.75, 199]]}
				]
			},
			"created_at": "2026-11-30T13:40:02.000000+00:00",
			"created_by": "ines.peeters"
		},
		"text": "Label of sample frame_000123.jpg labeled in dataset acme/street-scenes."
	}`)

	ev, err := events.Parse(body)
	if err != nil {
		fmt.Println("bad delivery:", err)
		return
	}
	e, ok := ev.(*events.LabelUpdated)
	if !ok {
		return
	}

	switch attrs := e.Label.Attributes.(type) {
	case *events.ImageVectorLabelAttributes:
		for _, a := range attrs.Annotations {
			if a.Type != events.AnnotationTypeBBox || len(a.Points) != 2 {
				continue
			}
			topLeft, bottomRight := a.Points[0], a.Points[1]
			fmt.Printf("object %d, category %d: (%g, %g) to (%g, %g), occluded: %v\n",
				a.ID, a.CategoryID, topLeft[0], topLeft[1], bottomRight[0], bottomRight[1],
				a.Attributes["occluded"] == true)
		}
	case *events.RawLabelAttributes:
		fmt.Printf("%s label, kept as JSON\n", e.Label.LabelType)
	}
	// Output:
	// object 1, category 1: (14.5, 22) to (96, 180.5), occluded: true
	// object 2, category 3: (320, 140.25) to (410.75, 199), occluded: false
}
