// Package events decodes the bodies of Segments.ai webhook deliveries
// into typed Go values.
//
// Each delivery is one JSON object: an envelope (event type, time,
// dataset, a one-line summary) around the object the event is about.
// [Parse] reads it into one of the event types of this package, such as
// *[SampleCreated] or *[LabelUpdated], which embed [Envelope] and hold
// the object as a [Dataset], [Sample], [Label], [Issue] or [Release].
// Event types this version does not know decode to *[Unknown], with the
// object kept as raw JSON.
//
// Parse does not check signatures. Verify the raw body first, with
// package [github.com/segments-webhooks/webhooks/verify], or let package
// [github.com/segments-webhooks/webhooks/handler] do both.
//
//	ev, err := events.Parse(body)
//	if err != nil {
//		return err
//	}
//	switch e := ev.(type) {
//	case *events.SampleCreated:
//		log.Printf("new sample %s in %s", e.Sample.Name, e.DatasetName)
//	case *events.LabelUpdated:
//		if e.Label.LabelStatus == events.LabelStatusRejected {
//			log.Printf("label of %s rejected", e.Label.SampleUUID)
//		}
//	case *events.Unknown:
//		log.Printf("skipping %s", e.Type)
//	}
//
// # Decoding rules
//
// Decoding favors keeping a delivery over rejecting it, because
// Segments.ai adds keys and values without notice:
//
//   - Unknown keys are ignored.
//   - Fields of string types with constants, such as [TaskType] and
//     [LabelStatus], keep values this package does not list; their Known
//     methods tell the two apart.
//   - A null, or a key that is absent, leaves the field at its zero
//     value. Objects of deleted events often carry only a few keys.
//   - Timestamps are read leniently into [Time]; one that cannot be read
//     becomes the zero Time.
//   - The attributes of samples and labels decode into the Go type for
//     their data or label type, or stay raw JSON when that type is not
//     known; see [SampleAttributes] and [LabelAttributes].
//
// Booleans, counts and strings are plain values, so an absent key reads
// as false, 0 or "". In a partial object that means "not sent", not
// "off": a deleted dataset's settings say nothing about what they were.
// Numbers for which 0 is a real value distinct from "not set", such as
// [Label.Score], [Label.Rating] and [IssueAnchor.Frame], are pointers
// that are nil when absent or null.
//
// Every event [Parse] returns encodes back, with [encoding/json], to a
// body that parses to an equal event, so events can be stored and
// replayed.
package events
