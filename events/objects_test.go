package events_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/segments-webhooks/webhooks/events"
)

// TestParseExamplePayloads decodes the example body of every event type
// and checks the values a receiver is most likely to read.
func TestParseExamplePayloads(t *testing.T) {
	t.Parallel()

	tests := []struct {
		typ     events.Type
		dataset string
		check   func(t *testing.T, ev events.Event)
	}{
		{events.TypeDatasetCreated, "acme/street-scenes", checkDatasetCreated},
		{events.TypeDatasetUpdated, "acme/lidar-highway", checkDatasetUpdated},
		{events.TypeDatasetDeleted, "acme/old-experiments", checkDatasetDeleted},
		{events.TypeSampleCreated, "acme/street-scenes", checkSampleCreated},
		{events.TypeSampleUpdated, "acme/street-scenes", checkSampleUpdated},
		{events.TypeSampleDeleted, "acme/street-scenes", checkSampleDeleted},
		{events.TypeLabelUpdated, "acme/street-scenes", checkLabelUpdated},
		{events.TypeLabelDeleted, "acme/street-scenes", checkLabelDeleted},
		{events.TypeIssueCreated, "acme/street-scenes", checkIssueCreated},
		{events.TypeIssueUpdated, "acme/lidar-highway", checkIssueUpdated},
		{events.TypeReleaseCreated, "acme/street-scenes", checkReleaseCreated},
	}
	if len(tests) != len(events.Types()) {
		t.Fatalf("%d example payloads tested, want one per type of events.Types (%d)",
			len(tests), len(events.Types()))
	}

	for _, tt := range tests {
		t.Run(string(tt.typ)+" decodes", func(t *testing.T) {
			t.Parallel()
			ev := mustParse(t, readPayload(t, tt.typ))

			env := ev.EventEnvelope()
			if env.Type != tt.typ || ev.EventType() != tt.typ {
				t.Errorf("event type = %q, want %q", env.Type, tt.typ)
			}
			if env.APIVersion != "2021-08-01" {
				t.Errorf("APIVersion = %q, want 2021-08-01", env.APIVersion)
			}
			if env.DatasetName != tt.dataset {
				t.Errorf("DatasetName = %q, want %q", env.DatasetName, tt.dataset)
			}
			if env.CreatedAt.IsZero() || env.CreatedAt.Year() != 2026 {
				t.Errorf("CreatedAt = %v, want a time in 2026", env.CreatedAt)
			}
			if env.Text == "" {
				t.Error("Text is empty")
			}
			tt.check(t, ev)
		})
	}
}

