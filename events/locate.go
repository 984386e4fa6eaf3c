package events

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
)

// This file names where a decoding error is. encoding/json reports the
// path of a value of the wrong type differently from one Go release to
// the next: up to Go 1.26 it prefixes the enclosing fields to an error
// that an UnmarshalJSON method returns, while Go 1.27's, built on
// encoding/json/v2, passes such an error on unchanged; and it names no
// array indices. So once encoding/json has failed, [Parse] and the
// UnmarshalJSON methods of this package walk the JSON again beside the
// Go type and name the first value that does not fit themselves, the
// same way on every release.

// A locator is a type whose UnmarshalJSON method decodes parts of the
// value in a form of their own, such as attributes chosen by a label
// type, and which so tells [locate] how to look for an error in it.
type locator interface {
	// locateJSON returns a type error for the first value in data, the
	// JSON of one value of the receiver's type, that does not fit, with
	// Field set to its path below that value; or nil when all fit.
	locateJSON(data []byte) *json.UnmarshalTypeError
}

var (
	locatorType     = reflect.TypeFor[locator]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
)

// locate finds the first value in data, in document order, that does
// not fit Go type t, as encoding/json decodes data into t, and returns
// a type error whose Field is that value's path below path, with array
// indices, such as "attributes.frames[2].pcd.url". It returns nil when
// every value fits or data is not valid JSON. It runs only after
// decoding failed, but it reads data in one pass, so that the time to
// report an error grows with the body alone.
func locate(path string, data []byte, t reflect.Type) *json.UnmarshalTypeError {
	w := walker{
		dec: jsontext.NewDecoder(bytes.NewReader(data),
			jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)),
		base: path,
	}
	return w.value(shapeOf(t))
}

// A walker reads one JSON value beside a Go type, keeping the path of
// the value it is at.
type walker struct {
	dec    *jsontext.Decoder
	base   string // the path of the value the walk started at
	steps  []step // the path from there
	broken bool   // the JSON could not be read, so nothing is reported
}

// A step is one part of a path: an array index, or an object key when
// the index is negative.
type step struct {
	key   string
	index int
}

// value checks the next value against shape s.
func (w *walker) value(s shape) *json.UnmarshalTypeError {
	kind := w.dec.PeekKind()
	if kind == 'n' {
		w.skip() // null leaves any Go value as it is
		return nil
	}

	switch s.form {
	case formLocator:
		loc := reflect.New(s.t).Interface().(locator)
		return w.below(ownType(loc.locateJSON(w.raw()), s.t))
	case formUnmarshaler:
		u := reflect.New(s.t).Interface().(json.Unmarshaler)
		return w.below(typeError(u.UnmarshalJSON(w.raw())))
	case formStruct:
		return w.object(kind, s.t, func(key string) (shape, string, bool) {
			return fieldFor(s.t, key)
		})
	case formMap:
		elem := shapeOf(s.t.Elem())
		return w.object(kind, s.t, func(key string) (shape, string, bool) {
			return elem, key, true
		})
	case formArray:
		return w.array(kind, s.t, shapeOf(s.t.Elem()))
	case formAny:
		return w.anyValue(kind, s)
	}
	return w.scalar(kind, s.t)
}

// object checks the members of a JSON object against struct or map type
// t, whose shape for a key, and the name the key has in paths, come
// from field.
func (w *walker) object(kind jsontext.Kind, t reflect.Type,
	field func(key string) (shape, string, bool),
) *json.UnmarshalTypeError {
	if kind != '{' {
		return w.mismatch(t)
	}
	w.token()
	for w.more() {
		key := w.token().String()
		elem, name, ok := field(key)
		if !ok {
			w.skip()
			continue
		}
		if typeErr := w.valueAt(step{key: name, index: -1}, elem); typeErr != nil {
			return typeErr
		}
	}
	w.token()
	return nil
}

// array checks the elements of a JSON array, which decodes into t,
// against shape elem.
func (w *walker) array(kind jsontext.Kind, t reflect.Type, elem shape) *json.UnmarshalTypeError {
	if kind != '[' {
		return w.mismatch(t)
	}
	w.token()
	for i := 0; w.more(); i++ {
		if typeErr := w.valueAt(step{index: i}, elem); typeErr != nil {
			return typeErr
		}
	}
	w.token()
	return nil
}

