package events_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
)

// envelope wraps object in a delivery body of event type typ.
func envelope(typ, object string) []byte {
	return []byte(`{"event_type":"` + typ + `","created_at":"2026-11-30T09:15:02.123456+00:00",` +
		`"api_version":"2021-08-01","dataset":"acme/street-scenes","object":` + object +
		`,"text":"summary"}`)
}

// TestParseForwardCompatible feeds Parse the kinds of surprises a newer
// Segments.ai may send and checks that nothing is lost or rejected.
func TestParseForwardCompatible(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name  string
		body  []byte
		check func(t *testing.T, ev events.Event)
	}{
		{
			name: "ok, an unknown event type decodes to Unknown with its object kept",
			body: envelope("sample.archived", `{"uuid": "u-1", "reason": {"by": "policy"}}`),
			check: func(t *testing.T, ev events.Event) {
				e, ok := ev.(*events.Unknown)
				if !ok {
					t.Fatalf("Parse returned %T, want *events.Unknown", ev)
				}
				if e.Type != "sample.archived" || e.Type.Known() ||
					e.DatasetName != "acme/street-scenes" {
					t.Errorf("envelope = %+v", e.Envelope)
				}
				if !sameJSON(e.Object, []byte(`{"uuid":"u-1","reason":{"by":"policy"}}`)) {
					t.Errorf("Object = %s", e.Object)
				}
			},
		},
		{
			name: "ok, unknown keys are ignored at every level",
			body: []byte(`{"event_type":"dataset.updated","delivery_attempt":3,
				"dataset":"acme/a","object":{"name":"a","full_name":"acme/a",
				"shiny_new_setting":true,"owner":{"username":"acme","avatar":{"url":"x"}},
				"task_attributes":{"circle_color":"red","categories":[{"id":4,
				"name":"bus","sort_order":2,"attributes":[{"name":"doors",
				"input_type":"number","unit":"count"}]}]}}}`),
			check: func(t *testing.T, ev events.Event) {
				d := ev.(*events.DatasetUpdated).Dataset
				bus, ok := d.TaskAttributes.CategoryByID(4)
				if d.FullName != "acme/a" || d.Owner.Username != "acme" || !ok ||
					bus.Attributes[0].InputType != events.InputTypeNumber {
					t.Errorf("Dataset = %+v", d)
				}
			},
		},
		{
			name: "ok, unknown enum values are kept as sent",
			body: envelope("label.updated", `{"sample_uuid":"s","label_type":"pointcloud-hologram",
				"label_status":"PRIORITIZED","attributes":{"holograms":[1,2]}}`),
			check: func(t *testing.T, ev events.Event) {
				l := ev.(*events.LabelUpdated).Label
				if l.LabelType != "pointcloud-hologram" || l.LabelType.Known() {
					t.Errorf("LabelType = %q", l.LabelType)
				}
				if l.LabelStatus != "PRIORITIZED" || l.LabelStatus.Known() {
					t.Errorf("LabelStatus = %q", l.LabelStatus)
				}
				checkAttributesJSON(t, l.Attributes, func(v map[string]any) bool {
					return reflect.DeepEqual(v["holograms"], []any{1.0, 2.0})
				})
			},
		},
		{
			name: "ok, unknown enum values of datasets are kept",
			body: envelope("dataset.created", `{"category":"custom-forestry",
				"task_type":"video-tracking","role":"auditor",
				"task_attributes":{"categories":[{"id":1,"name":"tree",
				"attributes":[{"name":"shape","input_type":"polygon"}]}],
				"warning_rules":[{"name":"floating-objects","max_height":2}]}}`),
			check: func(t *testing.T, ev events.Event) {
				d := ev.(*events.DatasetCreated).Dataset
				if d.Category != "custom-forestry" || d.TaskType != "video-tracking" ||
					d.Role != "auditor" {
					t.Errorf("Category, TaskType, Role = %q, %q, %q",
						d.Category, d.TaskType, d.Role)
				}
				tree, _ := d.TaskAttributes.CategoryByID(1)
				if got := tree.Attributes[0].InputType; got != "polygon" || got.Known() {
					t.Errorf("InputType = %q", got)
				}
				if d.TaskAttributes.WarningRules[0].Name != "floating-objects" {
					t.Errorf("WarningRules = %+v", d.TaskAttributes.WarningRules)
				}
			},
		},
		{
			name: "ok, unknown issue status and anchor type are kept",
			body: envelope("issue.updated", `{"uuid":"i","status":"ESCALATED",
				"anchor":{"type":"polygon","frame":0,"vertices":[[1,2]]}}`),
			check: func(t *testing.T, ev events.Event) {
				is := ev.(*events.IssueUpdated).Issue
				if is.Status != "ESCALATED" || is.Status.Known() {
					t.Errorf("Status = %q", is.Status)
				}
				a := is.Anchor
				if a == nil || a.Type != "polygon" || a.Frame == nil || *a.Frame != 0 {
					t.Errorf("Anchor = %+v", is.Anchor)
				}
			},
		},
		{
			name: "ok, an unknown release status is kept",
			body: envelope("release.created",
				`{"name":"v2","status":"ARCHIVED","release_type":"PARQUET"}`),
			check: func(t *testing.T, ev events.Event) {
				r := ev.(*events.ReleaseCreated).Release
				if r.Status != "ARCHIVED" || r.Status.Known() || r.ReleaseType != "PARQUET" {
					t.Errorf("Release = %+v", r)
				}
			},
		},
		{
			name: "ok, a timestamp without a zone is read as UTC",
			body: envelope("sample.created", `{"uuid":"s","created_at":"2026-11-30T09:15:02.5"}`),
			check: func(t *testing.T, ev events.Event) {
				got := ev.(*events.SampleCreated).Sample.CreatedAt
				want := time.Date(2026, 11, 30, 9, 15, 2, 5e8, time.UTC)
				if !got.Time.Equal(want) || got.Location() != time.UTC {
					t.Errorf("CreatedAt = %v, want %v", got, want)
				}
			},
		},
		{
			name: "ok, a timestamp that is not a time reads as zero",
			body: envelope("label.updated",
				`{"sample_uuid":"s","reviewed_at":"yesterday","created_at":17}`),
			check: func(t *testing.T, ev events.Event) {
				l := ev.(*events.LabelUpdated).Label
				if !l.ReviewedAt.IsZero() || !l.CreatedAt.IsZero() {
					t.Errorf("ReviewedAt, CreatedAt = %v, %v", l.ReviewedAt, l.CreatedAt)
				}
			},
		},
		{
			name: "ok, non-ASCII text survives",
			body: envelope("issue.created", `{"uuid":"i",
				"description":"Étiquette manquante \u00e0 gauche: 歩行者 🚲",
				"sample_name":"ночь_01.png",
				"comments":[{"text":"d’accord ✓","created_by":"zoë"}]}`),
			check: func(t *testing.T, ev events.Event) {
				is := ev.(*events.IssueCreated).Issue
				if is.Description != "Étiquette manquante à gauche: 歩行者 🚲" ||
					is.SampleName != "ночь_01.png" {
					t.Errorf("Description, SampleName = %q, %q", is.Description, is.SampleName)
				}
				if c := is.Comments[0]; c.Text != "d’accord ✓" || c.CreatedBy != "zoë" {
					t.Errorf("comment = %+v", c)
				}
			},
		},
		{
			name: "ok, a null dataset is the zero Dataset",
			body: envelope("dataset.deleted", `null`),
			check: func(t *testing.T, ev events.Event) {
				d := ev.(*events.DatasetDeleted).Dataset
				if !reflect.DeepEqual(d, events.Dataset{}) {
					t.Errorf("Dataset = %+v", d)
				}
			},
		},
		{
			name: "ok, a null sample is the zero Sample",
			body: envelope("sample.deleted", `null`),
			check: func(t *testing.T, ev events.Event) {
				if s := ev.(*events.SampleDeleted).Sample; !reflect.DeepEqual(s, events.Sample{}) {
					t.Errorf("Sample = %+v", s)
				}
			},
		},
		{
			name: "ok, a null label is the zero Label",
			body: envelope("label.deleted", `null`),
			check: func(t *testing.T, ev events.Event) {
				if l := ev.(*events.LabelDeleted).Label; !reflect.DeepEqual(l, events.Label{}) {
					t.Errorf("Label = %+v", l)
				}
			},
		},
		{
			name: "ok, a null issue and a null release are zero values",
			body: envelope("issue.created", `null`),
			check: func(t *testing.T, ev events.Event) {
				if is := ev.(*events.IssueCreated).Issue; !reflect.DeepEqual(is, events.Issue{}) {
					t.Errorf("Issue = %+v", is)
				}
				rel := mustParse(t, envelope("release.created", `null`)).(*events.ReleaseCreated)
				if !reflect.DeepEqual(rel.Release, events.Release{}) {
					t.Errorf("Release = %+v", rel.Release)
				}
			},
		},
		{
			name: "ok, null nested objects and lists give zero values",
			body: envelope("dataset.updated", `{"name":"a","owner":null,"label_stats":null,
				"task_attributes":null,"labelsets":null,"metadata":null,"samples_count":null,
				"labeling_inactivity_timeout_seconds":null,"created_at":null}`),
			check: func(t *testing.T, ev events.Event) {
				want := events.Dataset{Name: "a"}
				if d := ev.(*events.DatasetUpdated).Dataset; !reflect.DeepEqual(d, want) {
					t.Errorf("Dataset = %+v, want %+v", d, want)
				}
			},
		},
		{
			name: "ok, a sample with null label, attributes and issues",
			body: envelope("sample.updated", `{"uuid":"s","label":null,"attributes":null,
				"issues":null,"assigned_labeler":null,"metadata":{}}`),
			check: func(t *testing.T, ev events.Event) {
				s := ev.(*events.SampleUpdated).Sample
				if s.Label != nil || s.Issues != nil || s.AssignedLabeler != "" ||
					s.Metadata == nil {
					t.Errorf("Sample = %+v", s)
				}
				checkAttributesJSON(t, s.Attributes, nil)
			},
		},
		{
			name: "ok, a partial deleted label keeps what it has",
			body: envelope("label.deleted", `{"sample_uuid":"s-9","labelset":"detector-v3"}`),
			check: func(t *testing.T, ev events.Event) {
				l := ev.(*events.LabelDeleted).Label
				if l.SampleUUID != "s-9" || l.Labelset != "detector-v3" || l.LabelType != "" {
					t.Errorf("Label = %+v", l)
				}
				checkAttributesJSON(t, l.Attributes, nil)
			},
		},
		{
			name: "ok, numbers sent as strings and versions sent as numbers",
			body: envelope("dataset.updated", `{"samples_count":"94",
				"task_attributes":{"format_version":0.1,
				"categories":[{"id":1,"name":"car","attributes":[
				{"name":"a","input_type":"number","min":"","max":"12.5","step":0.5},
				{"name":"b","input_type":"number","min":"n/a","max":null}]}]}}`),
			check: func(t *testing.T, ev events.Event) {
				d := ev.(*events.DatasetUpdated).Dataset
				if d.SamplesCount != 94 || d.TaskAttributes.FormatVersion != "0.1" {
					t.Errorf("SamplesCount, FormatVersion = %d, %q",
						d.SamplesCount, d.TaskAttributes.FormatVersion)
				}
				car, _ := d.TaskAttributes.CategoryByID(1)
				a, b := car.Attributes[0], car.Attributes[1]
				if a.Min != nil || a.Max == nil || *a.Max != 12.5 ||
					a.Step == nil || *a.Step != 0.5 {
					t.Errorf("first attribute = %+v", a)
				}
				if b.Min != nil || b.Max != nil || b.Step != nil {
					t.Errorf("second attribute = %+v", b)
				}
			},
		},
		{
			name: "ok, a samples_count that is not a number reads as 0",
			body: envelope("dataset.updated", `{"name":"a","samples_count":{"approx":100}}`),
			check: func(t *testing.T, ev events.Event) {
				if d := ev.(*events.DatasetUpdated).Dataset; d.SamplesCount != 0 || d.Name != "a" {
					t.Errorf("Dataset = %+v", d)
				}
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.check(t, mustParse(t, tt.body))
		})
	}
}

