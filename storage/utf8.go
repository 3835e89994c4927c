package storage

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// checkUTF8 refuses a record holding a string that is not valid UTF-8:
// JSON would store U+FFFD in place of each bad byte, so the record read
// back would differ from the one written, and the write would be
// reported as done. What is refused is named by the record's kind and the
// field's JSON name ("the claim's statement").
func checkUTF8(v any) error {
	rv := reflect.ValueOf(v)
	record := strings.ToLower(reflect.Indirect(rv).Type().Name())
	if field, ok := invalidUTF8(rv, ""); !ok {
		if field == "" {
			return invalid("the %s is not valid UTF-8 text", record)
		}
		return invalid("the %s's %s is not valid UTF-8 text", record, field)
	}
	return nil
}

// invalidUTF8 walks v and reports the JSON name of the first field whose
// text is not valid UTF-8, and false; or true when all of it is valid.
// name is the field v was reached through.
func invalidUTF8(v reflect.Value, name string) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		return name, utf8.ValidString(v.String())
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "", true
		}
		return invalidUTF8(v.Elem(), name)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return "", true // bytes, which JSON writes as base64
		}
		for i := range v.Len() {
			if f, ok := invalidUTF8(v.Index(i), name); !ok {
				return f, false
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if f, ok := invalidUTF8(it.Key(), name); !ok {
				return f, false
			}
			if f, ok := invalidUTF8(it.Value(), name); !ok {
				return f, false
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue // time.Time and the like: not text
			}
			field := sf.Name
			if tag, _, _ := strings.Cut(sf.Tag.Get("json"), ","); tag == "-" {
				continue
			} else if tag != "" {
				field = tag
			}
			if sf.Anonymous {
				field = name // an embedded struct's fields are its own
			}
			if f, ok := invalidUTF8(v.Field(i), field); !ok {
				return f, false
			}
		}
	}
	return "", true
}
