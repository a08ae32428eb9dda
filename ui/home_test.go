package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"townledger/app/office"
	"townledger/ui/cases"
	"townledger/ui/home"
)

// heldReadings replaces the screens' background readings named in hold with ones that wait
// until the test lets them go (release) or the screen is left (their context cancelled),
// and tells the test of each reading named first as it starts. The home page's figures are
// held alongside its agenda: Fyne's test driver shows background results on the background
// goroutine, which must not run alongside the test's taps.
func heldReadings(t *testing.T, u *UI, hold ...string) (started chan context.Context, release chan struct{}) {
	started, release = make(chan context.Context, 4), make(chan struct{})
	env := u.Shell.Env
	env.ReadGate = func(ctx context.Context, what string) error {
		if !slices.Contains(hold, what) {
			return nil
		}
		if what == hold[0] {
			started <- ctx
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-release:
			return nil
		case <-time.After(30 * time.Second): // read before the screen was shown: fail, not hang
			return context.DeadlineExceeded
		}
	}
	t.Cleanup(func() {
		env.ReadGate = nil
		select {
		case <-release:
		default:
			close(release) // a failed test lets a held reading end, or the run waits for it
		}
	})
	return started, release
}

// readingStarted is the context of the held reading the screen just started; a generous
// limit keeps a broken screen from hanging the run (it measures nothing).
func readingStarted(t *testing.T, started chan context.Context) context.Context {
	t.Helper()
	select {
	case ctx := <-started:
		return ctx
	case <-time.After(30 * time.Second):
		t.Fatal("the screen never started its reading")
		return nil
	}
}

// TestHomeShowsItsFrameBeforeItsAgendaAndLeavingStopsTheReading: the home page is on screen
// — greeting, cards, the agenda's card saying it is being read — while its agenda is still
// being read; leaving the page cancels that reading and nothing of it is shown; when the
// reading ends, the agenda fills the card.
func TestHomeShowsItsFrameBeforeItsAgendaAndLeavingStopsTheReading(t *testing.T) {
	u := signedIn(t)
	if err := u.Office.Demo.Load(context.Background(), office.System, u.Now()); err != nil {
		t.Fatal(err)
	}
	u.tasks.Wait() // the first home page's own reading, before the hold
	started, release := heldReadings(t, u, "agenda", "counts")

	u.Shell.Select("nav.cases")
	u.Shell.Select("nav.home")
	h, ok := u.Shell.Current.(*home.Home)
	if !ok {
		t.Fatalf("the home page is not shown: %T", u.Shell.Current)
	}
	ctx := readingStarted(t, started)
	if h.Loaded || len(h.DueButtons) != 0 || !slices.Contains(h.AgendaBox.Objects, fyne.CanvasObject(h.Loading)) || !h.Loading.Visible() {
		t.Fatalf("while the agenda is read the card should say so: loaded %v, %d lines, box %v", h.Loaded, len(h.DueButtons), h.AgendaBox.Objects)
	}
	if h.Loading.Text != "正在读取在办案件的期限…" || h.Cards[office.ListParties].Title != "…" {
		t.Errorf("frame: loading line %q, enterprise figure %q", h.Loading.Text, h.Cards[office.ListParties].Title)
	}
	if ctx.Err() != nil {
		t.Fatal("the reading was cancelled while the page was still shown")
	}

	// Leaving by the page's own link (the cases figure) stops the reading at once.
	test.Tap(h.Cards[office.ListCases])
	if _, ok := u.Shell.Current.(*cases.Cases); !ok {
		t.Fatalf("the cases figure opened %T", u.Shell.Current)
	}
	if ctx.Err() == nil {
		t.Fatal("leaving the home page did not cancel its agenda reading")
	}
	u.tasks.Wait()
	if h.Loaded || len(h.DueButtons) != 0 {
		t.Error("a cancelled reading filled the page that was left")
	}

	// Leaving by the navigation stops it as well: the shell tells the page it is replaced.
	u.Shell.Select("nav.home")
	ctx = readingStarted(t, started)
	u.Shell.Select("nav.parties")
	if ctx.Err() == nil {
		t.Fatal("choosing another section did not cancel the home page's agenda reading")
	}
	u.tasks.Wait()

	// Back on the home page, the reading let go: the agenda replaces the loading line.
	u.Shell.Select("nav.home")
	h = u.Shell.Current.(*home.Home)
	readingStarted(t, started)
	close(release)
	u.tasks.Wait()
	if !h.Loaded || h.Agenda.Open != 6 || len(h.DueButtons) == 0 || slices.Contains(h.AgendaBox.Objects, fyne.CanvasObject(h.Loading)) {
		t.Fatalf("after reading: loaded %v, %d open, %d lines", h.Loaded, h.Agenda.Open, len(h.DueButtons))
	}
	if got := h.Cards[office.ListParties].Title; got != "46" {
		t.Errorf("enterprise figure %q", got)
	}
	// The page is laid out again for the filled card: its last line ends above the reports'
	// card instead of being drawn over it.
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	last := h.DueButtons[len(h.DueButtons)-1]
	if bottom, next := abs(last).Y+last.Size().Height, abs(h.ReportButtons[0]).Y; len(h.ReportButtons) == 0 || bottom > next {
		t.Errorf("the agenda's last line ends at %.0f, below the first report line at %.0f", bottom, next)
	}
}
