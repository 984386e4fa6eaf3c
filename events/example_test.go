package events_test

import (
	"fmt"
	"time"

	"github.com/segments-webhooks/webhooks/events"
)

func ExampleParse() {
	body := []byte(`{
		"event_type": "label.updated",
		"created_at": "2026-11-30T13:28:44.915370+00:00",
		"api_version": "2021-08-01",
		"dataset": "acme/street-scenes",
		"object": {
			"sample_uuid": "7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17",
			"label_type": "bboxes",
			"label_status": "REJECTED",
			"labelset": "ground-truth",
			"reviewed_by": "tom.devos"
		},
		"text": "Label of sample frame_000123.jpg rejected in dataset acme/street-scenes."
	}`)

	ev, err := events.Parse(body)
	if err != nil {
		fmt.Println("bad delivery:", err)
		return
	}

	switch e := ev.(type) {
	case *events.SampleCreated:
		fmt.Println("new sample", e.Sample.Name)
	case *events.LabelUpdated:
		if e.Label.LabelStatus == events.LabelStatusRejected {
			fmt.Printf("%s rejected a label in %s at %s\n",
				e.Label.ReviewedBy, e.DatasetName, e.CreatedAt.Format(time.Kitchen))
		}
	case *events.Unknown:
		fmt.Println("skipping event type", e.Type)
	}
	fmt.Println(ev.EventEnvelope().Text)
	// Output:
	// tom.devos rejected a label in acme/street-scenes at 1:28PM
	// Label of sample frame_000123.jpg rejected in dataset acme/street-scenes.
}

func ExampleParse_unknownType() {
	body := []byte(`{"event_type": "dataset.archived", "dataset": "acme/old",
		"object": {"name": "old"}}`)

	ev, err := events.Parse(body)
	if err != nil {
		fmt.Println("bad delivery:", err)
		return
	}
	if u, ok := ev.(*events.Unknown); ok {
		fmt.Printf("%s (known: %v): %s\n", u.Type, u.Type.Known(), u.Object)
	}
	// Output:
	// dataset.archived (known: false): {"name": "old"}
}

func ExampleTaskAttributes_CategoryByID() {
	body := []byte(`{"event_type": "dataset.created", "dataset": "acme/a", "object": {
		"task_attributes": {"categories": [
			{"id": 1, "name": "car"},
			{"id": 2, "name": "pedestrian"}
		]}
	}}`)

	ev, err := events.Parse(body)
	if err != nil {
		fmt.Println("bad delivery:", err)
		return
	}
	ta := ev.(*events.DatasetCreated).Dataset.TaskAttributes
	if c, ok := ta.CategoryByID(2); ok {
		fmt.Println("category 2 is", c.Name)
	}
	if _, ok := ta.CategoryByID(7); !ok {
		fmt.Println("no category 7")
	}
	// Output:
	// category 2 is pedestrian
	// no category 7
}

func ExampleLabelStatus_Known() {
	for _, s := range []events.LabelStatus{events.LabelStatusReviewed, "ON_HOLD"} {
		fmt.Println(s, s.Known())
	}
	// Output:
	// REVIEWED true
	// ON_HOLD false
}
