package kit

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"townledger/app/problem"
	"townledger/app/workbook"
	"townledger/ui/locale"
)

// DateEntry is an entry for a calendar date typed as 2024-03-15 (2024/3/15 and 2024年3月15日
// are accepted too); it explains a date it cannot read as it is typed.
func DateEntry(required bool) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(locale.T("date.hint"))
	e.Validator = Validator(func(s string) error {
		_, err := ParseDay(s, required)
		return err
	})
	return e
}

// ParseDay reads a typed date; an empty optional date is the zero time.
func ParseDay(s string, required bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			return time.Time{}, problem.New("date.required", nil)
		}
		return time.Time{}, nil
	}
	t, err := workbook.ParseTypedDate(s)
	if err != nil {
		return time.Time{}, problem.New("date.invalid", map[string]any{"Value": s})
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local), nil
}