func checkDatasetCreated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.DatasetCreated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.DatasetCreated", ev)
	}
	d := e.Dataset
	if d.FullName != "acme/street-scenes" || d.Name != "street-scenes" {
		t.Errorf("names = %q, %q", d.FullName, d.Name)
	}
	if d.TaskType != events.TaskTypeBboxes || d.Category != events.DatasetCategoryStreetScenery {
		t.Errorf("TaskType, Category = %q, %q", d.TaskType, d.Category)
	}
	if d.Owner.Username != "acme" || d.Owner.Email != "data-ops@acme.example" {
		t.Errorf("Owner = %+v", d.Owner)
	}
	if !d.EnableRatings || !d.EnableConfirmOnSubmit || d.EnableSkipReviewing {
		t.Error("enable_ settings not decoded as sent")
	}
	if d.LabelingInactivityTimeoutSeconds == nil || *d.LabelingInactivityTimeoutSeconds != 300 {
		t.Errorf("LabelingInactivityTimeoutSeconds = %v, want 300",
			d.LabelingInactivityTimeoutSeconds)
	}
	if d.Role != events.RoleAdmin {
		t.Errorf("Role = %q", d.Role)
	}
	if d.ClonedFrom != "" {
		t.Errorf("ClonedFrom = %q, want empty for null", d.ClonedFrom)
	}

	ta := d.TaskAttributes
	if ta.FormatVersion != "0.1" || len(ta.Categories) != 3 || len(ta.ImageAttributes) != 2 {
		t.Fatalf("TaskAttributes = %+v", ta)
	}
	car, ok := ta.CategoryByID(1)
	if !ok || car.Name != "car" || !car.HasInstances ||
		!slices.Equal(car.Color, []float64{33, 138, 33}) {
		t.Errorf("category 1 = %+v", car)
	}
	vehicle := car.Attributes[0]
	if vehicle.InputType != events.InputTypeSelect || vehicle.DefaultValue != "sedan" ||
		!vehicle.IsMandatory || len(vehicle.Values) != 4 {
		t.Errorf("select attribute = %+v", vehicle)
	}
	if occluded := car.Attributes[1]; occluded.InputType != events.InputTypeCheckbox ||
		occluded.DefaultValue != false {
		t.Errorf("checkbox attribute = %+v", occluded)
	}
	ped, _ := ta.CategoryByID(2)
	age := ped.Attributes[1]
	if age.InputType != events.InputTypeNumber || age.DefaultValue != 30.0 ||
		age.Min == nil || *age.Min != 0 || age.Max == nil || *age.Max != 100 ||
		age.Step == nil || *age.Step != 1 {
		t.Errorf("number attribute = %+v", age)
	}
	if ped.Attributes[0].InputType != events.InputTypeMultiselect ||
		ped.Attributes[2].InputType != events.InputTypeText {
		t.Errorf("multiselect and text attributes = %+v", ped.Attributes)
	}
	if sign, _ := ta.CategoryByID(3); len(sign.Color) != 4 || sign.Attributes != nil {
		t.Errorf("category 3 = %+v", sign)
	}
	if _, ok := ta.CategoryByID(99); ok {
		t.Error("CategoryByID(99) found a category")
	}

	if len(d.Labelsets) != 1 || !d.Labelsets[0].IsGroundtruth || d.Labelsets[0].CreatedAt.IsZero() {
		t.Errorf("Labelsets = %+v", d.Labelsets)
	}
	if d.Metadata["camera"] != "front-wide" {
		t.Errorf("Metadata = %v", d.Metadata)
	}
}

