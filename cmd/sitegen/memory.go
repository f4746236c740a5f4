package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// fitMemory sets the garbage collector's soft memory limit once the site
// is parsed and linked, to 3 times what the build then holds (at least
// 360 MiB): rendering makes short-lived garbage at a furious rate, and
// the default lets a big site's build grow to several times its data for
// no gain in speed. The margin matters: what the build holds grows while
// it renders (the search index, files waiting to be written), and a limit
// under the live heap makes the collector run without pause. A GOMEMLIMIT
// set by the user wins.
type fitMemory struct{ once sync.Once }

func (f *fitMemory) apply() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	f.once.Do(func() {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		debug.SetMemoryLimit(max(360<<20, int64(m.HeapAlloc)*3))
	})
}
