// Package locale puts the interface in the office's language through Fyne's lang package:
// Simplified Chinese by default, English when chosen, whatever the system's locale.
package locale

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"townledger/app/problem"
	"townledger/assets"
	"townledger/ui/locale/sysenv"
)

// Default is the language used unless the office chose another.
const Default = "zh-Hans"

// current is the language last applied; the Fyne app is the only other global state.
var current = Default

// Use makes lang the language of every string from now on. Fyne picks translations by the
// system locale, which an office cannot rely on (English Windows in a Chinese office), so the
// chosen file is loaded both as the system locale's and as the fallback language's messages;
// it also carries Fyne's own strings (OK, Cancel …), so dialogs follow.
func Use(language string) error {
	// Fyne reads the system locale again as translations load; a POSIX one is mended first.
	sysenv.QuietPOSIXLocale()
	raw, err := assets.Translations.ReadFile("translations/" + language + ".json")
	if err != nil {
		return fmt.Errorf("no translations for %q: %w", language, err)
	}
	for _, loc := range []fyne.Locale{"en", lang.SystemLocale()} {
		if err := lang.AddTranslationsForLocale(raw, loc); err != nil {
			return fmt.Errorf("load %s translations: %w", language, err)
		}
	}
	current = language
	return nil
}

// Current is the language in use.
func Current() string { return current }

// T translates key, filling in the template data if given.
func T(key string, data ...map[string]any) string {
	if len(data) > 0 && data[0] != nil {
		return lang.X(key, key, nested(data[0]))
	}
	return lang.X(key, key)
}

// nested translates the values that are themselves refusals or names by key (a table's
// name inside a finding), so the app layer can compose a line without knowing the language.
func nested(data map[string]any) map[string]any {
	var out map[string]any
	set := func(k string, v any) {
		if out == nil {
			out = make(map[string]any, len(data))
			for k2, v2 := range data {
				out[k2] = v2
			}
		}
		out[k] = v
	}
	for k, v := range data {
		switch x := v.(type) {
		case *problem.Error:
			if x != nil {
				set(k, T(x.Key, x.Data))
			}
		case []any: // a list, each item said and joined as the language lists things
			parts := make([]string, len(x))
			for i, item := range x {
				if p, ok := item.(*problem.Error); ok && p != nil {
					parts[i] = T(p.Key, p.Data)
				} else {
					parts[i] = fmt.Sprint(item)
				}
			}
			set(k, strings.Join(parts, T("cli.list_separator")))
		}
	}
	if out == nil {
		return data
	}
	return out
}

// Err says err in the user's language: a refusal by its key, anything else as an
// unexpected error with its technical text.
func Err(err error) string {
	p := problem.From(err)
	if p == nil {
		return ""
	}
	return T(p.Key, p.Data)
}

// Lines says each refusal in err on a line of its own: every entry of a problem.List, or
// the one refusal err carries.
func Lines(err error) []string {
	var l problem.List
	if errors.As(err, &l) {
		out := make([]string, len(l))
		for i, p := range l {
			out[i] = T(p.Key, p.Data)
		}
		return out
	}
	if err == nil {
		return nil
	}
	return []string{Err(err)}
}

// Keys lists the keys of one language's file, for completeness tests.
func Keys(language string) ([]string, error) {
	raw, err := assets.Translations.ReadFile("translations/" + language + ".json")
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s.json: %w", language, err)
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}