func checkDatasetUpdated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.DatasetUpdated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.DatasetUpdated", ev)
	}
	d := e.Dataset
	if d.TaskType != events.TaskTypeMultisensorSequence ||
		d.ClonedFrom != "acme/lidar-highway-pilot" {
		t.Errorf("TaskType, ClonedFrom = %q, %q", d.TaskType, d.ClonedFrom)
	}
	want := events.LabelStats{
		Total: 412, Unlabeled: 187, Prelabeled: 64, LabelingInProgress: 3,
		Labeled: 58, ReviewingInProgress: 1, Reviewed: 81, Rejected: 9,
		Skipped: 2, Verified: 7,
	}
	if d.LabelStats != want {
		t.Errorf("LabelStats = %+v, want %+v", d.LabelStats, want)
	}
	if d.SamplesCount != 412 || d.CollaboratorsCount != 14 {
		t.Errorf("counts = %d, %d", d.SamplesCount, d.CollaboratorsCount)
	}
	if !d.Enable3DRegionOfInterest || d.RegionOfInterest["type"] != "box" {
		t.Errorf("region of interest = %v, %v", d.Enable3DRegionOfInterest, d.RegionOfInterest)
	}

	ta := d.TaskAttributes
	if ta.FormatVersion != "0.1" {
		t.Errorf("numeric format_version read as %q, want 0.1", ta.FormatVersion)
	}
	if ta.CircleRadius != 60 {
		t.Errorf("CircleRadius = %v", ta.CircleRadius)
	}
	truck, _ := ta.CategoryByID(1)
	if truck.Dimensions == nil || *truck.Dimensions.X != 7.8 || *truck.Dimensions.Z != 3.6 {
		t.Errorf("truck dimensions = %+v", truck.Dimensions)
	}
	var inputs []events.InputType
	for _, a := range truck.Attributes {
		inputs = append(inputs, a.InputType)
	}
	trailer, _ := ta.CategoryByID(2)
	inputs = append(inputs, trailer.Attributes[0].InputType)
	wantInputs := []events.InputType{
		events.InputTypeCheckbox, events.InputTypeVector3,
		events.InputTypeQuaternion, events.InputTypePoints,
	}
	if !slices.Equal(inputs, wantInputs) {
		t.Errorf("input types = %q, want %q", inputs, wantInputs)
	}
	if !truck.Attributes[0].SyncedAcrossSensors || !truck.Attributes[1].IsTrackLevel {
		t.Errorf("attribute flags = %+v", truck.Attributes)
	}
	if trailer.Attributes[0].SensorFilter != "lidar" {
		t.Errorf("SensorFilter = %q", trailer.Attributes[0].SensorFilter)
	}
	if len(truck.LinkAttributes) != 1 || !slices.Equal(truck.LinkCategoryRestrictions, []int{2}) {
		t.Errorf("links = %+v, %v", truck.LinkAttributes, truck.LinkCategoryRestrictions)
	}
	car, _ := ta.CategoryByID(3)
	if car.Dimensions == nil || car.Dimensions.Z != nil || *car.Dimensions.Y != 1.8 {
		t.Errorf("partial car dimensions = %+v", car.Dimensions)
	}

	if len(ta.WarningRules) != 2 {
		t.Fatalf("WarningRules = %+v", ta.WarningRules)
	}
	overlap, limits := ta.WarningRules[0], ta.WarningRules[1]
	if overlap.Name != events.WarningRuleIntersectingCuboids ||
		!slices.Equal(overlap.ExcludedSetOfCategories, []int{1, 2}) {
		t.Errorf("first rule = %+v", overlap)
	}
	if limits.Name != events.WarningRuleCuboidDimensionLimits || limits.Min == nil ||
		*limits.Min.X != 2.5 || limits.Min.Z != nil || limits.Max == nil || *limits.Max.Z != 2.5 {
		t.Errorf("second rule = %+v", limits)
	}
	if len(d.Labelsets) != 2 || d.Labelsets[1].IsGroundtruth {
		t.Errorf("Labelsets = %+v", d.Labelsets)
	}
	lidar, _ := d.Metadata["lidar"].(map[string]any)
	if lidar["rate_hz"] != 10.0 {
		t.Errorf("nested metadata = %v", d.Metadata)
	}
}

func checkDatasetDeleted(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.DatasetDeleted)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.DatasetDeleted", ev)
	}
	d := e.Dataset
	if d.FullName != "acme/old-experiments" || d.Owner.Username != "acme" {
		t.Errorf("Dataset = %+v", d)
	}
	if !d.CreatedAt.IsZero() || d.TaskAttributes.Categories != nil || d.SamplesCount != 0 {
		t.Error("absent fields of a partial dataset are not zero")
	}
}

func checkSampleCreated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.SampleCreated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.SampleCreated", ev)
	}
	s := e.Sample
	if s.UUID != "7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17" || s.Name != "frame_000123.jpg" {
		t.Errorf("UUID, Name = %q, %q", s.UUID, s.Name)
	}
	if s.CreatedBy != "ingest-bot" || s.Priority != 0 || s.Label != nil {
		t.Errorf("Sample = %+v", s)
	}
	if s.AssignedLabeler != "" || s.AssignedReviewer != "" {
		t.Error("null assignees are not empty")
	}
	if s.Issues == nil || len(s.Issues) != 0 {
		t.Errorf("Issues = %#v, want an empty slice", s.Issues)
	}
	want := time.Date(2026, 11, 30, 9, 15, 2, 98514000, time.UTC)
	if !s.CreatedAt.Time.Equal(want) {
		t.Errorf("CreatedAt = %v, want %v", s.CreatedAt, want)
	}
	if s.Metadata["frame_index"] != 123.0 || s.Metadata["daylight"] != false {
		t.Errorf("Metadata = %v", s.Metadata)
	}
	if s.DatasetFullName != "acme/street-scenes" {
		t.Errorf("DatasetFullName = %q", s.DatasetFullName)
	}
	checkAttributesJSON(t, s.Attributes, func(v map[string]any) bool {
		image, _ := v["image"].(map[string]any)
		return image["url"] == "https://assets.acme.example/street-scenes/route-7/frame_000123.jpg"
	})
}

