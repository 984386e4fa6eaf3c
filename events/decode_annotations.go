package events

import (
	"bytes"
	"reflect"
	"sync"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// This file decodes labels, whose annotation lists may hold thousands
// of objects, for the fast path of [Parse]. A scanner walks the bytes
// itself instead of asking a decoder for one token at a time, and checks
// the syntax as it goes: it accepts only valid JSON. It handles what
// Segments.ai sends; on anything else, such as a null where an object
// belongs, a number with a fraction where an integer belongs, a key
// that matches a field only in another case, or invalid JSON, it
// reports false, and Parse decodes the body another way.

// decodeList returns a function that decodes an array of annotations
// with scan, into a new slice.
func decodeList[T any](scan func(*scanner, *T) bool) func(*jsontext.Decoder, *[]T) error {
	return func(dec *jsontext.Decoder, list *[]T) error {
		switch dec.PeekKind() {
		case 'n', '[':
		default:
			return errSlowPath
		}
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		s := scanner{data: raw, st: newListState()}
		defer s.st.release()
		if !scanList(&s, list, scan) {
			return errSlowPath
		}
		return nil
	}
}

// scanList decodes an array with scan, into a new slice of exactly its
// length; null sets *list to nil. A slice that is already set, as by a
// repeated key, is left to encoding/json, which decodes into the
// elements it holds.
func scanList[T any](s *scanner, list *[]T, scan func(*scanner, *T) bool) bool {
	if s.null() {
		*list = nil
		return true
	}
	if *list != nil || s.peek() != '[' {
		return false
	}
	pool := scratchPool[T]()
	scratch, _ := pool.Get().(*[]T)
	if scratch == nil {
		scratch = new([]T)
	}
	items := (*scratch)[:0]
	ok := s.array(func() bool {
		items = append(items, *new(T))
		return scan(s, &items[len(items)-1])
	})
	*list = append(make([]T, 0, len(items)), items...)

	clear(items) // so that the pool keeps nothing of this event alive
	if cap(items) <= maxScratch {
		*scratch = items[:0]
		pool.Put(scratch)
	}
	return ok
}

// scratchLists holds, per element type, a sync.Pool of the slices that
// scanList grows while it reads a list. Growing a list by doubling
// allocates up to three times its final size, and a label holds many
// lists; with the scratch slices, each list is allocated once.
var scratchLists sync.Map // reflect.Type → *sync.Pool of *[]T

// maxScratch is the capacity beyond which a scratch slice is dropped
// rather than kept for the next list.
const maxScratch = 4096

// scratchPool returns the pool of scratch slices of T.
func scratchPool[T any]() *sync.Pool {
	key := reflect.TypeFor[T]()
	if pool, ok := scratchLists.Load(key); ok {
		return pool.(*sync.Pool)
	}
	pool, _ := scratchLists.LoadOrStore(key, new(sync.Pool))
	return pool.(*sync.Pool)
}

// scanAttributes returns a function that decodes label attributes of
// type T with scan, for the label types whose labels grow large, or nil
// for the others, which the decoder's reflection handles.
func scanAttributes(labelType TaskType) func(*scanner, LabelAttributes) bool {
	switch labelType {
	case TaskTypePointcloudSegmentation:
		return func(s *scanner, a LabelAttributes) bool {
			return scanPointcloudSegmentation(s, a.(*PointcloudSegmentationLabelAttributes))
		}
	case TaskTypeVector, TaskTypeBboxes, TaskTypeKeypoints:
		return func(s *scanner, a LabelAttributes) bool {
			return scanImageVector(s, a.(*ImageVectorLabelAttributes))
		}
	case TaskTypePointcloudCuboidSequence:
		return func(s *scanner, a LabelAttributes) bool {
			return scanPointcloudCuboidSequence(s, a.(*PointcloudSequenceCuboidLabelAttributes))
		}
	}
	return nil
}

var pointcloudSegmentationNames = []string{"format_version", "annotations", "point_annotations", "image_attributes"}

func scanPointcloudSegmentation(s *scanner, a *PointcloudSegmentationLabelAttributes) bool {
	return s.object(pointcloudSegmentationNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "format_version":
			ok = s.scalarText((*string)(&a.FormatVersion))
		case "annotations":
			ok = scanList(s, &a.Annotations, scanSegmentationAnnotation)
		case "point_annotations":
			ok = s.ints(&a.PointAnnotations)
		case "image_attributes":
			ok = s.values(&a.ImageAttributes)
		default:
			return false, true
		}
		return true, ok
	})
}

