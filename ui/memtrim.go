package ui

import (
	"runtime/debug"
	"sync"
	"time"
)

// trimDelay is how long the window stays on one screen before memory is given back.
const trimDelay = 3 * time.Second

// memTrim gives the system back the memory a change of screen left free, once the window has
// settled. Go keeps freed heap for reuse (up to about twice what is live) and an idle window
// allocates nothing that would make it return it: start-up alone (the bundled font parsed,
// the first screen built) left the sign-in screen holding ~25 MB it no longer used.
type memTrim struct {
	mu sync.Mutex
	t  *time.Timer
}

// soon schedules the trim trimDelay from now; a further change of screen postpones it, so
// someone moving through the sections pays for it once, after they stop.
func (m *memTrim) soon() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.t == nil {
		// On the timer's goroutine, not the UI's: a full collection takes some milliseconds.
		m.t = time.AfterFunc(trimDelay, debug.FreeOSMemory)
		return
	}
	m.t.Reset(trimDelay)
}
