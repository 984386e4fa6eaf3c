package events

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// This file holds the fast path of [Parse]. It decodes with
// github.com/go-json-experiment/json, the module that mirrors the
// standard library's encoding/json/v2, set to the semantics of
// encoding/json. It replaces the UnmarshalJSON methods of this package,
// each of which decodes its part of the body once more with
// encoding/json, by functions that decode in the same pass, and it reads
// the parts of labels that hold thousands of values (point_annotations,
// points and the annotations themselves) token by token or by hand
// instead of through reflection.
//
// Label events whose attributes it reads by hand it decodes without the
// decoder at all; see decode_label.go.
//
// The fast path handles the shapes Segments.ai sends. Whenever it meets
// anything else, or an error, it gives up and Parse decodes the body
// with encoding/json, which so remains the reference for every value
// and every error message. TestParseFastPathMatchesEncodingJSON and its
// fuzz target hold the two paths to the same values.

// errSlowPath tells [Parse] to decode with encoding/json instead.
var errSlowPath = errors.New("events: body needs the encoding/json path")

// fastOptions are the options of the fast path.
var fastOptions = jsonv2.JoinOptions(
	jsonv1.DefaultOptionsV1(),
	jsonv1.ReportErrorsWithLegacySemantics(false),
	jsonv2.WithUnmarshalers(jsonv2.JoinUnmarshalers(
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *DatasetCreated) any { return &e.Dataset })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *DatasetUpdated) any { return &e.Dataset })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *DatasetDeleted) any { return &e.Dataset })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *SampleCreated) any { return &e.Sample })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *SampleUpdated) any { return &e.Sample })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *SampleDeleted) any { return &e.Sample })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *LabelUpdated) any { return &e.Label })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *LabelDeleted) any { return &e.Label })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *IssueCreated) any { return &e.Issue })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *IssueUpdated) any { return &e.Issue })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *ReleaseCreated) any { return &e.Release })),
		jsonv2.UnmarshalFromFunc(decodeEvent(func(e *Unknown) any { return &e.Object })),
		jsonv2.UnmarshalFromFunc(decodeLabel),
		jsonv2.UnmarshalFromFunc(readAttributeValues),
		jsonv2.UnmarshalFromFunc(decodeLabelAttributesSlot),
		jsonv2.UnmarshalFromFunc(decodeLabelSensor),
		jsonv2.UnmarshalFromFunc(decodeTime),
		jsonv2.UnmarshalFromFunc(decodeFormatVersion),
		jsonv2.UnmarshalFromFunc(decodeTimestamp),
		jsonv2.UnmarshalFromFunc(decodeInts),
		jsonv2.UnmarshalFromFunc(decodePoints),
		jsonv2.UnmarshalFromFunc(decodeList(scanImageVectorAnnotation)),
		jsonv2.UnmarshalFromFunc(decodeList(scanSegmentationAnnotation)),
		jsonv2.UnmarshalFromFunc(decodeList(scanPointcloudAnnotation)),
	)),
)

// parseFast decodes payload as [Parse] does, or reports false when the
// encoding/json path must decide.
func parseFast(payload []byte) (Event, bool) {
	typ, ok := leadingType(payload)
	if !ok {
		return nil, false
	}
	ev := newEvent(typ)
	if scanLabelEvent(payload, ev) && ev.EventType() == typ {
		return ev, true
	}
	if _, ok := labelOf(ev); ok {
		ev = newEvent(typ) // partly written
	}
	if err := jsonv2.Unmarshal(payload, ev, fastOptions); err != nil {
		return nil, false
	}
	// A later event_type key would have decided the type.
	if ev.EventType() != typ {
		return nil, false
	}
	return ev, true
}

// leadingType returns the event type when it is the first member of
// the body, a plain ASCII string, as Segments.ai writes it.
func leadingType(payload []byte) (Type, bool) {
	const key = `"event_type"`
	rest := skipSpace(payload)
	if len(rest) == 0 || rest[0] != '{' {
		return "", false
	}
	rest = skipSpace(rest[1:])
	if !bytes.HasPrefix(rest, []byte(key)) {
		return "", false
	}
	rest = skipSpace(rest[len(key):])
	if len(rest) == 0 || rest[0] != ':' {
		return "", false
	}
	rest = skipSpace(rest[1:])
	if len(rest) == 0 || rest[0] != '"' {
		return "", false
	}
	rest = rest[1:]
	for i, c := range rest {
		switch {
		case c == '"' && i > 0:
			return Type(rest[:i]), true
		case c < 0x20 || c >= 0x7f || c == '\\' || c == '"':
			return "", false
		}
	}
	return "", false
}

