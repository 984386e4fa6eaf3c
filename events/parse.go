package events

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// ErrInvalidPayload is wrapped by every error [Parse] returns.
var ErrInvalidPayload = errors.New("events: invalid payload")

// registry maps each known type to a constructor of its empty event.
var registry = map[Type]func() Event{
	TypeDatasetCreated: func() Event { return new(DatasetCreated) },
	TypeDatasetUpdated: func() Event { return new(DatasetUpdated) },
	TypeDatasetDeleted: func() Event { return new(DatasetDeleted) },
	TypeSampleCreated:  func() Event { return new(SampleCreated) },
	TypeSampleUpdated:  func() Event { return new(SampleUpdated) },
	TypeSampleDeleted:  func() Event { return new(SampleDeleted) },
	TypeLabelUpdated:   func() Event { return new(LabelUpdated) },
	TypeLabelDeleted:   func() Event { return new(LabelDeleted) },
	TypeIssueCreated:   func() Event { return new(IssueCreated) },
	TypeIssueUpdated:   func() Event { return new(IssueUpdated) },
	TypeReleaseCreated: func() Event { return new(ReleaseCreated) },
}

// newEvent returns an empty event of type typ, an [Unknown] for a type
// this package does not know.
func newEvent(typ Type) Event {
	if newTyped, ok := registry[typ]; ok {
		return newTyped()
	}
	return new(Unknown)
}

// Types returns the event types this package decodes into typed events,
// sorted.
func Types() []Type {
	types := make([]Type, 0, len(registry))
	for t := range registry {
		types = append(types, t)
	}
	slices.Sort(types)
	return types
}

// Known reports whether t is one of the event types of [Types].
func (t Type) Known() bool {
	_, ok := registry[t]
	return ok
}

// Parse decodes one delivery body into its typed event. The body must be
// a JSON object with a string event_type. A type this package does not
// know decodes to *[Unknown]; unknown keys and unknown enum values are
// kept or ignored, never an error. Every error wraps [ErrInvalidPayload].
//
// Parse does not check signatures: verify the raw body first, with
// [github.com/segments-webhooks/webhooks/verify].
//
// Parse decodes the bodies Segments.ai sends in one pass with
// [github.com/go-json-experiment/json] set to the semantics of
// encoding/json, and anything else with encoding/json itself, so that
// both give the same values and the same errors. The event owns all its
// memory: nothing in it refers to payload.
func Parse(payload []byte) (Event, error) {
	if ev, ok := parseFast(payload); ok {
		return ev, nil
	}
	return parseStandard(payload)
}

// parseStandard is [Parse] with encoding/json alone: the reference for
// the fast path, and the path that reports errors.
func parseStandard(payload []byte) (Event, error) {
	typ, err := peekType(payload)
	if err != nil {
		return nil, err
	}

	ev := newEvent(typ)
	if err := json.Unmarshal(payload, ev); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrInvalidPayload, typ, explain(payload, reflect.TypeOf(ev).Elem(), err))
	}
	return ev, nil
}

// peekType checks that payload is a JSON object and returns its
// event_type.
func peekType(payload []byte) (Type, error) {
	trimmed := bytes.TrimSpace(payload)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return "", fmt.Errorf("%w: body is not a JSON object", ErrInvalidPayload)
	}

	var head envelopeHead
	if err := json.Unmarshal(trimmed, &head); err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalidPayload, explain(trimmed, reflect.TypeFor[envelopeHead](), err))
	}
	if head.Type == nil || *head.Type == "" {
		return "", fmt.Errorf("%w: missing event_type", ErrInvalidPayload)
	}
	return Type(*head.Type), nil
}

// envelopeHead is the part of an envelope that [peekType] reads.
type envelopeHead struct {
	Type *string `json:"event_type"`
}

// explain returns the error to report for data, whose decoding into a t
// failed with err. For a value of the wrong type it is the error of the
// first such value that [locate] finds, with its path. A type error that
// locate does not find, which only repeated keys can cause, is described
// without the path that encoding/json gives, since that path differs
// between Go releases and may name types of this package's own.
func explain(data []byte, t reflect.Type, err error) error {
	if typeErr := locate("", data, t); typeErr != nil && typeErr.Field != "" {
		return fmt.Errorf("field %s: cannot use JSON %s as %s", typeErr.Field, typeErr.Value, typeErr.Type)
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Errorf("cannot use JSON %s as %s", typeErr.Value, typeErr.Type)
	}
	return err
}