func checkSampleUpdated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.SampleUpdated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.SampleUpdated", ev)
	}
	s := e.Sample
	if s.AssignedLabeler != "lena.peeters" || s.AssignedReviewer != "tom.devos" ||
		s.Priority != 12.5 {
		t.Errorf("Sample = %+v", s)
	}
	if s.Metadata["location"] != "Gent – Coupure Links, België" {
		t.Errorf("non-ASCII metadata = %q", s.Metadata["location"])
	}
	if s.Readme == "" {
		t.Error("Readme is empty")
	}
	if s.Label == nil {
		t.Fatal("Label is nil, want the label summary")
	}
	if s.Label.LabelStatus != events.LabelStatusLabelingInProgress || s.Label.Score != nil ||
		s.Label.CreatedBy != "lena.peeters" || s.Label.UpdatedAt.IsZero() {
		t.Errorf("Label = %+v", s.Label)
	}
}

func checkSampleDeleted(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.SampleDeleted)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.SampleDeleted", ev)
	}
	s := e.Sample
	if s.UUID != "c41e9b07-58d2-4f6a-8e3c-0b7a91d2e664" || s.Name != "frame_000087.jpg" {
		t.Errorf("UUID, Name = %q, %q", s.UUID, s.Name)
	}
	if s.Metadata != nil || !s.CreatedAt.IsZero() {
		t.Error("absent fields of a partial sample are not zero")
	}
	checkAttributesJSON(t, s.Attributes, nil)
}

func checkLabelUpdated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.LabelUpdated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.LabelUpdated", ev)
	}
	l := e.Label
	if l.SampleUUID != "7f0c2a4e-1b9d-4c3e-9a51-2d6f8e0b4c17" || l.Labelset != "ground-truth" {
		t.Errorf("SampleUUID, Labelset = %q, %q", l.SampleUUID, l.Labelset)
	}
	if l.LabelType != events.TaskTypeBboxes || l.LabelStatus != events.LabelStatusReviewed {
		t.Errorf("LabelType, LabelStatus = %q, %q", l.LabelType, l.LabelStatus)
	}
	if l.Score != nil {
		t.Errorf("Score = %v, want nil for null", *l.Score)
	}
	if l.Rating == nil || *l.Rating != 4 {
		t.Errorf("Rating = %v, want 4", l.Rating)
	}
	if l.CreatedBy != "lena.peeters" || l.UpdatedBy != "tom.devos" || l.ReviewedBy != "tom.devos" {
		t.Errorf("users = %q, %q, %q", l.CreatedBy, l.UpdatedBy, l.ReviewedBy)
	}
	if !l.ReviewedAt.Equal(l.UpdatedAt) || l.ReviewedAt.IsZero() {
		t.Errorf("ReviewedAt, UpdatedAt = %v, %v", l.ReviewedAt, l.UpdatedAt)
	}
	checkAttributesJSON(t, l.Attributes, func(v map[string]any) bool {
		annotations, _ := v["annotations"].([]any)
		if len(annotations) != 3 {
			return false
		}
		first, _ := annotations[0].(map[string]any)
		return first["type"] == "bbox" && first["category_id"] == 1.0
	})
}

func checkLabelDeleted(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.LabelDeleted)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.LabelDeleted", ev)
	}
	l := e.Label
	if l.SampleUUID != "e2d85f1a-3c6b-4a97-b0d4-71f9c8a5e312" ||
		l.LabelType != events.TaskTypeBboxes {
		t.Errorf("Label = %+v", l)
	}
	if l.LabelStatus != "" || !l.CreatedAt.IsZero() || l.Rating != nil {
		t.Error("absent fields of a partial label are not zero")
	}
	checkAttributesJSON(t, l.Attributes, nil)
}