func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}

// envelopeNames are the JSON keys of every event.
var envelopeNames = []string{"event_type", "created_at", "api_version", "dataset", "text", "object"}

// decodeEvent returns a function that decodes an event of type E, whose
// object is the value that object returns a pointer to.
func decodeEvent[E any, P interface {
	*E
	Event
}](object func(P) any) func(*jsontext.Decoder, P) error {
	return func(dec *jsontext.Decoder, ev P) error {
		env := ev.EventEnvelope()
		if err := openObject(dec); err != nil {
			return err
		}
		for dec.PeekKind() == '"' {
			name, err := readName(dec)
			if err != nil {
				return err
			}
			switch string(name) {
			case "event_type":
				err = readEventType(dec, &env.Type)
			case "created_at":
				err = decodeTime(dec, &env.CreatedAt)
			case "api_version":
				err = readString(dec, &env.APIVersion)
			case "dataset":
				err = readString(dec, &env.DatasetName)
			case "text":
				err = readString(dec, &env.Text)
			case "object":
				err = jsonv2.UnmarshalDecode(dec, object(ev))
			default:
				err = skipMember(dec, string(name), envelopeNames)
			}
			if err != nil {
				return err
			}
		}
		return closeObject(dec)
	}
}

// labelNames are the JSON keys of a [Label].
var labelNames = []string{"sample_uuid", "label_type", "label_status", "labelset", "attributes",
	"created_at", "created_by", "updated_at", "updated_by", "score", "rating", "reviewed_at", "reviewed_by"}

// decodeLabel is [Label.UnmarshalJSON] in one pass: the attributes are
// decoded as they are read, when the label type came before them.
func decodeLabel(dec *jsontext.Decoder, l *Label) error {
	if dec.PeekKind() == 'n' {
		_, err := dec.ReadToken()
		return err
	}
	if err := openObject(dec); err != nil {
		return err
	}
	slot := labelAttributesSlot{labelType: &l.LabelType}
	for dec.PeekKind() == '"' {
		name, err := readName(dec)
		if err != nil {
			return err
		}
		switch string(name) {
		case "sample_uuid":
			err = readString(dec, &l.SampleUUID)
		case "label_type":
			err = readString(dec, (*string)(&l.LabelType))
		case "label_status":
			err = readString(dec, (*string)(&l.LabelStatus))
		case "labelset":
			err = readString(dec, &l.Labelset)
		case "attributes":
			err = decodeLabelAttributesSlot(dec, &slot)
		case "created_at":
			err = decodeTime(dec, &l.CreatedAt)
		case "created_by":
			err = readString(dec, &l.CreatedBy)
		case "updated_at":
			err = decodeTime(dec, &l.UpdatedAt)
		case "updated_by":
			err = readString(dec, &l.UpdatedBy)
		case "score":
			err = readFloatPointer(dec, &l.Score)
		case "rating":
			err = readFloatPointer(dec, &l.Rating)
		case "reviewed_at":
			err = decodeTime(dec, &l.ReviewedAt)
		case "reviewed_by":
			err = readString(dec, &l.ReviewedBy)
		default:
			err = skipMember(dec, string(name), labelNames)
		}
		if err != nil {
			return err
		}
	}
	if err := closeObject(dec); err != nil {
		return err
	}
	attrs, err := slot.result(l.LabelType, dec.Options())
	if err != nil {
		return err
	}
	l.Attributes = attrs
	return nil
}

// decodeLabelSensor is [LabelSensor.UnmarshalJSON] in one pass.
func decodeLabelSensor(dec *jsontext.Decoder, s *LabelSensor) error {
	var head struct {
		Name       string              `json:"name"`
		TaskType   TaskType            `json:"task_type"`
		Attributes labelAttributesSlot `json:"attributes"`
	}
	head.Attributes.labelType = &head.TaskType
	if err := jsonv2.UnmarshalDecode(dec, &head); err != nil {
		return err
	}
	if head.TaskType == TaskTypeMultisensorSequence {
		return errSlowPath // sensors do not nest; see sensorLabelAttributes
	}
	attrs, err := head.Attributes.result(head.TaskType, dec.Options())
	if err != nil {
		return err
	}
	*s = LabelSensor{Name: head.Name, TaskType: head.TaskType, Attributes: attrs}
	return nil
}

