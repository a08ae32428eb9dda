package kit

import (
	"fmt"
	"io"
	"os"
	"strings"
	"townledger/app/cases/rules"
	"townledger/app/period"
	"townledger/ui/locale"

	"fyne.io/fyne/v2/widget"
)

// ReadLimited reads a chosen file, one byte past limit at most, so a huge file is refused
// by the size check without being read whole.
func ReadLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return b, nil
}

// StatusImportance colours a deadline by its state.
func StatusImportance(status string) widget.Importance {
	switch status {
	case rules.StatusOverdue:
		return widget.DangerImportance
	case rules.StatusDueSoon:
		return widget.WarningImportance
	case rules.StatusDone:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// Translate adapts locale.T to the app's Translate functions.
func Translate(key string, data map[string]any) string { return locale.T(key, data) }

// PeriodChoices labels periods ("2024-Q3") for a drop-down in the office's language, in the
// given order without repeats; periods maps each label back to its canonical period.
func PeriodChoices(candidates []string) (labels []string, periods map[string]string) {
	periods = map[string]string{}
	for _, p := range candidates {
		from, to, err := period.Parse(p)
		if err != nil {
			continue
		}
		l := period.Label(from, to, Translate)
		if _, seen := periods[l]; seen {
			continue
		}
		periods[l] = period.Canonical(from, to)
		labels = append(labels, l)
	}
	return labels, periods
}

// Lines splits a multi-line entry into its lines.
func Lines(s string) []string { return strings.Split(s, "\n") }