// TestParseIssueAnchors decodes every kind of issue anchor.
func TestParseIssueAnchors(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name   string
		anchor string
		want   *events.IssueAnchor
	}{
		{
			name:   "ok, no anchor",
			anchor: `null`,
			want:   nil,
		},
		{
			name:   "ok, basic anchor on one sensor and frame",
			anchor: `{"type":"basic","sensor":"cam-front","frame":0}`,
			want: &events.IssueAnchor{
				Type: events.IssueAnchorBasic, Sensor: "cam-front", Frame: ptr(0),
			},
		},
		{
			name:   "ok, track anchor without an attribute",
			anchor: `{"type":"track","trackNumber":3}`,
			want:   &events.IssueAnchor{Type: events.IssueAnchorTrack, TrackNumber: 3},
		},
		{
			name: "ok, scene attribute anchor",
			anchor: `{"type":"sceneAttribute","sceneAttribute":"weather",
				"sensor":null,"frame":null}`,
			want: &events.IssueAnchor{
				Type: events.IssueAnchorSceneAttribute, SceneAttribute: "weather",
			},
		},
		{
			name:   "ok, location anchor in an image",
			anchor: `{"type":"location","location":{"type":"2d","x":10.5,"y":20}}`,
			want: &events.IssueAnchor{
				Type:     events.IssueAnchorLocation,
				Location: &events.IssueLocation{Type: events.IssueLocation2D, X: 10.5, Y: 20},
			},
		},
		{
			name:   "ok, location anchor in a point cloud frame",
			anchor: `{"type":"location","frame":4,"location":{"type":"3d","x":-1.25,"y":0,"z":2}}`,
			want: &events.IssueAnchor{
				Type: events.IssueAnchorLocation, Frame: ptr(4),
				Location: &events.IssueLocation{Type: events.IssueLocation3D, X: -1.25, Z: 2},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ev := mustParse(t, envelope("issue.created", `{"uuid":"i","anchor":`+tt.anchor+`}`))
			if got := ev.(*events.IssueCreated).Issue.Anchor; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Anchor = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestParseRejectsObjectsOfTheWrongShape checks that a known object of
// the wrong JSON type is an error, not a silently empty event.
func TestParseRejectsObjectsOfTheWrongShape(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		body []byte
		want string
	}{
		{
			"nok, sample object is an array",
			envelope("sample.created", `[1,2]`), "sample.created",
		},
		{
			"nok, dataset object is a string",
			envelope("dataset.updated", `"acme/a"`), "dataset.updated",
		},
		{
			"nok, label status is a number",
			envelope("label.updated", `{"label_status":3}`), "label_status",
		},
		{
			"nok, issue comments is an object",
			envelope("issue.updated", `{"comments":{}}`), "comments",
		},
		{
			"nok, category id is a string",
			envelope("dataset.created", `{"task_attributes":{"categories":[{"id":"one"}]}}`),
			"id",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := events.Parse(tt.body)
			if !errors.Is(err, events.ErrInvalidPayload) {
				t.Fatalf("Parse error = %v, want one wrapping ErrInvalidPayload", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %q, want it to mention %q", err, tt.want)
			}
		})
	}
}

// TestRoundTripExamplePayloads encodes every example event and parses it
// again: the result must hold the same data, and encoding it once more
// must give the same bytes.
func TestRoundTripExamplePayloads(t *testing.T) {
	t.Parallel()

	for _, typ := range events.Types() {
		t.Run(string(typ)+" survives encoding and parsing", func(t *testing.T) {
			t.Parallel()
			first := mustParse(t, readPayload(t, typ))
			second, encoded := roundTrip(t, first)
			if !sameValue(first, second) {
				t.Errorf("parsed again, the event differs:\nfirst  %+v\nsecond %+v", first, second)
			}
			if _, again := roundTrip(t, second); string(again) != string(encoded) {
				t.Errorf("second encoding differs:\n%s\n%s", encoded, again)
			}
		})
	}
}

// TestRoundTripObjects encodes fully populated objects built in Go and
// decodes them with reflect.DeepEqual as the judge.
func TestRoundTripObjects(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		in   any
		out  any
	}{
		{"ok, a fully set dataset", fullDataset(), new(events.Dataset)},
		{"ok, the zero dataset", &events.Dataset{}, new(events.Dataset)},
		{"ok, a fully set issue", fullIssue(), new(events.Issue)},
		{"ok, the zero issue", &events.Issue{}, new(events.Issue)},
		{"ok, a fully set release", fullRelease(), new(events.Release)},
		{"ok, the zero sample", &events.Sample{}, new(events.Sample)},
		{"ok, the zero label", &events.Label{}, new(events.Label)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			encoded, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(encoded, tt.out); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tt.in, tt.out) {
				t.Errorf("decoded %+v\nwant    %+v\nfrom %s", tt.out, tt.in, encoded)
			}
		})
	}
}