var imageVectorNames = []string{"format_version", "annotations", "image_attributes", "links"}

func scanImageVector(s *scanner, a *ImageVectorLabelAttributes) bool {
	return s.object(imageVectorNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "format_version":
			ok = s.scalarText((*string)(&a.FormatVersion))
		case "annotations":
			ok = scanList(s, &a.Annotations, scanImageVectorAnnotation)
		case "image_attributes":
			ok = s.values(&a.ImageAttributes)
		case "links":
			ok = scanList(s, &a.Links, scanLink)
		default:
			return false, true
		}
		return true, ok
	})
}

var pointcloudCuboidSequenceNames = []string{"format_version", "frames", "links"}

func scanPointcloudCuboidSequence(s *scanner, a *PointcloudSequenceCuboidLabelAttributes) bool {
	return s.object(pointcloudCuboidSequenceNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "format_version":
			ok = s.scalarText((*string)(&a.FormatVersion))
		case "frames":
			ok = scanList(s, &a.Frames, scanPointcloudCuboidFrame)
		case "links":
			ok = scanList(s, &a.Links, scanLink)
		default:
			return false, true
		}
		return true, ok
	})
}

var pointcloudCuboidFrameNames = []string{"format_version", "timestamp", "annotations", "image_attributes"}

func scanPointcloudCuboidFrame(s *scanner, f *PointcloudCuboidFrame) bool {
	return s.object(pointcloudCuboidFrameNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "format_version":
			ok = s.scalarText((*string)(&f.FormatVersion))
		case "timestamp":
			ok = s.scalarText((*string)(&f.Timestamp))
		case "annotations":
			ok = scanList(s, &f.Annotations, scanPointcloudAnnotation)
		case "image_attributes":
			ok = s.values(&f.ImageAttributes)
		default:
			return false, true
		}
		return true, ok
	})
}

var linkNames = []string{"from_id", "to_id", "attributes"}

func scanLink(s *scanner, l *Link) bool {
	return s.object(linkNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "from_id":
			ok = s.int(&l.FromID)
		case "to_id":
			ok = s.int(&l.ToID)
		case "attributes":
			ok = s.values(&l.Attributes)
		default:
			return false, true
		}
		return true, ok
	})
}

var imageVectorAnnotationNames = []string{"id", "category_id", "track_id", "is_keyframe", "type", "points", "attributes"}

func scanImageVectorAnnotation(s *scanner, a *ImageVectorAnnotation) bool {
	return s.object(imageVectorAnnotationNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "id":
			ok = s.int(&a.ID)
		case "category_id":
			ok = s.int(&a.CategoryID)
		case "track_id":
			ok = s.int(&a.TrackID)
		case "is_keyframe":
			ok = s.bool(&a.IsKeyframe)
		case "type":
			ok = s.string((*string)(&a.Type))
		case "points":
			ok = s.points(&a.Points)
		case "attributes":
			ok = s.values(&a.Attributes)
		default:
			return false, true
		}
		return true, ok
	})
}

var segmentationAnnotationNames = []string{"id", "category_id", "track_id", "is_keyframe", "attributes"}

func scanSegmentationAnnotation(s *scanner, a *SegmentationAnnotation) bool {
	return s.object(segmentationAnnotationNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "id":
			ok = s.int(&a.ID)
		case "category_id":
			ok = s.int(&a.CategoryID)
		case "track_id":
			ok = s.int(&a.TrackID)
		case "is_keyframe":
			ok = s.bool(&a.IsKeyframe)
		case "attributes":
			ok = s.values(&a.Attributes)
		default:
			return false, true
		}
		return true, ok
	})
}