// A labelAttributesSlot receives the attributes of a label or sensor.
// When the label type was read before them, as Segments.ai orders its
// keys, they are decoded at once; otherwise they are kept as JSON and
// decoded by result.
type labelAttributesSlot struct {
	labelType *TaskType // the label type as read so far
	decodedAs TaskType  // the label type attrs was decoded for
	attrs     LabelAttributes
	raw       []byte // an owned copy, when attrs could not be decoded yet
}

func decodeLabelAttributesSlot(dec *jsontext.Decoder, s *labelAttributesSlot) error {
	s.attrs, s.raw = nil, nil
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		return err
	case '{':
		if newAttributes, ok := labelAttributeTypes[*s.labelType]; ok {
			attrs := newAttributes()
			if err := decodeAttributes(dec, attrs, *s.labelType); err != nil {
				return err
			}
			s.attrs, s.decodedAs = attrs, *s.labelType
			return nil
		}
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	s.raw = bytes.Clone(raw)
	return nil
}

// decodeAttributes decodes label attributes of type labelType into
// attrs: by walking their bytes for the label types whose labels grow
// large, and through the decoder's reflection for the others.
func decodeAttributes(dec *jsontext.Decoder, attrs LabelAttributes, labelType TaskType) error {
	scan := scanAttributes(labelType)
	if scan == nil {
		return jsonv2.UnmarshalDecode(dec, attrs)
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	st := newListState()
	defer st.release()
	if !scan(&scanner{data: raw, st: st}, attrs) {
		return errSlowPath
	}
	return nil
}

// result returns the attributes for the label's final type, as
// [decodeLabelAttributes] would.
func (s *labelAttributesSlot) result(labelType TaskType, opts jsonv2.Options) (LabelAttributes, error) {
	if s.attrs != nil {
		if s.decodedAs != labelType {
			return nil, errSlowPath
		}
		return s.attrs, nil
	}
	newAttributes, ok := labelAttributeTypes[labelType]
	if !ok || isPlaceholder(s.raw) {
		return &RawLabelAttributes{JSON: s.raw}, nil
	}
	attrs := newAttributes()
	if err := jsonv2.Unmarshal(s.raw, attrs, opts); err != nil {
		return nil, err
	}
	return attrs, nil
}

// decodeTime is [Time.UnmarshalJSON] without a second decoder.
func decodeTime(dec *jsontext.Decoder, t *Time) error {
	*t = Time{}
	if dec.PeekKind() != '"' {
		return dec.SkipValue()
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	text, err := unquote(raw)
	if err != nil {
		return nil // not valid UTF-8, so not a time
	}
	// Segments.ai writes RFC 3339, which the time package reads from
	// bytes without allocating; other forms take the lenient way.
	if t.Time.UnmarshalText(text) == nil {
		t.Time = t.Time.UTC()
		return nil
	}
	*t, _ = ParseTime(string(text))
	return nil
}

// readName reads the name of an object member. The name may share
// memory with the decoder's buffer, and so is valid until its next call.
func readName(dec *jsontext.Decoder) ([]byte, error) {
	raw, err := dec.ReadValue()
	if err != nil {
		return nil, err
	}
	return unquote(raw)
}

// unquote returns the value of raw, a JSON string that the decoder has
// read, without a copy when it has no escapes. Invalid UTF-8, which
// encoding/json would replace, gives an error.
func unquote(raw []byte) ([]byte, error) {
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return raw[1 : len(raw)-1], nil
	}
	return jsontext.AppendUnquote(nil, raw)
}

// decodeFormatVersion is [FormatVersion.UnmarshalJSON] without a second
// decoder.
func decodeFormatVersion(dec *jsontext.Decoder, v *FormatVersion) error {
	text, err := decodeScalarText(dec)
	*v = FormatVersion(text)
	return err
}

// decodeTimestamp is [Timestamp.UnmarshalJSON] without a second decoder.
func decodeTimestamp(dec *jsontext.Decoder, t *Timestamp) error {
	text, err := decodeScalarText(dec)
	*t = Timestamp(text)
	return err
}

// decodeScalarText is [scalarText] on a decoder.
func decodeScalarText(dec *jsontext.Decoder) (string, error) {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		return "", err
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return "", err
		}
		return tok.String(), nil
	case '0':
		raw, err := dec.ReadValue()
		return string(raw), err
	}
	return "", errSlowPath
}

// decodeInts reads an array of integers, such as point_annotations,
// with one allocation and without a decoder call per element.
func decodeInts(dec *jsontext.Decoder, v *[]int) error {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		*v = nil
		return err
	case '[':
	default:
		return errSlowPath
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	ints, ok := parseInts(raw)
	if !ok {
		return errSlowPath
	}
	*v = ints
	return nil
}

