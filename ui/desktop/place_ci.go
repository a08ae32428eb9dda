//go:build !windows && ci

package desktop

import "fyne.io/fyne/v2"

// Place does nothing under the test driver, which has no screen.
func Place(fyne.Window, fyne.Preferences, fyne.Size) {}

// Remember does nothing under the test driver.
func Remember(fyne.Window, fyne.Preferences) {}
