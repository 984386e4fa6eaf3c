package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/segments-webhooks/webhooks/events"
	"github.com/segments-webhooks/webhooks/handler"
)

// formatEvent describes a verified event in two lines: when it was
// signed, its type, dataset and delivery id, then the object it is
// about.
//
//	09:15:02  sample.created  acme/street-scenes  msg_2aXyZ0example0000000000001
//	          sample frame_000123.jpg, uuid 7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17
//
// It uses only the events and handler packages, so a receiver can copy
// it to log the same way.
func formatEvent(ev events.Event, d handler.Delivery) string {
	const indent = "          "
	return fmt.Sprintf("%s  %s  %s  %s\n%s%s\n",
		d.Timestamp.Local().Format(time.TimeOnly), ev.EventType(),
		ev.EventEnvelope().DatasetName, d.ID, indent, describeObject(ev))
}

// describeObject names the object of ev and its most telling fields.
func describeObject(ev events.Event) string {
	switch e := ev.(type) {
	case *events.DatasetCreated:
		return describeDataset(e.Dataset)
	case *events.DatasetUpdated:
		return describeDataset(e.Dataset)
	case *events.DatasetDeleted:
		return describeDataset(e.Dataset)
	case *events.SampleCreated:
		return describeSample(e.Sample)
	case *events.SampleUpdated:
		return describeSample(e.Sample)
	case *events.SampleDeleted:
		return describeSample(e.Sample)
	case *events.LabelUpdated:
		return describeLabel(e.Label)
	case *events.LabelDeleted:
		return describeLabel(e.Label)
	case *events.IssueCreated:
		return describeIssue(e.Issue)
	case *events.IssueUpdated:
		return describeIssue(e.Issue)
	case *events.ReleaseCreated:
		return pairs("release", e.Release.Name, "status", string(e.Release.Status))
	case *events.Unknown:
		return fmt.Sprintf("event type unknown to this version, %d bytes of object: %s",
			len(e.Object), e.Text)
	}
	return ev.EventEnvelope().Text
}

// describeDataset names a dataset by its full name, or by its name in
// the partial objects of deleted datasets.
func describeDataset(d events.Dataset) string {
	name := d.FullName
	if name == "" {
		name = d.Name
	}
	return pairs("dataset", name)
}

// describeSample names a sample and its uuid.
func describeSample(s events.Sample) string {
	return pairs("sample", s.Name, "uuid", s.UUID)
}

// describeLabel names a label by its sample, type and status.
func describeLabel(l events.Label) string {
	return pairs("label of sample", l.SampleUUID, "type", string(l.LabelType),
		"status", string(l.LabelStatus))
}

// describeIssue names an issue, its status and its sample.
func describeIssue(i events.Issue) string {
	return pairs("issue", i.UUID, "status", string(i.Status), "on sample", i.SampleName)
}

// pairs joins "label value" pairs whose value is set, so that the
// partial objects of deleted events read well too:
// pairs("sample", "a.jpg", "uuid", "") is "sample a.jpg".
func pairs(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			parts = append(parts, kv[i]+" "+kv[i+1])
		}
	}
	if len(parts) == 0 {
		return kv[0] + " (no details)"
	}
	return strings.Join(parts, ", ")
}