// valueAt checks the next value, found at step s below the current one,
// against shape elem.
func (w *walker) valueAt(s step, elem shape) *json.UnmarshalTypeError {
	w.steps = append(w.steps, s)
	typeErr := w.value(elem)
	w.steps = w.steps[:len(w.steps)-1]
	return typeErr
}

// anyValue checks a value that decodes into an empty interface, s: any
// JSON fits, except a number too large for a float64, which may lie
// deep inside objects and arrays.
func (w *walker) anyValue(kind jsontext.Kind, s shape) *json.UnmarshalTypeError {
	switch kind {
	case '{':
		return w.object(kind, s.t, func(key string) (shape, string, bool) {
			return s, key, true
		})
	case '[':
		return w.array(kind, s.t, s)
	}
	return w.scalar(kind, s.t)
}

// scalar checks a value that has no parts worth a path of their own:
// a string, a number, a bool, or anything for an interface.
func (w *walker) scalar(kind jsontext.Kind, t reflect.Type) *json.UnmarshalTypeError {
	raw := w.raw()
	if w.broken || fits(kind, raw, t) {
		return nil
	}
	typeErr := typeError(json.Unmarshal(raw, reflect.New(t).Interface()))
	if typeErr == nil {
		return nil
	}
	return &json.UnmarshalTypeError{Value: typeErr.Value, Type: typeErr.Type, Field: w.path()}
}

// path returns the path of the value the walker is at.
func (w *walker) path() string {
	b := []byte(w.base)
	for _, s := range w.steps {
		if s.index >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.index), 10)
			b = append(b, ']')
			continue
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, s.key...)
	}
	return string(b)
}

// A shape tells how [locate] reads the JSON of a Go type.
type shape struct {
	t    reflect.Type // the type without pointers
	form form
}

// A form is a way of reading a JSON value.
type form uint8

const (
	formScalar      form = iota // decoded whole
	formLocator                 // handed to the type's locateJSON
	formUnmarshaler             // handed to the type's UnmarshalJSON
	formStruct                  // member by member, into fields
	formMap                     // member by member, into map entries
	formArray                   // element by element
	formAny                     // as an empty interface
)

// shapeOf returns the shape of Go type t.
func shapeOf(t reflect.Type) shape {
	s := shape{t: t}
	for s.t.Kind() == reflect.Pointer {
		s.t = s.t.Elem()
	}
	switch p := reflect.PointerTo(s.t); {
	case p.Implements(locatorType):
		s.form = formLocator
	case p.Implements(unmarshalerType):
		s.form = formUnmarshaler
	case s.t.Kind() == reflect.Interface && s.t.NumMethod() == 0:
		s.form = formAny
	case s.t.Kind() == reflect.Struct:
		s.form = formStruct
	case s.t.Kind() == reflect.Map && s.t.Key().Kind() == reflect.String:
		s.form = formMap
	case s.t.Kind() == reflect.Array,
		s.t.Kind() == reflect.Slice && s.t.Elem().Kind() != reflect.Uint8:
		s.form = formArray
	}
	return s
}

// fits reports, for the common cases, that encoding/json decodes the
// scalar raw of kind into a t without error. False means only that the
// decoder must tell.
func fits(kind jsontext.Kind, raw []byte, t reflect.Type) bool {
	switch {
	case t.Kind() == reflect.Interface && t.NumMethod() == 0 && kind != '0':
		return true
	case kind == '"':
		return t.Kind() == reflect.String
	case kind == 't', kind == 'f':
		return t.Kind() == reflect.Bool
	case kind != '0':
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return t.NumMethod() == 0 && fitsFloat64(raw)
	case reflect.Float64:
		return fitsFloat64(raw)
	case reflect.Int, reflect.Int64, reflect.Int32:
		// A JSON number without a fraction or an exponent is an
		// integer; with 9 or 18 digits at most, it fits.
		digits := bytes.TrimPrefix(raw, []byte("-"))
		return len(digits) <= t.Bits()*9/32 && bytes.IndexAny(digits, ".eE") < 0
	}
	return false
}

// fitsFloat64 reports whether the JSON number raw is within the range
// of a float64.
func fitsFloat64(raw []byte) bool {
	// Without an exponent, fewer than 300 digits cannot overflow.
	if len(raw) < 300 && bytes.IndexAny(raw, "eE") < 0 {
		return true
	}
	_, err := strconv.ParseFloat(string(raw), 64)
	return err == nil
}