// parseInts parses raw, a valid JSON array, when its elements are all
// integers that fit an int64.
func parseInts(raw []byte) ([]int, bool) {
	ints := make([]int, 0, bytes.Count(raw, []byte{','})+1)
	i := skipSpaceAt(raw, 1)
	if raw[i] == ']' {
		return ints, true
	}
	for {
		n, next, ok := parseInt(raw, i)
		if !ok {
			return nil, false
		}
		ints = append(ints, n)
		i = skipSpaceAt(raw, next)
		switch raw[i] {
		case ']':
			return ints, true
		case ',':
			i = skipSpaceAt(raw, i+1)
		default:
			return nil, false
		}
	}
}

// parseInt parses the integer at raw[i:], of at most 18 digits so that
// it cannot overflow and without leading zeros, which JSON forbids, and
// returns the index after it.
func parseInt(raw []byte, i int) (int, int, bool) {
	neg := raw[i] == '-'
	if neg {
		i++
	}
	start, n := i, 0
	for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
		n = n*10 + int(raw[i]-'0')
		i++
	}
	if i == start || i-start > 18 || raw[start] == '0' && i-start > 1 {
		return 0, i, false
	}
	if neg {
		n = -n
	}
	return n, i, true
}

func skipSpaceAt(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// decodePoints reads the points of a shape, arrays of numbers, with two
// allocations: one for the points and one for all their coordinates.
func decodePoints(dec *jsontext.Decoder, v *[][]float64) error {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		*v = nil
		return err
	case '[':
	default:
		return errSlowPath
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	points, ok := parsePoints(raw, nil)
	if !ok {
		return errSlowPath
	}
	*v = points
	return nil
}

// parsePoints parses raw, a valid JSON array, when its elements are all
// arrays of numbers. The inner slices have no spare capacity, so that
// appending to one never writes into another.
func parsePoints(raw []byte, st *listState) ([][]float64, bool) {
	opens := bytes.Count(raw, []byte{'['}) - 1
	numbers := bytes.Count(raw, []byte{','}) + 1
	var coords []float64
	var points [][]float64
	if st != nil {
		coords, points = st.floats(numbers), st.slices(opens)
	} else {
		coords, points = make([]float64, 0, numbers), make([][]float64, 0, opens)
	}
	i := skipSpaceAt(raw, 1)
	if raw[i] == ']' {
		return points[:0:0], true
	}
	for {
		if raw[i] != '[' {
			return nil, false
		}
		start := len(coords)
		i = skipSpaceAt(raw, i+1)
		if raw[i] != ']' {
			for {
				end, ok := numberEnd(raw, i)
				f, isFloat := parseFloat(raw[i:end])
				if !ok || !isFloat {
					return nil, false
				}
				coords = append(coords, f)
				i = skipSpaceAt(raw, end)
				if raw[i] == ']' {
					break
				}
				if raw[i] != ',' {
					return nil, false
				}
				i = skipSpaceAt(raw, i+1)
			}
		}
		points = append(points, coords[start:len(coords):len(coords)])
		i = skipSpaceAt(raw, i+1)
		switch raw[i] {
		case ']':
			if st != nil {
				st.used(len(coords), len(points))
			}
			return points[:len(points):len(points)], true
		case ',':
			i = skipSpaceAt(raw, i+1)
		default:
			return nil, false
		}
	}
}

// parseFloat parses a JSON number as [strconv.ParseFloat] does. Short
// decimals, which make most coordinates, are converted exactly by one
// division, as strconv does too; the rest is left to strconv.
func parseFloat(num []byte) (float64, bool) {
	if f, ok := parseShortDecimal(num); ok {
		return f, true
	}
	f, err := strconv.ParseFloat(string(num), 64)
	return f, err == nil && len(num) > 0
}

// pow10 holds the powers of ten that a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseShortDecimal converts a number without exponent and with at most
// 15 digits: its digits as an integer are then exact in a float64, and
// one correctly rounded division by an exact power of ten gives the
// correctly rounded result.
func parseShortDecimal(num []byte) (float64, bool) {
	i, neg := 0, len(num) > 0 && num[0] == '-'
	if neg {
		i++
	}
	var mantissa uint64
	digits, decimals, seenDot := 0, 0, false
	for ; i < len(num); i++ {
		switch c := num[i]; {
		case c >= '0' && c <= '9':
			mantissa = mantissa*10 + uint64(c-'0')
			digits++
			if seenDot {
				decimals++
			}
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	f := float64(mantissa) / pow10[decimals]
	if neg {
		f = -f
	}
	return f, true
}

// numberEnd returns the index after the JSON number at raw[i:], and
// whether one starts there; it accepts only what JSON's grammar allows.
func numberEnd(raw []byte, i int) (int, bool) {
	if i < len(raw) && raw[i] == '-' {
		i++
	}
	switch {
	case i < len(raw) && raw[i] == '0':
		i++
	case i < len(raw) && raw[i] >= '1' && raw[i] <= '9':
		i = digitsEnd(raw, i)
	default:
		return i, false
	}
	if i < len(raw) && raw[i] == '.' {
		end := digitsEnd(raw, i+1)
		if end == i+1 {
			return end, false
		}
		i = end
	}
	if i < len(raw) && (raw[i] == 'e' || raw[i] == 'E') {
		i++
		if i < len(raw) && (raw[i] == '+' || raw[i] == '-') {
			i++
		}
		end := digitsEnd(raw, i)
		if end == i {
			return end, false
		}
		i = end
	}
	return i, true
}

// digitsEnd returns the index after the decimal digits at raw[i:].
func digitsEnd(raw []byte, i int) int {
	for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
		i++
	}
	return i
}

// openObject reads the start of an object.
func openObject(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '{' {
		return errSlowPath
	}
	_, err := dec.ReadToken()
	return err
}

// closeObject reads the end of an object.
func closeObject(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '}' {
		return errSlowPath
	}
	_, err := dec.ReadToken()
	return err
}

// skipMember skips the value of a member whose name is not a field.
// A name that encoding/json would match to a field regardless of case
// is left to encoding/json.
func skipMember(dec *jsontext.Decoder, name string, fields []string) error {
	for _, f := range fields {
		if strings.EqualFold(name, f) {
			return errSlowPath
		}
	}
	_, err := dec.ReadValue()
	return err
}

// readFloat decodes a number into f; null leaves f as it is.
func readFloat(dec *jsontext.Decoder, f *float64) error {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		return err
	case '0':
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		v, ok := parseFloat(raw)
		if !ok {
			return errSlowPath
		}
		*f = v
		return nil
	}
	return errSlowPath
}

// readFloatPointer decodes a number into *p, allocating it when nil;
// null sets *p to nil.
func readFloatPointer(dec *jsontext.Decoder, p **float64) error {
	if dec.PeekKind() == 'n' {
		_, err := dec.ReadToken()
		*p = nil
		return err
	}
	var f float64
	if err := readFloat(dec, &f); err != nil {
		return err
	}
	if *p == nil {
		*p = new(float64)
	}
	**p = f
	return nil
}

// readEventType decodes the event type into t. A null, which would
// leave t as it is, goes to encoding/json, which finds the event type
// missing.
func readEventType(dec *jsontext.Decoder, t *Type) error {
	if dec.PeekKind() == 'n' {
		return errSlowPath
	}
	return readString(dec, (*string)(t))
}

// readString decodes a string into s; null leaves s as it is.
func readString(dec *jsontext.Decoder, s *string) error {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		return err
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		*s = tok.String()
		return nil
	}
	return errSlowPath
}