func checkIssueCreated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.IssueCreated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.IssueCreated", ev)
	}
	is := e.Issue
	if is.UUID != "3b9e0d5c-7a41-4f28-9c6e-15d0a8f4b273" || is.Status != events.IssueStatusOpen {
		t.Errorf("UUID, Status = %q, %q", is.UUID, is.Status)
	}
	if is.SampleName != "frame_000123.jpg" || is.CreatedBy != "tom.devos" || is.Description == "" {
		t.Errorf("Issue = %+v", is)
	}
	if is.Comments == nil || len(is.Comments) != 0 {
		t.Errorf("Comments = %#v, want an empty slice", is.Comments)
	}
	want := &events.IssueAnchor{
		Type:     events.IssueAnchorLocation,
		Location: &events.IssueLocation{Type: events.IssueLocation2D, X: 951.5, Y: 162},
	}
	if !sameValue(is.Anchor, want) {
		t.Errorf("Anchor = %+v, want %+v", is.Anchor, want)
	}
}

func checkIssueUpdated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.IssueUpdated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.IssueUpdated", ev)
	}
	is := e.Issue
	if is.Status != events.IssueStatusClosed || is.UpdatedBy != "lena.peeters" {
		t.Errorf("Status, UpdatedBy = %q, %q", is.Status, is.UpdatedBy)
	}
	if len(is.Comments) != 2 {
		t.Fatalf("Comments = %+v", is.Comments)
	}
	first := is.Comments[0]
	wantText := "Ça bouge à cause de la rampe ; I re-fitted frames 12 to 19."
	if first.CreatedBy != "lena.peeters" || first.Text != wantText {
		t.Errorf("first comment = %+v", first)
	}
	if !is.Comments[1].CreatedAt.After(first.CreatedAt.Time) {
		t.Error("comments are not in the order sent")
	}
	want := &events.IssueAnchor{
		Type: events.IssueAnchorTrack, Sensor: "lidar", Frame: ptr(12),
		TrackNumber: 7, TrackAttribute: "contour",
	}
	if !sameValue(is.Anchor, want) {
		t.Errorf("Anchor = %+v, want %+v", is.Anchor, want)
	}
}

func checkReleaseCreated(t *testing.T, ev events.Event) {
	e, ok := ev.(*events.ReleaseCreated)
	if !ok {
		t.Fatalf("Parse returned %T, want *events.ReleaseCreated", ev)
	}
	r := e.Release
	if r.Name != "v1.2" || r.UUID != "9d4a1f63-0e8b-4c75-b2a9-38c6f1e05d94" ||
		r.ReleaseType != "JSON" {
		t.Errorf("Release = %+v", r)
	}
	if r.Status != events.ReleaseStatusSucceeded || r.SamplesCount != 1840 {
		t.Errorf("Status, SamplesCount = %q, %d", r.Status, r.SamplesCount)
	}
	wantURL := "https://releases.acme.example/street-scenes/" +
		"9d4a1f63-0e8b-4c75-b2a9-38c6f1e05d94.json"
	if r.Attributes.URL != wantURL || r.Attributes.SignedURL != "" {
		t.Errorf("Attributes = %+v", r.Attributes)
	}
}

// checkAttributesJSON encodes sample or label attributes and checks the
// result with ok, whatever Go type they decoded into. A nil ok expects
// the attributes to encode as null.
func checkAttributesJSON(t *testing.T, attrs any, ok func(map[string]any) bool) {
	t.Helper()
	encoded, err := json.Marshal(attrs)
	if err != nil {
		t.Fatalf("encoding attributes: %v", err)
	}
	if ok == nil {
		if string(encoded) != "null" {
			t.Errorf("attributes encode as %s, want null", encoded)
		}
		return
	}
	var v map[string]any
	if err := json.Unmarshal(encoded, &v); err != nil || !ok(v) {
		t.Errorf("attributes encode as %s", encoded)
	}
}
