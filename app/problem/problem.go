// Package problem carries refusals a person must read: a translation key with its template
// data, the form field it concerns and the technical cause, so the window and the command
// line can say the same thing in the user's language.
package problem

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"townledger/app/ids"
	"townledger/data"
)

// Error is a refusal with a translation key.
type Error struct {
	Key   string         // translation key, e.g. "setup.town_name.empty"
	Data  map[string]any // template data for the translation
	Field string         // form field it concerns, "" for the whole form
	Err   error          // technical cause, for the log
}

// New makes a refusal for key with optional template data.
func New(key string, data map[string]any) *Error {
	return &Error{Key: key, Data: data}
}

// OnField makes a refusal about one form field.
func OnField(field, key string, data map[string]any) *Error {
	return &Error{Key: key, Data: data, Field: field}
}

// Error renders the key and its data in English-ish form for logs.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Key)
	keys := make([]string, 0, len(e.Data))
	for k := range e.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, e.Data[k])
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// List is several refusals at once, e.g. every invalid field of a form.
type List []*Error

func (l List) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Err returns nil for an empty list, so `return list.Err()` reads naturally.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// storeKeys maps store failures to what the user is told.
var storeKeys = map[data.ErrorKind]string{
	data.ErrBadPath:     "db.bad_path",
	data.ErrMissing:     "db.missing",
	data.ErrUnreadable:  "db.unreadable",
	data.ErrNotDatabase: "db.not_database",
	data.ErrLocked:      "db.locked",
	data.ErrNewerSchema: "db.newer_schema",
	data.ErrReadOnly:    "db.read_only",
	data.ErrFull:        "db.full",
	data.ErrConflict:    "db.conflict",
	data.ErrNotFound:    "db.not_found",
	data.ErrEmptyFile:   "db.empty",
	data.ErrForeign:     "db.foreign",
}

// From finds the refusal inside err, translating store and identifier errors; anything
// else becomes "error.unexpected" with the technical text as data.
func From(err error) *Error {
	if err == nil {
		return nil
	}
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	var ie *ids.Error
	if errors.As(err, &ie) {
		return &Error{Key: ie.Key, Data: ie.Data, Err: err}
	}
	var se *data.Error
	if errors.As(err, &se) {
		if key, ok := storeKeys[se.Kind]; ok {
			return &Error{Key: key, Data: map[string]any{"Path": se.Path, "Have": se.Have, "Known": se.Known}, Err: err}
		}
	}
	return &Error{Key: "error.unexpected", Data: map[string]any{"Detail": err.Error()}, Err: err}
}

// Keys lists the keys this package itself produces, for translation completeness tests.
func Keys() []string {
	out := []string{"error.unexpected"}
	for _, k := range storeKeys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