// someTime is a time in UTC, which is how a time reads back from JSON.
var someTime = events.Time{Time: time.Date(2026, 11, 30, 9, 15, 2, 123456000, time.UTC)}

// fullDataset returns a dataset with every field set, zeros that must
// survive included.
func fullDataset() *events.Dataset {
	return &events.Dataset{
		Name:        "a",
		FullName:    "acme/a",
		ClonedFrom:  "acme/b",
		Description: "d",
		Category:    events.DatasetCategoryOther,
		Public:      true,
		Archived:    true,
		Owner:       events.Owner{Username: "acme", CreatedAt: someTime, Email: "e@acme.example"},
		CreatedAt:   someTime,

		EnableRatings:                        true,
		EnableSkipLabeling:                   true,
		EnableSkipReviewing:                  true,
		EnableSaveButton:                     true,
		EnableLabelStatusVerified:            true,
		EnableSameDimensionsTrackConstraint:  true,
		Enable3DRegionOfInterest:             true,
		Enable3DCuboidRotation:               true,
		EnableConfirmOnSubmit:                true,
		EnableInterpolation:                  true,
		UseTimestampsForInterpolation:        true,
		EnableObjectLinking:                  true,
		EnableObjectLinkCategoryRestrictions: true,
		EnableExtrapolation:                  true,

		TaskType: events.TaskTypePointcloudCuboidSequence,
		LabelStats: events.LabelStats{
			Total: 9, Unlabeled: 1, Prelabeled: 1, LabelingInProgress: 1,
			Labeled: 1, ReviewingInProgress: 1, Reviewed: 1, Rejected: 1,
			Skipped: 1, Verified: 1,
		},
		LabelingInactivityTimeoutSeconds: ptr(0),
		SamplesCount:                     9,
		CollaboratorsCount:               2,
		TaskAttributes:                   fullTaskAttributes(),
		Labelsets: []events.Labelset{
			{Name: "ground-truth", Description: "gt", IsGroundtruth: true, CreatedAt: someTime},
		},
		Role:                     events.RoleManager,
		Readme:                   "r",
		Metadata:                 map[string]any{"k": []any{1.0, "v", nil, map[string]any{}}},
		NoncollaboratorCanLabel:  true,
		NoncollaboratorCanReview: true,
		InsightsURLs:             map[string]string{"overview": "https://insights.acme.example/o"},
		RegionOfInterest:         map[string]any{},
	}
}