var pointcloudAnnotationNames = []string{"id", "category_id", "track_id", "is_keyframe", "index", "type",
	"position", "dimensions", "yaw", "rotation", "velocity", "acceleration", "points", "attributes"}

func scanPointcloudAnnotation(s *scanner, a *PointcloudAnnotation) bool {
	return s.object(pointcloudAnnotationNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "id":
			ok = s.int(&a.ID)
		case "category_id":
			ok = s.int(&a.CategoryID)
		case "track_id":
			ok = s.int(&a.TrackID)
		case "is_keyframe":
			ok = s.bool(&a.IsKeyframe)
		case "index":
			ok = s.int(&a.Index)
		case "type":
			ok = s.string((*string)(&a.Type))
		case "position":
			ok = s.xyz(&a.Position)
		case "dimensions":
			ok = s.xyz(&a.Dimensions)
		case "yaw":
			ok = s.float(&a.Yaw)
		case "rotation":
			ok = scanPointer(s, &a.Rotation, scanQuaternion)
		case "velocity":
			ok = scanPointer(s, &a.Velocity, scanVelocity)
		case "acceleration":
			ok = scanPointer(s, &a.Acceleration, scanAcceleration)
		case "points":
			ok = s.points(&a.Points)
		case "attributes":
			ok = s.values(&a.Attributes)
		default:
			return false, true
		}
		return true, ok
	})
}

// scanPointer decodes into *p as encoding/json decodes into a pointer
// to a struct: null sets it to nil, an object is merged into the value
// it points to, allocated when nil.
func scanPointer[T any](s *scanner, p **T, scan func(*scanner, *T) bool) bool {
	if s.null() {
		*p = nil
		return true
	}
	if *p == nil {
		*p = new(T)
	}
	return scan(s, *p)
}

var xyzNames = []string{"x", "y", "z"}

// xyz decodes a point into p, merging as encoding/json does; null leaves
// p as it is.
func (s *scanner) xyz(p *XYZ) bool {
	if s.null() {
		return true
	}
	return s.object(xyzNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "x":
			ok = s.float(&p.X)
		case "y":
			ok = s.float(&p.Y)
		case "z":
			ok = s.float(&p.Z)
		default:
			return false, true
		}
		return true, ok
	})
}

var quaternionNames = []string{"qx", "qy", "qz", "qw"}

func scanQuaternion(s *scanner, q *Quaternion) bool {
	return s.object(quaternionNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "qx":
			ok = s.float(&q.QX)
		case "qy":
			ok = s.float(&q.QY)
		case "qz":
			ok = s.float(&q.QZ)
		case "qw":
			ok = s.float(&q.QW)
		default:
			return false, true
		}
		return true, ok
	})
}

var velocityNames = []string{"relative", "absolute"}

func scanVelocity(s *scanner, v *Velocity) bool {
	return scanMotion(s, &v.Relative, &v.Absolute)
}

func scanAcceleration(s *scanner, a *Acceleration) bool {
	return scanMotion(s, &a.Relative, &a.Absolute)
}

// scanMotion decodes the members of a [Velocity] or an [Acceleration].
func scanMotion(s *scanner, relative **float64, absolute *float64) bool {
	return s.object(velocityNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "relative":
			ok = scanPointer(s, relative, (*scanner).float)
		case "absolute":
			ok = s.float(absolute)
		default:
			return false, true
		}
		return true, ok
	})
}

// A scanner walks a JSON value that jsontext has already read, and so
// checked, and decodes it into Go values. Its methods report false for
// input they leave to encoding/json.
type scanner struct {
	data  []byte
	i     int
	st    *listState
	depth int // of the values being skipped or decoded into an any
}

// maxDepth is how deeply the scanner follows values nested in
// attributes or skipped members. encoding/json refuses nesting deeper
// than 10000; the scanner leaves anything near that to it.
const maxDepth = 1000