// mismatch passes over the value and reports that it cannot become a
// t.
func (w *walker) mismatch(t reflect.Type) *json.UnmarshalTypeError {
	raw := w.raw()
	if w.broken {
		return nil
	}
	return &json.UnmarshalTypeError{Value: jsonKind(raw), Type: t, Field: w.path()}
}

// below places typeErr, whose Field is a path below the current value,
// under the walker's path.
func (w *walker) below(typeErr *json.UnmarshalTypeError) *json.UnmarshalTypeError {
	if typeErr == nil || w.broken {
		return nil
	}
	return &json.UnmarshalTypeError{
		Value: typeErr.Value,
		Type:  typeErr.Type,
		Field: joinPath(w.path(), typeErr.Field),
	}
}

// more reports whether the object or array being read has another
// member or element.
func (w *walker) more() bool {
	switch w.dec.PeekKind() {
	case '}', ']':
		return false
	case 0:
		w.broken = true
		return false
	}
	return !w.broken
}

// token reads one token.
func (w *walker) token() jsontext.Token {
	tok, err := w.dec.ReadToken()
	w.broken = w.broken || err != nil
	return tok
}

// raw reads one whole value. The bytes are valid until the next read.
func (w *walker) raw() jsontext.Value {
	v, err := w.dec.ReadValue()
	w.broken = w.broken || err != nil
	return v
}

// skip passes over one value.
func (w *walker) skip() {
	w.broken = w.broken || w.dec.SkipValue() != nil
}

// ownType returns typeErr, which the locateJSON method of type t
// returned, naming t itself when the whole value has the wrong kind,
// rather than the unexported form through which t is decoded.
func ownType(typeErr *json.UnmarshalTypeError, t reflect.Type) *json.UnmarshalTypeError {
	if typeErr != nil && typeErr.Field == "" {
		typeErr.Type = t
	}
	return typeErr
}

// typeError returns err as the type error that encoding/json and the
// UnmarshalJSON methods of this package return unwrapped, or nil.
func typeError(err error) *json.UnmarshalTypeError {
	typeErr, _ := err.(*json.UnmarshalTypeError)
	return typeErr
}

// A jsonField is a field that encoding/json decodes an object key into.
type jsonField struct {
	name  string // the key, as spelt in the tag or the field's name
	shape shape
}

// jsonFields caches the fields of [fieldsOf] by struct type.
var jsonFields sync.Map // reflect.Type → []jsonField

// fieldFor returns the shape of the field of struct type t that
// encoding/json decodes key into, and that field's JSON name: the field
// of that exact name, or else the first whose name equals key under
// case folding.
func fieldFor(t reflect.Type, key string) (shape, string, bool) {
	fields := fieldsOf(t)
	for _, f := range fields {
		if f.name == key {
			return f.shape, f.name, true
		}
	}
	for _, f := range fields {
		if strings.EqualFold(f.name, key) {
			return f.shape, f.name, true
		}
	}
	return shape{}, "", false
}

// fieldsOf returns the fields that encoding/json decodes keys into, for
// struct type t, in their order, those of embedded structs included.
// Of fields with one JSON name, the one embedded least deeply wins, as
// in encoding/json; the types of this package have no ties to break.
func fieldsOf(t reflect.Type) []jsonField {
	if cached, ok := jsonFields.Load(t); ok {
		return cached.([]jsonField)
	}

	visible := reflect.VisibleFields(t)
	least := map[string]int{}
	for _, f := range visible {
		if name, ok := jsonName(f); ok {
			if d, seen := least[name]; !seen || len(f.Index) < d {
				least[name] = len(f.Index)
			}
		}
	}
	var fields []jsonField
	for _, f := range visible {
		if name, ok := jsonName(f); ok && least[name] == len(f.Index) {
			fields = append(fields, jsonField{name, shapeOf(f.Type)})
			least[name] = -1 // taken
		}
	}

	jsonFields.Store(t, fields)
	return fields
}

// jsonName returns the JSON key of struct field f, and false for a
// field that encoding/json skips, or an embedded struct, whose fields it
// reads as if they were the outer struct's.
func jsonName(f reflect.StructField) (string, bool) {
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch {
	case tag == "-", !f.IsExported() && !f.Anonymous:
		return "", false
	case f.Anonymous && tag == "":
		return "", false
	case tag != "":
		return tag, true
	}
	return f.Name, true
}

// joinPath appends the dotted path field to path.
func joinPath(path, field string) string {
	switch {
	case field == "":
		return path
	case path == "":
		return field
	}
	return path + "." + field
}
