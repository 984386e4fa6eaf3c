package events

import (
	"reflect"
	"testing"
)

// TestDecodedListsOutliveTheNextParse checks that the lists of a parsed
// label are its own: the scratch slices they were read into serve the
// next parse, which must not change them.
func TestDecodedListsOutliveTheNextParse(t *testing.T) {
	t.Parallel()
	first := labelEvent("pointcloud-cuboid-sequence", `{"frames":[
		{"timestamp":"1","annotations":[{"id":1,"category_id":1,"type":"cuboid"},{"id":2,"category_id":2,"type":"cuboid"}]},
		{"timestamp":"2","annotations":[{"id":3,"category_id":3,"type":"cuboid"}]}]}`)
	second := labelEvent("pointcloud-cuboid-sequence", `{"frames":[
		{"timestamp":"9","annotations":[{"id":7,"category_id":8,"type":"cuboid"},{"id":8,"category_id":9,"type":"cuboid"},{"id":9,"category_id":9,"type":"cuboid"}]}]}`)

	got, err := Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	want, err := parseStandard(first)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := Parse(second); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after parsing another label, the first reads\n%s\nwant\n%s", jsonDump(got), jsonDump(want))
	}

	frames := got.(*LabelUpdated).Label.Attributes.(*PointcloudSequenceCuboidLabelAttributes).Frames
	if len(frames) != cap(frames) || len(frames[0].Annotations) != cap(frames[0].Annotations) {
		t.Errorf("decoded lists have spare capacity, so appending could write into shared memory")
	}
}