// peek skips white space and returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	for ; s.i < len(s.data); s.i++ {
		switch c := s.data[s.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// open reads the start of an object.
func (s *scanner) open() bool {
	if s.peek() != '{' {
		return false
	}
	s.i++
	return true
}

// null reads a null, if that comes next.
func (s *scanner) null() bool {
	return s.peek() == 'n' && s.literal("null")
}

// literal reads word, which is null, true or false, if it comes next.
func (s *scanner) literal(word string) bool {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// array reads an array, whose '[' comes next, calling each to read every
// element.
func (s *scanner) array(each func() bool) bool {
	s.i++
	if s.peek() == ']' {
		s.i++
		return true
	}
	for {
		if !each() {
			return false
		}
		if more, ok := s.next(']'); !more {
			return ok
		}
	}
}

// next reads what follows a member or an element: a comma, which
// reports more to come, or close, which ends the object or array.
func (s *scanner) next(close byte) (more, ok bool) {
	switch s.peek() {
	case ',':
		s.i++
		return true, true
	case close:
		s.i++
		return false, true
	}
	return false, false
}

// object reads an object, handing the name of each member to field,
// which decodes the member's value and reports whether it knows the
// name and whether the value decoded. The values of names that field
// does not know are skipped as by skipMember with names.
func (s *scanner) object(names []string, field func(name []byte) (known, ok bool)) bool {
	if !s.open() {
		return false
	}
	if s.peek() == '}' {
		s.i++
		return true
	}
	for {
		name, ok := s.name()
		if !ok {
			return false
		}
		known, ok := field(name)
		if !known {
			ok = s.skipMember(name, names)
		}
		if !ok {
			return false
		}
		if more, ok := s.next('}'); !more {
			return ok
		}
	}
}

// name reads the name of an object's member and the colon after it. A
// name with escapes or invalid UTF-8 is left to encoding/json.
func (s *scanner) name() ([]byte, bool) {
	if s.peek() != '"' {
		return nil, false
	}
	name, plain := s.quoted()
	if !plain || s.peek() != ':' {
		return nil, false
	}
	s.i++
	return name, true
}

// quoted reads the string at s.i and returns its bytes between the
// quotes, and whether they are the string itself: no escapes, no control
// characters and valid UTF-8. When they are not, [jsontext.AppendUnquote]
// tells whether the string is valid JSON.
func (s *scanner) quoted() ([]byte, bool) {
	start := s.i + 1
	plain, ascii := true, true
	for i := start; i < len(s.data); i++ {
		c := s.data[i]
		if plainByte[c] {
			continue
		}
		switch {
		case c == '"':
			s.i = i + 1
			text := s.data[start:i]
			return text, plain && (ascii || utf8.Valid(text))
		case c == '\\':
			plain = false
			i++
		case c < ' ':
			plain = false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

// plainByte tells the bytes that stand for themselves in a JSON string
// and are ASCII: all but control characters, '"' and '\\'.
var plainByte = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// textBytes reads a string and returns its value, which may share
// memory with the input.
func (s *scanner) textBytes() ([]byte, bool) {
	start := s.i
	text, plain := s.quoted()
	if !plain {
		unquoted, err := jsontext.AppendUnquote(nil, s.data[start:s.i])
		if err != nil {
			return nil, false
		}
		text = unquoted
	}
	return text, true
}

// text reads a string and returns its value, interned.
func (s *scanner) text() (string, bool) {
	text, ok := s.textBytes()
	return s.st.intern(text), ok
}

// string decodes a string into p; null leaves p as it is.
func (s *scanner) string(p *string) bool {
	switch s.peek() {
	case 'n':
		return s.literal("null")
	case '"':
		v, ok := s.text()
		*p = v
		return ok
	}
	return false
}

// scalarText decodes a string, or the text of a number, into p, as
// [FormatVersion] and [Timestamp] do; null sets p to "".
func (s *scanner) scalarText(p *string) bool {
	switch c := s.peek(); {
	case c == 'n':
		*p = ""
		return s.literal("null")
	case c == '"':
		v, ok := s.text()
		*p = v
		return ok
	case c == '-' || c >= '0' && c <= '9':
		num, ok := s.number()
		*p = s.st.intern(num)
		return ok
	}
	return false
}

// ints decodes an array of integers into *p; null sets *p to nil.
func (s *scanner) ints(p *[]int) bool {
	if s.null() {
		*p = nil
		return true
	}
	if s.peek() != '[' {
		return false
	}
	end := bytes.IndexByte(s.data[s.i:], ']')
	if end < 0 {
		return false
	}
	raw := s.data[s.i : s.i+end+1]
	if bytes.ContainsAny(raw[1:], "[{\"n") {
		return false
	}
	ints, ok := parseInts(raw)
	s.i += end + 1
	*p = ints
	return ok
}

// number reads the number at s.i and returns its text.
func (s *scanner) number() ([]byte, bool) {
	end, ok := numberEnd(s.data, s.i)
	num := s.data[s.i:end]
	s.i = end
	return num, ok
}

// int decodes an integer into n; null leaves n as it is.
func (s *scanner) int(n *int) bool {
	switch c := s.peek(); {
	case c == 'n':
		return s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		num, ok := s.number()
		v, end, isInt := parseInt(num, 0)
		*n = v
		return ok && isInt && end == len(num)
	}
	return false
}

// float decodes a number into f; null leaves f as it is.
func (s *scanner) float(f *float64) bool {
	switch c := s.peek(); {
	case c == 'n':
		return s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		num, ok := s.number()
		v, isFloat := parseFloat(num)
		*f = v
		return ok && isFloat
	}
	return false
}

// bool decodes a boolean into b; null leaves b as it is.
func (s *scanner) bool(b *bool) bool {
	switch s.peek() {
	case 'n':
		return s.literal("null")
	case 't':
		*b = true
		return s.literal("true")
	case 'f':
		*b = false
		return s.literal("false")
	}
	return false
}

// points decodes arrays of numbers into *p; null sets *p to nil.
func (s *scanner) points(p *[][]float64) bool {
	if s.null() {
		*p = nil
		return true
	}
	if s.peek() != '[' {
		return false
	}
	start, depth := s.i, 0
	for ; s.i < len(s.data) && (s.i == start || depth > 0); s.i++ {
		switch s.data[s.i] {
		case '[':
			depth++
		case ']':
			depth--
		case '"', '{', 'n', 't', 'f':
			return false
		}
	}
	if depth != 0 {
		return false
	}
	points, ok := parsePoints(s.data[start:s.i], s.st)
	*p = points
	return ok
}

// values decodes an object into m as encoding/json decodes into a
// map[string]any, adding to the map m already holds; null sets m to
// nil.
func (s *scanner) values(m *AttributeValues) bool {
	if s.null() {
		*m = nil
		return true
	}
	if s.peek() != '{' {
		return false
	}
	if *m == nil {
		*m = AttributeValues{}
	}
	return s.members(*m)
}

// members reads an object, whose '{' comes next, into m.
func (s *scanner) members(m map[string]any) bool {
	s.i++
	if s.peek() == '}' {
		s.i++
		return true
	}
	for {
		if s.peek() != '"' {
			return false
		}
		name, ok := s.text()
		if !ok || s.peek() != ':' {
			return false
		}
		s.i++
		v, ok := s.any()
		if !ok {
			return false
		}
		m[name] = v
		if more, ok := s.next('}'); !more {
			return ok
		}
	}
}

// any decodes a value as encoding/json decodes into an any.
func (s *scanner) any() (any, bool) {
	switch c := s.peek(); {
	case c == '{':
		if !s.enter() {
			return nil, false
		}
		m := map[string]any{}
		ok := s.members(m)
		s.depth--
		return m, ok
	case c == '[':
		if !s.enter() {
			return nil, false
		}
		list := []any{}
		ok := s.array(func() bool {
			v, ok := s.any()
			list = append(list, v)
			return ok
		})
		s.depth--
		return list, ok
	case c == '"':
		text, ok := s.textBytes()
		return s.st.internAny(text), ok
	case c == '-' || c >= '0' && c <= '9':
		num, ok := s.number()
		f, isFloat := parseFloat(num)
		return f, ok && isFloat
	case c == 't':
		return true, s.literal("true")
	case c == 'f':
		return false, s.literal("false")
	case c == 'n':
		return nil, s.literal("null")
	}
	return nil, false
}

// enter counts one more level of nesting, and reports false beyond
// maxDepth.
func (s *scanner) enter() bool {
	s.depth++
	return s.depth <= maxDepth
}

// skipMember skips the value of a member whose name is not a field. A
// name that encoding/json would match to a field regardless of case is
// left to encoding/json.
func (s *scanner) skipMember(name []byte, fields []string) bool {
	for _, f := range fields {
		if bytes.EqualFold(name, []byte(f)) {
			return false
		}
	}
	return s.skip()
}

// skip skips one value, checking its syntax.
func (s *scanner) skip() bool {
	switch c := s.peek(); {
	case c == '"':
		_, ok := s.textBytes()
		return ok
	case c == '{':
		if !s.enter() {
			return false
		}
		ok := s.object(nil, skipAll)
		s.depth--
		return ok
	case c == '[':
		if !s.enter() {
			return false
		}
		ok := s.array(s.skip)
		s.depth--
		return ok
	case c == '-' || c >= '0' && c <= '9':
		_, ok := s.number()
		return ok
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return false
}

// skipAll is a field function for [scanner.object] that knows no name.
func skipAll([]byte) (known, ok bool) { return false, true }

// A listState serves the decoding of one label's attributes, whose
// annotations repeat the same attribute names, values and shape types,
// and whose points are many small slices. It interns those strings, so
// that each is allocated once, and hands out coordinates and points
// from shared blocks. What it hands out is immutable or has no spare
// capacity, so that the sharing cannot be observed. States are recycled
// with their interned strings, which deliveries of the same dataset
// share, but never with their blocks, which belong to the event.
type listState struct {
	interned [internSlots]struct {
		s string
		v any // s boxed, once asked for
	}
	coords []float64   // the free part of the current block
	points [][]float64 // the free part of the current block
}

// Limits of a listState: strings longer than maxInterned are not
// interned, nor strings that find no free slot near their hash; blocks
// hold blockSize values.
const (
	internSlots = 256
	maxInterned = 32
	blockSize   = 1024
)

var listStates = sync.Pool{New: func() any { return new(listState) }}

// newListState returns a listState from the pool.
func newListState() *listState {
	return listStates.Get().(*listState)
}

// release returns st to the pool, without the blocks it handed out.
func (st *listState) release() {
	st.coords, st.points = nil, nil
	listStates.Put(st)
}

// slot returns the slot that holds text, or the free slot where it
// belongs, or nil when text is not to be interned.
func (st *listState) slot(text []byte) *struct {
	s string
	v any
} {
	if st == nil || len(text) == 0 || len(text) > maxInterned {
		return nil
	}
	h := uint32(2166136261)
	for _, c := range text {
		h = (h ^ uint32(c)) * 16777619
	}
	for probe := range uint32(4) {
		slot := &st.interned[(h+probe)%internSlots]
		if slot.s == "" || slot.s == string(text) {
			return slot
		}
	}
	return nil
}

// intern returns text as a string, the same string for the same text.
func (st *listState) intern(text []byte) string {
	slot := st.slot(text)
	if slot == nil {
		return string(text)
	}
	if slot.s == "" {
		slot.s, slot.v = string(text), nil
	}
	return slot.s
}

// internAny returns text as a string in an any, boxing each interned
// string once.
func (st *listState) internAny(text []byte) any {
	slot := st.slot(text)
	if slot == nil {
		return string(text)
	}
	if slot.s == "" {
		slot.s, slot.v = string(text), nil
	}
	if slot.v == nil {
		slot.v = slot.s
	}
	return slot.v
}

// floats returns an empty slice with room for n values.
func (st *listState) floats(n int) []float64 {
	if st.coords == nil || len(st.coords) < n {
		st.coords = make([]float64, max(n, blockSize))
	}
	return st.coords[:0]
}

// slices returns an empty slice with room for n slices.
func (st *listState) slices(n int) [][]float64 {
	if st.points == nil || len(st.points) < n {
		st.points = make([][]float64, max(n, blockSize/4))
	}
	return st.points[:0]
}

// used marks the first coords values and points slices of the blocks as
// taken.
func (st *listState) used(coords, points int) {
	st.coords = st.coords[coords:]
	st.points = st.points[points:]
}