// fullTaskAttributes returns task attributes with every field set.
func fullTaskAttributes() events.TaskAttributes {
	number := events.AttributeDefinition{
		Name: "n", InputType: events.InputTypeNumber, DefaultValue: 2.5,
		Min: ptr(0.0), Max: ptr(10.0), Step: ptr(0.5),
		IsMandatory: true, IsTrackLevel: true, SyncedAcrossSensors: true,
		SensorFilter: "lidar", Sensors: "3D",
	}
	multiselect := events.AttributeDefinition{
		Name: "s", InputType: events.InputTypeMultiselect,
		Values: []string{"x", "y"}, DefaultValue: []any{"x"},
	}
	checkbox := events.AttributeDefinition{
		Name: "l", InputType: events.InputTypeCheckbox, DefaultValue: true,
	}
	text := events.AttributeDefinition{
		Name: "w", InputType: events.InputTypeText, DefaultValue: "",
	}
	return events.TaskAttributes{
		FormatVersion: "0.1",
		Categories: []events.Category{{
			ID: 1, Name: "car", Color: []float64{1, 2, 3, 4}, HasInstances: true,
			LockDimensions: true, LockRotation: true, LockPosition: true,
			Attributes:               []events.AttributeDefinition{number, multiselect},
			LinkAttributes:           []events.AttributeDefinition{checkbox},
			LinkCategoryRestrictions: []int{2},
			Dimensions:               &events.CuboidSize{X: ptr(4.0), Y: ptr(0.0)},
		}},
		ImageAttributes: []events.AttributeDefinition{text},
		CircleRadius:    50,
		WarningRules: []events.WarningRule{{
			Name:                    events.WarningRuleCuboidDimensionLimits,
			ExcludedCategories:      []int{},
			ExcludedSetOfCategories: []int{3},
			Categories:              []int{1},
			Min:                     &events.CuboidSize{Z: ptr(0.5)},
			Max:                     &events.CuboidSize{},
		}},
	}
}

