package officetest

import (
	"runtime/metrics"
	"sync"
	"time"
)

// WatchHeap samples the heap every 5 ms until the returned function is called, without
// stopping the world: into peak its objects, live and not yet swept (like HeapAlloc), into
// live the heap the last GC found live — the gap is GC headroom (GOGC), not data. live may
// be nil.
func WatchHeap(peak, live *uint64) (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			if live != nil {
				*live = max(*live, sample[1].Value.Uint64())
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
