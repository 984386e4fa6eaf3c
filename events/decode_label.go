package events

// This file decodes whole label events with a scanner, the quickest way
// [Parse] has: the large labels, and the many small ones of a labeling
// team at work, need no decoder at all. It covers the label types whose
// attributes the scanner reads; for the others, and for anything the
// scanner does not accept, Parse uses its decoder.

// labelOf returns the label of a label event.
func labelOf(ev Event) (*Label, bool) {
	switch e := ev.(type) {
	case *LabelUpdated:
		return &e.Label, true
	case *LabelDeleted:
		return &e.Label, true
	}
	return nil, false
}

// scanLabelEvent decodes payload into ev, a label event, and reports
// whether it could. When it could not, ev may be partly written.
func scanLabelEvent(payload []byte, ev Event) bool {
	label, ok := labelOf(ev)
	if !ok {
		return false
	}
	s := scanner{data: payload, st: newListState()}
	defer s.st.release()
	if !scanEnvelope(&s, ev.EventEnvelope(), label) {
		return false
	}
	s.peek()
	return s.i == len(s.data)
}

// scanEnvelope decodes an event whose object is a label.
func scanEnvelope(s *scanner, env *Envelope, label *Label) bool {
	seenObject := false
	return s.object(envelopeNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "event_type":
			// A null would leave the type as it is, where encoding/json
			// finds the event type missing.
			ok = s.peek() != 'n' && s.string((*string)(&env.Type))
		case "created_at":
			ok = s.time(&env.CreatedAt)
		case "api_version":
			ok = s.string(&env.APIVersion)
		case "dataset":
			ok = s.string(&env.DatasetName)
		case "text":
			ok = s.string(&env.Text)
		case "object":
			ok = !seenObject && scanLabel(s, label)
			seenObject = true
		default:
			return false, true
		}
		return true, ok
	})
}

// scanLabel decodes a label; null leaves l as it is. It takes only
// attributes that come after the label type, as Segments.ai orders them.
func scanLabel(s *scanner, l *Label) bool {
	if s.null() {
		return true
	}
	var attrs LabelAttributes
	var decodedAs TaskType
	seenAttributes := false
	ok := s.object(labelNames, func(name []byte) (known, ok bool) {
		switch string(name) {
		case "sample_uuid":
			ok = s.string(&l.SampleUUID)
		case "label_type":
			ok = s.string((*string)(&l.LabelType))
		case "label_status":
			ok = s.string((*string)(&l.LabelStatus))
		case "labelset":
			ok = s.string(&l.Labelset)
		case "attributes":
			ok = !seenAttributes && scanLabelAttributes(s, l.LabelType, &attrs)
			seenAttributes, decodedAs = true, l.LabelType
		case "created_at":
			ok = s.time(&l.CreatedAt)
		case "created_by":
			ok = s.string(&l.CreatedBy)
		case "updated_at":
			ok = s.time(&l.UpdatedAt)
		case "updated_by":
			ok = s.string(&l.UpdatedBy)
		case "score":
			ok = s.floatPointer(&l.Score)
		case "rating":
			ok = s.floatPointer(&l.Rating)
		case "reviewed_at":
			ok = s.time(&l.ReviewedAt)
		case "reviewed_by":
			ok = s.string(&l.ReviewedBy)
		default:
			return false, true
		}
		return true, ok
	})
	if !ok || attrs != nil && decodedAs != l.LabelType {
		return false
	}

	if attrs == nil {
		attrs = &RawLabelAttributes{} // absent or null, as the decoder gives
	}
	l.Attributes = attrs
	return true
}

// scanLabelAttributes decodes the attributes of a label of type
// labelType into *attrs; null sets *attrs to nil.
func scanLabelAttributes(s *scanner, labelType TaskType, attrs *LabelAttributes) bool {
	if s.null() {
		*attrs = nil
		return true
	}
	scan := scanAttributes(labelType)
	newAttributes, known := labelAttributeTypes[labelType]
	if scan == nil || !known || s.peek() != '{' {
		return false
	}
	a := newAttributes()
	if !scan(s, a) {
		return false
	}
	*attrs = a
	return true
}

// time decodes a point in time into t as [Time.UnmarshalJSON] does:
// anything but a string that holds a time gives the zero Time.
func (s *scanner) time(t *Time) bool {
	*t = Time{}
	if s.peek() != '"' {
		return s.skip()
	}
	text, ok := s.textBytes()
	if !ok {
		return false
	}
	// Segments.ai writes RFC 3339, which the time package reads from
	// bytes without allocating; other forms take the lenient way.
	if t.Time.UnmarshalText(text) == nil {
		t.Time = t.Time.UTC()
		return true
	}
	*t, _ = ParseTime(string(text))
	return true
}

// floatPointer decodes a number into *p, allocating it when nil; null
// sets *p to nil.
func (s *scanner) floatPointer(p **float64) bool {
	if s.null() {
		*p = nil
		return true
	}
	var f float64
	if !s.float(&f) {
		return false
	}
	if *p == nil {
		*p = new(float64)
	}
	**p = f
	return true
}