// readAttributeValues decodes an object into m as encoding/json decodes
// into a map[string]any, adding to the map m already holds.
func readAttributeValues(dec *jsontext.Decoder, m *AttributeValues) error {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		*m = nil
		return err
	case '{':
	default:
		return errSlowPath
	}
	if *m == nil {
		*m = AttributeValues{}
	}
	return readMembers(dec, *m)
}

// readMembers reads an object's members into m.
func readMembers(dec *jsontext.Decoder, m map[string]any) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		name := tok.String()
		v, err := readAny(dec)
		if err != nil {
			return err
		}
		m[name] = v
	}
	return closeObject(dec)
}

// readAny decodes a value as encoding/json decodes into an any.
func readAny(dec *jsontext.Decoder) (any, error) {
	switch dec.PeekKind() {
	case '{':
		m := map[string]any{}
		return m, readMembers(dec, m)
	case '[':
		if _, err := dec.ReadToken(); err != nil {
			return nil, err
		}
		list := []any{}
		for dec.PeekKind() != ']' {
			v, err := readAny(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.ReadToken()
		return list, err
	case '0':
		var f float64
		err := readFloat(dec, &f)
		return f, err
	}
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	switch tok.Kind() {
	case '"':
		return tok.String(), nil
	case 't', 'f':
		return tok.Bool(), nil
	case 'n':
		return nil, nil
	}
	return nil, errSlowPath
}