// fullIssue returns an issue with every field set.
func fullIssue() *events.Issue {
	return &events.Issue{
		UUID:        "i",
		Description: "d",
		Status:      events.IssueStatusClosed,
		SampleUUID:  "s",
		SampleName:  "n",
		Anchor: &events.IssueAnchor{
			Type: events.IssueAnchorLocation, Sensor: "lidar", Frame: ptr(0),
			TrackNumber: 1, TrackAttribute: "t", SceneAttribute: "w",
			Location: &events.IssueLocation{Type: events.IssueLocation3D, X: 1, Y: 2, Z: 3},
		},
		Comments:  []events.IssueComment{{Text: "c", CreatedAt: someTime, CreatedBy: "u"}},
		CreatedAt: someTime,
		CreatedBy: "u",
		UpdatedAt: someTime,
		UpdatedBy: "v",
	}
}

// fullRelease returns a release with every field set.
func fullRelease() *events.Release {
	return &events.Release{
		UUID:        "r",
		Name:        "v1",
		Description: "d",
		ReleaseType: "JSON",
		Attributes: events.ReleaseAttributes{
			URL:       "https://a.example/r.json",
			SignedURL: "https://a.example/r.json?sig=1",
		},
		Status:       events.ReleaseStatusPending,
		CreatedAt:    someTime,
		SamplesCount: 3,
	}
}
