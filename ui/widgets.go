package ui

import (
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/layout"

	"townledger/app/problem"
	"townledger/ui/locale"
)

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// strut is an invisible object that gives a container a minimum width.
func strut(width float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return r
}

// listMessage says every refusal in err, one per line.
func listMessage(err error) string {
	var l problem.List
	if errors.As(err, &l) {
		lines := make([]string, len(l))
		for i, p := range l {
			lines[i] = "• " + locale.T(p.Key, p.Data)
		}
		return strings.Join(lines, "\n")
	}
	return locale.Err(err)
}
